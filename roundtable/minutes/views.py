"""Views of the minutes: creating them, the page, print and PDF, the workflow.

Editing lives in ``edit_views``, corrections and earlier versions in
``correction_views``; what a viewer may read is decided once, in
``content.content``, for the page, the print view and the PDF alike.
"""
import re
import unicodedata
from types import SimpleNamespace

from pyramid.httpexceptions import HTTPSeeOther
from pyramid.response import Response
from pyramid.view import view_config

from .. import events, freshness
from ..bodies.schemas import format_date
from ..i18n import _, flash
from ..security import EDIT, VIEW
from ..timeutil import to_local
from ..workflow import WorkflowError
from .content import content, format_when, macros, meeting_zone
from ..meetings.resources import Meeting
from .pdf import minutes_pdf
from .resources import Minutes
from .workflow import PUBLISH, minutes_workflow

# minutes show their meeting and body, the motions of the items, and names (register)
PAGE = freshness.in_body("motions", "committees", "register", "site")


def pdf_filename(minutes):
    """``Protokoll-RT-2027-03-28.pdf``: the body's short name and the meeting's day."""
    meeting = minutes.meeting
    body = meeting.body
    short = getattr(body, "short_name", "") or getattr(body, "name", "") or "Gremium"
    ascii_short = unicodedata.normalize("NFKD", short).encode("ascii", "ignore").decode()
    short = re.sub(r"[^A-Za-z0-9]+", "-", ascii_short).strip("-") or "Gremium"
    day = to_local(meeting.start, meeting_zone(meeting)).strftime("%Y-%m-%d")
    return f"Protokoll-{short}-{day}.pdf"


# -- creating ------------------------------------------------------------------

@view_config(context=Meeting, name="create-minutes", permission=EDIT,
             renderer="roundtable:templates/minutes/create.pt")
def create_minutes(context, request):
    """Start the minutes of a meeting (POST; the GET shows the button).

    The minutes are a child of the meeting named ``minutes`` so their URL is
    the meeting's plus ``minutes/``; a second request finds them there.
    """
    if context.minutes is not None:
        return HTTPSeeOther(location=request.resource_url(context.minutes))
    if context.status == "cancelled":
        flash(request, _("Zu einer abgesagten Sitzung gibt es kein Protokoll."))
        return HTTPSeeOther(location=request.resource_url(context))
    if request.method == "POST":
        minutes = context.add(Minutes(), "minutes")
        events.added(request, minutes)
        flash(request, _("Das Protokoll ist als Entwurf angelegt."))
        return HTTPSeeOther(location=request.resource_url(minutes))
    return {"page_title": _("Protokoll anlegen"), "meeting": context,
            "when": format_when(context, request)}


# -- reading ------------------------------------------------------------------

@view_config(context=Minutes, renderer="roundtable:templates/minutes/minutes.pt", permission=VIEW,
             freshness=PAGE)
def minutes_page(context, request):
    c = content(context, request)
    transitions = []
    for name in minutes_workflow.available(context, request):
        transitions.append(SimpleNamespace(name=name, title=minutes_workflow.transitions[name][3]))
    later = context.later_meetings() if any(t.name == "approve" for t in transitions) else []
    return {
        "page_title": _("Protokoll: ${title}", mapping={"title": context.meeting.title}),
        "c": c, "macros": macros(),
        "may_edit": bool(request.has_permission(EDIT, context)) and context.editable,
        "may_publish": bool(request.has_permission(PUBLISH, context)),
        "transitions": transitions,
        "later": [SimpleNamespace(name=m.__name__, title=m.title,
                                  date=format_date(to_local(m.start, meeting_zone(m)).date(), request))
                  for m in later],
        "pdf_name": pdf_filename(context),
    }


@view_config(context=Minutes, name="print", renderer="roundtable:templates/minutes/print.pt",
             permission=VIEW, freshness=PAGE)
def print_view(context, request):
    """The minutes as a printed document: letterhead, no buttons, no history."""
    return {"page_title": _("Protokoll: ${title}", mapping={"title": context.meeting.title}),
            "c": content(context, request), "macros": macros()}


@view_config(context=Minutes, name="minutes.pdf", permission=VIEW, freshness=PAGE)
def pdf_view(context, request):
    """The minutes as PDF (fpdf2, DejaVu fonts so every name prints)."""
    fonts = request.registry.settings["roundtable.static"].rstrip("/") + "/fonts"
    data = minutes_pdf(content(context, request), request.localizer.translate, fonts,
                       lang=request.locale_name)
    response = Response(body=bytes(data), content_type="application/pdf")
    response.content_disposition = f'attachment; filename="{pdf_filename(context)}"'
    if request.identity is not None:
        response.cache_control = "private, no-store"
    return response


# -- workflow -----------------------------------------------------------------

@view_config(context=Minutes, name="transition", request_method="POST", permission=VIEW)
def transition(context, request):
    """Take a workflow step; a refused step is explained, nothing changes.

    The step's own permission is checked by the workflow (EDIT to submit or
    revise, PUBLISH to approve or publish). Approving records the later
    meeting of the same body at which the minutes were approved.
    """
    name = request.POST.get("transition", "")
    note = ""
    try:
        if name == "approve" and name in minutes_workflow.available(context, request):
            chosen = request.POST.get("meeting", "")
            meeting = next((m for m in context.later_meetings() if m.__name__ == chosen), None)
            context.record_approval(meeting)
            note = request.localizer.translate(_("Sitzung vom ${date}", mapping={
                "date": format_date(to_local(meeting.start, meeting_zone(meeting)).date(), request)}))
        minutes_workflow.transition(context, name, request=request, note=note)
    except WorkflowError as error:
        flash(request, error.args[0])
    else:
        events.modified(request, context)
        flash(request, _("Das Protokoll ist jetzt „${state}“.", mapping={
            "state": request.localizer.translate(context.state_title())}))
    return HTTPSeeOther(location=request.resource_url(context))


@view_config(context=Minutes, name="publish", renderer="roundtable:templates/meetings/confirm.pt",
             permission=PUBLISH, request_method="GET")
def publish(context, request):
    """Publishing asks first and names the agenda items that have no text yet;
    the confirmation posts the "publish" step to ``transition``."""
    error = None if "publish" in minutes_workflow.available(context, request) else _(
        "Veröffentlichen ist erst nach der Genehmigung möglich.")
    empty = [f"{item.label} {item.title}" for item in context.items_without_text()]
    question = (_("Diese Tagesordnungspunkte haben noch keinen Text. Trotzdem veröffentlichen?")
                if empty else _("Das Protokoll wird für alle sichtbar, die die Sitzung sehen dürfen. "
                                "Jetzt veröffentlichen?"))
    return {"page_title": _("Protokoll veröffentlichen: ${title}", mapping={"title": context.meeting.title}),
            "error": error, "question": question, "details": empty,
            "action": request.resource_url(context, "transition"), "button": _("Veröffentlichen"),
            "hidden": [("transition", "publish")],
            "cancel_url": request.resource_url(context)}
