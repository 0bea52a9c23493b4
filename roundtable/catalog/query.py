"""The one search API: words, filters and the searcher's principals in, ranked
result metadata out — answered from the indexes, without loading objects.

Words are matched by their German stem as a prefix ("Wohnungen" finds
"Wohnung", "Wohn" finds both). Ranking: documents whose title holds every
word come first, then the text index's score, then the newer document. A
word of five letters or more that is in no document is taken for a typo and
replaced by its most frequent neighbour one edit away, as long as that finds
something the searcher may see (a suggestion must not reveal a hidden word).
"""
from hypatia.query import Any, Eq
from hypatia.text.parsetree import ParseError, QueryError

from ..words import WORD, near_misses, stem, stem_text
from .indexes import ALLOWED, BODY, DATE, EXACT, FIELD, STATUS, TEXT, TYPE, YEAR, exact_key, query_words

FILTERS = (TYPE, BODY, YEAR, FIELD, STATUS)
# neighbours of a mistyped word tried against the searcher's principals
MAX_TRIES = 5


class Results:
    """One page of results plus the total count; ``corrected`` is the query
    actually searched when the one typed had a typo (else None)."""

    def __init__(self, items, total, page, per_page, corrected=None):
        self.items, self.total, self.page, self.per_page = items, total, page, per_page
        self.corrected = corrected

    @property
    def pages(self):
        return max(1, -(-self.total // self.per_page))


def _filter_ids(catalog, principals, filters):
    indexes = catalog.catalog
    query = Any(indexes[ALLOWED], sorted(principals))
    for name in FILTERS:
        value = filters.get(name)
        if value not in (None, ""):
            query = query & Eq(indexes[name], value)
    return query.execute().ids


def _by_date(catalog, ids):
    """Newest first; documents without a date last."""
    dates = catalog.catalog[DATE]
    dated = list(dates.sort(ids, reverse=True, raise_unsortable=False))
    seen = set(dated)
    return dated + [docid for docid in ids if docid not in seen]


def _in_title(stems, title):
    """Every query stem begins a word of the title."""
    words = stem_text(title)
    return all(any(w.startswith(s) for w in words) for s in stems)


def ranked_ids(catalog, principals, words=(), filters=None):
    """Document ids the principals may see, matching every word (its stem as a
    prefix) and every filter; by relevance with words, else newest first."""
    ids = _filter_ids(catalog, principals, filters or {})
    if not words:
        return _by_date(catalog, list(ids))
    allowed = set(ids)
    stems = [stem(w) for w in words]
    try:
        weights = catalog.catalog[TEXT].apply(" ".join(s + "*" for s in stems))
    except (ParseError, QueryError):
        return []
    metadata = catalog.metadata
    scored = [(not _in_title(stems, metadata[docid]["title"]), -round(score, 6),
               -_timestamp(catalog, docid), docid)
              for docid, score in weights.items() if docid in allowed]
    scored.sort()
    return [key[-1] for key in scored]


def _timestamp(catalog, docid):
    """For equal relevance the newer document first (undated ones last)."""
    date = catalog.metadata[docid]["date"]
    return date.timestamp() if date is not None else 0


def _documents_with(catalog, word_stem, prefix=False):
    """How many documents hold the stem (or a word beginning with it)."""
    index = catalog.catalog[TEXT]
    lexicon, wordinfo = index.lexicon, index.index._wordinfo
    wids = lexicon.globToWordIds(word_stem + "*") if prefix else [lexicon.get_wid(word_stem)]
    return sum(len(wordinfo.get(wid, ())) for wid in wids if wid)


def _candidates(catalog, word):
    """Known neighbours of an unknown ``word``, likeliest first."""
    candidates = {}
    for near, rank in near_misses(word).items():
        folded = query_words(near)
        if not folded:
            continue
        # a known word as it stands first, then a known word's beginning;
        # the likelier kind of typo, then the more frequent word
        exact = _documents_with(catalog, stem(folded[0]))
        count = exact or _documents_with(catalog, stem(folded[0]), prefix=True)
        if count:
            candidates[near] = (not exact, rank, -count, near)
    return sorted(candidates, key=candidates.get)[:MAX_TRIES]


def correction(catalog, principals, text, filters=None):
    """``text`` with its unknown words replaced by known neighbours one edit
    away, if that finds something the principals may see; else None."""
    typed = WORD.findall(text)
    options = {}
    for i, word in enumerate(typed):
        folded = query_words(word)
        if folded and not _documents_with(catalog, stem(folded[0]), prefix=True):
            found = _candidates(catalog, word)
            if found:
                # "Wohnnug" becomes "Wohnung", not "wohnung"
                options[i] = [n[:1].upper() + n[1:] if word[:1].isupper() else n for n in found]
    if not options:
        return None
    corrected = [options[i][0] if i in options else word for i, word in enumerate(typed)]

    def finds(words):
        return bool(ranked_ids(catalog, principals, query_words(" ".join(words)), filters))

    if not finds(corrected):
        # one word at a time through its other neighbours, the rest at their best
        for i, found in options.items():
            for near in found[1:]:
                trial = corrected[:i] + [near] + corrected[i + 1:]
                if finds(trial):
                    corrected = trial
                    break
        if not finds(corrected):
            return None
    return " ".join(corrected)


def exact_match(catalog, principals, text):
    """The one document the principals may see whose title or reference is
    exactly ``text`` (folded), or None when there is none or several."""
    key = exact_key(text)
    if not key or EXACT not in catalog.catalog:
        return None
    query = Any(catalog.catalog[ALLOWED], sorted(principals)) & Eq(catalog.catalog[EXACT], key)
    ids = list(query.execute().ids)
    return catalog.metadata[ids[0]] if len(ids) == 1 else None


def search(catalog, principals, text="", filters=None, page=1, per_page=20):
    """Run a search; ``page`` beyond the last gives an empty page, not an error.
    A query that finds nothing is retried with its typos corrected."""
    ids = ranked_ids(catalog, principals, query_words(text), filters)
    corrected = None
    if not ids and text:
        corrected = correction(catalog, principals, text, filters)
        if corrected:
            ids = ranked_ids(catalog, principals, query_words(corrected), filters)
    start = (page - 1) * per_page
    items = [catalog.metadata[docid] for docid in ids[start:start + per_page]]
    return Results(items, len(ids), page, per_page, corrected)


def latest(catalog, principals, filters, limit=20):
    """The newest documents matching ``filters`` (for feeds)."""
    ids = ranked_ids(catalog, principals, (), filters)[:limit]
    return [catalog.metadata[docid] for docid in ids]
