"""Bodies (Gremien) and their memberships.

Memberships are never deleted when someone leaves: they get an end date, so
the record of who sat in a body when stays complete. Bodies are never deleted
either: a dissolved body keeps its URL, members and meetings on record.
The membership itself and its dates: see ``membership.py``.
"""
from datetime import date, datetime, timezone

from pyramid.authorization import ALL_PERMISSIONS, Allow

from ..folder import Folder
from ..i18n import _
from ..people.resources import Record
from ..security import EDIT, VIEW
from ..text import fold, matches
from .membership import (MANAGING_ROLES, MEMBERSHIP_ROLES, ROLE_ORDER, Membership,
                         MembershipConflict, Memberships)

__all__ = [
    "BODY_KINDS", "BODY_GROUPS", "FIELDS_OF_ACTION", "KIND_ORDER", "Body", "Bodies",
    # re-exported: memberships stored in existing databases name this module
    "MANAGING_ROLES", "MEMBERSHIP_ROLES", "ROLE_ORDER", "Membership", "MembershipConflict",
    "Memberships",
]

BODY_KINDS = (
    ("plenary", _("Runder Tisch (Plenum)")),
    ("board", _("Vorstand")),
    ("steering", _("Steuerungsgruppe")),
    ("working", _("Arbeitsgruppe")),
    ("other", _("Sonstiges Gremium")),
)

# Headings of the public list of bodies, one group per kind, in this order.
BODY_GROUPS = (
    ("plenary", _("Runder Tisch")),
    ("board", _("Vorstand")),
    ("steering", _("Steuerungsgruppen")),
    ("working", _("Arbeitsgruppen")),
    ("other", _("Weitere Gremien")),
)

FIELDS_OF_ACTION = (
    ("", _("—")),
    ("housing", _("Wohnen")),
    ("language", _("Sprache und Bildung")),
    ("work", _("Arbeit und Ausbildung")),
    ("participation", _("Teilhabe und Partizipation")),
    ("health", _("Gesundheit")),
    ("early_childhood", _("Kinder vor der Schule")),
    ("women", _("Mädchen und Frauen")),
    ("culture", _("Kultur, Sport und Freizeit")),
)

def _now():
    return datetime.now(timezone.utc)


KIND_ORDER = {key: i for i, (key, _title) in enumerate(BODY_KINDS)}


# Folders every new body gets, registered by later features (meetings adds
# "meetings"): bodies come first in the layer order and import none of them.
BODY_FOLDERS = []


def add_body_folder(name, factory):
    if name not in dict(BODY_FOLDERS):
        BODY_FOLDERS.append((name, factory))


