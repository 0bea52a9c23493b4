"""Each recipient's message from a template compiled once per job and language.

The worker sends 5,000 messages of one issue that differ only in a few
places: the address, the greeting, the signed preferences and unsubscribe
links. Building each with the ``email`` package (MIME objects, encoding the
whole body) cost more than handing it to the server. So the headers and both
alternatives are encoded once (quoted-printable, line by line, which is how
that encoding works: each line stands alone), and only the lines holding a
personal placeholder are encoded per message; a message is then one join of
ready bytes. The result is the same MIME structure ``queueing.build_message``
makes (multipart/alternative, text and HTML, the RFC 8058 headers).
"""
import binascii
import html
import time
from email.header import Header
from email.utils import formataddr, formatdate

from .queueing import subscriber_urls
from .subscribers import one_line

GREETING, PREFS, WEB = "@@GREETING@@", "@@PREFS_URL@@", "@@WEB_URL@@"


def _qp(line):
    """One line (no line break) quoted-printable; soft breaks as CRLF."""
    return binascii.b2a_qp(line.encode("utf-8"), istext=True).replace(b"\n", b"\r\n")


def _words(value, name):
    """Text for a header: as it is if ASCII, else RFC 2047 words, folded."""
    value = one_line(value, 998)
    if value.isascii():
        return value
    return Header(value, "utf-8", header_name=name).encode(linesep="\r\n")


def _header(name, value):
    """``Name: value`` (see ``_words``); CRLF at the end."""
    return f"{name}: {_words(value, name)}\r\n".encode("ascii")


class _Body:
    """One alternative: runs of ready bytes and the lines to fill per message."""

    def __init__(self, body, escape):
        self.escape = escape
        self.parts, fixed = [], []
        for line in body.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
            if GREETING in line or PREFS in line:
                if fixed:
                    self.parts.append(b"".join(fixed))
                    fixed = []
                self.parts.append(line)
            else:
                fixed.append(_qp(line) + b"\r\n")
        if fixed:
            self.parts.append(b"".join(fixed))

    def fill(self, greeting, prefs_url):
        greeting, prefs_url = self.escape(greeting), self.escape(prefs_url)
        return b"".join(part if isinstance(part, bytes) else
                        _qp(part.replace(GREETING, greeting).replace(PREFS, prefs_url)) + b"\r\n"
                        for part in self.parts)


def _html_escape(value):
    return html.escape(value, quote=True)


class CompiledIssue:
    """The messages of one job (``jobs.make_job``): ``message(recipient row)``
    returns the bytes to hand to SMTP, CRLF line ends."""

    def __init__(self, job, secret):
        self.fields = fields = job["fields"]
        self.secret = secret
        self.languages = job["languages"]
        self.sender = fields["sender_email"]
        self.domain = self.sender.rpartition("@")[2] or "localhost"
        self.boundary = f"=_roundtable_{fields['uid']}"   # "=_" never occurs in quoted-printable
        self.head = b"".join([
            _header("From", formataddr((one_line(fields["sender_name"]), self.sender), "utf-8")),
            _header("Subject", fields["subject"]),
            b"MIME-Version: 1.0\r\n",
            # the list's title may need encoding, its id in brackets never does (RFC 2919)
            f"List-Id: {_words(fields['list_title'], 'List-Id')} <{fields['list']}.newsletter.invalid>\r\n"
            .encode("ascii"),
            b"List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n",
            _header("Reply-To", fields["reply_to"]) if fields["reply_to"] else b"",
            f'Content-Type: multipart/alternative; boundary="{self.boundary}"\r\n'.encode("ascii"),
        ])
        self.unsubscribe_mailto = f"<mailto:{self.sender}?subject=unsubscribe>"
        self._compiled = {}
        self._date = (0, "")

    def _language(self, language):
        compiled = self._compiled.get(language)
        if compiled is None:
            parts = self.languages[language]
            web = self.fields["web_url"]
            open_part = (f"--{self.boundary}\r\n"
                         "Content-Type: text/{}; charset=\"utf-8\"\r\n"
                         "Content-Transfer-Encoding: quoted-printable\r\n\r\n")
            compiled = self._compiled[language] = (
                parts, open_part.format("plain").encode("ascii"),
                _Body(parts["text"].replace(WEB, web), lambda v: v),
                open_part.format("html").encode("ascii"),
                _Body(parts["html"].replace(WEB, _html_escape(web)), _html_escape),
                f"--{self.boundary}--\r\n".encode("ascii"))
        return compiled

    def date(self):
        second = int(time.time())
        if self._date[0] != second:
            self._date = (second, formatdate(second))
        return self._date[1]

    def message(self, row):
        parts, open_text, text, open_html, html_body, close = self._language(row["language"])
        name = one_line(row["name"])
        greeting = parts["hello_name"].replace("@@NAME@@", name) if name else parts["hello"]
        prefs, unsubscribe = subscriber_urls(self.fields["base_url"], self.secret,
                                             _Recipient(row["id"]), self.fields["list"])
        head = (f"To: {one_line(row['email'])}\r\nDate: {self.date()}\r\n"
                f"Message-Id: <{self.fields['uid']}.{row['id']}@{self.domain}>\r\n"
                f"List-Unsubscribe: <{unsubscribe}>,\r\n {self.unsubscribe_mailto}\r\n").encode("utf-8")
        return b"".join((self.head, head, b"\r\n", open_text, text.fill(greeting, prefs),
                         open_html, html_body.fill(greeting, prefs), close))


class _Recipient:
    __slots__ = ("id",)

    def __init__(self, subscriber_id):
        self.id = subscriber_id
