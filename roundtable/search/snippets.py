"""The matching passage of a result, with the query's words marked.

Matching runs on the folded text and on stems (so "Strasse" marks "Straße"
and "Anträge" marks "Antrag"), marking on the original; a snippet is a list
of ``(text, marked)`` pieces that the template escapes like any other text,
so nothing a user typed is ever markup.
"""
from ..text import fold
from ..words import WORD, stem


def _hits(text, words):
    """(start, end) of each word of ``text`` that one of ``words`` (folded) begins."""
    if not words:
        return []
    stems = [stem(w) for w in words]
    found = []
    for m in WORD.finditer(text):
        folded = fold(m.group())
        if any(folded.startswith(w) for w in words) or any(
                stem(folded).startswith(s) for s in stems):
            found.append((m.start(), m.end()))
    return found


def _pieces(text, hits, start, end):
    pieces, pos = [], start
    for s, e in hits:
        if s < start or e > end:
            continue
        if s > pos:
            pieces.append((text[pos:s], False))
        pieces.append((text[s:e], True))
        pos = e
    if pos < end:
        pieces.append((text[pos:end], False))
    return pieces


def mark(text, words):
    """The whole of ``text`` (a title) as pieces, never shortened."""
    text = text or ""
    return _pieces(text, _hits(text, words), 0, len(text))


def snippet(text, words, width=220):
    """A passage of about ``width`` characters around the first hit, as pieces."""
    text = " ".join((text or "").split())
    hits = _hits(text, words)
    if not hits:
        cut = text[:width]
        return [(cut + ("…" if len(text) > width else ""), False)] if cut else []
    first = hits[0][0]
    start = max(0, first - width // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = min(len(text), start + width)
    pieces = [("…", False)] if start else []
    pieces += _pieces(text, hits, start, end)
    if end < len(text):
        pieces.append(("…", False))
    return pieces
