"""The coordinator's forms: concepts, fields of action, goals, units,
measures, status changes, indicators and their values, and the revision.
Each is the usual ``forms.handle`` cycle; the rules live on the resources."""
import deform
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config

from .. import events, freshness
from ..forms import handle, make_form, page, render
from ..i18n import _, flash
from ..security import ADD, EDIT
from ..workflow import WorkflowError
from .resources import Concept, Concepts, Indicator, Measure
from .revision import make_concept, revise
from .schemas import (ConceptSchema, FieldSchema, GoalSchema, IndicatorSchema, MeasureSchema,
                      StatusSchema, UnitSchema, ValueSchema, revision_schema)

FORM = "roundtable:templates/form.pt"


def _created(request, obj, message):
    """After adding ``obj``: tell the catalog, say so, show it."""
    events.added(request, obj)
    flash(request, message)
    return HTTPSeeOther(location=request.resource_url(obj))


def _done(request, obj, message, target=None, anchor=None):
    events.modified(request, obj)
    flash(request, message)
    return HTTPSeeOther(location=request.resource_url(target or obj, anchor=anchor))


@view_config(context=Concepts, name="add", renderer=FORM, permission=ADD)
def add_concept(context, request):
    form = make_form(request, ConceptSchema())

    def save(data):
        concept = make_concept(data["title"], data["period_start"], data["period_end"],
                               data["adopted_on"], data["document_url"], data["introduction"])
        concept.published = data["published"]
        context.add(concept, title=f"{data['title']} {data['period_start']}")
        return _created(request, concept, _("Konzept angelegt."))
    return page(handle(request, form, save), _("Neues Integrationskonzept"))


@view_config(context=Concept, name="edit", renderer=FORM, permission=EDIT)
def edit_concept(context, request):
    form = make_form(request, ConceptSchema())

    def save(data):
        for key, value in data.items():
            setattr(context, key, value)
        for measure in context.measures():       # their visibility follows the concept's
            events.modified(request, measure)
        for report in context["reports"].values():
            events.modified(request, report)
        return _done(request, context, _("Konzept gespeichert."))
    values = {node.name: getattr(context, node.name) for node in ConceptSchema().children}
    return page(handle(request, form, save, values), _("Konzept bearbeiten"))


@view_config(context=Concept, name="add-field", renderer=FORM, permission=EDIT)
def add_field(context, request):
    form = make_form(request, FieldSchema())

    def save(data):
        context.add_field(data["title"], data["statement"])
        return _done(request, context, _("Handlungsfeld angelegt."))
    return page(handle(request, form, save), _("Neues Handlungsfeld"))


@view_config(context=Concept, name="add-goal", renderer=FORM, permission=EDIT)
def add_goal(context, request):
    form = make_form(request, GoalSchema())

    def save(data):
        context.field(data["field"]).add_goal(data["title"])
        return _done(request, context, _("Ziel angelegt."))
    return page(handle(request, form, save), _("Neues Ziel"))


@view_config(context=Concepts, name="add-unit", renderer=FORM, permission=EDIT)
def add_unit(context, request):
    form = make_form(request, UnitSchema())

    def save(data):
        context.add_unit(data["title"], data["email"])
        freshness.bump(context)   # a unit is no searchable object: no event
        flash(request, _("Verwaltungseinheit angelegt."))
        return HTTPSeeOther(location=request.resource_url(context))
    return page(handle(request, form, save), _("Neue Verwaltungseinheit"),
                intro=_("Eine Stelle der Verwaltung, die für Maßnahmen verantwortlich sein kann "
                        "und die Statusabfrage per E-Mail erhält."))


def _measure_values(data):
    values = dict(data)
    values["field_key"], values["goal_key"] = values.pop("goal").split(":", 1)
    for key in ("involved", "motion_ids", "meeting_paths"):
        values[key] = tuple(values[key])
    return values


