"""Finished public feeds, kept until something in them changes.

Building and serialising a feed of a few hundred events takes a quarter of a
second, and calendar programs poll every hour, so the public feeds are kept
as bytes. The key is everything the bytes depend on: the feed and its query,
the host (URLs and UIDs), the language, the day (the 12-month window moves),
and a fingerprint of the stored objects read to build it: the oid and the
serial (the id of the transaction that last wrote it) of each. A change to
any of them in any process gives a new serial, so a stale feed cannot be
served, and nothing needs to be told to invalidate anything.
"""
import hashlib
import threading
from collections import OrderedDict

from ..timeutil import now

SIZE = 64


def fingerprint(objects):
    digest = hashlib.blake2b(digest_size=16)
    for obj in objects:
        activate = getattr(obj, "_p_activate", None)
        if activate is None:
            continue
        activate()   # a ghost's serial is not loaded yet
        digest.update(obj._p_oid or b"-")
        digest.update(obj._p_serial)
    return digest.hexdigest()


class FeedCache:
    """A small LRU of (body, etag) by key, shared by the threads of a process."""

    def __init__(self, size=SIZE):
        self.size = size
        self._entries = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def put(self, key, entry):
        with self._lock:
            self._entries[key] = entry
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def clear(self):
        with self._lock:
            self._entries.clear()


FEEDS = FeedCache()


def read_objects(portal, bodies, meetings):
    """The stored objects a public feed's bytes come from."""
    yield portal
    yield from bodies
    for meeting in meetings:
        yield meeting
        yield from meeting.agenda.values()


def serialized(request, name, objects, build):
    """(body, etag) of the feed ``name`` for this request, built by ``build()``
    (an icalendar.Calendar) only when nothing cached matches."""
    key = (name, request.application_url, request.query_string, request.locale_name,
           now().date(), fingerprint(objects))
    entry = FEEDS.get(key)
    if entry is None:
        body = build().to_ical()
        entry = (body, hashlib.md5(body).hexdigest())
        FEEDS.put(key, entry)
    return entry
