"""Colander schemas for persons and organisations.

They are the one validation of register data: the web forms and the CSV
import both deserialize through them, so a row in a spreadsheet is held to
exactly the rules of the form (required names, valid e-mail, unique e-mail
and organisation name, known languages and organisations).

Schemas must be bound with ``request`` and ``context`` (the folder when adding,
the record when editing) before use: the choices and uniqueness checks read
the register through the request.
"""
import re
from urllib.parse import urlsplit

import colander
import deform

from ..i18n import _
from .consent import METHODS
from .resources import Organisation, Person
from .vocabulary import (LANGUAGE_CODES, LANGUAGES, ORGANISATION_KINDS, SALUTATIONS,
                         ordered_languages)

MAX_UPLOAD = 5 * 1024 * 1024  # bytes; a register of thousands of rows is far smaller


# -- small building blocks ------------------------------------------------------

def strip(value):
    """Surrounding white space is never meant; an all-blank value counts as empty."""
    if isinstance(value, str):
        value = value.strip()
        return value or colander.null
    return value


def text(title, max_length=200, required=False, **kw):
    kw.setdefault("preparer", strip)
    if not required:
        kw.setdefault("missing", "")
    return colander.SchemaNode(colander.String(), title=title,
                               validator=kw.pop("validator", None) or colander.Length(max=max_length),
                               **kw)


def with_length(max_length, validator):
    return colander.All(colander.Length(max=max_length), validator)


class YesNo(colander.Boolean):
    """A yes/no value from a checkbox ("true") or a spreadsheet cell ("ja"/"nein").

    Unlike ``colander.Boolean`` it refuses anything else instead of reading
    every unknown word as yes: a consent must never be assumed from a typo.
    """

    TRUE = ("true", "1", "ja", "j", "yes", "y", "x")
    FALSE = ("", "false", "0", "nein", "n", "no")

    def deserialize(self, node, cstruct):
        if cstruct is colander.null:
            return colander.null
        value = str(cstruct).strip().casefold()
        if value in self.TRUE:
            return True
        if value in self.FALSE:
            return False
        raise colander.Invalid(node, _("„${val}“ ist keine gültige Angabe; bitte „ja“ oder „nein“.",
                                       mapping={"val": cstruct}))


def email_validator(node, value):
    colander.Email(msg=_("Bitte geben Sie eine gültige E-Mail-Adresse an, z. B. name@beispiel.de."))(
        node, value)


PHONE = re.compile(r"^\+?[0-9][0-9 ()/.\-–]{2,39}$")


def phone_validator(node, value):
    if not PHONE.match(value):
        raise colander.Invalid(node, _("Bitte nur Ziffern, Leerzeichen und + ( ) / - verwenden, "
                                       "z. B. 0461 85-1234 oder +49 461 851234."))


POSTCODE = re.compile(r"^(?:[A-Z]{1,3}-)?[0-9A-Z][0-9A-Z ]{2,9}$", re.IGNORECASE)


def postcode_validator(node, value):
    if not POSTCODE.match(value):
        raise colander.Invalid(node, _("Bitte eine gültige Postleitzahl angeben, z. B. 24937."))


_BARE_DOMAIN = re.compile(r"^[\w-]+(\.[\w-]+)+(/\S*)?$")


def website_preparer(value):
    """Accept "www.example.org" as typed and store it with https://."""
    value = strip(value)
    if isinstance(value, str) and _BARE_DOMAIN.match(value):
        value = "https://" + value
    return value


def website_validator(node, value):
    """Only http(s) addresses, so a link on a public page cannot run script."""
    parts = urlsplit(value)
    host = parts.hostname or ""
    if (parts.scheme not in ("http", "https") or "." not in host or any(c.isspace() for c in value)):
        raise colander.Invalid(node, _("Bitte eine vollständige Web-Adresse mit http:// oder "
                                       "https:// angeben, z. B. https://www.beispiel.de."))


def one_of(choices, message):
    """A validator for one value (or a set of values) out of ``choices``.

    ``message`` is a translation string with ``${val}`` for the unknown values.
    """
    allowed = set(choices)

    def validate(node, value):
        values = value if isinstance(value, (set, frozenset, tuple, list)) else (value,)
        unknown = sorted(str(v) for v in values if v not in allowed)
        if unknown:
            raise colander.Invalid(node, _(message, mapping={"val": ", ".join(unknown)}))
    return validate


def as_tuple(value):
    if value is colander.null or value is None:
        return value
    return tuple(sorted(value))


