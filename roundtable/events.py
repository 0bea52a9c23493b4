"""Lifecycle events of content objects: added, modified, removed.

Views and services notify these after changing an object so that whoever keeps
derived data (the search catalog, feeds' change stamps) stays current without
the views knowing about it. Subscribers are registered with
``config.add_subscriber(handler, ObjectModified)``; with none registered a
notification costs nothing.

Searchable content (meetings, minutes, motions, newsletter issues, ...) is
discovered by the catalog through these events; what it indexes is read from
the object itself (see ``roundtable.catalog`` once it exists).
"""


class ObjectEvent:
    """Base: ``object`` is the changed resource, ``request`` the current request (or None)."""

    def __init__(self, object, request=None):
        self.object = object
        self.request = request


class ObjectAdded(ObjectEvent):
    """The object has just been placed in its container (it has a ``__parent__``)."""


class ObjectModified(ObjectEvent):
    """Fields, state or visibility of the object changed."""


class ObjectRemoved(ObjectEvent):
    """The object is about to leave its container (it still has its ``__parent__``)."""


def _notify(request, event):
    registry = getattr(request, "registry", None)
    if registry is not None:
        registry.notify(event)


def added(request, obj):
    _notify(request, ObjectAdded(obj, request))


def modified(request, obj):
    _notify(request, ObjectModified(obj, request))


def removed(request, obj):
    _notify(request, ObjectRemoved(obj, request))
