"""The yearly status round: starting it (one mail per responsible with a
personal link), the answer form behind that link (no account needed, like
the meeting reply links), and the coordinator's overview with reminders,
editing and accepting the answers."""
from datetime import datetime, time, timedelta

import colander
from pyramid.httpexceptions import HTTPBadRequest, HTTPNotFound, HTTPSeeOther
from pyramid.security import NO_PERMISSION_REQUIRED
from pyramid.traversal import resource_path
from pyramid.view import view_config

from .. import events, mail
from ..forms import handle, make_form, page, render
from ..i18n import _, flash
from ..meetings.tokens import make_token, verify_token
from ..security import EDIT
from ..timeutil import format_date, now, to_utc
from ..workflow import WorkflowError
from . import responsible
from .resources import STATUSES, STEER, Concept
from .rounds import ANSWER_FIELDS, Round
from .schemas import AnswerItemSchema, RoundSchema
from .views import TEMPLATES, formatter, number

FORM = "roundtable:templates/form.pt"
LINK_DAYS_AFTER_DEADLINE = 90


def link_expiry(round_):
    end = round_.deadline + timedelta(days=LINK_DAYS_AFTER_DEADLINE)
    return to_utc(datetime.combine(end, time(23, 59)))


def answer_link(request, round_, key):
    secret = request.registry.settings["roundtable.secret"]
    token = make_token(secret, resource_path(round_), key, link_expiry(round_))
    return request.resource_url(round_, "answer", key, token)


def round_mail(request, round_, answer, reminder=False):
    """Subject and plain text of the mail to one responsible."""
    t = request.localizer.translate
    concept = round_.concept
    subject = t(_("Erinnerung: Statusabfrage ${year} zum ${concept}", mapping={
        "year": round_.year, "concept": concept.title}) if reminder else _(
        "Statusabfrage ${year} zum ${concept}", mapping={"year": round_.year,
                                                        "concept": concept.title}))
    lines = [t(_("Guten Tag,")), "",
             t(_("die Koordinierungsstelle erstellt den Umsetzungsbericht ${year}. Bitte teilen "
                 "Sie uns bis zum ${deadline} mit, wo die Maßnahmen stehen, für die ${who} "
                 "verantwortlich ist:", mapping={"year": round_.year, "who": answer.title,
                                                  "deadline": format_date(round_.deadline,
                                                                          request.locale_name)})),
             ""]
    for name in answer.measure_names:
        measure = concept.get(name)
        if measure is not None:
            lines.append(f"- {measure.label} ({t(measure.status_title)}, {measure.progress} %)")
    lines += ["", t(_("Ihr persönlicher Link zum Antwortformular (ohne Anmeldung):")),
              answer_link(request, round_, answer.key), "",
              t(_("Mit freundlichen Grüßen")), request.root.title, ""]
    return subject, "\n".join(lines)


def _send(request, round_, answer, reminder=False):
    if not answer.email:
        return False
    subject, text = round_mail(request, round_, answer, reminder)
    mail.send(request, answer.email, subject, text)
    return True


@view_config(context=Concept, name="start-round", renderer=FORM, permission=EDIT)
def start_round(context, request):
    form = make_form(request, RoundSchema())

    def save(data):
        try:
            round_ = context["rounds"].start(data["year"], request.root, responsible.resolve,
                                             data["deadline"], request.authenticated_userid)
        except WorkflowError as error:
            request.response.status = 400
            return {"form": render(request, form, data), "error": error.args[0]}
        sent = 0
        for answer in round_.ordered():
            if _send(request, round_, answer):
                answer.sent_at = now()
                sent += 1
        flash(request, _("Die Statusabfrage ist an ${n} Stellen verschickt.", mapping={"n": sent}))
        return HTTPSeeOther(location=request.resource_url(round_))
    year = now().year - 1
    return page(handle(request, form, save, {"year": year}),
                _("Statusabfrage starten"),
                intro=_("Jede verantwortliche Stelle erhält eine E-Mail mit einem persönlichen "
                        "Link zu ihren offenen Maßnahmen."))


@view_config(context=Round, renderer=TEMPLATES + "round.pt", permission=STEER)
def round_page(context, request):
    concept = context.concept
    return {"page_title": _("Statusabfrage ${year}", mapping={"year": context.year}),
            "round": context, "concept": concept, "answers": context.ordered(),
            "counts": context.counts(), "may_edit": bool(request.has_permission(EDIT, context)),
            "report": concept["reports"].get(str(context.year)), "fmt": formatter(request),
            "measure": concept.get, "status_title": dict(STATUSES), "number": number}


def _answer_of(context, request, key):
    answer = context.answers.get(key or "")
    if answer is None:
        raise HTTPNotFound()
    return answer


@view_config(context=Round, name="remind", request_method="POST", permission=EDIT)
def remind(context, request):
    """Remind one responsible, or every one that has not answered."""
    key = request.POST.get("key")
    answers = [_answer_of(context, request, key)] if key else [
        a for a in context.ordered() if a.state == "open"]
    sent = 0
    for answer in answers:
        if answer.state == "open" and _send(request, context, answer, reminder=True):
            answer.reminders.append(now())
            sent += 1
    flash(request, _("${n} Erinnerungen verschickt.", mapping={"n": sent}))
    return HTTPSeeOther(location=request.resource_url(context))