def _register(kw):
    return kw["request"].root


# -- persons --------------------------------------------------------------------

def languages_preparer(value):
    return value if value is colander.null else ordered_languages(value)


@colander.deferred
def unique_email(node, kw):
    """A valid address that no other person in the register has."""
    people = _register(kw)["people"]
    context = kw.get("context")
    exclude = context if isinstance(context, Person) else None

    def validate(node, value):
        email_validator(node, value)
        other = people.find_by_email(value, exclude=exclude)
        if other is not None:
            raise colander.Invalid(node, _(
                "Diese E-Mail-Adresse ist schon bei ${name} eingetragen. Jede Person steht "
                "nur einmal im Register.", mapping={"name": other.title}))
    return colander.All(colander.Length(max=200), validate)


def _organisation_options(kw):
    """Active organisations, plus those the edited person is still linked to."""
    orgs = _register(kw)["organisations"]
    context = kw.get("context")
    linked = set(getattr(context, "organisation_ids", None) or ()) if isinstance(context, Person) else set()
    return [o for o in orgs.listing(include_retired=True) if o.active or o.__name__ in linked]


@colander.deferred
def organisation_widget(node, kw):
    # checkboxes rather than a multiple select: usable by keyboard, screen reader and phone
    values = [(o.__name__, o.name) for o in _organisation_options(kw)]
    return deform.widget.CheckboxChoiceWidget(values=values)


@colander.deferred
def organisation_validator(node, kw):
    return one_of([o.__name__ for o in _organisation_options(kw)],
                  _("Unbekannte Organisation: ${val}"))


class PersonSchema(colander.Schema):
    salutation = colander.SchemaNode(
        colander.String(), title=_("Anrede"), missing="", preparer=strip,
        widget=deform.widget.SelectWidget(values=SALUTATIONS),
        validator=one_of([k for k, _t in SALUTATIONS], _("Unbekannte Anrede: ${val}")))
    academic_title = text(_("Titel"), 50, description=_("z. B. Dr. oder Prof. Dr."))
    given_name = text(_("Vorname"), 100, required=True,
                      missing_msg=_("Bitte geben Sie den Vornamen an."),
                      widget=deform.widget.TextInputWidget(attributes={"autocomplete": "off"}))
    family_name = text(_("Nachname"), 100, required=True,
                       missing_msg=_("Bitte geben Sie den Nachnamen an."),
                       widget=deform.widget.TextInputWidget(attributes={"autocomplete": "off"}))
    email = text(_("E-Mail"), validator=unique_email,
                 widget=deform.widget.TextInputWidget(input_type="email",
                                                      attributes={"autocomplete": "off"}))
    phone = text(_("Telefon"), 40, validator=with_length(40, phone_validator),
                 widget=deform.widget.TextInputWidget(input_type="tel",
                                                      attributes={"autocomplete": "off"}))
    languages = colander.SchemaNode(
        colander.Set(), title=_("Sprachen"), missing=(), preparer=languages_preparer,
        description=_("Sprachen, in denen die Person sprechen oder dolmetschen kann."),
        widget=deform.widget.CheckboxChoiceWidget(values=LANGUAGES, inline=True),
        validator=one_of(LANGUAGE_CODES, _("Unbekannte Sprache: ${val}")))
    organisation_ids = colander.SchemaNode(
        colander.Set(), title=_("Organisationen"), missing=(), preparer=as_tuple,
        widget=organisation_widget, validator=organisation_validator)
    notes = text(_("Notizen"), 5000,
                 description=_("Nur für die Koordinierungsstelle sichtbar."),
                 widget=deform.widget.TextAreaWidget(rows=4))
    public_consent = colander.SchemaNode(
        YesNo(), title=_("Darf öffentlich genannt werden"), missing=False,
        description=_("Nur mit schriftlicher Einwilligung: Dann erscheinen Name, Organisation "
                      "und Gremien auf öffentlichen Seiten. Kontaktdaten werden nie veröffentlicht."),
        widget=deform.widget.CheckboxWidget())
    consent_method = colander.SchemaNode(
        colander.String(), title=_("Wie wurde die Einwilligung erklärt oder widerrufen?"),
        missing="form", validator=colander.OneOf([code for code, _t in METHODS]),
        description=_("Wird mit Datum und Ihrem Namen in der Einwilligungs-Historie vermerkt, "
                      "wenn sich die Einwilligung ändert."),
        widget=deform.widget.SelectWidget(values=METHODS))


