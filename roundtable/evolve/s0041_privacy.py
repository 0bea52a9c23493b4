"""Portals made before the privacy package get its office (audit log, retention)."""
from ..privacy.resources import add_privacy_office


def evolve(portal):
    add_privacy_office(portal)
