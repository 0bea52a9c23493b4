"""The site search catalog: where it lives, how objects get into it, and reindexing.

Searchable objects follow the search contract: a ``content_type`` class
attribute and a ``search_data()`` method (see DESIGN.md and the brief). The
catalog never imports their classes: it indexes whatever it is told about
through ``roundtable.events`` and whatever a full reindex finds in the tree,
so content types added later are searchable without touching this package.
"""
from pyramid.traversal import find_root, resource_path

from ..events import ObjectAdded, ObjectModified, ObjectRemoved
from . import deferred
from .indexes import Entry, SearchCatalog
from .principals import allowed_to_view

CATALOG_ATTR = "search_catalog"


def get_catalog(resource):
    """The catalog of the portal ``resource`` belongs to (None before evolve step 0004)."""
    return getattr(find_root(resource), CATALOG_ATTR, None)


def install(portal):
    """Give the portal an empty catalog (new databases and the upgrade step)."""
    setattr(portal, CATALOG_ATTR, SearchCatalog())
    return getattr(portal, CATALOG_ATTR)


def is_searchable(obj):
    return callable(getattr(obj, "search_data", None)) and getattr(obj, "content_type", None)


def entry_for(obj):
    return Entry(resource_path(obj), obj.content_type, obj.search_data(), allowed_to_view(obj))


def children(obj):
    """The resources directly inside ``obj``: what its ``values()`` yields that
    is part of the tree (has a ``__parent__``), so a BTree of plain records is
    not mistaken for a container."""
    values = getattr(obj, "values", None)
    if not callable(values):
        return []
    try:
        return [child for child in values() if hasattr(child, "__parent__")]
    except TypeError:
        return []


def walk(obj):
    """``obj`` and everything below it, depth first."""
    stack = [obj]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(children(current))


def index_tree(catalog, obj):
    """(Re)index ``obj`` and its descendants: the visibility of an agenda item
    or of minutes follows their meeting's, so a change above reaches them."""
    count = 0
    for item in walk(obj):
        if is_searchable(item):
            catalog.index(entry_for(item))
            count += 1
    return count


def sync_tree(catalog, obj):
    """Index ``obj`` and its descendants and drop entries below it whose
    objects are gone; unchanged documents are not written."""
    seen = set()
    for item in walk(obj):
        if is_searchable(item):
            entry = entry_for(item)
            catalog.index(entry)
            seen.add(entry.path)
    for path in catalog.paths_under(resource_path(obj)):
        if path not in seen:
            catalog.unindex(path)


def unindex_tree(catalog, obj):
    unindex_path(catalog, resource_path(obj))


def unindex_path(catalog, path):
    for found in catalog.paths_under(path):
        catalog.unindex(found)


def reindex(portal):
    """Rebuild the whole catalog from the tree; returns the number of documents."""
    catalog = getattr(portal, CATALOG_ATTR, None) or install(portal)
    catalog.clear()
    return index_tree(catalog, portal)


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


def on_added_or_modified(event):
    _keep_current(event, "index", index_tree)


def on_removed(event):
    _keep_current(event, "unindex", unindex_tree)


def includeme(config):
    config.add_subscriber(on_added_or_modified, ObjectAdded)
    config.add_subscriber(on_added_or_modified, ObjectModified)
    config.add_subscriber(on_removed, ObjectRemoved)
