"""One request to the OParl API: its base URL, what the public may see, and
the pieces every object shares (ids, dates, deleted stubs).

The API is public and the same for everyone: what it serves is decided for
the anonymous visitor (the resources' own ACLs asked for ``Everyone``), never
for whoever happens to be logged in, so a response may be cached and shared.
Persons are asked the one question of the people package,
``Person.publicly_named``.
"""
from datetime import date, datetime, timezone
from urllib.parse import quote

from pyramid.authorization import ACLHelper, Everyone

from ..security import VIEW
from ..timeutil import DEFAULT_TZ, to_local

OPARL = "https://schema.oparl.org/1.1/"
PREFIX = "/oparl/v1"
BODY_KEY = "rt"   # the one Body: the round table

_ACL = ACLHelper()


def is_public(obj):
    """May the anonymous public read ``obj`` (its ACL and those above it)?"""
    return bool(_ACL.permits(obj, [Everyone], VIEW))


def iso_datetime(value):
    """An aware datetime as ISO 8601 in the round table's zone, e.g.
    ``2026-03-12T17:00:00+01:00``; None stays None."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return to_local(value, DEFAULT_TZ).isoformat(timespec="seconds")
    return datetime.combine(value, datetime.min.time(), timezone.utc).isoformat()


def iso_date(value):
    if value is None:
        return None
    if isinstance(value, datetime):
        return to_local(value, DEFAULT_TZ).date().isoformat()
    return value.isoformat()


def as_datetime(value):
    """A comparable aware datetime for stamps that may be dates or missing."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    if isinstance(value, date):
        return datetime.combine(value, datetime.min.time(), timezone.utc)
    return None


def latest(*stamps):
    found = [s for s in map(as_datetime, stamps) if s is not None]
    return max(found) if found else None


def earliest(*stamps):
    found = [s for s in map(as_datetime, stamps) if s is not None]
    return min(found) if found else None


def compact(data):
    """Leave out empty properties: OParl says absent rather than null or []."""
    return {k: v for k, v in data.items() if v not in (None, "", [], {})}


class Entry:
    """One OParl object: its kind, its key (the id's path), the resource(s)
    behind it and whether it is a soft delete."""

    __slots__ = ("kind", "key", "obj", "deleted", "extra")

    def __init__(self, kind, key, obj, deleted=False, **extra):
        self.kind, self.key, self.obj, self.deleted = kind, tuple(key), obj, deleted
        self.extra = extra


class Api:
    """What one request needs: the portal, URLs and the registry of kinds."""

    def __init__(self, request, kinds):
        self.request = request
        self.portal = request.root
        self.kinds = kinds
        self.base = request.application_url + PREFIX
        self._stamp_cache = {}

    # -- URLs ----------------------------------------------------------------
    def url(self, kind, *key):
        return "/".join([self.base, kind, *(quote(str(k), safe="") for k in key)])

    @property
    def system_url(self):
        return self.base + "/"

    @property
    def body_url(self):
        return self.url("body", BODY_KEY)

    def list_url(self, kind):
        return self.url("body", BODY_KEY, kind)

    def web(self, resource, *elements, **kw):
        return self.request.resource_url(resource, *elements, **kw)

    def id_of(self, entry):
        return self.kinds[entry.kind].id(self, entry)

    # -- kinds ---------------------------------------------------------------
    def kind(self, name):
        return self.kinds[name]

    def resolve(self, kind, key):
        handler = self.kinds.get(kind)
        return handler.resolve(self, tuple(key)) if handler is not None else None

    def document(self, entry):
        """The full JSON object of an entry (a stub for a soft delete)."""
        return self.kinds[entry.kind].document(self, entry)

    def stamps(self, entry):
        """(created, modified) of an entry, computed once per request."""
        key = (entry.kind, entry.key)
        if key not in self._stamp_cache:
            self._stamp_cache[key] = self.kinds[entry.kind].stamps(self, entry)
        return self._stamp_cache[key]

    # -- the round table's own organisations -------------------------------------
    def plenary(self):
        """The plenary body (the round table itself as an organisation), or None."""
        bodies = [b for b in self.portal["bodies"].listing(include_retired=True)
                  if b.kind == "plenary"]
        return bodies[0] if bodies else None

    def body_org_url(self, body):
        return self.url("organization", "body", body.__name__)
