"""Databases made before the search catalog get one, filled from the whole tree."""
from ..catalog import reindex


def evolve(portal):
    reindex(portal)
