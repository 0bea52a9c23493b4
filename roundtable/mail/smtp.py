"""How the worker hands a message over: one SMTP connection kept open for a
whole run (re-opened after an error), or a mailer object (the development
outbox when no SMTP host is configured).

A transport's ``send(fromaddr, toaddrs, data, before_commit)`` returns the
server's final answer or raises ``PermanentFailure`` (5xx: that recipient's
mail is refused for good), ``TemporaryFailure`` (4xx, or the connection lost
before the answer) or ``ServerUnreachable`` (no connection at all).
``before_commit`` is called once the server has accepted the envelope, just
before the message and its final ``.`` go out: from then on the message may
be delivered even if we never see the answer.
"""
import email
import os
import re
import smtplib
import socket

from .queue import make_mailer


class TemporaryFailure(Exception):
    pass


class PermanentFailure(Exception):
    pass


class ServerUnreachable(TemporaryFailure):
    """No connection at all: the rest of this run would fail the same way."""


# how a lost connection shows (ServerUnreachable is raised before any of these)
_LOST = (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError, socket.timeout, ConnectionError,
         OSError)
_PLAIN_ADDRESS = re.compile(r"^[^\s<>()\",;:\\]+@[^\s<>()\",;:\\]+$")


def _quoted(data):
    """The DATA payload (``data`` has CRLF line ends): dots at line starts
    doubled, CRLF at the end, the final ``.``. (``bytes.replace`` is many
    times faster than the regular expressions smtplib uses.)"""
    data = data.replace(b"\r\n.", b"\r\n..")
    if data.startswith(b"."):
        data = b"." + data
    return data + (b".\r\n" if data.endswith(b"\r\n") else b"\r\n.\r\n")


def _envelope(smtp, verb, address):
    """``MAIL FROM``/``RCPT TO``; a plain address goes out as it is (smtplib
    would parse it as a header first, which costs more than the command)."""
    if address.isascii() and _PLAIN_ADDRESS.match(address):
        return smtp.docmd(verb, f"{'FROM' if verb == 'mail' else 'TO'}:<{address}>")
    return smtp.mail(address) if verb == "mail" else smtp.rcpt(address)


class SMTPTransport:
    """One SMTP connection reused for every message of a run; closed after a
    temporary failure or a lost connection and opened again for the next one."""

    def __init__(self, settings):
        self.host = settings["mail.host"].strip()
        self.port = int(settings.get("mail.port", 25))
        self.tls = str(settings.get("mail.tls", "false")).lower() in ("1", "true", "yes", "on")
        self.username = settings.get("mail.username") or os.environ.get("ROUNDTABLE_SMTP_USER")
        self.password = settings.get("mail.password") or os.environ.get("ROUNDTABLE_SMTP_PASSWORD")
        self.smtp = None
        self.connections = 0   # opened so far (a run should need one)
        self.used = 0

    def _connect(self):
        if self.smtp is None:
            smtp = smtplib.SMTP(self.host, self.port, timeout=60)
            # Commands are answered one by one; without NODELAY, Nagle's
            # algorithm could hold a short write back until the server's
            # delayed ACK, some 40 ms per message.
            smtp.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            smtp.ehlo()
            if self.tls:
                smtp.starttls()
                smtp.ehlo()
            if self.username:
                smtp.login(self.username, self.password or "")
            self.smtp = smtp
            self.connections += 1
            self.used = 0   # transactions begun on this connection
        return self.smtp

    def close(self):
        if self.smtp is not None:
            try:
                self.smtp.quit()
            except (smtplib.SMTPException, OSError):
                try:
                    self.smtp.close()
                except OSError:
                    pass
            self.smtp = None

    def _check(self, code, answer, *expected):
        text = f"{code} {answer.decode('utf-8', 'replace') if isinstance(answer, bytes) else answer}"
        if code in expected:
            return text
        if code == 421 or code < 400:   # the server is closing, or talks nonsense
            self.close()
        else:
            self._reset()   # the connection stays usable for the next message
        if 500 <= code <= 599:
            raise PermanentFailure(text)
        raise TemporaryFailure(text)

    def _reset(self):
        try:
            self.smtp.rset()
        except (smtplib.SMTPException, OSError):
            self.close()

    def _open(self):
        try:
            return self._connect()
        except (smtplib.SMTPException, OSError) as exc:
            self.close()
            raise ServerUnreachable(str(exc) or exc.__class__.__name__) from None

    def _mail(self, fromaddr):
        """MAIL FROM on the kept connection. If the server closed it since the
        last message (an idle timeout, a limit of messages per connection: the
        connection lost, or 421), it is opened anew once: nothing of this
        message went out yet, so this is no retry."""
        smtp = self._open()
        reused = self.used > 0
        try:
            code, answer = _envelope(smtp, "mail", fromaddr)
        except _LOST as exc:
            code, answer = 421, str(exc) or exc.__class__.__name__
        if code == 421 and reused:
            self.close()
            smtp = self._open()
            code, answer = _envelope(smtp, "mail", fromaddr)
        self._check(code, answer, 250)
        self.used += 1
        return smtp

    def send(self, fromaddr, toaddrs, data, before_commit):
        try:
            smtp = self._mail(fromaddr)
            for to in toaddrs:
                self._check(*_envelope(smtp, "rcpt", to), 250, 251)
            self._check(*smtp.docmd("DATA"), 354)
            before_commit()
            smtp.send(_quoted(data))
            return self._check(*smtp.getreply(), 250)
        except _LOST as exc:
            # No answer, no delivery: the message is tried again (the server
            # may have accepted it, so this one message may arrive twice).
            self.close()
            raise TemporaryFailure(str(exc) or exc.__class__.__name__) from None


class MailerTransport:
    """Any mailer with ``send(fromaddr, toaddrs, message)``: the development
    outbox (no SMTP configured) or a mailer handed in by a caller."""

    def __init__(self, mailer):
        self.mailer = mailer

    def send(self, fromaddr, toaddrs, data, before_commit):
        before_commit()
        self.mailer.send(fromaddr, toaddrs, email.message_from_bytes(data))
        return "250 stored"

    def close(self):
        pass


def make_transport(settings, mailer=None):
    if mailer is not None:
        return MailerTransport(mailer)
    if settings.get("mail.host", "").strip():
        return SMTPTransport(settings)
    return MailerTransport(make_mailer(settings))
