"""Portals made before newsletters existed get the (empty) newsletter container."""
from ..tree import add_root_folders


def evolve(portal):
    add_root_folders(portal, names=("newsletter",))
