"""Portals made before newsletters existed get the (empty) newsletter container."""


def evolve(portal):
    from ..newsletter.resources import Newsletter

    if "newsletter" not in portal:
        portal.add(Newsletter(), "newsletter")
