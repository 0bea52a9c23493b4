"""Consent as evidence: dated records of what a person agreed to, and withdrew.

A tick box only says what holds today; a data protection officer asks when
and how someone consented and who entered it. So every change of a consent is
a ``ConsentRecord`` kept on the person, newest last, and the current state is
read from the newest record of each purpose. Withdrawal is a record too; as
every public output asks ``may_be_named_publicly`` (one function), it takes
effect on pages, feeds, search and the API at once.

The records live here in ``people`` (not in ``privacy``) because the person,
an early layer, must read them; ``privacy`` exports and erases them.
"""
from datetime import datetime, timezone

from persistent import Persistent

from ..i18n import _

PUBLIC = "public"  # to be named on public pages, feeds and the API

PURPOSES = (
    (PUBLIC, _("Namentliche Nennung auf öffentlichen Seiten")),
)

METHODS = (
    ("form", _("Formular")),
    ("paper", _("Papier (unterschrieben)")),
    ("email", _("E-Mail")),
    ("optin", _("Double-Opt-In")),
    ("import", _("Import")),
    ("migration", _("Übernahme aus dem alten Register")),
)
METHOD_CODES = tuple(code for code, _title in METHODS)


class ConsentRecord(Persistent):
    """One declaration: ``given`` True (consent) or False (withdrawal).

    Records are never changed or removed once written (except when the person
    is erased altogether).
    """

    def __init__(self, purpose, given, method="form", by=None, when=None, note=""):
        self.purpose = purpose
        self.given = bool(given)
        self.method = method if method in METHOD_CODES else "form"
        self.by = by            # who entered it: a user name, or None for the person themselves
        self.when = when or datetime.now(timezone.utc)
        self.note = note

    @property
    def purpose_title(self):
        return dict(PURPOSES).get(self.purpose, self.purpose)

    @property
    def method_title(self):
        return dict(METHODS).get(self.method, self.method)

    def as_dict(self):
        return {"purpose": self.purpose, "given": self.given, "method": self.method,
                "by": self.by, "when": self.when.isoformat(), "note": self.note}


def current(records, purpose):
    """Whether the newest record of ``purpose`` among ``records`` is a consent."""
    for record in reversed(records or ()):
        if record.purpose == purpose:
            return record.given
    return None


def may_be_named_publicly(person):
    """THE question every public output asks: may this person's name be shown?

    Only with a consent on record that was not withdrawn, and only while the
    person is an active part of the round table.
    """
    return bool(person is not None and person.public_consent and person.active)
