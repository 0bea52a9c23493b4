"""Bodies (Gremien) and their memberships.

Memberships are never deleted when someone leaves: they get an end date, so
the record of who sat in a body when stays complete.
"""
from datetime import date

from persistent import Persistent
from pyramid.authorization import ALL_PERMISSIONS, Allow

from ..folder import Folder
from ..i18n import _
from ..people.resources import Record
from ..security import EDIT, VIEW
from ..text import fold, matches

BODY_KINDS = (
    ("plenary", _("Runder Tisch (Plenum)")),
    ("board", _("Vorstand")),
    ("steering", _("Steuerungsgruppe")),
    ("working", _("Arbeitsgruppe")),
    ("other", _("Sonstiges Gremium")),
)

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


class Membership(Persistent):
    __name__ = None
    __parent__ = None

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
            setattr(self, key, value)

    def is_current(self, on=None):
        on = on or date.today()
        return (self.start is None or self.start <= on) and (self.end is None or self.end >= on)

    @property
    def role_title(self):
        return dict(MEMBERSHIP_ROLES).get(self.role, self.role)


class Memberships(Folder):
    def add_membership(self, membership):
        return self.add(membership, name=self.unique_name(membership.person_id, "m"))


ROLE_ORDER = {key: i for i, (key, _) in enumerate(MEMBERSHIP_ROLES)}


class Body(Record, Folder):
    """A round table, board, steering or working group; a container for its meetings."""

    fields = ("kind", "name", "short_name", "description", "field_of_action",
              "parent_id", "email")

    def __init__(self, **values):
        Folder.__init__(self)
        Record.__init__(self, **values)
        self.add(Memberships(), "memberships")

    @classmethod
    def defaults(cls):
        return {"kind": "working", "short_name": "", "description": "",
                "field_of_action": "", "parent_id": None, "email": ""}

    @property
    def title(self):
        return self.name

    @property
    def sort_key(self):
        return (dict((k, i) for i, (k, _) in enumerate(BODY_KINDS)).get(self.kind, 9), fold(self.name))

    @property
    def kind_title(self):
        return dict(BODY_KINDS).get(self.kind, self.kind)

    @property
    def field_of_action_title(self):
        return dict(FIELDS_OF_ACTION).get(self.field_of_action or "", "")

    @property
    def __acl__(self):
        return [
            (Allow, "role:admin", ALL_PERMISSIONS),
            (Allow, "local:chair", (VIEW, EDIT)),
        ]

    @property
    def memberships(self):
        return self["memberships"]

    def current_memberships(self, on=None):
        items = [m for m in self.memberships.values() if m.is_current(on)]
        return sorted(items, key=lambda m: ROLE_ORDER.get(m.role, 99))

    def former_memberships(self, on=None):
        on = on or date.today()
        return [m for m in self.memberships.values() if m.end is not None and m.end < on]

    def local_roles_for(self, person_id):
        """``chair`` for a current chair or deputy chair of this body."""
        for m in self.memberships.values():
            if m.person_id == person_id and m.role in MANAGING_ROLES and m.is_current():
                return {"chair"}
        return set()

    def voting_members(self, on=None):
        return [m for m in self.current_memberships(on) if m.voting and m.role != "guest"]

    def matches(self, query):
        return matches(query, self.name, self.short_name, self.description, self.field_of_action_title)


class Bodies(Folder):
    title = "Gremien"

    def listing(self, query="", include_retired=False):
        items = [b for b in self.values() if include_retired or b.active]
        if query:
            items = [b for b in items if b.matches(query)]
        return sorted(items, key=lambda b: b.sort_key)

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
