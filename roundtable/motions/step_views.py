"""The lifecycle steps of a motion, each a small form (or a button).

A refused step (wrong state, dates out of order, no consultation yet ...)
shows the motion's message above the form with status 400; nothing changes.
"""
import deform
from pyramid.httpexceptions import HTTPBadRequest, HTTPSeeOther
from pyramid.traversal import find_resource
from pyramid.view import view_config

from .. import events, forms
from ..i18n import _, flash
from ..security import EDIT
from ..timeutil import DEFAULT_TZ, format_local, to_local
from ..workflow import WorkflowError
from .lifecycle import today
from .resources import Motion
from .schemas import (AdoptSchema, ConsultationSchema, DateSchema, DecisionSchema, FollowUpSchema,
                      NoteSchema,
                      ResultSchema, ScheduleSchema, WithdrawSchema, consultation_start,
                      decision_from)

FORM = "roundtable:templates/form.pt"


def _userid(request):
    return request.identity.__name__ if request.identity is not None else None


def _done(request, motion, message):
    events.modified(request, motion)
    flash(request, message)
    return HTTPSeeOther(location=request.resource_url(motion))


def step_form(context, request, schema, title, action, button, appstruct=None, url=""):
    """Show ``schema``; on a valid post call ``action(data)`` (a step of the motion)."""
    form = forms.make_form(request, schema, buttons=(deform.Button("save", button),), action=url)
    error = []

    def save(data):
        try:
            message = action(data)
        except WorkflowError as exc:
            error.append(exc.args[0])
            request.response.status = 400
            return {"form": forms.render(request, form, data)}
        return _done(request, context, message)

    result = forms.handle(request, form, save, appstruct or {})
    if isinstance(result, dict) and error:
        result["error"] = error[0]
    return forms.page(result, title, intro=context.label,
                      cancel_url=request.resource_url(context))


def _button_step(context, request, method, message):
    try:
        method(_userid(request))
    except WorkflowError as exc:
        flash(request, exc.args[0])
        return HTTPSeeOther(location=request.resource_url(context))
    return _done(request, context, message)


@view_config(context=Motion, name="schedule", renderer=FORM, permission=EDIT)
def schedule(context, request):
    def action(data):
        item = context.put_on_agenda(find_resource(request.root, data["meeting"]), _userid(request))
        events.added(request, item)   # the meeting's agenda (its page, feeds, the catalog)
        return _("Der Antrag steht als ${label} auf der Tagesordnung.", mapping={"label": item.label})
    return step_form(context, request, ScheduleSchema(), _("Auf die Tagesordnung setzen"),
                     action, _("Auf die Tagesordnung setzen"))


@view_config(context=Motion, name="unschedule", request_method="POST", permission=EDIT)
def unschedule(context, request):
    item = context.agenda_item()
    response = _button_step(context, request, context.unschedule,
                            _("Der Antrag ist wieder ein Entwurf."))
    if item is not None:
        events.modified(request, item)   # the item no longer names the motion
    return response


@view_config(context=Motion, name="adopt", renderer=FORM, permission=EDIT)
def adopt(context, request):
    def action(data):
        context.adopt(_userid(request), decision_from(context, data),
                      reference=data["reference"].strip() or None)
        return _("Beschluss eingetragen: ${ref}.", mapping={"ref": context.reference})
    return step_form(context, request, AdoptSchema(), _("Beschluss des Runden Tisches eintragen"),
                     action, _("Beschluss eintragen"))


@view_config(context=Motion, name="reject", renderer=FORM, permission=EDIT)
def reject(context, request):
    def action(data):
        context.reject(_userid(request), decision_from(context, data))
        return _("Ablehnung eingetragen.")
    return step_form(context, request, DecisionSchema(), _("Ablehnung durch den Runden Tisch "
                                                           "eintragen"), action, _("Eintragen"))


@view_config(context=Motion, name="withdraw", renderer=FORM, permission=EDIT)
def withdraw(context, request):
    def action(data):
        context.withdraw(_userid(request), note=data["note"])
        return _("Der Antrag ist zurückgezogen.")
    return step_form(context, request, WithdrawSchema(), _("Antrag zurückziehen"), action,
                     _("Zurückziehen"))