# -- organisations --------------------------------------------------------------

@colander.deferred
def unique_name(node, kw):
    orgs = _register(kw)["organisations"]
    context = kw.get("context")
    exclude = context if isinstance(context, Organisation) else None

    def validate(node, value):
        colander.Length(max=200)(node, value)
        other = orgs.find_by_name(value, exclude=exclude)
        if other is not None:
            raise colander.Invalid(node, _(
                "Eine Organisation mit dem Namen „${name}“ ist schon eingetragen.",
                mapping={"name": other.name}))
    return validate


def _person_options(kw):
    """Active persons, plus the edited organisation's current delegate and deputy."""
    people = _register(kw)["people"]
    context = kw.get("context")
    current = {getattr(context, "delegate_id", None), getattr(context, "deputy_id", None)}
    return [p for p in people.listing(include_retired=True) if p.active or p.__name__ in current]


@colander.deferred
def person_widget(node, kw):
    values = [("", _("— niemand —"))]
    values += [(p.__name__, f"{p.family_name}, {p.given_name}") for p in _person_options(kw)]
    return deform.widget.SelectWidget(values=values)


@colander.deferred
def person_validator(node, kw):
    return one_of([p.__name__ for p in _person_options(kw)], _("Unbekannte Person: ${val}"))


class OrganisationSchema(colander.Schema):
    name = text(_("Name"), required=True, validator=unique_name,
                missing_msg=_("Bitte geben Sie den Namen der Organisation an."))
    kind = colander.SchemaNode(
        colander.String(), title=_("Art"), preparer=strip,
        missing_msg=_("Bitte wählen Sie die Art der Organisation."),
        widget=deform.widget.SelectWidget(values=(("", _("— bitte wählen —")),) + ORGANISATION_KINDS),
        validator=one_of([k for k, _t in ORGANISATION_KINDS], _("Unbekannte Art: ${val}")))
    street = text(_("Straße"), 200)
    postcode = text(_("PLZ"), 12, validator=postcode_validator)
    city = text(_("Ort", context="town"), 100)
    website = text(_("Website"), preparer=website_preparer,
                   validator=with_length(300, website_validator),
                   widget=deform.widget.TextInputWidget(input_type="url"),
                   description=_("Öffentlich; z. B. https://www.verein-beispiel.de"))
    email = text(_("E-Mail"), validator=with_length(200, email_validator),
                 description=_("Kontaktadresse der Organisation; öffentlich sichtbar."),
                 widget=deform.widget.TextInputWidget(input_type="email"))
    phone = text(_("Telefon"), 40, validator=with_length(40, phone_validator),
                 description=_("Telefon der Organisation; öffentlich sichtbar."),
                 widget=deform.widget.TextInputWidget(input_type="tel"))
    delegate_id = colander.SchemaNode(
        colander.String(), title=_("Delegierte Person"), missing=None, preparer=strip,
        description=_("Öffentlich namentlich genannt nur mit deren Einwilligung."),
        widget=person_widget, validator=person_validator)
    deputy_id = colander.SchemaNode(
        colander.String(), title=_("Stellvertretung"), missing=None, preparer=strip,
        widget=person_widget, validator=person_validator)
    description = text(_("Beschreibung"), 5000, widget=deform.widget.TextAreaWidget(rows=5))
    member_since = colander.SchemaNode(
        colander.Date(), title=_("Mitglied seit"), missing=None,
        widget=deform.widget.DateInputWidget())

    def validator(self, node, value):
        if value.get("delegate_id") and value.get("delegate_id") == value.get("deputy_id"):
            exc = colander.Invalid(node, _("Bitte korrigieren Sie die markierten Felder."))
            exc["deputy_id"] = _("Delegierte Person und Stellvertretung müssen verschiedene "
                                 "Personen sein.")
            raise exc


# -- CSV upload -----------------------------------------------------------------

class MemoryTmpStore(dict):
    """Where deform keeps an upload during one request; nothing outlives it."""

    def preview_url(self, uid):
        return None


@colander.deferred
def upload_widget(node, kw):
    return deform.widget.FileUploadWidget(MemoryTmpStore(), accept=".csv,text/csv")


class ImportSchema(colander.Schema):
    upload = colander.SchemaNode(
        deform.FileData(), title=_("CSV-Datei"), widget=upload_widget,
        missing_msg=_("Bitte wählen Sie eine CSV-Datei aus."))
