"""The coordinator's work on an issue: create (assembled draft), edit the
sections, preview, test send, and send now or at a set time after a
confirmation that names the exact number of recipients.
"""
from datetime import datetime

import deform
from pyramid.httpexceptions import HTTPBadRequest, HTTPNotFound, HTTPSeeOther
from pyramid.response import Response
from pyramid.view import view_config
from pyramid_mailer import get_mailer

from .. import events, forms
from ..i18n import _, flash
from ..security import MANAGE
from ..timeutil import format_local, now, to_utc
from ..workflow import WorkflowError
from .assembly import Links, assemble
from . import jobs
from .queueing import IssueMailer
from .resources import DRAFT, Issue, MailingList
from .schemas import (IssueSchema, NewSectionSchema, SendSchema, parse_links, section_appstruct,
                      section_schema, section_values)
from .subscribers import Subscriber

FORM = "roundtable:templates/form.pt"


@view_config(context=MailingList, name="add-issue", renderer=FORM, permission=MANAGE)
def add_issue(context, request):
    form = forms.make_form(request, IssueSchema(), buttons=(deform.Button("save", _("Entwurf erstellen")),))

    def save(data):
        period, sections = assemble(request.root, context, Links())
        issue = context.add_issue(Issue(data["title"], period.since, period.until, sections))
        events.added(request, issue)
        flash(request, _("Der Entwurf ist aus dem Portal zusammengestellt. Bitte prüfen und ergänzen Sie ihn."))
        return HTTPSeeOther(location=request.resource_url(issue))

    title = f"{context.title} – {format_local(now(), fmt='%d.%m.%Y')}"
    return forms.page(forms.handle(request, form, save, appstruct={"title": title}),
                      _("Neue Ausgabe"), cancel_url=request.resource_url(context),
                      intro=_("Der Entwurf wird aus den kommenden öffentlichen Sitzungen, neu "
                              "veröffentlichten Protokollen und neuen Mitgliedsorganisationen "
                              "zusammengestellt; danach können Sie jeden Abschnitt bearbeiten."))


def _draft(context):
    if context.state != DRAFT:
        raise HTTPBadRequest(_("Eine versendete Ausgabe wird nicht mehr geändert."))


def _section_index(context, request):
    try:
        index = int(request.subpath[0]) if len(request.subpath) == 1 else -1
    except ValueError:
        index = -1
    if not 0 <= index < len(context.sections):
        raise HTTPNotFound()
    return index


@view_config(context=Issue, name="section", renderer=FORM, permission=MANAGE)
def edit_section(context, request):
    _draft(context)
    index = _section_index(context, request)
    section = context.sections[index]
    form = forms.make_form(request, section_schema(section), buttons=(
        deform.Button("save", _("Speichern")), deform.Button("remove", _("Abschnitt entfernen"))))

    def save(data):
        context.replace_section(index, section_values(section, data))
        events.modified(request, context)
        return HTTPSeeOther(location=request.resource_url(context))

    if "remove" in request.POST:
        sections = list(context.sections)
        del sections[index]
        context.set_sections(sections)
        events.modified(request, context)
        flash(request, _("Der Abschnitt ist entfernt."))
        return HTTPSeeOther(location=request.resource_url(context))
    return forms.page(forms.handle(request, form, save, appstruct=section_appstruct(section)),
                      _("Abschnitt bearbeiten"), cancel_url=request.resource_url(context))


def _int_param(request, name):
    try:
        return int(request.POST.get(name, ""))
    except ValueError:
        raise HTTPBadRequest(_("Ungültige Angabe.")) from None


@view_config(context=Issue, name="arrange", request_method="POST", permission=MANAGE)
def arrange(context, request):
    """One click on the draft page: a section up or down, an entry left out or back."""
    _draft(context)
    action, index = request.POST.get("action"), _int_param(request, "section")
    try:
        if action in ("up", "down"):
            context.move_section(index, -1 if action == "up" else 1)
            anchor = f"s{index + (-1 if action == 'up' else 1)}"
        elif action == "toggle":
            left_out = context.toggle_item(index, _int_param(request, "item"))
            flash(request, _("Der Eintrag ist weggelassen.") if left_out
                  else _("Der Eintrag ist wieder aufgenommen."))
            anchor = f"s{index}"
        else:
            raise HTTPBadRequest(_("Ungültige Angabe."))
    except IndexError:
        raise HTTPBadRequest(_("Ungültige Angabe.")) from None
    events.modified(request, context)
    return HTTPSeeOther(location=request.resource_url(context, anchor=anchor))


