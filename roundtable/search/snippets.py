"""The matching passage of a result, with the query's words marked.

Matching runs on the folded text (so "Strasse" marks "Straße"), marking on the
original; a snippet is a list of ``(text, marked)`` pieces that the template
escapes like any other text, so nothing a user typed is ever markup.
"""
import re

from ..text import fold

WORD = re.compile(r"\w+")


def _folded_words(text):
    """Each word of ``text`` as (start, end, folded form)."""
    return [(m.start(), m.end(), fold(m.group())) for m in WORD.finditer(text)]


def snippet(text, words, width=220):
    """A passage of about ``width`` characters around the first hit, as pieces."""
    text = " ".join((text or "").split())
    found = _folded_words(text)
    hits = [(s, e) for s, e, f in found if any(f.startswith(w) for w in words)] if words else []
    if not hits:
        cut = text[:width]
        return [(cut + ("…" if len(text) > width else ""), False)] if cut else []
    first = hits[0][0]
    start = max(0, first - width // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = min(len(text), start + width)
    pieces, pos = [], start
    if start:
        pieces.append(("…", False))
    for s, e in hits:
        if s < start or e > end:
            continue
        if s > pos:
            pieces.append((text[pos:s], False))
        pieces.append((text[s:e], True))
        pos = e
    if pos < end:
        pieces.append((text[pos:end], False))
    if end < len(text):
        pieces.append(("…", False))
    return pieces
