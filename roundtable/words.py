"""German word forms for searching: stems and near misses.

The search indexes and asks by stem, so "Wohnungen" finds "Wohnung" and
"Anträge" finds "Antrag" (Snowball's German stemmer). Stemming runs on the
folded word of ``roundtable.text.fold`` (ä→ae, ß→ss); the stemmer reads "ae"
as "ä", so "Antraege" and "Anträge" stay one stem and typing umlauts
either way keeps working. ``near_misses`` gives the words one typing
mistake away, for the "Did you mean" of a search that found nothing.
"""
import functools
import re

import snowballstemmer

from .text import fold

WORD = re.compile(r"\w+")
# letters a German user types, for the one-edit neighbours of a word
ALPHABET = "abcdefghijklmnopqrstuvwxyzäöüß"
# below this length one edit changes the word too much to guess ("Rat" → "Tat")
TYPO_MIN_LENGTH = 5

_stemmer = snowballstemmer.stemmer("german")


@functools.lru_cache(maxsize=65536)
def stem(folded_word):
    """The stem of a word already folded (lower case, no umlauts)."""
    return _stemmer.stemWord(folded_word) or folded_word


def stem_text(text):
    """The stems of every word of ``text``, in order."""
    return [stem(word) for word in WORD.findall(fold(text))]


def mentions(text, name):
    """Whether ``text`` names ``name``: every word of the name begins a word of
    the text in some form ("Sitzung des Runden Tisches" mentions "Runder
    Tisch", "Vorstandssitzung" mentions "Vorstand")."""
    have = stem_text(text)
    return all(any(word.startswith(s) for word in have) for s in stem_text(name))


def near_misses(word):
    """Words one edit away from ``word`` (lower case, umlauts as typed), each
    with the rank of its kind of edit: two letters swapped (0), a letter
    dropped (1), changed (2) or added (3), the order in which typing
    mistakes are likely. None for short words."""
    word = word.casefold()
    if len(word) < TYPO_MIN_LENGTH:
        return {}
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    kinds = (
        [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1],
        [a + b[1:] for a, b in splits if b],
        [a + c + b[1:] for a, b in splits if b for c in ALPHABET],
        [a + c + b for a, b in splits for c in ALPHABET],
    )
    found = {}
    for rank, candidates in enumerate(kinds):
        for candidate in candidates:
            found.setdefault(candidate, rank)
    found.pop(word, None)
    return found
