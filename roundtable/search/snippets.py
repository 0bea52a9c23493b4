"""The matching passage of a result, with the query's words marked.

Matching runs on the folded text and on stems (so "Strasse" marks "Straße"
and "Anträge" marks "Antrag"), marking on the original; a snippet is a list
of ``(text, marked)`` pieces that the template escapes like any other text,
so nothing a user typed is ever markup. Only the words up to the end of the
shown passage are located: a pattern made per query finds in C the words
that can be hits (by their first letter), only those are judged, and each
word is folded and stemmed once per process.
"""
import functools
import html
import itertools
import re

from ..text import Markup, fold
from ..words import WORD, stem


@functools.lru_cache(maxsize=65536)
def _forms(word):
    """A word of a text as folded and as stemmed."""
    folded = fold(word)
    return folded, stem(folded)


@functools.cache
def _initials():
    """{a folded word's first letter: the other letters of the Basic
    Multilingual Plane that fold to something beginning with it} ("s": "ß",
    "Ś", "ſ" ...), made once per process on the first snippet."""
    table = {}
    for code in range(0x30, 0x10000):
        char = chr(code)
        if not WORD.match(char):
            continue
        folded = fold(char)
        if folded and folded[0] != char:
            table.setdefault(folded[0], set()).add(char)
    return table


@functools.lru_cache(maxsize=1024)
def _candidates(words):
    """A pattern for the words of a text that may be hits for ``words`` (a
    tuple of folded query words): those beginning with a letter that folds to
    the first letter of a query word or of its stem (a stem keeps the first
    letter; the stemmer changes only what follows). It runs in C over the
    text; only the words it finds are judged, in Python. The character class
    comes first and the word boundary after it (``(?<!\w\w)``), so that the
    regex engine can skip to the next candidate letter by itself."""
    firsts = {w[:1] for w in words} | {stem(w)[:1] for w in words}
    letters = set()
    for first in firsts - {""}:
        letters |= _initials().get(first, set()) | {first, first.upper(), first.lower()}
    if not letters:
        return None
    letters = "".join(re.escape(c) for c in sorted(letters))
    return re.compile(rf"[{letters}](?<!\w\w)\w*")


def _hits(text, words):
    """(start, end) of each word of ``text`` that one of ``words`` (folded)
    begins, as such or as stems ("Anträgen" for "Antrag"), in order, found
    lazily (a snippet stops after its passage)."""
    if not words:
        return
    words = tuple(words)
    finder = _candidates(words)
    if finder is None:
        return
    stems = tuple(stem(w) for w in words)
    for m in finder.finditer(text):
        folded, word_stem = _forms(m.group())
        if folded.startswith(words) or word_stem.startswith(stems):
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


def as_html(pieces):
    """Pieces as HTML: each text escaped, the marked ones in ``<mark>``. One
    string per title or snippet instead of a template loop over its pieces."""
    return Markup("".join(f"<mark>{html.escape(text, quote=False)}</mark>" if marked
                          else html.escape(text, quote=False) for text, marked in pieces))
