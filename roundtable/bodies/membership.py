"""A person's seat in a body (Membership) and the folder that keeps them.

Dates of a membership: ``start`` is the first day of the seat, ``end`` the day
the person left (Austritt). On the end day the membership no longer counts —
so ending a membership today takes effect at once, including the loss of a
chair's rights, and a body's member list never shows someone who was just
removed. A membership with ``end == start`` never counted (entered in error).
"""
from datetime import date

from persistent import Persistent

from ..folder import Folder
from ..i18n import _

MEMBERSHIP_ROLES = (
    ("chair", _("Vorsitz")),
    ("deputy_chair", _("stellv. Vorsitz")),
    ("member", _("Mitglied")),
    ("delegate", _("Delegierte/r")),
    ("deputy", _("Stellvertretung")),
    ("guest", _("Gast")),
)

# Membership roles that let the person manage the body (local role "chair").
MANAGING_ROLES = frozenset({"chair", "deputy_chair"})

ROLE_ORDER = {key: i for i, (key, _title) in enumerate(MEMBERSHIP_ROLES)}


class Membership(Persistent):
    """A person's seat in one body: role, term, voting right, on whose behalf."""

    __name__ = None
    __parent__ = None

    fields = ("person_id", "role", "organisation_id", "voting", "start", "end", "note")

    def __init__(self, person_id, role="member", organisation_id=None,
                 voting=True, start=None, end=None, note=""):
        self.person_id = person_id
        self.role = role
        self.organisation_id = organisation_id
        self.voting = voting
        self.start = start
        self.end = end
        self.note = note

    def update(self, **values):
        for key, value in values.items():
            if key not in self.fields:
                raise AttributeError(key)
            setattr(self, key, value)

    def field_values(self):
        return {name: getattr(self, name) for name in self.fields}

    def is_current(self, on=None):
        on = on or date.today()
        return (self.start is None or self.start <= on) and (self.end is None or on < self.end)

    def is_former(self, on=None):
        on = on or date.today()
        return self.end is not None and self.end <= on

    def is_upcoming(self, on=None):
        on = on or date.today()
        return self.start is not None and self.start > on and not self.is_former(on)

    def overlaps(self, start, end):
        """Whether the term ``start``–``end`` (end exclusive, None = open) shares a day with ours."""
        starts_before_our_end = self.end is None or start is None or start < self.end
        ends_after_our_start = end is None or self.start is None or self.start < end
        return starts_before_our_end and ends_after_our_start

    @property
    def body(self):
        folder = self.__parent__
        return folder.__parent__ if folder is not None else None

    @property
    def role_title(self):
        return dict(MEMBERSHIP_ROLES).get(self.role, self.role)

    @property
    def has_vote(self):
        """Guests never vote, whatever the checkbox says."""
        return bool(self.voting) and self.role != "guest"


class Memberships(Folder):
    def add_membership(self, membership):
        return self.add(membership, name=self.unique_name(membership.person_id, "m"))


class MembershipConflict(ValueError):
    """The person already holds this role in the body for an overlapping term."""

    def __init__(self, existing):
        super().__init__(existing)
        self.existing = existing
