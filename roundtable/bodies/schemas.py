"""Colander schemas for bodies and memberships.

The rules that need the database (unique names, no cycles in the body tree,
no second seat in the same role) are asked of the resources, so an import
path that builds these schemas validates exactly like the forms do.
"""
import colander
import deform

from ..i18n import _, translate
from ..security import MANAGE
from ..timeutil import format_date as format_local_date
from .resources import BODY_KINDS, FIELDS_OF_ACTION, MEMBERSHIP_ROLES, Bodies, Body, Membership

CHOOSE = ("", _("— bitte wählen —"))


def _portal(kw):
    return kw["request"].root


def _raise_field_errors(node, errors):
    """Attach messages to the named children so each shows beside its field."""
    if errors:
        exc = colander.Invalid(node, _("Bitte korrigieren Sie die markierten Felder."))
        for name, message in errors.items():
            exc[name] = message
        raise exc


def format_date(value, request=None):
    """A date in the reader's language: 12.03.2026, or 12 Mar 2026 in English."""
    return format_local_date(value, getattr(request, "locale_name", "de"))


# bodies -----------------------------------------------------------------------

def _bodies_and_body(kw):
    """The Bodies folder and the body being edited (None when adding)."""
    context = kw.get("context")
    if isinstance(context, Body):
        return context.__parent__, context
    if isinstance(context, Bodies):
        return context, None
    return _portal(kw)["bodies"], None


@colander.deferred
def parent_widget(node, kw):
    bodies, body = _bodies_and_body(kw)
    values = [("", _("— kein übergeordnetes Gremium —"))]
    values += [(b.__name__, b.name) for b in bodies.parent_candidates(body)]
    return deform.widget.SelectWidget(values=values)


