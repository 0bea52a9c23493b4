"""Colander schemas of the concept's forms, the status round's answer and the
spreadsheet import (which checks each row with ``MeasureSchema``, the same
schema as the form). Choices from the database are bound per request."""
import colander
import deform
from pyramid.traversal import resource_path

from ..i18n import _
from ..people.schemas import as_tuple, one_of
from ..timeutil import to_local
from . import responsible
from .resources import CARRY_OVER, STATUSES

CHOOSE = ("", _("— bitte wählen —"))


def _portal(kw):
    return kw["request"].root


def _concept(kw):
    """The concept the form is about (the context, or the measure's concept)."""
    context = kw.get("context")
    return getattr(context, "concept", None) or context


def goal_options(concept):
    """``field:goal`` keys of every goal, labelled "field – goal"."""
    return [(f"{f.key}:{g.key}", f"{f.title} – {g.title}") for f in concept.fields for g in f.goals]


def working_group_options(portal):
    return [(b.__name__, b.name) for b in portal["bodies"].values() if b.active]


def organisation_options(portal):
    return [(o.__name__, o.name) for o in portal["organisations"].listing()]


def motion_options(portal, linked=()):
    """Motions a measure can point to: the public ones and those already linked."""
    motions = portal.get("motions")
    if motions is None:
        return []
    found = [m for m in motions.values() if m.is_public or m.__name__ in linked]
    return [(m.__name__, m.label) for m in sorted(found, key=lambda m: m.label)]


def meeting_options(portal, body_ids=()):
    """Meetings where a measure may have been treated: those of the steering
    groups and of the measure's working group, newest first."""
    options = []
    for body in portal["bodies"].values():
        if body.kind == "steering" or body.__name__ in body_ids:
            for meeting in body["meetings"].values():
                options.append((meeting.start, resource_path(meeting),
                                f"{body.short_name or body.name}: {meeting.title} "
                                f"({to_local(meeting.start).strftime('%d.%m.%Y')})"))
    return [(path, label) for _start, path, label in sorted(options, reverse=True)]


def _linked(kw, attribute):
    return tuple(getattr(kw.get("context"), attribute, ()) or ())


def _text(title, max_length=200, missing=colander.required, **kw):
    return colander.SchemaNode(colander.String(), title=title, missing=missing,
                               validator=colander.Length(0 if missing is not colander.required
                                                         else 1, max_length), **kw)


def _area(title, max_length=10000, rows=5, missing=""):
    return colander.SchemaNode(colander.String(), title=title, missing=missing,
                               validator=colander.Length(0, max_length),
                               widget=deform.widget.TextAreaWidget(rows=rows))


def _date(title, missing=None):
    return colander.SchemaNode(colander.Date(), title=title, missing=missing,
                               widget=deform.widget.DateInputWidget())


def _finite(node, value):
    """colander reads "nan" and "inf" as numbers; a chart cannot draw them."""
    if value != value or value in (float("inf"), float("-inf")):
        raise colander.Invalid(node, _("Bitte eine Zahl eingeben."))


def _number(title, missing=None):
    return colander.SchemaNode(colander.Float(), title=title, missing=missing,
                               validator=colander.All(_finite, colander.Range(-1e12, 1e12)))


def _progress():
    message = _("Der Fortschritt muss zwischen 0 und 100 Prozent liegen.")
    return colander.SchemaNode(colander.Int(), title=_("Fortschritt in %"), missing=None,
                               validator=colander.Range(0, 100, min_err=message, max_err=message))


def _status():
    return colander.SchemaNode(
        colander.String(), title=_("Status"),
        validator=colander.OneOf([k for k, _t in STATUSES]),
        widget=deform.widget.SelectWidget(values=[CHOOSE] + list(STATUSES)))


class ConceptSchema(colander.MappingSchema):
    title = _text(_("Titel"))
    period_start = colander.SchemaNode(colander.Int(), title=_("Zeitraum von (Jahr)"),
                                       validator=colander.Range(2000, 2100))
    period_end = colander.SchemaNode(colander.Int(), title=_("Zeitraum bis (Jahr)"),
                                     validator=colander.Range(2000, 2100))
    adopted_on = _date(_("Vom Rat beschlossen am"))
    document_url = colander.SchemaNode(colander.String(), title=_("Link zum Konzeptdokument"),
                                       missing="", validator=colander.url)
    introduction = _area(_("Einleitung"))
    published = colander.SchemaNode(colander.Boolean(), title=_("Veröffentlicht"), missing=False,
                                    widget=deform.widget.CheckboxWidget())

    def validator(self, node, value):
        if value["period_end"] < value["period_start"]:
            exc = colander.Invalid(node, _("Bitte korrigieren Sie die markierten Felder."))
            exc["period_end"] = _("Das Ende des Zeitraums liegt vor seinem Beginn.")
            raise exc


