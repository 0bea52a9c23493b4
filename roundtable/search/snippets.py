"""The matching passage of a result, with the query's words marked.

Matching runs on the folded text and on stems (so "Strasse" marks "Straße"
and "Anträge" marks "Antrag"), marking on the original; a snippet is a list
of ``(text, marked)`` pieces that the template escapes like any other text,
so nothing a user typed is ever markup. Only the words up to the end of the
shown passage are looked at, and each distinct word is folded and stemmed
once per process.
"""
import functools
import itertools

from ..text import fold
from ..words import WORD, stem


@functools.lru_cache(maxsize=65536)
def _forms(word):
    """A word of a text as folded and as stemmed."""
    folded = fold(word)
    return folded, stem(folded)


def _hits(text, words):
    """(start, end) of each word of ``text`` that one of ``words`` (folded)
    begins, in order, found lazily (a snippet stops after its passage)."""
    if not words:
        return
    stems = [stem(w) for w in words]
    for m in WORD.finditer(text):
        folded, word_stem = _forms(m.group())
        if any(folded.startswith(w) for w in words) or any(
                word_stem.startswith(s) for s in stems):
            yield m.start(), m.end()


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
    return _pieces(text, list(_hits(text, words)), 0, len(text))


def snippet(text, words, width=220):
    """A passage of about ``width`` characters around the first hit, as pieces."""
    text = " ".join((text or "").split())
    hits = _hits(text, words)
    found = next(hits, None)
    if found is None:
        cut = text[:width]
        return [(cut + ("…" if len(text) > width else ""), False)] if cut else []
    first = found[0]
    start = max(0, first - width // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = min(len(text), start + width)
    pieces = [("…", False)] if start else []
    shown = itertools.chain([found], itertools.takewhile(lambda hit: hit[0] < end, hits))
    pieces += _pieces(text, shown, start, end)
    if end < len(text):
        pieces.append(("…", False))
    return pieces