class BodySchema(colander.Schema):
    kind = colander.SchemaNode(
        colander.String(), title=_("Art des Gremiums"),
        validator=colander.OneOf([k for k, _t in BODY_KINDS]),
        widget=deform.widget.SelectWidget(values=(CHOOSE,) + BODY_KINDS))
    name = colander.SchemaNode(
        colander.String(), title=_("Name"), validator=colander.Length(1, 200),
        description=_("Die Internetadresse des Gremiums wird beim Anlegen aus dem Namen "
                      "gebildet und bleibt danach gleich."))
    short_name = colander.SchemaNode(
        colander.String(), title=_("Kurzname"), missing="", validator=colander.Length(0, 40))
    field_of_action = colander.SchemaNode(
        colander.String(), title=_("Handlungsfeld"), missing="",
        description=_("Pflicht für Arbeitsgruppen."),
        validator=colander.OneOf([k for k, _t in FIELDS_OF_ACTION]),
        widget=deform.widget.SelectWidget(values=FIELDS_OF_ACTION))
    parent_id = colander.SchemaNode(
        colander.String(), title=_("Übergeordnetes Gremium"), missing="", widget=parent_widget)
    description = colander.SchemaNode(
        colander.String(), title=_("Beschreibung"), missing="",
        validator=colander.Length(0, 5000), widget=deform.widget.TextAreaWidget(rows=5))
    email = colander.SchemaNode(
        colander.String(), title=_("E-Mail-Adresse des Gremiums"), missing="",
        validator=colander.Email(),
        widget=deform.widget.TextInputWidget(input_type="email"))
    quorum_percent = colander.SchemaNode(
        colander.Integer(), title=_("Beschlussfähigkeit (Prozent)"), missing=50, default=50,
        validator=colander.Range(1, 100, min_err=_("Mindestens 1 Prozent."),
                                 max_err=_("Höchstens 100 Prozent.")),
        description=_("Wie viel Prozent der stimmberechtigten Mitglieder anwesend sein müssen, "
                      "laut Geschäftsordnung; üblich ist 50."))
    standing_items = colander.SchemaNode(
        colander.String(), title=_("Ständige Tagesordnungspunkte"), missing="",
        validator=colander.Length(0, 4000), widget=deform.widget.TextAreaWidget(rows=5),
        description=_("Ein Punkt je Zeile, in der Reihenfolge der Tagesordnung, z. B. "
                      "„Begrüßung“, „Protokoll der letzten Sitzung“, „Verschiedenes“. "
                      "Jede neue Sitzung des Gremiums beginnt mit diesen Punkten."))
    reminder_days = colander.SchemaNode(
        colander.Integer(), title=_("Erinnerung X Tage vorher"), missing=0, default=0,
        validator=colander.Range(0, 60, min_err=_("Bitte 0 oder mehr Tage."),
                                 max_err=_("Höchstens 60 Tage.")),
        description=_("So viele Tage vor einer Sitzung, zu der eingeladen wurde, erhalten "
                      "Mitglieder ohne Rückmeldung eine Erinnerung; 0 = keine Erinnerung."))

    def after_bind(self, node, kw):
        # What kind a body is decides who holds the board role, and the tree
        # decides where it appears: both stay with the coordinator. A chair
        # edits name, description, field of action and address only.
        request, context = kw["request"], kw.get("context")
        if context is not None and not request.has_permission(MANAGE, context):
            for name in ("kind", "parent_id", "quorum_percent"):
                if name in node:
                    del node[name]

    def validator(self, node, value):
        bodies, body = _bodies_and_body(self.bindings)
        errors = {}
        if bodies.find_by_name(value["name"], exclude=body) is not None:
            errors["name"] = _("Ein Gremium mit diesem Namen gibt es schon.")
        kind = value.get("kind", body.kind if body is not None else None)
        if kind == "working" and not value.get("field_of_action"):
            errors["field_of_action"] = _("Eine Arbeitsgruppe braucht ein Handlungsfeld.")
        lines = standing_lines(value.get("standing_items", ""))
        if len(lines) > MAX_STANDING_ITEMS:
            errors["standing_items"] = _("Höchstens ${n} ständige Punkte.",
                                         mapping={"n": MAX_STANDING_ITEMS})
        elif any(len(line) > 200 for line in lines):
            errors["standing_items"] = _("Ein Punkt darf höchstens 200 Zeichen lang sein.")
        if "parent_id" in value and not bodies.parent_allowed(body, value["parent_id"]):
            errors["parent_id"] = _("Ein Gremium kann weder sich selbst noch einem seiner "
                                    "Untergremien untergeordnet werden.")
        _raise_field_errors(node, errors)


MAX_STANDING_ITEMS = 20


def standing_lines(text):
    """The non-empty lines of the standing-items field, trimmed (``\r\n`` too)."""
    return tuple(line.strip() for line in (text or "").splitlines() if line.strip())


def body_values(data):
    """Form data as resource values (an empty parent becomes None, the standing
    items one title per line)."""
    values = dict(data)
    if "parent_id" in values:
        values["parent_id"] = values["parent_id"] or None
    if "standing_items" in values:
        values["standing_items"] = standing_lines(values["standing_items"])
    return values


def body_form_values(body):
    """A body's stored values as the edit form shows them."""
    values = body.field_values()
    values["parent_id"] = values["parent_id"] or ""
    values["standing_items"] = "\n".join(body.standing_items or ())
    return values


# memberships ------------------------------------------------------------------

def _body_and_membership(kw):
    context = kw.get("context")
    if isinstance(context, Membership):
        return context.body, context
    return context.__parent__, None


def person_label(person):
    """Family name first, so the long select reads like the sorted list it is."""
    label = ", ".join(p for p in (person.family_name, person.given_name) if p)
    if person.academic_title:
        label += f" ({person.academic_title})"
    return label


@colander.deferred
def person_widget(node, kw):
    """Active persons sorted by family name; the current one stays even if retired."""
    people = _portal(kw)["people"]
    _body, membership = _body_and_membership(kw)
    persons = people.listing()
    if membership is not None:
        current = people.get(membership.person_id)
        if current is not None and current not in persons:
            persons = sorted(persons + [current], key=lambda p: p.sort_key)
    return deform.widget.SelectWidget(values=[CHOOSE] + [(p.__name__, person_label(p)) for p in persons])


