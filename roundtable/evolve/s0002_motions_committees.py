"""Portals made before motions existed get the committees and motions containers."""
from ..tree import add_root_folders


def evolve(portal):
    add_root_folders(portal, names=("committees", "motions"))