@view_config(context=Concept, name="add-measure", renderer=FORM, permission=EDIT)
def add_measure(context, request):
    form = make_form(request, MeasureSchema())

    def save(data):
        values = _measure_values(data)
        note = values.pop("internal_note")
        measure = Measure(**values)
        measure.internal_note = note
        context.add_measure(measure)
        return _created(request, measure, _("Maßnahme angelegt."))
    return page(handle(request, form, save), _("Neue Maßnahme"))


@view_config(context=Measure, name="edit", renderer=FORM, permission=EDIT)
def edit_measure(context, request):
    form = make_form(request, MeasureSchema())

    def save(data):
        context.update(**_measure_values(data))
        return _done(request, context, _("Maßnahme gespeichert."))
    values = {name: getattr(context, name) for name in (
        "number", "title", "description", "responsible", "involved", "planned_start",
        "planned_end", "body_id", "motion_ids", "meeting_paths", "internal_note")}
    values["goal"] = f"{context.field_key}:{context.goal_key}"
    return page(handle(request, form, save, values), _("Maßnahme bearbeiten"))


@view_config(context=Measure, name="status", renderer=FORM, permission=EDIT)
def change_status(context, request):
    form = make_form(request, StatusSchema())

    def save(data):
        try:
            context.set_status(data["status"], data["justification"], data["progress"],
                               by=request.authenticated_userid, on=data["on"])
        except WorkflowError as error:
            request.response.status = 400
            return {"form": render(request, form, data), "error": error.args[0]}
        return _done(request, context, _("Status gespeichert."))
    return page(handle(request, form, save, {"status": context.status,
                                             "progress": context.progress}),
                _("Status ändern: ${title}", mapping={"title": context.label}))


@view_config(context=Measure, name="indicator", renderer=FORM, permission=EDIT)
def edit_indicator(context, request):
    form = make_form(request, IndicatorSchema())

    def save(data):
        if context.indicator is None:
            context.indicator = Indicator(**data)
        else:
            for key, value in data.items():
                setattr(context.indicator, key, value)
        return _done(request, context, _("Indikator gespeichert."), anchor="indicator")
    ind = context.indicator
    values = ({k: getattr(ind, k) for k in ("name", "unit", "baseline", "target", "target_date")}
              if ind is not None else {})
    return page(handle(request, form, save, values), _("Indikator: ${title}",
                                                       mapping={"title": context.label}))


@view_config(context=Measure, name="add-value", renderer=FORM, permission=EDIT)
def add_value(context, request):
    if context.indicator is None:
        request.response.status = 400
        return {"page_title": _("Messwert erfassen"),
                "error": _("Die Maßnahme hat noch keinen Indikator.")}
    form = make_form(request, ValueSchema())

    def save(data):
        context.indicator.add_value(data["date"], data["value"], data["source"])
        return _done(request, context, _("Messwert gespeichert."), anchor="indicator")
    return page(handle(request, form, save), _("Messwert erfassen: ${name}",
                                               mapping={"name": context.indicator.name}))


@view_config(context=Concept, name="revise", renderer=FORM, permission=EDIT)
def revise_concept(context, request):
    """The next concept: each measure continued, changed or dropped."""
    form = make_form(request, revision_schema(context),
                     buttons=(deform.Button("save", _("Fortschreibung anlegen")),))

    def save(data):
        decisions = {k[2:]: v for k, v in data.items() if k.startswith("m-")}
        try:
            new = revise(context.__parent__, context, data["title"], data["period_start"],
                         data["period_end"], decisions)
        except WorkflowError as error:
            request.response.status = 400
            return {"form": render(request, form, data), "error": error.args[0]}
        return _created(request, new, _("Die Fortschreibung ist angelegt (noch nicht "
                                        "veröffentlicht)."))
    return page(handle(request, form, save, {
        "title": context.title, "period_start": context.period_end + 1,
        "period_end": context.period_end + 1 + (context.period_end - context.period_start)}),
        _("Fortschreibung: ${title}", mapping={"title": context.title}),
        intro=_("Für jede Maßnahme: fortführen, geändert übernehmen oder entfallen lassen. "
                "Übernommene Maßnahmen behalten den Verweis auf ihre Vorgängerin."))
