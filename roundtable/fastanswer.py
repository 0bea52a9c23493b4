"""Answering an anonymous repeat visit before the request's machinery starts.

The ``freshness=`` view deriver (``freshness.py``) answers a poll with 304
or the kept bytes, but only after pyramid_tm has begun a transaction,
traversal has found the context, the security policy has checked the
permission and the view has been looked up: on the benchmark machine that
left a 304 at about a quarter of a bare Pyramid hello world, while a
transaction and a database connection alone allow more than half.

So the deriver also notes, per URL (host, path and query, language), which
counters the answer depended on. ``FastAnswer``, the WSGI application in
front of the router, looks that up for an anonymous GET or HEAD, takes those
counters from a snapshot, and computes the same ETag the deriver would: a
matching ``If-None-Match`` gets its 304, a kept rendering its bytes, both
with the security headers. Anything else (first visit, a member, a changed
counter, a page whose counters include the clock's minute) goes the whole
way as before.

Why this is as safe as the deriver's cache: an answer is served only under
the ETag it was stored with, which covers every counter the page depends
on; what makes an object hidden or visible is a change with an event,
which bumps them, so a page that would now be a 404 never matches again.
"""
import time

import transaction
from pyramid.interfaces import ILocaleNegotiator
from webob import Request

from .freshness import (EVERYTHING, counters_tree, etag, is_anonymous, known_answer, page_cache,
                        url_key)

MAX_AGE = 1.0   # seconds


def read_counters(db):
    """Every counter's value, read on a connection of its own in a fresh
    transaction (so changes committed by other threads or processes show)."""
    tm = transaction.TransactionManager(explicit=True)
    conn = db.open(transaction_manager=tm)
    try:
        tm.begin()
        try:
            tree = counters_tree(conn)
            return {} if tree is None else {name: counter() for name, counter in tree.items()}
        finally:
            tm.abort()
    finally:
        conn.close()


class Snapshot:
    """The counters as of the database's last transaction.

    Opening a connection and a transaction for every poll cost more than the
    rest of the answer. The counters can only change with a new transaction,
    and the database knows the id of the last one it has seen (a commit in
    this process, an invalidation from a ZEO server) without a round trip;
    so the values are read again only when that id moved, or after
    ``MAX_AGE`` seconds for storages that learn of others' commits only
    when a connection polls (RelStorage)."""

    def __init__(self, db, clock=time.monotonic):
        self.db, self.clock = db, clock
        self._current = (None, 0.0, {})

    def values(self, names):
        tid = self.db.lastTransaction()
        seen, read_at, found = self._current
        if tid != seen or self.clock() - read_at > MAX_AGE:
            read_at = self.clock()
            found = read_counters(self.db)
            self._current = (tid, read_at, found)   # one assignment: safe across threads
        return [found.get(name, 0) for name in names]


class FastAnswer:
    """The WSGI application in front of Pyramid's router: an anonymous GET or
    HEAD whose URL the deriver noted is answered here when its ETag still
    holds (304, or the kept bytes); everything else goes to the router.
    ``finish(headers)`` adds what every answer carries (the security headers).
    In front of the router rather than a tween, so a repeat also skips the
    request's extensions, the retry policy and the tweens."""

    def __init__(self, router, finish):
        self.router, self.finish = router, finish
        self.registry = registry = router.registry
        self.enabled = registry.roundtable_freshness
        self.memo = registry.roundtable_freshness_memo
        self.cache = page_cache(registry)
        self.negotiate = registry.getUtility(ILocaleNegotiator)
        self.snapshot = Snapshot(registry._zodb_databases[""])

    def __getattr__(self, name):   # the router's attributes (tests read app.registry ...)
        return getattr(self.router, name)

    def quick(self, environ):
        """The answer without the router, or None."""
        if environ.get("REQUEST_METHOD") not in ("GET", "HEAD") or not self.enabled:
            return None
        request = Request(environ)
        try:
            if not is_anonymous(request):
                return None
            request.locale_name = self.negotiate(request)
            names = self.memo.get(url_key(request))
        except UnicodeDecodeError:   # a path or cookie that is no UTF-8: the router's 400
            return None
        if names is None:
            return None
        tag = etag(request, names, self.snapshot.values((EVERYTHING,) + names))
        return known_answer(request, tag, self.cache)

    def __call__(self, environ, start_response):
        response = self.quick(environ)
        if response is None:
            environ.pop("webob.adhoc_attrs", None)   # our locale_name: the router finds its own
            return self.router(environ, start_response)
        self.finish(response.headers)
        return response(environ, start_response)
