"""Persons and organisations of the register, and who may see what of them.

Privacy rule: a person is visible to the public only with their consent to be
named, and then only by name and affiliation; contact data is for the board and
the coordinator alone (``view_contact``), never public.
"""
from datetime import datetime, timezone

from persistent import Persistent
from pyramid.authorization import ALL_PERMISSIONS, Allow, Deny, Everyone

from ..folder import Folder
from ..i18n import _
from ..security import EDIT, VIEW, VIEW_CONTACT
from ..text import matches

SALUTATIONS = (
    ("", _("—")),
    ("Frau", "Frau"),
    ("Herr", "Herr"),
    ("neutral", _("neutrale Anrede")),
)

ORGANISATION_KINDS = (
    ("mso", _("Migrantenselbstorganisation")),
    ("welfare", _("Wohlfahrtsverband")),
    ("religious", _("Kirche/Religionsgemeinschaft")),
    ("club", _("Verein")),
    ("administration", _("Verwaltung")),
    ("chamber", _("Kammer")),
    ("education", _("Bildungsträger")),
    ("other", _("Sonstige")),
)


def _now():
    return datetime.now(timezone.utc)


class Record(Persistent):
    """Common behaviour of register entries: update from a form, retire."""

    __name__ = None
    __parent__ = None
    fields = ()

    def __init__(self, **values):
        self.created = self.modified = _now()
        self.retired = None
        for name in self.fields:
            setattr(self, name, values.get(name, self.defaults().get(name)))

    @classmethod
    def defaults(cls):
        return {}

    def update(self, **values):
        for name in self.fields:
            if name in values:
                setattr(self, name, values[name])
        self.modified = _now()

    def field_values(self):
        return {name: getattr(self, name) for name in self.fields}

    def retire(self, on=None):
        self.retired = on or _now().date()
        self.modified = _now()

    def reactivate(self):
        self.retired = None
        self.modified = _now()

    @property
    def active(self):
        return self.retired is None


class Person(Record):
    fields = (
        "salutation", "academic_title", "given_name", "family_name", "email",
        "phone", "languages", "organisation_ids", "notes", "public_consent",
    )

    @classmethod
    def defaults(cls):
        return {"salutation": "", "academic_title": "", "languages": (),
                "organisation_ids": (), "notes": "", "phone": "", "email": "",
                "public_consent": False}

    @property
    def title(self):
        return " ".join(p for p in (self.academic_title, self.given_name, self.family_name) if p)

    @property
    def sort_key(self):
        from ..text import fold

        return (fold(self.family_name), fold(self.given_name))

    @property
    def __acl__(self):
        acl = [
            (Allow, "role:admin", ALL_PERMISSIONS),
            (Allow, "role:board", (VIEW, VIEW_CONTACT)),
            (Allow, "role:member", VIEW),
        ]
        if self.public_consent and self.active:
            acl.append((Allow, Everyone, VIEW))
        acl.append((Deny, Everyone, (VIEW, VIEW_CONTACT, EDIT)))
        return acl

    def matches(self, query):
        return matches(query, self.given_name, self.family_name, self.email, self.notes)


class Organisation(Record):
    fields = (
        "name", "kind", "street", "postcode", "city", "website", "email",
        "phone", "delegate_id", "deputy_id", "description", "member_since",
    )

    @classmethod
    def defaults(cls):
        return {"kind": "other", "street": "", "postcode": "", "city": "",
                "website": "", "email": "", "phone": "", "delegate_id": None,
                "deputy_id": None, "description": "", "member_since": None}

    @property
    def title(self):
        return self.name

    @property
    def kind_title(self):
        return dict(ORGANISATION_KINDS).get(self.kind, self.kind)

    @property
    def sort_key(self):
        from ..text import fold

        return fold(self.name)

    def matches(self, query):
        return matches(query, self.name, self.city, self.description, self.kind_title)


class RegisterFolder(Folder):
    """A folder of records with sorted, filtered listings."""

    def listing(self, query="", include_retired=False):
        items = [o for o in self.values() if include_retired or o.active]
        if query:
            items = [o for o in items if o.matches(query)]
        return sorted(items, key=lambda o: o.sort_key)


class People(RegisterFolder):
    title = "Personen"
    __acl__ = [
        (Allow, "role:admin", ALL_PERMISSIONS),
        (Allow, "role:board", VIEW),
        (Allow, "role:member", VIEW),
        (Deny, Everyone, VIEW),
    ]

    def find_by_email(self, email, exclude=None):
        email = (email or "").strip().lower()
        if not email:
            return None
        for person in self.values():
            if person is not exclude and (person.email or "").lower() == email:
                return person
        return None


class Organisations(RegisterFolder):
    title = "Organisationen"