class Body(Record, Folder):
    """A round table, board, steering or working group; a container for its meetings.

    ``retired`` (from :class:`Record`) is the date the body was dissolved.
    """

    fields = ("kind", "name", "short_name", "description", "field_of_action",
              "parent_id", "email", "quorum_percent", "standing_items", "reminder_days")

    # Share of the voting members that must be present for decisions, as set by
    # the rules of procedure; a class default so bodies stored before it exist.
    quorum_percent = 50
    # Titles of the agenda items every new meeting of the body starts with
    # (welcome, minutes of the last session, any other business), in order;
    # a class default so bodies stored before it exist.
    standing_items = ()
    # Days before an invited meeting when those who have not replied get a
    # reminder (meetings/reminders.py); 0 = none.
    reminder_days = 0
    # a change to anything inside a body bumps its own counter (roundtable.freshness)
    freshness_body = True

    def __init__(self, **values):
        Folder.__init__(self)
        Record.__init__(self, **values)
        self.add(Memberships(), "memberships")
        for name, factory in BODY_FOLDERS:
            self.add(factory(), name)

    @classmethod
    def defaults(cls):
        return {"kind": "working", "short_name": "", "description": "",
                "field_of_action": "", "parent_id": None, "email": "", "quorum_percent": 50,
                "standing_items": (), "reminder_days": 0}

    @property
    def quorum(self):
        """The quorum as a fraction (0.5 = half of the voting members)."""
        return (self.quorum_percent or 50) / 100

    @property
    def title(self):
        return self.name

    @property
    def dissolved(self):
        return self.retired

    @property
    def sort_key(self):
        return (KIND_ORDER.get(self.kind, 9), fold(self.name))

    @property
    def kind_title(self):
        return dict(BODY_KINDS).get(self.kind, self.kind)

    @property
    def field_of_action_title(self):
        if not self.field_of_action:
            return ""
        return dict(FIELDS_OF_ACTION).get(self.field_of_action, self.field_of_action)

    @property
    def __acl__(self):
        # The chair's local role gives VIEW and EDIT only: dissolving bodies and
        # changing what kind a body is (which decides who is "board") stay with
        # the coordinator. Everything else is inherited from the portal.
        return [
            (Allow, "role:admin", ALL_PERMISSIONS),
            (Allow, "local:chair", (VIEW, EDIT)),
        ]

    @property
    def memberships(self):
        return self["memberships"]

    @property
    def parent_body(self):
        bodies = self.__parent__
        if not self.parent_id or bodies is None:
            return None
        return bodies.get(self.parent_id)

    def current_memberships(self, on=None):
        items = [m for m in self.memberships.values() if m.is_current(on)]
        return sorted(items, key=lambda m: ROLE_ORDER.get(m.role, 99))

    def former_memberships(self, on=None):
        """Ended memberships, the most recently ended first."""
        items = [m for m in self.memberships.values() if m.is_former(on)]
        return sorted(items, key=lambda m: (m.end, m.start or date.min), reverse=True)

    def upcoming_memberships(self, on=None):
        items = [m for m in self.memberships.values() if m.is_upcoming(on)]
        return sorted(items, key=lambda m: (m.start, ROLE_ORDER.get(m.role, 99)))

    def local_roles_for(self, person_id):
        """``member`` for a current member of this (not dissolved) body, plus
        ``chair`` for a current chair or deputy chair.

        ``local:member`` opens the body's non-public meetings to its members.
        """
        if not self.active:
            return set()
        roles = set()
        for m in self.memberships.values():
            if m.person_id == person_id and m.is_current():
                roles.add("member")
                if m.role in MANAGING_ROLES:
                    roles.add("chair")
        return roles

    def voting_members(self, on=None):
        return [m for m in self.current_memberships(on) if m.has_vote]

    # search contract ---------------------------------------------------------
    content_type = "body"

    def search_data(self):
        return {"title": self.name,
                "text": " ".join(str(t) for t in (self.short_name, self.description,
                                                  self.kind_title, self.field_of_action_title) if t),
                "date": None, "body": self.__name__,
                "field_of_action": self.field_of_action or None,
                "status": "active" if self.active else "dissolved"}

    def matches(self, query):
        return matches(query, self.name, self.short_name, self.description, self.field_of_action_title)

    # memberships -------------------------------------------------------------

    def conflicting_membership(self, person_id, role, start, end, exclude=None):
        """An existing membership of the person in the same role whose term overlaps."""
        for m in self.memberships.values():
            if m is exclude or m.person_id != person_id or m.role != role:
                continue
            if m.overlaps(start, end):
                return m
        return None

    def check_membership(self, values, exclude=None):
        existing = self.conflicting_membership(values["person_id"], values["role"],
                                               values.get("start"), values.get("end"), exclude)
        if existing is not None:
            raise MembershipConflict(existing)

    def add_membership(self, **values):
        """Record a new membership; refuses a second overlapping seat in the same role."""
        self.check_membership(values)
        membership = self.memberships.add_membership(Membership(**values))
        self.modified = _now()
        return membership

    def update_membership(self, membership, **values):
        merged = dict(membership.field_values(), **values)
        self.check_membership(merged, exclude=membership)
        membership.update(**values)
        self.modified = _now()
        return membership

    def end_membership(self, membership, on=None):
        """End a current membership on ``on`` (today); it stays on record as former.

        Returns False (and changes nothing) for a membership that is not
        current: an ended one keeps its original end date, one that has not
        begun yet is corrected through the edit form instead.
        """
        on = on or date.today()
        if not membership.is_current(on):
            return False
        membership.end = on
        self.modified = _now()
        return True

    def roster(self, memberships, people, may_name, by_term=False):
        """Split memberships into those whose person may be named and a count of the rest.

        ``may_name(person)`` decides (in views: may the viewer see the
        person?). Named rows are ``(membership, person)`` sorted by role
        (chair first) and then by name, or with ``by_term`` the most recently
        ended first; the rest is only counted, so a person who did not consent
        is never named, nor is their role revealed.
        """
        named, unnamed = [], 0
        for m in memberships:
            person = people.get(m.person_id)
            if person is not None and may_name(person):
                named.append((m, person))
            else:
                unnamed += 1
        if by_term:
            named.sort(key=lambda mp: (mp[0].end or date.max, mp[0].start or date.min), reverse=True)
        else:
            named.sort(key=lambda mp: (ROLE_ORDER.get(mp[0].role, 99), mp[1].sort_key))
        return named, unnamed


