"""Paginated object lists with the filters of OParl 1.1 (chapter "Filter").

``created_since``, ``created_until``, ``modified_since`` and ``modified_until``
take an ISO 8601 date-time (a value without zone is read in the round
table's zone); ``limit`` the page size; ``page`` the page. The ``links`` of a
page keep every filter, so a client that follows ``next`` stays within what
it asked for. Soft deletes are listed only when ``modified_since`` is given:
that is the question of a client updating its copy (spec 2.8).
"""
from datetime import datetime, timezone
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from ..timeutil import DEFAULT_TZ
from .api import as_datetime

FILTERS = ("created_since", "created_until", "modified_since", "modified_until")
DEFAULT_LIMIT = 50
MAX_LIMIT = 500
EARLIEST = datetime.min.replace(tzinfo=timezone.utc)


class BadFilter(ValueError):
    """A parameter that cannot be understood; the message says which and why."""


def parse_datetime(name, value):
    # an unencoded "+01:00" arrives as " 01:00"
    text = value.strip().replace(" ", "+")
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise BadFilter(f"{name}: „{value[:40]}“ ist kein Datum nach ISO 8601, "
                        "z. B. 2026-03-01T00:00:00+01:00") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=ZoneInfo(DEFAULT_TZ))
    return parsed


def parse_int(name, value, lowest, highest):
    text = value.strip()
    if not text.isdigit() or not lowest <= int(text) <= highest:
        raise BadFilter(f"{name}: „{value[:40]}“ muss eine ganze Zahl von {lowest} "
                        f"bis {highest} sein")
    return int(text)


class Query:
    """The filters and page of one list request, validated."""

    def __init__(self, params):
        self.filters = {name: parse_datetime(name, params[name])
                        for name in FILTERS if name in params}
        self.given = {name: params[name] for name in FILTERS if name in params}
        self.limit = DEFAULT_LIMIT
        if "limit" in params:
            self.limit = parse_int("limit", params["limit"], 1, MAX_LIMIT)
            self.given["limit"] = str(self.limit)
        self.page = parse_int("page", params["page"], 1, 10 ** 6) if "page" in params else 1
        since, until = self.filters.get("created_since"), self.filters.get("created_until")
        if since and until and since > until:
            raise BadFilter("created_since liegt nach created_until")
        since, until = self.filters.get("modified_since"), self.filters.get("modified_until")
        if since and until and since > until:
            raise BadFilter("modified_since liegt nach modified_until")

    def matches(self, created, modified):
        checks = (("created_since", created, 1), ("created_until", created, -1),
                  ("modified_since", modified, 1), ("modified_until", modified, -1))
        for name, stamp, direction in checks:
            bound = self.filters.get(name)
            if bound is None:
                continue
            if stamp is None:
                return False
            if (stamp < bound) if direction == 1 else (stamp > bound):
                return False
        return True

    def url(self, base, page):
        params = dict(self.given)
        if page != 1:
            params["page"] = str(page)
        return base + ("?" + urlencode(params) if params else "")


def select(api, entries, query):
    """The entries the query asks for, oldest first (new objects come last, so
    the pages a client has read do not shift)."""
    with_deleted = "modified_since" in query.filters
    chosen = []
    for entry in entries:
        if entry.deleted and not with_deleted:
            continue
        created, modified = api.stamps(entry)
        if query.matches(as_datetime(created), as_datetime(modified)):
            chosen.append(entry)
    chosen.sort(key=lambda e: (as_datetime(api.stamps(e)[0]) or EARLIEST, e.key))
    return chosen


def page(api, url, entries, query):
    """One page of a list: ``data``, ``pagination`` and ``links``."""
    chosen = select(api, entries, query)
    total_pages = max(1, -(-len(chosen) // query.limit))
    start = (query.page - 1) * query.limit
    links = {"first": query.url(url, 1), "self": query.url(url, query.page),
             "last": query.url(url, total_pages)}
    if query.page > 1:
        links["prev"] = query.url(url, min(query.page - 1, total_pages))
    if query.page < total_pages:
        links["next"] = query.url(url, query.page + 1)
    return {
        "data": [api.document(e) for e in chosen[start:start + query.limit]],
        "pagination": {"totalElements": len(chosen), "elementsPerPage": query.limit,
                       "currentPage": query.page, "totalPages": total_pages},
        "links": links,
    }
