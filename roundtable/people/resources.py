"""Persons and organisations of the register, and who may see what of them.

Privacy rule: a person is visible to the public only with their consent to be
named, and then only by name and affiliation; contact data is for the board and
the coordinator alone (``view_contact``), never public.
"""
from datetime import datetime, timezone

from persistent import Persistent
from persistent.list import PersistentList
from pyramid.authorization import ALL_PERMISSIONS, Allow, Deny, Everyone
from pyramid.traversal import find_root

from ..folder import Folder
from ..security import EDIT, VIEW, VIEW_CONTACT
from ..text import fold
from .consent import PUBLIC, ConsentRecord, current, may_be_named_publicly
from .vocabulary import (ORGANISATION_KINDS, PLAIN_LETTERS, language_title, matches,
                         ordered_languages)


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

    @property
    def portal(self):
        return find_root(self)


class Person(Record):
    fields = (
        "salutation", "academic_title", "given_name", "family_name", "email",
        "phone", "languages", "organisation_ids", "notes", "public_consent",
    )

    consent_records = ()  # ConsentRecords, oldest first (see consent.py)

    def __init__(self, consent_method="form", consent_by=None, **values):
        self._v_consent_how = (consent_method, consent_by)
        super().__init__(**values)
        del self._v_consent_how

    def update(self, consent_method="form", consent_by=None, **values):
        """Change fields; a changed consent is recorded as made by ``consent_by``
        in the way ``consent_method`` names (form, paper, e-mail ...)."""
        self._v_consent_how = (consent_method, consent_by)
        super().update(**values)
        del self._v_consent_how  # a later plain assignment must not reuse who and how

    @classmethod
    def defaults(cls):
        return {"salutation": "", "academic_title": "", "languages": (),
                "organisation_ids": (), "notes": "", "phone": "", "email": "",
                "public_consent": False}

    @property
    def public_consent(self):
        """The consent to be named publicly, as the newest record says.

        A person stored before consent records existed keeps the flag of
        that time until evolve step 0040 turns it into a record.
        """
        given = current(self.consent_records, PUBLIC)
        if given is None:
            return bool(self.__dict__.get("public_consent", False))
        return given

    @public_consent.setter
    def public_consent(self, value):
        if bool(value) != self.public_consent:
            method, by = getattr(self, "_v_consent_how", ("form", None))
            self.record_consent(PUBLIC, bool(value), method=method, by=by)

    def record_consent(self, purpose, given, method="form", by=None, when=None, note=""):
        """Add a consent (or, with ``given`` False, a withdrawal) to the history."""
        if not isinstance(self.consent_records, PersistentList):
            self.consent_records = PersistentList(self.consent_records)
        record = ConsentRecord(purpose, given, method=method, by=by, when=when, note=note)
        self.consent_records.append(record)
        self.modified = _now()
        return record

    @property
    def title(self):
        return " ".join(p for p in (self.academic_title, self.given_name, self.family_name) if p)

    @property
    def sort_key(self):
        return (fold(self.family_name), fold(self.given_name))

    @property
    def __acl__(self):
        acl = [
            (Allow, "role:admin", ALL_PERMISSIONS),
            (Allow, "role:board", (VIEW, VIEW_CONTACT)),
            (Allow, "role:member", VIEW),
        ]
        if self.publicly_named:
            acl.append((Allow, Everyone, VIEW))
        acl.append((Deny, Everyone, (VIEW, VIEW_CONTACT, EDIT)))
        return acl

    @property
    def consent_withdrawn(self):
        """When the consent to be named was withdrawn, while it stays withdrawn
        (None: named now, or never consented). Consumers of the published data
        (OParl) are told from then on to forget the name. Read from the consent
        records; a person stored before them keeps the time noted then."""
        for record in reversed(self.consent_records):
            if record.purpose == PUBLIC:
                return None if record.given else record.when
        return self.__dict__.get("consent_withdrawn")

    @property
    def publicly_named(self):
        """May the public read this person's name (on any page)?

        The one answer to that question: every page, feed and API asks here
        (and this asks the consent records, see ``consent.py``).
        """
        return may_be_named_publicly(self)

    @property
    def formerly_named(self):
        """Was the name public once and no longer is (consent withdrawn, or the
        person retired)? Published copies of it must then be withdrawn."""
        if self.publicly_named:
            return False
        return self.consent_withdrawn is not None or bool(self.public_consent)

    @property
    def language_titles(self):
        return [language_title(code) for code in ordered_languages(self.languages)]

    def organisations(self):
        """The organisations this person belongs to (unknown ids skipped)."""
        orgs = self.portal["organisations"]
        found = (orgs.get(name) for name in self.organisation_ids or ())
        return sorted((o for o in found if o is not None), key=lambda o: o.sort_key)

    # search contract: name and organisations, what the person's page shows
    # to whoever may see it; contact data and notes never
    content_type = "person"

    def search_data(self):
        orgs = [o.name for o in self.organisations()] if self.__parent__ is not None else []
        return {"title": self.title, "text": ", ".join(orgs), "date": None, "body": None,
                "field_of_action": None, "status": "active" if self.active else "retired"}

    def matches(self, query, contact=False, notes=False):
        """Search by name and organisation; e-mail and notes only for those who
        may read them, so a search cannot reveal what the page would hide."""
        texts = [self.given_name, self.family_name, self.academic_title]
        if self.__parent__ is not None:
            texts += [o.name for o in self.organisations()]
        if contact:
            texts += [self.email, self.phone]
        if notes:
            texts.append(self.notes)
        return matches(query, *texts)


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
        return fold(self.name)

    @property
    def address_lines(self):
        lines = [self.street, " ".join(p for p in (self.postcode, self.city) if p)]
        return [line for line in lines if line]

    @property
    def delegate(self):
        return self._person(self.delegate_id)

    @property
    def deputy(self):
        return self._person(self.deputy_id)

    def _person(self, person_id):
        if not person_id or self.__parent__ is None:
            return None
        return self.portal["people"].get(person_id)

    def people(self):
        """Persons of the register who belong to this organisation."""
        people = self.portal["people"].values()
        return sorted((p for p in people if self.__name__ in (p.organisation_ids or ())),
                      key=lambda p: p.sort_key)

    def matches(self, query, **private):
        return matches(query, self.name, self.city, self.description, self.kind_title)

    # search contract: only what the public page shows anyway
    content_type = "organisation"

    def search_data(self):
        return {"title": self.name,
                "text": " ".join(str(t) for t in (self.kind_title, self.city, self.description) if t),
                "date": None, "body": None, "field_of_action": None,
                "status": "active" if self.active else "retired"}


