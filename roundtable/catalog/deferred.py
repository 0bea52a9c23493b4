"""Indexing after the request's commit, in a transaction of its own.

A text index is a write hotspot: two requests that add documents sharing a
word both change that word's entry, and no conflict resolution can merge
that. Indexing inside the request's transaction made every such pair of
requests conflict as a whole, and under load (two processes adding agenda
items to one meeting) pyramid_retry's attempts ran out and users got a 500.

So a request only notes which paths changed; once its transaction has
committed, they are (re)indexed in a separate, small transaction that is
retried on its own with a jittered back-off. The response is sent after the
hook has run, so a search right after a change finds it.

Should every attempt fail, the paths go into a persistent *to-do list* in the
database root (its own small transaction: a new key in a BTree, which does
not collide with the catalog's hot spots). The next request of any process
and the ``roundtable-mailqueue`` worker (when it can open the database: ZEO or
RelStorage) apply what is on it, so no change stays unsearchable until
someone runs ``roundtable-reindex``.
"""
import logging
import random
import secrets
import time

import transaction
from BTrees.OOBTree import OOBTree
from pyramid.traversal import find_resource, resource_path
from pyramid_zodbconn import get_connection
from ZODB.POSException import ConflictError

from .. import freshness
from ..db import ROOT_KEY
from .indexing import get_catalog, sync_tree, unindex_path

log = logging.getLogger(__name__)

ATTEMPTS = 8
BACKOFF = 0.02   # seconds, times the attempt number, times a random factor
OPS_ATTR = "_roundtable_catalog_ops"
TODO_KEY = "roundtable.catalog_todo"
# settings key for the number of attempts (tests lower it to provoke the to-do list)
ATTEMPTS_SETTING = "roundtable.catalog_attempts"
# The change counter of the catalog's content (roundtable.freshness). A page
# or feed read from the catalog depends on it, not on the sections of what it
# lists: the catalog changes in its own transaction after the request's, and
# a page cached between the two under the request's counters would keep the
# old listing until the next change.
FRESHNESS = "catalog"


def note(request, obj, op):
    """Remember that ``obj`` was added/modified ("index") or is about to be removed
    ("unindex"); the first note of a request registers the after-commit hook."""
    ops = getattr(request, OPS_ATTR, None)
    if ops is None:
        ops = {}
        setattr(request, OPS_ATTR, ops)
        db = get_connection(request).db()
        attempts = int(request.registry.settings.get(ATTEMPTS_SETTING, ATTEMPTS))
        request.tm.get().addAfterCommitHook(apply_after_commit, args=(db, ops, attempts))
    ops[resource_path(obj)] = op


def apply_after_commit(committed, db, ops, attempts=ATTEMPTS):
    if committed and ops:
        if not apply(db, dict(ops), attempts):
            keep_for_later(db, dict(ops))
        apply_pending(db, attempts)


def _run(db, work, attempts):
    """``work(root)`` in a transaction of its own, retried on conflicts; True when committed."""
    for attempt in range(1, attempts + 1):
        tm = transaction.TransactionManager()
        conn = db.open(transaction_manager=tm)
        try:
            with tm:
                work(conn.root())
            return True
        except ConflictError:
            time.sleep(BACKOFF * attempt * (0.5 + random.random()))
        finally:
            conn.close()
    return False


def keep_for_later(db, ops):
    """Put ``ops`` on the persistent to-do list (retried far longer: it must not be lost)."""
    key = f"{time.time():017.6f}-{secrets.token_hex(4)}"

    def store(root):
        todo = root.get(TODO_KEY)
        if todo is None:
            todo = root[TODO_KEY] = OOBTree()
        todo[key] = dict(ops)

    if _run(db, store, ATTEMPTS * 4):
        log.warning("search catalog busy; %d path(s) kept on the to-do list", len(ops))
    else:
        log.error("search catalog not updated for %s, nor the to-do list; run roundtable-reindex",
                  sorted(ops))


def pending(db):
    """The to-do list's entries: {key: ops}."""
    conn = db.open(transaction_manager=transaction.TransactionManager())
    try:
        todo = conn.root().get(TODO_KEY)
        return {k: dict(v) for k, v in todo.items()} if todo else {}
    finally:
        conn.close()


def apply_pending(db, attempts=ATTEMPTS):
    """Apply and clear what is on the to-do list; returns the number of entries done."""
    done = 0
    for key, ops in sorted(pending(db).items()):
        def apply_and_clear(root, key=key, ops=ops):
            _apply_in(root, ops)
            todo = root[TODO_KEY]
            if key in todo:
                del todo[key]

        if not _run(db, apply_and_clear, attempts):
            break  # still busy: the next request or worker run goes on
        done += 1
    return done


def _apply_in(root, ops):
    portal = root[ROOT_KEY]
    catalog = get_catalog(portal)
    if catalog is None:
        return
    freshness.bump_names(portal._p_jar, [FRESHNESS])
    for path, op in ops.items():
        try:
            obj = find_resource(portal, path) if op == "index" else None
        except KeyError:
            obj = None   # removed again meanwhile
        if obj is None:
            unindex_path(catalog, path)
        else:
            sync_tree(catalog, obj)


def apply(db, ops, attempts=ATTEMPTS):
    """Bring the catalog up to date for ``ops`` (path → "index"/"unindex");
    False when every attempt conflicted."""
    return _run(db, lambda root: _apply_in(root, ops), attempts)