class FieldSchema(colander.MappingSchema):
    title = _text(_("Handlungsfeld"))
    statement = _area(_("Leitsatz"), 2000, 3)


@colander.deferred
def _field_widget(node, kw):
    return deform.widget.SelectWidget(values=[CHOOSE] + [(f.key, f.title)
                                                         for f in _concept(kw).fields])


@colander.deferred
def _field_validator(node, kw):
    return colander.OneOf([f.key for f in _concept(kw).fields])


class GoalSchema(colander.MappingSchema):
    field = colander.SchemaNode(colander.String(), title=_("Handlungsfeld"),
                                widget=_field_widget, validator=_field_validator)
    title = _text(_("Ziel"), 500)


@colander.deferred
def _goal_widget(node, kw):
    return deform.widget.SelectWidget(values=[CHOOSE] + goal_options(_concept(kw)))


@colander.deferred
def _goal_validator(node, kw):
    return colander.OneOf([k for k, _t in goal_options(_concept(kw))])


@colander.deferred
def _responsible_widget(node, kw):
    return deform.widget.SelectWidget(values=[CHOOSE] + responsible.choices(_portal(kw)))


@colander.deferred
def _responsible_validator(node, kw):
    return colander.OneOf([k for k, _t in responsible.choices(_portal(kw))])


@colander.deferred
def _involved_widget(node, kw):
    return deform.widget.CheckboxChoiceWidget(values=organisation_options(_portal(kw)))


@colander.deferred
def _involved_validator(node, kw):
    return one_of([k for k, _t in organisation_options(_portal(kw))],
                  _("Unbekannte Organisation: ${val}"))


@colander.deferred
def _body_widget(node, kw):
    return deform.widget.SelectWidget(values=[("", _("—"))] + working_group_options(_portal(kw)))


@colander.deferred
def _body_validator(node, kw):
    return colander.OneOf([""] + [k for k, _t in working_group_options(_portal(kw))])


@colander.deferred
def _motions_widget(node, kw):
    return deform.widget.CheckboxChoiceWidget(values=motion_options(
        _portal(kw), _linked(kw, "motion_ids")))


@colander.deferred
def _motions_validator(node, kw):
    return one_of([k for k, _t in motion_options(_portal(kw), _linked(kw, "motion_ids"))],
                  _("Unbekannter Antrag: ${val}"))


def _meeting_choices(kw):
    body_id = getattr(kw.get("context"), "body_id", "")
    return meeting_options(_portal(kw), (body_id,) if body_id else ())


@colander.deferred
def _meetings_widget(node, kw):
    return deform.widget.SelectWidget(values=_meeting_choices(kw), multiple=True, size=6)


@colander.deferred
def _meetings_validator(node, kw):
    return one_of([k for k, _t in _meeting_choices(kw)], _("Unbekannte Sitzung: ${val}"))


def _dates_in_order(node, value, start, end, message):
    if value.get(start) and value.get(end) and value[end] < value[start]:
        exc = colander.Invalid(node, _("Bitte korrigieren Sie die markierten Felder."))
        exc[end] = message
        raise exc


