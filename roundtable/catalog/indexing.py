"""Putting objects into the catalog: finding searchable objects in the tree,
(re)indexing and unindexing them, and a full rebuild.

Used by the subscribers in ``catalog/__init__`` and by the after-commit work
in ``deferred`` (which must not import the package that imports it).
"""
from pyramid.traversal import find_root, resource_path

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
