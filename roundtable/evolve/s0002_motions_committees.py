"""Portals made before motions existed get the committees and motions containers."""


def evolve(portal):
    from ..db import add_motions_containers

    add_motions_containers(portal)
