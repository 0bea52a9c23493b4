"""Indexing after the request's commit, in a transaction of its own.

A text index is a write hotspot: two requests that add documents sharing a
word both change that word's entry, and no conflict resolution can merge
that. Indexing inside the request's transaction made every such pair of
requests conflict as a whole, and under load (two processes adding agenda
items to one meeting) pyramid_retry's attempts ran out and users got a 500.

So a request only notes which paths changed; once its transaction has
committed, they are (re)indexed in a separate, small transaction that is
retried on its own with a jittered back-off. The response is sent after the
hook has run, so a search right after a change finds it. Should every
attempt fail, the change itself is committed and the log says to run
``roundtable-reindex``; the catalog is derived data and can always be rebuilt.
"""
import logging
import random
import time

import transaction
from pyramid.traversal import find_resource, resource_path
from pyramid_zodbconn import get_connection
from ZODB.POSException import ConflictError

from ..db import ROOT_KEY
from .indexing import get_catalog, sync_tree, unindex_path

log = logging.getLogger(__name__)

ATTEMPTS = 8
BACKOFF = 0.02   # seconds, times the attempt number, times a random factor
OPS_ATTR = "_roundtable_catalog_ops"


def note(request, obj, op):
    """Remember that ``obj`` was added/modified ("index") or is about to be removed
    ("unindex"); the first note of a request registers the after-commit hook."""
    ops = getattr(request, OPS_ATTR, None)
    if ops is None:
        ops = {}
        setattr(request, OPS_ATTR, ops)
        db = get_connection(request).db()
        request.tm.get().addAfterCommitHook(apply_after_commit, args=(db, ops))
    ops[resource_path(obj)] = op


def apply_after_commit(committed, db, ops):
    if committed and ops:
        apply(db, dict(ops))


def apply(db, ops):
    """Bring the catalog up to date for ``ops`` (path → "index"/"unindex")."""
    for attempt in range(1, ATTEMPTS + 1):
        tm = transaction.TransactionManager()
        conn = db.open(transaction_manager=tm)
        try:
            with tm:
                portal = conn.root()[ROOT_KEY]
                catalog = get_catalog(portal)
                if catalog is None:
                    return True
                for path, op in ops.items():
                    try:
                        obj = find_resource(portal, path) if op == "index" else None
                    except KeyError:
                        obj = None   # removed again meanwhile
                    if obj is None:
                        unindex_path(catalog, path)
                    else:
                        sync_tree(catalog, obj)
            return True
        except ConflictError:
            time.sleep(BACKOFF * attempt * (0.5 + random.random()))
        finally:
            conn.close()
    log.error("search catalog not updated for %s after %d attempts; run roundtable-reindex",
              sorted(ops), ATTEMPTS)
    return False
