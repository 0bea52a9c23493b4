"""The one search API: words, filters and the searcher's principals in, ranked
result metadata out — answered from the indexes, without loading objects.

Words are matched by their German stem as a prefix ("Wohnungen" finds
"Wohnung", "Wohn" finds both). Ranking: documents whose title holds every
word come first, then the text index's score, then the newer document. A
word of five letters or more that is in no document is taken for a typo and
replaced by its most frequent neighbour one edit away, as long as that finds
something the searcher may see (a suggestion must not reveal a hidden word).
"""
import functools
import heapq

from BTrees import family64
from hypatia.query import Any, Eq
from hypatia.text.parsetree import ParseError, QueryError

from ..words import WORD, near_misses, stem
from .indexes import (ALLOWED, BODY, DATE, EXACT, FIELD, STATUS, TEXT, TITLE, TYPE, YEAR, exact_key,
                      query_words)

FILTERS = (TYPE, BODY, YEAR, FIELD, STATUS)
# neighbours of a mistyped word tried against the searcher's principals
MAX_TRIES = 5
# the sets of the catalog's indexes (document ids of 64 bits)
IF = family64.IF
# up to this many documents are checked one by one against the principals
LOOKUPS = 200


class Results:
    """One page of results plus the total count; ``corrected`` is the query
    actually searched when the one typed had a typo (else None)."""

    def __init__(self, items, total, page, per_page, corrected=None):
        self.items, self.total, self.page, self.per_page = items, total, page, per_page
        self.corrected = corrected

    @property
    def pages(self):
        return max(1, -(-self.total // self.per_page))


def _visible(catalog, principals, ids):
    """Those of ``ids`` that one of the principals may see, without building
    the set of everything they may see (a copy the size of the archive): a
    few ids are looked up one by one, many are intersected at C level."""
    allowed = catalog.catalog[ALLOWED]._fwd_index
    sets = [allowed[p] for p in sorted(principals) if p in allowed]
    if len(ids) <= LOOKUPS:
        return IF.TreeSet([docid for docid in ids if any(docid in s for s in sets)])
    return IF.multiunion([IF.intersection(ids, s) for s in sets])


def _filter_ids(catalog, principals, filters, within=None):
    """The ids the principals may see that match every filter; of ``within``
    (a search's hits) when given."""
    indexes = catalog.catalog
    if within is None:
        query = Any(indexes[ALLOWED], sorted(principals))
        for name in FILTERS:
            value = filters.get(name)
            if value not in (None, ""):
                query = query & Eq(indexes[name], value)
        return query.execute().ids
    for name in FILTERS:
        value = filters.get(name)
        if value not in (None, ""):
            within = IF.intersection(within, indexes[name].applyEq(value))
    return _visible(catalog, principals, within)


def _by_date(catalog, ids, count=None):
    """The first ``count`` of ``ids`` (all without it), newest first, equal
    dates by id; documents without a date last, by id. The order hypatia's
    sort gave, without its check of each id against a list of the undated
    (quadratic: persons have no date) and sorting only as far as asked."""
    ids = list(ids)
    stamps = list(map(catalog.catalog[DATE]._rev_index.get, ids))
    keys = [(-stamp, docid) for stamp, docid in zip(stamps, ids) if stamp is not None]
    count = len(ids) if count is None else count
    dated = sorted(keys) if count >= len(keys) else heapq.nsmallest(count, keys)
    found = [docid for _stamp, docid in dated]
    if len(found) < count:
        found += [docid for stamp, docid in zip(stamps, ids) if stamp is None]
    return found[:count]


def _with_prefix(index, word_stem):
    """The documents of a keyword index holding a key that begins with ``word_stem``."""
    sets = []
    for key, docids in index._fwd_index.items(min=word_stem):
        if not key.startswith(word_stem):
            break
        sets.append(docids)
    return IF.multiunion(sets)


def _title_ids(catalog, stems, within):
    """Those of ``within`` whose title has, for every query stem, a word whose
    stem begins with it: unions and intersections of the title index's sets
    (C level), no title is read."""
    index = catalog.catalog[TITLE]
    found = within
    for word_stem in stems:
        if not found:
            break
        found = IF.intersection(found, _with_prefix(index, word_stem))
    return found


def _matching(catalog, principals, words, filters):
    """The ids the principals may see that match the filters and every word,
    and the text index's scores (None without words)."""
    if not words:
        return _filter_ids(catalog, principals, filters or {}), None
    stems = [stem(w) for w in words]
    try:
        weights = catalog.catalog[TEXT].apply(" ".join(s + "*" for s in stems))
    except (ParseError, QueryError):
        return IF.TreeSet(), None
    return _filter_ids(catalog, principals, filters or {}, weights), weights


class _Ranking:
    """The hits of a search in their order, sorted only as far as a page
    needs: the hits whose title holds every word first, then the text score,
    then the newer document (undated last), then the id."""

    def __init__(self, catalog, principals, words=(), filters=None):
        self.catalog = catalog
        self.hits, self.weights = _matching(catalog, principals, words, filters)
        self.words = words

    def __len__(self):
        return len(self.hits)

    def _sorted(self, ids, count):
        """The first ``count`` of ``ids`` by score, date, id. Only the hits
        that can be among them get a full key: those scoring at least the
        ``count``-th best score (less the rounding's width, so that scores
        equal after rounding stay in); the keys are built list by list and
        compared as tuples (no Python call per hit)."""
        weights = self.weights
        if count < len(ids):
            _weight, scores = IF.weightedIntersection(weights, ids, 1, 0)
            lowest = heapq.nlargest(count, scores.values())[-1] - 1e-6
            ids = [docid for docid, score in scores.items() if score >= lowest]
        stamps = self.catalog.catalog[DATE]._rev_index
        keys = zip([-round(weights[docid], 6) for docid in ids],
                   [-stamps.get(docid, 0) for docid in ids], ids)
        chosen = sorted(keys) if count >= len(ids) else heapq.nsmallest(count, keys)
        return [key[2] for key in chosen]

    def first(self, count=None):
        """The first ``count`` ids (all without ``count``)."""
        if self.weights is None:
            return _by_date(self.catalog, self.hits, count)
        count = len(self.hits) if count is None else count
        titled = _title_ids(self.catalog, [stem(w) for w in self.words], self.hits)
        ranked = self._sorted(titled, count)
        if len(ranked) < count:
            ranked += self._sorted(IF.difference(self.hits, titled), count - len(ranked))
        return ranked


def ranked_ids(catalog, principals, words=(), filters=None, limit=None):
    """Document ids the principals may see, matching every word (its stem as a
    prefix) and every filter; by relevance with words, else newest first."""
    return _Ranking(catalog, principals, words, filters).first(limit)


def _documents_with(catalog, word_stem, prefix=False):
    """How many documents hold the stem (or a word beginning with it). The
    lexicon's words are read in key order from the stem on, as the glob
    "stem*" would find them, but without compiling a pattern per word (the
    typo correction asks this for hundreds of neighbours)."""
    index = catalog.catalog[TEXT]
    words, wordinfo = index.lexicon._wids, index.index._wordinfo
    if not prefix:
        wids = [words.get(word_stem, 0)]
    else:
        wids = []
        for word, wid in words.items(min=word_stem):
            if not word.startswith(word_stem):
                break
            wids.append(wid)
    return sum(len(wordinfo.get(wid, ())) for wid in wids if wid)


@functools.lru_cache(maxsize=65536)
def _query_stem(word):
    """The stem of a typed word's first folded word (None if it has none),
    kept per process: the typo correction asks it for hundreds of
    neighbours per word, and the same ones again for the same typo."""
    folded = query_words(word)
    return stem(folded[0]) if folded else None


def _candidates(catalog, word):
    """Known neighbours of an unknown ``word``, likeliest first."""
    candidates = {}
    for near, rank in near_misses(word).items():
        near_stem = _query_stem(near)
        if near_stem is None:
            continue
        # a known word as it stands first, then a known word's beginning;
        # the likelier kind of typo, then the more frequent word
        exact = _documents_with(catalog, near_stem)
        count = exact or _documents_with(catalog, near_stem, prefix=True)
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
        return bool(_Ranking(catalog, principals, query_words(" ".join(words)), filters))

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
    ids = list(_visible(catalog, principals, catalog.catalog[EXACT].applyEq(key)))
    return catalog.metadata[ids[0]] if len(ids) == 1 else None


def search(catalog, principals, text="", filters=None, page=1, per_page=20):
    """Run a search; ``page`` beyond the last gives an empty page, not an error.
    A query that finds nothing is retried with its typos corrected."""
    ranking = _Ranking(catalog, principals, query_words(text), filters)
    corrected = None
    if not ranking and text:
        corrected = correction(catalog, principals, text, filters)
        if corrected:
            ranking = _Ranking(catalog, principals, query_words(corrected), filters)
    start = (page - 1) * per_page
    # only the shown page is sorted out and read
    ids = ranking.first(start + per_page)[start:] if start < len(ranking) else []
    items = [catalog.metadata[docid] for docid in ids]
    return Results(items, len(ranking), page, per_page, corrected)


def latest(catalog, principals, filters, limit=20):
    """The newest documents matching ``filters`` (for feeds)."""
    ids = ranked_ids(catalog, principals, (), filters, limit)
    return [catalog.metadata[docid] for docid in ids]
