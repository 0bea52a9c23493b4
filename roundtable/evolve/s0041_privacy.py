"""Portals made before the privacy package get its office (audit log, retention)."""
from ..privacy.resources import OFFICE
from ..tree import add_root_folders


def evolve(portal):
    add_root_folders(portal, names=[OFFICE])
