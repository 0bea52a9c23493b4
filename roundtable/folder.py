"""The BTree folder that every container in the object tree is built from.

Traversal finds children through ``__getitem__``; the BTree keeps large
containers (thousands of persons) cheap to load and conflict-resolvable.
"""
from BTrees.Length import Length
from BTrees.OOBTree import OOBTree
from persistent import Persistent

from .text import slugify


class Folder(Persistent):
    __name__ = None
    __parent__ = None

    def __init__(self):
        self.data = OOBTree()
        self._count = Length()

    def __getitem__(self, name):
        return self.data[name]

    def get(self, name, default=None):
        return self.data.get(name, default)

    def __contains__(self, name):
        return name in self.data

    def __len__(self):
        return self._count()

    def __iter__(self):
        return iter(self.data.keys())

    def keys(self):
        return self.data.keys()

    def values(self):
        return self.data.values()

    def items(self):
        return self.data.items()

    def release(self):
        """Turn the children, the tree and the folder back into ghosts (those
        not changed in this transaction; persistent ignores a changed one).
        For a long read-only walk, such as a feed over every meeting: what
        was read is dropped as the walk goes on instead of staying in memory
        until the transaction ends; a later access loads it again."""
        if self._p_jar is None:
            return
        for child in self.data.values():
            if isinstance(child, Persistent):
                child._p_deactivate()
        self.data._p_deactivate()
        self._p_deactivate()

    def unique_name(self, text, fallback="item"):
        """A free child name derived from ``text`` (``name``, ``name-2``, ...)."""
        base = slugify(text, fallback)
        name, n = base, 1
        while name in self.data:
            n += 1
            name = f"{base}-{n}"
        return name

    def add(self, obj, name=None, title=None):
        """Place ``obj`` in the folder; names are never reused for another object."""
        if name is None:
            name = self.unique_name(title or getattr(obj, "title", ""))
        if name in self.data:
            raise KeyError(f"{name!r} already exists")
        obj.__name__ = name
        obj.__parent__ = self
        self.data[name] = obj
        self._count.change(1)
        return obj

    def remove(self, name):
        obj = self.data.pop(name)
        self._count.change(-1)
        return obj
