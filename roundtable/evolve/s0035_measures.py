"""Portals made before the integration concept existed get its (empty) container."""


def evolve(portal):
    from ..measures.resources import Concepts

    if "concept" not in portal:
        portal.add(Concepts(), "concept")
