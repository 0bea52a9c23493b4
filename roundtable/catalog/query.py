"""The one search API: words, filters and the searcher's principals in, ranked
result metadata out — answered from the indexes, without loading objects."""
from hypatia.query import Any, Eq
from hypatia.text.parsetree import ParseError, QueryError

from .indexes import ALLOWED, BODY, DATE, FIELD, STATUS, TEXT, TYPE, YEAR, query_words

FILTERS = (TYPE, BODY, YEAR, FIELD, STATUS)


class Results:
    """One page of results plus the total count."""

    def __init__(self, items, total, page, per_page):
        self.items, self.total, self.page, self.per_page = items, total, page, per_page

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


def ranked_ids(catalog, principals, words=(), filters=None):
    """Document ids the principals may see, matching every word (as a prefix)
    and every filter; by relevance with words, else newest first."""
    ids = _filter_ids(catalog, principals, filters or {})
    if not words:
        return _by_date(catalog, list(ids))
    allowed = set(ids)
    try:
        weights = catalog.catalog[TEXT].apply(" ".join(w + "*" for w in words))
    except (ParseError, QueryError):
        return []
    scored = [(score, docid) for docid, score in weights.items() if docid in allowed]
    scored.sort(key=lambda pair: (-round(pair[0], 6), -_timestamp(catalog, pair[1]), pair[1]))
    return [docid for _score, docid in scored]


def _timestamp(catalog, docid):
    """For equal relevance the newer document first (undated ones last)."""
    date = catalog.metadata[docid]["date"]
    return date.timestamp() if date is not None else 0


def search(catalog, principals, text="", filters=None, page=1, per_page=20):
    """Run a search; ``page`` beyond the last gives an empty page, not an error."""
    ids = ranked_ids(catalog, principals, query_words(text), filters)
    start = (page - 1) * per_page
    items = [catalog.metadata[docid] for docid in ids[start:start + per_page]]
    return Results(items, len(ids), page, per_page)


def latest(catalog, principals, filters, limit=20):
    """The newest documents matching ``filters`` (for feeds)."""
    ids = ranked_ids(catalog, principals, (), filters)[:limit]
    return [catalog.metadata[docid] for docid in ids]
