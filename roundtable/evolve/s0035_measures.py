"""Portals made before the integration concept existed get its (empty) container."""
from ..tree import add_root_folders


def evolve(portal):
    add_root_folders(portal, names=("concept",))
