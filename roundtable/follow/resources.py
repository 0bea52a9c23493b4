"""Who follows what: followers, saved searches, and alerts waiting for the digest.

A follower is a newsletter ``Subscriber`` (``roundtable.newsletter``: known by
address, double opt-in, consent on record) kept in a ``Subscribers`` of its
own, whose "lists" are follow keys: ``motion:<name>``, ``body:<name>`` and
``search:<id>``. The opt-in, its expiry and the purge of unconfirmed
requests are the newsletter's, not a copy.

Alerts are stored as plain data (kind, title, path) and put into words in
the follower's language when the digest is sent, at most once per
``follow.batch_hours`` (24 by default) per follower.
"""
import hashlib
from urllib.parse import urlencode

from BTrees.OOBTree import OOBTree, OOTreeSet
from persistent import Persistent
from persistent.list import PersistentList

from ..newsletter.subscribers import Subscribers
from ..timeutil import now

ATTR = "follows"
KINDS = ("motion", "body", "search")


def key_for(kind, name):
    return f"{kind}:{name}"


def split_key(key):
    """``(kind, name)`` of a follow key, or ``(None, None)`` for anything else."""
    kind, _sep, name = (key or "").partition(":")
    return (kind, name) if kind in KINDS and name else (None, None)


def search_id(form):
    """A stable id of a search's parameters: two people following the same
    search share one saved search."""
    query = urlencode(sorted((k, v) for k, v in form.items() if v))
    return hashlib.sha256(query.encode("utf-8")).hexdigest()[:16]


class SavedSearch(Persistent):
    """A search someone follows; ``seen`` are the paths already announced
    (None until the first check, which only takes note of what exists)."""

    def __init__(self, form, title):
        self.form = dict(form)
        self.title = title
        self.seen = None
        self.created = now()


class Follows(Persistent):
    """The portal's follow register (an attribute of the portal, made on first use)."""

    def __init__(self):
        self.followers = Subscribers()
        self.searches = OOBTree()       # id -> SavedSearch
        self.by_key = OOBTree()         # follow key -> OOTreeSet of follower ids
        self.pending = OOBTree()        # follower id -> PersistentList of alerts
        self.last_sent = OOBTree()      # follower id -> datetime of the last digest
        self.seen = OOBTree()           # object path -> marker of what was announced

    # -- followers and their keys -----------------------------------------
    def sync(self, follower):
        """Bring the key index in line with the follower's confirmed keys."""
        keys = set(follower.lists) if follower.confirmed else set()
        self._unindex(follower.id, keep=keys)
        for key in keys:
            self.by_key.setdefault(key, OOTreeSet()).add(follower.id)

    def _unindex(self, fid, keep=()):
        for key in list(self.by_key.keys()):
            ids = self.by_key[key]
            if fid in ids and key not in keep:
                ids.remove(fid)
                if not ids:
                    del self.by_key[key]

    def forget(self, follower):
        """Remove a follower and all that is kept about them (erasure, retention)."""
        self._unindex(follower.id)
        self.pending.pop(follower.id, None)
        self.last_sent.pop(follower.id, None)
        self.followers.remove(follower)

    def followers_of(self, key):
        ids = self.by_key.get(key) or ()
        return [f for f in (self.followers.get(i) for i in ids)
                if f is not None and f.subscribed_to(key)]

    def followed(self, key):
        return bool(self.by_key.get(key))

    def set_keys(self, follower, keys, why):
        follower.set_lists(frozenset(keys), why)
        self.sync(follower)
        if not follower.lists:
            self.pending.pop(follower.id, None)

    # -- alerts -------------------------------------------------------------
    def alert(self, key, kind, title, path, at=None):
        """Note an alert for every follower of ``key``; returns how many."""
        found = self.followers_of(key)
        entry = {"key": key, "kind": kind, "title": title, "path": path, "at": at or now()}
        for follower in found:
            self.pending.setdefault(follower.id, PersistentList()).append(dict(entry))
        return len(found)

    def announce_once(self, path, marker, key, kind, title):
        """Alert the followers of ``key`` unless ``path`` was announced with
        this ``marker`` already (a second save of an invited meeting is no news)."""
        if self.seen.get(path) == marker:
            return 0
        self.seen[path] = marker
        return self.alert(key, kind, title, path)

    def add_search(self, form, title):
        sid = search_id(form)
        if sid not in self.searches:
            self.searches[sid] = SavedSearch(form, title)
        return sid


def follows_of(portal, create=False):
    """The portal's ``Follows`` (None if there is none and ``create`` is false)."""
    found = getattr(portal, ATTR, None)
    if found is None and create:
        found = Follows()
        setattr(portal, ATTR, found)
    return found