class RegisterFolder(Folder):
    """A folder of records with sorted, filtered listings."""

    record_class = Record
    # names of the folder's own views, which a record must not hide
    reserved = frozenset({"add", "import", "export.csv"})

    def unique_name(self, text, fallback="item"):
        """A readable name; "Yılmaz" becomes "yilmaz" rather than "y-lmaz"."""
        text = (text or "").translate(PLAIN_LETTERS)
        name = super().unique_name(text, fallback)
        if name in self.reserved:
            name = super().unique_name(f"{name} {fallback}", fallback)
        return name

    def create(self, values, title, fallback="item"):
        """A new record from validated values, named after ``title``."""
        return self.add(self.record_class(**values), name=self.unique_name(title, fallback))

    def listing(self, query="", include_retired=False, **private):
        """Active (or all) records matching ``query``, sorted by name.

        ``private`` names the non-public fields the searcher may read
        (``contact``, ``notes``); only those are searched.
        """
        items = [o for o in self.values() if include_retired or o.active]
        if query:
            items = [o for o in items if o.matches(query, **private)]
        return sorted(items, key=lambda o: o.sort_key)


class People(RegisterFolder):
    freshness_section = "register"  # see roundtable.freshness
    title = "Personen"
    record_class = Person
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
            if person is not exclude and (person.email or "").strip().lower() == email:
                return person
        return None

    def add_person(self, values):
        """Create a person from validated values; the URL name follows the name."""
        return self.create(values, f"{values['given_name']} {values['family_name']}", "person")


class Organisations(RegisterFolder):
    """Member organisations. Their register entries are public: names, addresses
    and organisational contact data are what an organisation publishes anyway.
    """

    title = "Organisationen"
    record_class = Organisation
    freshness_section = "register"  # see roundtable.freshness
    __acl__ = [
        (Allow, "role:admin", ALL_PERMISSIONS),
        (Allow, Everyone, VIEW),
    ]

    def find_by_name(self, name, exclude=None):
        """The organisation of that name, ignoring case, umlaut spelling and spacing."""
        key = " ".join(fold(name).split())
        if not key:
            return None
        for org in self.values():
            if org is not exclude and " ".join(fold(org.name).split()) == key:
                return org
        return None

    def add_organisation(self, values):
        return self.create(values, values["name"], "organisation")
