"""Databases made before the search catalog get one, filled from the whole tree."""


def evolve(portal):
    from ..catalog import reindex

    reindex(portal)