@view_config(context=Round, name="accept", request_method="POST", permission=EDIT)
def accept(context, request):
    answer = _answer_of(context, request, request.POST.get("key"))
    try:
        context.accept(answer.key, by=request.authenticated_userid)
    except WorkflowError as error:
        flash(request, error.args[0])
    else:
        for name in answer.measure_names:
            if name in context.concept:
                events.modified(request, context.concept[name])
        flash(request, _("Die Antwort von ${who} ist übernommen.", mapping={"who": answer.title}))
    return HTTPSeeOther(location=request.resource_url(context))


def read_answer(request, round_, answer):
    """The posted items, checked with ``AnswerItemSchema`` per measure:
    (items, None) or (None, {field name: message})."""
    concept = round_.concept
    items, errors = {}, {}
    t = request.localizer.translate
    for name in answer.measure_names:
        measure = concept.get(name)
        if measure is None:
            continue
        cstruct = {f: request.POST.get(f"{name}-{f}", "").strip() for f in ANSWER_FIELDS}
        cstruct["indicator_value"] = cstruct["indicator_value"].replace(",", ".")
        try:
            items[name] = AnswerItemSchema().bind(request=request, measure=measure).deserialize(
                cstruct)
        except colander.Invalid as invalid:
            # each field's own message (the mapping's summary is shown once above the form)
            for child in invalid.children:
                errors[f"{name}-{child.node.name}"] = "; ".join(t(m) for m in child.messages())
    return (None, errors) if errors else (items, None)


def answer_form(context, request, answer, after):
    """The form shared by the personal link and the coordinator's edit."""
    errors, values = {}, {}
    if request.method == "POST":
        items, errors = read_answer(request, context, answer)
        if items is not None:
            try:
                context.submit(answer.key, items)
            except WorkflowError as error:
                errors = {"": error.args[0]}
            else:
                return after()
        request.response.status = 400
        values = dict(request.POST)
    concept = context.concept
    rows = []
    for name in answer.measure_names:
        measure = concept.get(name)
        if measure is None:
            continue
        given = answer.items.get(name, {})
        current = {"status": given.get("status", measure.status),
                   "progress": given.get("progress", measure.progress),
                   "report": given.get("report", ""),
                   "justification": given.get("justification", ""),
                   "indicator_value": given.get("indicator_value"),
                   "indicator_date": given.get("indicator_date"),
                   "indicator_source": given.get("indicator_source", "")}
        for field in ANSWER_FIELDS:
            if f"{name}-{field}" in values:
                current[field] = values[f"{name}-{field}"]
        rows.append({"measure": measure, "values": current, "prefix": name})
    return {"page_title": _("Statusabfrage ${year}: ${who}", mapping={"year": context.year,
                                                                      "who": answer.title}),
            "round": context, "answer": answer, "rows": rows, "errors": errors,
            "statuses": STATUSES, "fmt": formatter(request), "number": number,
            "accepted": bool(answer.accepted_at)}


@view_config(context=Round, name="edit-answer", renderer=TEMPLATES + "answer.pt",
             permission=EDIT)
def edit_answer(context, request):
    answer = _answer_of(context, request, request.params.get("key"))

    def after():
        flash(request, _("Antwort gespeichert."))
        return HTTPSeeOther(location=request.resource_url(context))
    result = answer_form(context, request, answer, after)
    if isinstance(result, dict):
        result["action"] = request.resource_url(context, "edit-answer", query={"key": answer.key})
    return result


@view_config(context=Round, name="answer", renderer=TEMPLATES + "answer.pt",
             permission=NO_PERMISSION_REQUIRED)
def answer_by_link(context, request):
    """The personal link: the signed token, not a login, is the permission.
    A forged link is not found; an expired one is gone (410)."""
    if len(request.subpath) != 2:
        raise HTTPNotFound()
    key, token = request.subpath
    secret = request.registry.settings["roundtable.secret"]
    expires = verify_token(secret, resource_path(context), key, token)
    answer = context.answers.get(key) if expires is not None else None
    if answer is None:
        raise HTTPNotFound()
    request.response.headers["Referrer-Policy"] = "no-referrer"
    request.response.headers["X-Robots-Tag"] = "noindex"
    if now() >= expires:
        request.response.status = 410
        return {"page_title": _("Link abgelaufen"), "expired": True, "round": context,
                "answer": answer, "rows": [], "errors": {}, "accepted": False}
    if request.method == "POST" and answer.accepted_at:
        raise HTTPBadRequest(_("Die Antwort ist bereits übernommen."))

    def after():
        flash(request, _("Danke! Ihre Antwort ist gespeichert. Sie können sie bis zur "
                         "Übernahme durch die Koordinierungsstelle noch ändern."))
        return HTTPSeeOther(location=request.url)
    result = answer_form(context, request, answer, after)
    if isinstance(result, dict):
        result["action"] = request.url
    return result


@view_config(context=Round, name="report", request_method="POST", permission=EDIT)
def make_report(context, request):
    """The implementation report of the round's year (created once, then edited)."""
    report = context.concept["reports"].report(context.year, create=True)
    events.added(request, report)
    return HTTPSeeOther(location=request.resource_url(report, "edit"))