@view_config(context=Motion, name="submit", renderer=FORM, permission=EDIT)
def submit(context, request):
    def action(data):
        context.submit(_userid(request), data["day"])
        return _("Einreichung eingetragen.")
    return step_form(context, request, DateSchema(), _("Einreichung beim Fachbereich eintragen"),
                     action, _("Eintragen"), {"day": today()})


@view_config(context=Motion, name="consultation", renderer=FORM, permission=EDIT)
def add_consultation(context, request):
    def action(data):
        context.add_consultation(_userid(request), data["committee_id"], consultation_start(data),
                                 data["role"], data["document_ref"], data["document_url"])
        return _("Beratung eingetragen.")
    committee = (context.committee_ids or ("",))[0]
    return step_form(context, request, ConsultationSchema(), _("Beratung in einem Ausschuss "
                                                               "eintragen"), action,
                     _("Eintragen"), {"committee_id": committee})


def _consultation(context, request):
    """The consultation the ``cid`` parameter names, else 400."""
    try:
        consultation = context.consultation(int(request.params.get("cid", "")))
    except ValueError:
        consultation = None
    if consultation is None:
        raise HTTPBadRequest(_("Diese Beratung gibt es nicht."))
    return consultation


@view_config(context=Motion, name="change-consultation", renderer=FORM, permission=EDIT)
def change_consultation(context, request):
    """Correct date, committee, role or the council's document of a consultation."""
    consultation = _consultation(context, request)

    def action(data):
        context.change_consultation(_userid(request), consultation.id, data["committee_id"],
                                    consultation_start(data), data["role"], data["document_ref"],
                                    data["document_url"])
        return _("Beratung geändert.")
    local = to_local(consultation.start, DEFAULT_TZ)
    values = {"committee_id": consultation.committee_id, "day": local.date(),
              "start_time": local.time().replace(second=0, microsecond=0),
              "role": consultation.role, "document_ref": consultation.document_ref,
              "document_url": consultation.document_url}
    return step_form(context, request, ConsultationSchema(), _("Beratung ändern"), action,
                     _("Speichern"), values,
                     url=request.resource_url(context, "change-consultation",
                                              query={"cid": consultation.id}))


@view_config(context=Motion, name="result", renderer=FORM, permission=EDIT)
def record_result(context, request):
    consultation = _consultation(context, request)
    if not consultation.has_met():
        flash(request, _("Die Sitzung am ${date} hat noch nicht stattgefunden; das Ergebnis "
                         "kann erst danach eingetragen werden.",
                         mapping={"date": format_local(consultation.start, DEFAULT_TZ)}))
        return HTTPSeeOther(location=request.resource_url(context))

    def action(data):
        context.record_result(_userid(request), consultation.id, data["result"], data["note"])
        return _("Ergebnis eingetragen.")
    form_values = {"result": consultation.result or "", "note": consultation.result_note}
    return step_form(context, request, ResultSchema(), _("Ergebnis der Beratung eintragen"),
                     action, _("Eintragen"), form_values,
                     url=request.resource_url(context, "result", query={"cid": consultation.id}))


@view_config(context=Motion, name="decide", request_method="POST", permission=EDIT)
def decide(context, request):
    return _button_step(context, request, context.decide, _("Als entschieden eingetragen."))


@view_config(context=Motion, name="note", renderer=FORM, permission=EDIT)
def add_note(context, request):
    def action(data):
        context.add_note(_userid(request), data["day"], data["text"])
        return _("Stand der Umsetzung eingetragen.")
    return step_form(context, request, NoteSchema(), _("Stand der Umsetzung eintragen"), action,
                     _("Eintragen"), {"day": today()})


@view_config(context=Motion, name="complete", request_method="POST", permission=EDIT)
def complete(context, request):
    return _button_step(context, request, context.complete, _("Als erledigt eingetragen."))



@view_config(context=Motion, name="follow-up", renderer=FORM, permission=EDIT)
def follow_up(context, request):
    """The day the dashboard should remind of the motion (empty: no reminder)."""
    def action(data):
        context.update_meta(follow_up=data["follow_up"])
        return _("Wiedervorlage gespeichert.")
    return step_form(context, request, FollowUpSchema(), _("Wiedervorlage"), action,
                     _("Speichern"), {"follow_up": context.follow_up})
