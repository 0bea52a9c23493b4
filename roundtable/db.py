"""Opening the database and the root factory (the storage layer).

The database comes from the ``zodbconn.uri`` setting (zodburi), so the same
code runs on a local FileStorage, a ZEO server or RelStorage. Building the
tree on first start and the upgrade steps are the site's (``bootstrap.py``):
this module knows no feature.
"""
import logging

from pyramid_zodbconn import get_connection
from ZODB.broken import find_global

log = logging.getLogger(__name__)

ROOT_KEY = "roundtable"

# Persistent classes that moved to another module, by the (module, name) under
# which older databases pickled them: they load from their new place.
MOVED_CLASSES = {
    ("roundtable.meetings.minutes", "Minutes"): "roundtable.minutes.resources",
    ("roundtable.meetings.resources", "Minutes"): "roundtable.minutes.resources",
}


def class_factory(connection, modulename, globalname):
    """ZODB's class lookup, following ``MOVED_CLASSES``."""
    return find_global(MOVED_CLASSES.get((modulename, globalname), modulename), globalname)


def follow_moved_classes(db):
    """Make ``db`` (made by pyramid_zodbconn) load moved classes: its future
    connections and the one ZODB opened already to create the root."""
    db.classFactory = class_factory
    for conn in db.pool.all:
        conn._reader._factory = class_factory
    return db


def get_portal_from_request(request):
    return get_connection(request).root()[ROOT_KEY]


def root_factory(request):
    return get_portal_from_request(request)


def open_db(settings):
    """A ZODB database from the ini's ``zodbconn.uri``, for command-line tools."""
    from ZODB import DB
    from zodburi import resolve_uri

    storage_factory, dbkw = resolve_uri(settings["zodbconn.uri"])
    return DB(storage_factory(), class_factory=class_factory, **dbkw)


def log_retry(event):
    """Write conflicts retried by pyramid_retry show in the log: their rate tells
    an operator of several application processes where records collide."""
    log.info("retrying %s %s after %s", event.request.method, event.request.path,
             type(event.exception).__name__)


def includeme(config):
    config.include("pyramid_zodbconn")
    config.add_subscriber(log_retry, "pyramid_retry.IBeforeRetry")
    config.set_root_factory(root_factory)
    follow_moved_classes(config.registry._zodb_databases[""])