class MeasureSchema(colander.MappingSchema):
    number = _text(_("Nummer"), 20, missing="")
    title = _text(_("Maßnahme"), 500)
    goal = colander.SchemaNode(colander.String(), title=_("Handlungsfeld und Ziel"),
                               widget=_goal_widget, validator=_goal_validator)
    description = _area(_("Beschreibung"))
    responsible = colander.SchemaNode(colander.String(), title=_("Verantwortlich"),
                                      widget=_responsible_widget,
                                      validator=_responsible_validator)
    involved = colander.SchemaNode(colander.Set(), title=_("Beteiligte Organisationen"),
                                   missing=(), preparer=as_tuple, widget=_involved_widget,
                                   validator=_involved_validator)
    planned_start = _date(_("Beginn geplant"))
    planned_end = _date(_("Ende geplant"))
    body_id = colander.SchemaNode(colander.String(), title=_("Arbeitsgruppe"), missing="",
                                  widget=_body_widget, validator=_body_validator)
    motion_ids = colander.SchemaNode(colander.Set(), title=_("Anträge zur Maßnahme"),
                                     missing=(), preparer=as_tuple, widget=_motions_widget,
                                     validator=_motions_validator)
    meeting_paths = colander.SchemaNode(
        colander.Set(), title=_("Behandelt in den Sitzungen"), missing=(), preparer=as_tuple,
        widget=_meetings_widget, validator=_meetings_validator,
        description=_("Sitzungen der Steuerungsgruppe und der Arbeitsgruppe; mehrere mit Strg "
                      "oder ⌘ auswählen."))
    internal_note = _area(_("Interne Notiz (nur Steuerungsgruppe)"), 5000, 3)

    def validator(self, node, value):
        _dates_in_order(node, value, "planned_start", "planned_end",
                        _("Das geplante Ende liegt vor dem geplanten Beginn."))


class StatusSchema(colander.MappingSchema):
    status = _status()
    progress = _progress()
    justification = _area(_("Begründung"), 2000, 3)
    on = _date(_("Datum (leer: heute)"))


class IndicatorSchema(colander.MappingSchema):
    name = _text(_("Indikator"), 300)
    unit = _text(_("Einheit"), 40, missing="")
    baseline = _number(_("Ausgangswert"))
    target = _number(_("Zielwert"))
    target_date = _date(_("Ziel erreicht bis"))


class ValueSchema(colander.MappingSchema):
    date = _date(_("Datum"), missing=colander.required)
    value = _number(_("Wert"), missing=colander.required)
    source = _text(_("Quelle"), 300, missing="")


class UnitSchema(colander.MappingSchema):
    title = _text(_("Verwaltungseinheit"))
    email = colander.SchemaNode(colander.String(), title=_("E-Mail"), missing="",
                                validator=colander.Email(_("Bitte eine gültige E-Mail-Adresse "
                                                           "eingeben.")))


class RoundSchema(colander.MappingSchema):
    year = colander.SchemaNode(colander.Int(), title=_("Berichtsjahr"),
                               validator=colander.Range(2000, 2100))
    deadline = _date(_("Antwort erbeten bis"), missing=colander.required)


class ReportSchema(colander.MappingSchema):
    introduction = _area(_("Einleitung des Berichts"), 20000, 10)


class AnswerItemSchema(colander.MappingSchema):
    """One measure in the status round's answer (the form names its fields
    ``<measure>-<field>``); bound with the ``measure``."""

    status = _status()
    progress = _progress()
    report = _area(_("Bericht"), 3000)
    justification = _area(_("Begründung"), 2000)
    indicator_value = _number(_("Wert des Indikators"))
    indicator_date = _date(_("Stand vom"))
    indicator_source = _text(_("Quelle"), 300, missing="")

    def validator(self, node, value):
        measure = self.bindings["measure"]
        if value["status"] != measure.status and not (value["justification"] or "").strip():
            exc = colander.Invalid(node, _("Bitte korrigieren Sie die markierten Felder."))
            exc["justification"] = _("Bitte begründen Sie die Änderung des Status.")
            raise exc


def revision_schema(concept):
    """Title and period of the next concept and the decision for each measure."""
    schema = colander.SchemaNode(colander.Mapping())
    schema.add(_text(_("Titel des neuen Konzepts"), name="title"))
    schema.add(colander.SchemaNode(colander.Int(), name="period_start", title=_("Zeitraum von"),
                                   validator=colander.Range(2000, 2100)))
    schema.add(colander.SchemaNode(colander.Int(), name="period_end", title=_("Zeitraum bis"),
                                   validator=colander.Range(2000, 2100)))
    for measure in concept.measures():
        schema.add(colander.SchemaNode(
            colander.String(), name="m-" + measure.__name__, title=measure.label,
            missing="continued", validator=colander.OneOf([k for k, _t in CARRY_OVER]),
            widget=deform.widget.RadioChoiceWidget(values=list(CARRY_OVER), inline=True)))
    return schema