class Bodies(Folder):
    freshness_section = "bodies"  # see roundtable.freshness
    title = "Gremien"

    def listing(self, query="", include_retired=False):
        items = [b for b in self.values() if include_retired or b.active]
        if query:
            items = [b for b in items if b.matches(query)]
        return sorted(items, key=lambda b: b.sort_key)

    def dissolved(self):
        return sorted((b for b in self.values() if not b.active), key=lambda b: b.sort_key)

    def grouped(self):
        """Active bodies as ``[(kind, heading, [bodies])]`` in the order of BODY_GROUPS."""
        bodies = self.listing()
        groups = []
        for kind, heading in BODY_GROUPS:
            members = [b for b in bodies if b.kind == kind]
            if members:
                groups.append((kind, heading, members))
        return groups

    def children_of(self, body, include_retired=False):
        return [b for b in self.listing(include_retired=include_retired)
                if b.parent_id == body.__name__]

    def find_by_name(self, name, exclude=None):
        """The body called ``name`` (case and umlaut folding), other than ``exclude``."""
        key = fold(name).strip()
        for body in self.values():
            if body is not exclude and fold(body.name).strip() == key:
                return body
        return None

    def ancestors(self, body_id):
        """Names of ``body_id`` and the bodies above it (stops on a broken or cyclic chain)."""
        seen = []
        while body_id and body_id in self and body_id not in seen:
            seen.append(body_id)
            body_id = self[body_id].parent_id
        return seen

    def parent_allowed(self, body, parent_id):
        """A parent must exist and must not be ``body`` itself or one of its sub-bodies."""
        if not parent_id:
            return True
        if parent_id not in self:
            return False
        if body is None:
            return True
        return body.__name__ not in self.ancestors(parent_id)

    def parent_candidates(self, body=None):
        """Bodies that may become the parent of ``body`` (all, for a new body)."""
        return [b for b in self.listing() if self.parent_allowed(body, b.__name__)]

    def add_body(self, **values):
        body = Body(**values)
        return self.add(body, name=self.unique_name(body.name, "gremium"))

    def roles_of_person(self, person_id):
        """Site roles a person holds through current memberships."""
        roles = set()
        for body in self.values():
            if not body.active:
                continue
            for m in body.memberships.values():
                if m.person_id == person_id and m.is_current():
                    roles.add("member")
                    if body.kind == "board":
                        roles.add("board")
        return roles

    def memberships_of_person(self, person_id):
        return [(body, m) for body in self.listing(include_retired=True)
                for m in body.memberships.values() if m.person_id == person_id]
