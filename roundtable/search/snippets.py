"""The matching passage of a result, with the query's words marked.

Matching runs on the folded text and on stems (so "Strasse" marks "Straße"
and "Anträge" marks "Antrag"), marking on the original; a snippet is a list
of ``(text, marked)`` pieces that the template escapes like any other text,
so nothing a user typed is ever markup. Only the words up to the end of the
shown passage are located, each distinct word of a text is judged once per
snippet, and folded and stemmed once per process.
"""
import functools
import itertools
import re

from ..text import fold
from ..words import WORD, stem


@functools.lru_cache(maxsize=65536)
def _forms(word):
    """A word of a text as folded and as stemmed."""
    folded = fold(word)
    return folded, stem(folded)


def _matching(text, words):
    """The distinct words of ``text`` that one of ``words`` (folded) begins, as
    such or as stems: each distinct word is judged once (C-level prefix tests
    against all query forms at once), not each of its occurrences."""
    stems = tuple(stem(w) for w in words)
    words = tuple(words)
    found = set()
    for word in set(WORD.findall(text)):
        folded, word_stem = _forms(word)
        if folded.startswith(words) or word_stem.startswith(stems):
            found.add(word)
    return found


@functools.lru_cache(maxsize=4096)
def _finder(matching):
    """A pattern finding whole occurrences of the words ``matching`` (a
    frozenset): the scan over a long text then runs in C, and the same set
    of words (the same query on similar texts) is compiled once."""
    alternatives = "|".join(map(re.escape, sorted(matching, key=lambda w: (-len(w), w))))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def _hits(text, words):
    """(start, end) of each word of ``text`` that one of ``words`` (folded)
    begins, in order, found lazily (a snippet stops after its passage)."""
    if not words:
        return
    matching = _matching(text, words)
    if not matching:
        return
    for m in _finder(frozenset(matching)).finditer(text):
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