@view_config(context=Issue, name="add-section", renderer=FORM, permission=MANAGE)
def add_section(context, request):
    _draft(context)
    form = forms.make_form(request, NewSectionSchema(), buttons=(deform.Button("save", _("Hinzufügen")),))

    def save(data):
        try:
            items = parse_links(data["links"])
        except ValueError as exc:
            request.response.status = 400
            return {"form": forms.render(request, form, data),
                    "error": _("Links, Zeile ${n}: bitte im Format „Titel | https://adresse“.",
                               mapping={"n": exc.args[0]})}
        context.set_sections(list(context.sections) + [{
            "key": "text", "title": data["title"], "default_title": "", "text": data["text"],
            "items": items}])
        events.modified(request, context)
        return HTTPSeeOther(location=request.resource_url(context))

    return forms.page(forms.handle(request, form, save), _("Textabschnitt hinzufügen"),
                      cancel_url=request.resource_url(context))


def _sample(request):
    """The coordinator as a sample recipient (the preview and the test mail)."""
    sample = Subscriber(request.identity.login, "", request.locale_name)
    sample.id = "preview"
    return sample


def _builder(request, context):
    return IssueMailer(context, request.registry, request.application_url, request.root.title)


@view_config(context=Issue, name="preview", permission=MANAGE, request_method="GET")
def preview(context, request):
    """The mail as it will arrive (HTML, or ``?format=text``), with a sample greeting."""
    message = _builder(request, context).message(_sample(request))
    if request.GET.get("format") == "text":
        return Response(message.body, content_type="text/plain", charset="utf-8")
    return Response(message.html, content_type="text/html", charset="utf-8")


@view_config(context=Issue, name="test", permission=MANAGE, request_method="POST")
def test_send(context, request):
    if context.is_empty():
        flash(request, _("Die Ausgabe ist leer. Bitte fügen Sie Inhalte hinzu, bevor Sie sie versenden."))
        return HTTPSeeOther(location=request.resource_url(context))
    get_mailer(request).send_to_queue(_builder(request, context).message(_sample(request), test=True))
    context.test_sends.append({"at": now(), "to": request.identity.login})
    flash(request, _("Eine Testausgabe geht an ${email}.", mapping={"email": request.identity.login}))
    return HTTPSeeOther(location=request.resource_url(context))


@view_config(context=Issue, name="send", renderer=FORM, permission=MANAGE)
def send(context, request):
    subscribers = request.root["newsletter"].subscribers
    list_name = context.mailing_list.__name__
    try:
        context.check_sendable()
    except WorkflowError as exc:
        request.response.status = 409 if request.method == "POST" else 200
        return {"page_title": _("Versand nicht möglich"), "error": exc.args[0],
                "cancel_url": request.resource_url(context)}
    recipients = subscribers.recipients(list_name)
    form = forms.make_form(request, SendSchema(), buttons=(
        deform.Button("send", _("Jetzt verbindlich versenden")),))

    def save(data):
        if data["expected"] != len(recipients):
            request.response.status = 409
            return {"form": forms.render(request, form, dict(data, expected=len(recipients))),
                    "error": _("Die Zahl der Empfänger hat sich inzwischen geändert: jetzt ${n}. "
                               "Bitte bestätigen Sie noch einmal.", mapping={"n": len(recipients)})}
        send_at = None
        if data["when"] == "later":
            send_at = to_utc(datetime.combine(data["date"], data["time"]))
            if send_at <= now():
                request.response.status = 400
                return {"form": forms.render(request, form, data),
                        "error": _("Der Zeitpunkt liegt in der Vergangenheit.")}
        try:
            count = jobs.plan(context, request.registry, request.application_url, request.root.title,
                              recipients, request.tm, send_at=send_at,
                              userid=request.identity.__name__)
        except WorkflowError as exc:
            request.response.status = 409
            return {"form": None, "error": exc.args[0]}
        events.modified(request, context)
        if send_at:
            flash(request, _("Die Ausgabe ist für ${when} an ${n} Empfänger eingeplant.",
                             mapping={"when": format_local(context.send_at), "n": count}))
        else:
            flash(request, _("Die Ausgabe geht an ${n} Empfänger.", mapping={"n": count}))
        return HTTPSeeOther(location=request.resource_url(context))

    return forms.page(
        forms.handle(request, form, save, appstruct={"when": "now", "expected": len(recipients)},
                     button="send"),
        _("Ausgabe versenden"), cancel_url=request.resource_url(context),
        intro=_("„${title}“ geht an ${n} bestätigte Empfängerinnen und Empfänger der Liste „${list}“. "
                "Ein Versand lässt sich nicht zurücknehmen.",
                mapping={"title": context.title, "n": len(recipients), "list": context.mailing_list.title}))


