"""The behaviour every OParl object type shares, and opaque keys for records
whose own names would tell a person's name.

A kind knows four things: which objects it has (``collect``: everything the
public may read plus the soft deletes), how to find one by the key in its URL
(``resolve``), when it was created and changed (``stamps``) and its JSON
(``render``). ``document`` puts the common parts around it.
"""
from ZODB.utils import p64, u64

from .api import OPARL, compact, iso_datetime


class Kind:
    name = None     # the URL segment of its objects and of its list under the body
    oparl = None    # the OParl type name
    listed = True   # has a list under the body

    def collect(self, api):
        return []

    def resolve(self, api, key):
        return None

    def stamps(self, api, entry):
        return None, None

    def render(self, api, entry):
        return {}

    def id(self, api, entry):
        return api.url(self.name, *entry.key)

    def document(self, api, entry):
        created, modified = api.stamps(entry)
        head = {"id": self.id(api, entry), "type": OPARL + self.oparl}
        if entry.deleted:
            # a soft delete says no more than that it is gone
            return compact(dict(head, created=iso_datetime(created),
                                modified=iso_datetime(modified), deleted=True))
        data = dict(head, **self.render(api, entry))
        data["created"] = iso_datetime(created)
        data["modified"] = iso_datetime(modified)
        return compact(data)


def opaque_key(obj):
    """A stable key that says nothing about the object: its database oid.

    Persons and memberships are named after the person ("olena-kovalenko"); a
    URL built from that would name a person who never consented, or one who
    withdrew consent, in the very stub that tells consumers to forget them.
    """
    oid = getattr(obj, "_p_oid", None)
    return str(u64(oid)) if oid is not None else None


def oid_of(key):
    """The oid bytes of an opaque key, or None for a malformed one."""
    if not key.isdigit() or len(key) > 19:
        return None
    number = int(key)
    return p64(number) if number < 2 ** 64 else None


def by_opaque_key(objects, key):
    """The object among ``objects`` whose opaque key is ``key`` (None)."""
    oid = oid_of(key)
    if oid is None:
        return None
    for obj in objects:
        if getattr(obj, "_p_oid", None) == oid:
            return obj
    return None
