"""Persons stored with a bare consent flag get a consent record instead.

The record says "taken over from the old register" (method ``migration``),
dated at the person's last change, which is the best evidence there is.
"""


def evolve(portal):
    for person in portal["people"].values():
        person._p_activate()
        state = person.__dict__
        if "public_consent" not in state:
            continue
        given = bool(state.pop("public_consent"))
        person._p_changed = True
        if given:
            changed = person.modified
            person.record_consent("public", True, method="migration", when=changed)
            person.modified = changed