@colander.deferred
def person_validator(node, kw):
    people = _portal(kw)["people"]
    _body, membership = _body_and_membership(kw)
    own = membership.person_id if membership is not None else None

    def validate(node, value):
        person = people.get(value)
        if person is None or (not person.active and value != own):
            raise colander.Invalid(node, _("Bitte wählen Sie eine Person aus der Liste."))
    return validate


@colander.deferred
def organisation_widget(node, kw):
    orgs = _portal(kw)["organisations"]
    _body, membership = _body_and_membership(kw)
    items = orgs.listing()
    if membership is not None and membership.organisation_id:
        current = orgs.get(membership.organisation_id)
        if current is not None and current not in items:
            items = sorted(items + [current], key=lambda o: o.sort_key)
    values = [("", _("— als Einzelperson —"))] + [(o.__name__, o.name) for o in items]
    return deform.widget.SelectWidget(values=values)


@colander.deferred
def organisation_validator(node, kw):
    orgs = _portal(kw)["organisations"]

    def validate(node, value):
        if value and value not in orgs:
            raise colander.Invalid(node, _("Bitte wählen Sie eine Organisation aus der Liste."))
    return validate


class MembershipSchema(colander.Schema):
    person_id = colander.SchemaNode(
        colander.String(), title=_("Person"), validator=person_validator, widget=person_widget)
    organisation_id = colander.SchemaNode(
        colander.String(), title=_("Im Auftrag von"), missing="",
        description=_("Die Organisation, die die Person in das Gremium entsendet."),
        validator=organisation_validator, widget=organisation_widget)
    role = colander.SchemaNode(
        colander.String(), title=_("Funktion"),
        validator=colander.OneOf([k for k, _t in MEMBERSHIP_ROLES]),
        widget=deform.widget.SelectWidget(values=(CHOOSE,) + MEMBERSHIP_ROLES))
    voting = colander.SchemaNode(
        colander.Boolean(), title=_("Stimmberechtigt"), missing=False,
        widget=deform.widget.CheckboxWidget())
    start = colander.SchemaNode(
        colander.Date(), title=_("Beginn"), widget=deform.widget.DateInputWidget())
    end = colander.SchemaNode(
        colander.Date(), title=_("Ende"), missing=None,
        description=_("Tag des Ausscheidens; ab diesem Tag zählt die Mitgliedschaft nicht mehr. "
                      "Leer lassen, solange die Mitgliedschaft besteht."),
        widget=deform.widget.DateInputWidget())
    note = colander.SchemaNode(
        colander.String(), title=_("Notiz (intern)"), missing="",
        validator=colander.Length(0, 2000), widget=deform.widget.TextAreaWidget(rows=3))

    def validator(self, node, value):
        request = self.bindings["request"]
        body, membership = _body_and_membership(self.bindings)
        errors = {}
        if value["end"] is not None and value["end"] < value["start"]:
            errors["end"] = _("Das Ende darf nicht vor dem Beginn liegen.")
        else:
            existing = body.conflicting_membership(value["person_id"], value["role"],
                                                   value["start"], value["end"], exclude=membership)
            if existing is not None:
                person = _portal(self.bindings)["people"].get(value["person_id"])
                mapping = {"person": person.title, "role": translate(existing.role_title, request),
                           "start": format_date(existing.start, request) or "—"}
                if existing.end is None:
                    errors["person_id"] = _(
                        "${person} ist in diesem Gremium bereits in der Funktion „${role}“ "
                        "eingetragen (seit ${start}). Bearbeiten Sie diese Mitgliedschaft, "
                        "statt eine zweite anzulegen.", mapping=mapping)
                else:
                    mapping["end"] = format_date(existing.end, request)
                    errors["person_id"] = _(
                        "${person} war in diesem Gremium in diesem Zeitraum bereits in der "
                        "Funktion „${role}“ eingetragen (${start} bis ${end}).", mapping=mapping)
        _raise_field_errors(node, errors)


def membership_values(data):
    values = dict(data)
    values["organisation_id"] = values["organisation_id"] or None
    return values
