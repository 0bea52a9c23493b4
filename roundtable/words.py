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
    """Words one edit (a letter dropped, added, changed, or two swapped) away
    from ``word`` (lower case, umlauts as typed); none for short words."""
    word = word.casefold()
    if len(word) < TYPO_MIN_LENGTH:
        return set()
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    found = {a + b[1:] for a, b in splits if b}
    found |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    found |= {a + c + b[1:] for a, b in splits if b for c in ALPHABET}
    found |= {a + c + b for a, b in splits for c in ALPHABET}
    found.discard(word)
    return found
