"""German-aware text helpers shared by URL naming and searching.

Kept in one place so that a name typed as "Straße", "STRASSE" or "Strasse"
always folds to the same key, whether it becomes a URL segment or a search term.
"""
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
