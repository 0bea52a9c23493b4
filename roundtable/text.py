"""German-aware text helpers shared by URL naming and searching.

Kept in one place so that a name typed as "Straße", "STRASSE" or "Strasse"
always folds to the same key, whether it becomes a URL segment or a search term,
and so that text typed into a multi-line field keeps its paragraphs and line
breaks everywhere it is shown (page, print, PDF, mail): browsers send ``\r\n``,
so every caller goes through ``paragraphs`` / ``to_html`` instead of splitting
at ``"\n\n"`` itself.
"""
import html
import re
import unicodedata

_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ẞ": "ss"})


def fold(text):
    """Case- and umlaut-insensitive form of ``text`` for comparisons."""
    text = (text or "").casefold().translate(_GERMAN)
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


def slugify(text, fallback="item"):
    """A readable, stable URL segment: lower case ASCII words joined by hyphens."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    return slug[:60].strip("-") or fallback


def matches(query, *texts):
    """True when every folded word of ``query`` occurs in one of ``texts``."""
    haystack = " ".join(fold(t) for t in texts if t)
    return all(word in haystack for word in fold(query).split())


def normalize_newlines(text):
    """``text`` with ``\r\n`` and lone ``\r`` (as browsers and old Macs send them) as ``\n``."""
    return (text or "").replace("\r\n", "\n").replace("\r", "\n")


def paragraphs(text):
    """Paragraphs of plain text (split at blank lines), each a list of its lines.

    Trailing blanks of a line are dropped; a paragraph of only blanks is no paragraph.
    """
    text = normalize_newlines(text).strip()
    return [[line.rstrip() for line in block.strip("\n").split("\n")]
            for block in re.split(r"\n[ \t]*\n\s*", text) if block.strip()]


class Markup(str):
    """A string that is already safe HTML: Chameleon inserts it unescaped (``__html__``)."""

    def __html__(self):
        return str(self)


# http(s) addresses, "www." addresses and e-mail addresses; a trailing punctuation
# mark ends the sentence, not the link.
_LINK = re.compile(
    r"(?P<url>(?:https?://|www\.)[^\s<>\"']+[^\s<>\"'.,;:!?)\]}])"
    r"|(?P<mail>[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})")


def linkify(line):
    """One line of plain text as escaped HTML with web and mail addresses as links."""
    out, pos = [], 0
    for match in _LINK.finditer(line):
        out.append(html.escape(line[pos:match.start()], quote=False))
        shown = match.group(0)
        if match.group("mail"):
            href = "mailto:" + shown
        elif shown.startswith("www."):
            href = "https://" + shown
        else:
            href = shown
        out.append('<a href="%s">%s</a>' % (html.escape(href), html.escape(shown, quote=False)))
        pos = match.end()
    out.append(html.escape(line[pos:], quote=False))
    return "".join(out)


def paragraphs_html(text):
    """The inner HTML of each paragraph (lines joined by ``<br>``), for callers that
    style their own ``<p>`` (the HTML mail, which needs inline styles)."""
    return [Markup("<br>\n".join(linkify(line) for line in para)) for para in paragraphs(text)]


def to_html(text):
    """Plain text as safe HTML: ``<p>`` per paragraph, ``<br>`` per line break,
    everything escaped, addresses clickable. The one place that does this."""
    return Markup("\n".join("<p>%s</p>" % para for para in paragraphs_html(text)))
