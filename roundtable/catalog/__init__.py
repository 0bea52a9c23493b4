"""The site search catalog: where it lives, how objects get into it, and reindexing.

Searchable objects follow the search contract: a ``content_type`` class
attribute and a ``search_data()`` method (see ARCHITECTURE.md). The
catalog never imports their classes: it indexes whatever it is told about
through ``roundtable.events`` and whatever a full reindex finds in the tree,
so content types added later are searchable without touching this package.
"""
from .. import freshness
from ..events import ObjectAdded, ObjectModified, ObjectRemoved
from . import deferred
from .indexing import (CATALOG_ATTR, children, entry_for, get_catalog, index_tree, install,
                       is_searchable, reindex, sync_tree, unindex_path, unindex_tree, walk)

__all__ = ["CATALOG_ATTR", "children", "entry_for", "get_catalog", "index_tree", "install",
           "is_searchable", "reindex", "sync_tree", "unindex_path", "unindex_tree", "walk",
           "includeme"]

# -- keeping it current ------------------------------------------------------
# In a request the work is deferred until after its commit (see deferred.py);
# without one (scripts, tests changing objects directly) it is done at once.

def _keep_current(event, op, at_once):
    catalog = get_catalog(event.object)
    if catalog is None:
        return
    if event.request is not None and hasattr(event.request, "tm"):
        deferred.note(event.request, event.object, op)
    else:
        at_once(catalog, event.object)
        freshness.bump(event.object, deferred.FRESHNESS)


def on_added_or_modified(event):
    _keep_current(event, "index", index_tree)


def on_removed(event):
    _keep_current(event, "unindex", unindex_tree)


def includeme(config):
    config.add_subscriber(on_added_or_modified, ObjectAdded)
    config.add_subscriber(on_added_or_modified, ObjectModified)
    config.add_subscriber(on_removed, ObjectRemoved)
