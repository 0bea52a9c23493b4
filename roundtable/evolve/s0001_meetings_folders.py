"""Bodies made before meetings existed get their (empty) meetings folder."""
from ..meetings.resources import Meetings


def evolve(portal):
    for body in portal["bodies"].values():
        if "meetings" not in body:
            body.add(Meetings(), "meetings")
