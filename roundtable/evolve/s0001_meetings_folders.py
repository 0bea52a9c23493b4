"""Bodies made before meetings existed get their (empty) meetings folder."""


def evolve(portal):
    from ..meetings.resources import Meetings

    for body in portal["bodies"].values():
        if "meetings" not in body:
            body.add(Meetings(), "meetings")
