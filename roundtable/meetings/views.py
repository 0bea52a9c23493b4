"""Views of a meeting (Sitzung): its page and printable version, and the forms
that create, edit, cancel it or mark it held.

Who may do what follows from the ACLs in ``resources``: everyone reads public
meetings and their public agenda items; a body's members (local role
``member``) also read its non-public meetings and items and answer for
themselves (``attend``); the board, the coordinator and a body's chair edit
(``edit``) and add meetings (``add`` on the body's meetings folder).
Non-public agenda items and their documents are asked about one by one
(``VIEW`` on the item), so they never reach a page or a download of someone
who may not see them.

The views stay thin: the rules (may this meeting be invited, moved, replied
to; numbering of the agenda; attendance) live on the resources.

The other views of meetings are split by responsibility so that no module
carries them all: the lists across bodies in ``listing_views``, the agenda and
its documents in ``agenda_views``, invitation, replies and attendance in
``attendance_views``, the minutes in ``minutes_views``; the helpers they share
in ``viewhelpers``.
"""
from types import SimpleNamespace as Row

import deform
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config

from .. import events, forms, freshness
from . import notices
from ..i18n import _, flash
from ..security import ADD, EDIT, VIEW
from ..workflow import WorkflowError
from .display import Formatter, format_when
from .event_links import event_links
from .resources import ATTEND, REPLIES, Meeting, Meetings
from .schemas import CancelSchema, MeetingChangeSchema, MeetingSchema, meeting_appstruct, meeting_values
from .viewhelpers import FORM, TEMPLATES, linked_motions, may_view, quorum_text, reply_form, viewer_person_id

# a meeting page shows its body's things (agenda, documents, replies, minutes),
# the motions of its items and their committees, and names (consent: register)
PAGE = freshness.in_body("motions", "committees", "register", "site")


# a meeting -------------------------------------------------------------------------------

def _agenda_rows(request, meeting, may_edit):
    agenda = meeting.agenda
    rows = []
    for item in agenda.ordered():
        if not may_view(request, item):
            continue
        rows.append(Row(
            item=item,
            documents=item.documents(),
            motions=linked_motions(request, item.motion_ids),
            up=may_edit and agenda.can_move(item, "up"),
            down=may_edit and agenda.can_move(item, "down"),
        ))
    return rows


def _meeting_info(context, request):
    """What the meeting page and its printable version show."""
    may_edit = bool(request.has_permission(EDIT, context))
    person_id = viewer_person_id(request)
    mine = None
    if person_id and context.may_reply(person_id) and request.has_permission(ATTEND, context):
        mine = Row(record=context.attendance_for(person_id), can_reply=context.accepts_replies())
    minutes = context.minutes
    show_minutes = minutes is not None and bool(request.has_permission(VIEW, minutes))
    presences = any(a.presence for a in context.attendance.values())
    return {
        "page_title": context.title,
        "meeting": context,
        "body": context.body,
        "fmt": Formatter(request),
        "when": format_when(context, request.locale_name),
        "agenda": _agenda_rows(request, context, may_edit),
        "may_edit": may_edit,
        "mine": mine,
        "replies": dict(REPLIES),
        "reply_counts": context.reply_counts() if may_edit else None,
        "minutes_url": request.resource_url(minutes) if show_minutes else None,
        # each agenda item links its own section of the minutes
        "minutes_items": (set(minutes.entries.keys()) if show_minutes else set()),
        "calendar": event_links(request, context) if not context.is_past() else None,
        "create_minutes_url": (request.resource_url(context, "create-minutes")
                               if minutes is None and may_edit and context.status != "cancelled"
                               else None),
        "quorum": quorum_text(context) if presences else None,
        "guests": context.guests,
        "can_invite": may_edit and context.can_invite(),
        "can_cancel": may_edit and context.can_cancel(),
        "can_reinstate": may_edit and context.can_reinstate(),
        "reply_form": reply_form(),
        "can_mark_held": may_edit and context.can_mark_held(),
    }


@view_config(context=Meeting, renderer=TEMPLATES + "meeting.pt", permission=VIEW, freshness=PAGE)
def meeting_page(context, request):
    return _meeting_info(context, request)


@view_config(context=Meeting, name="print", renderer=TEMPLATES + "print.pt", permission=VIEW,
             freshness=PAGE)
def meeting_print(context, request):
    """Agenda and invitation on paper: no navigation, no buttons."""
    return _meeting_info(context, request)


def last_place(meetings):
    """Where the body met last: a sensible default for the next meeting."""
    latest = max(meetings.values(), key=lambda m: m.start, default=None)
    if latest is None:
        return {}
    return {k: getattr(latest, k) for k in ("place_name", "address", "room", "accessibility")}


@view_config(context=Meetings, name="add", renderer=FORM, permission=ADD)
def add_meeting(context, request):
    body = context.body
    form = forms.make_form(request, MeetingSchema(), buttons=(deform.Button("save", _("Anlegen")),))

    def save(data):
        values = meeting_values(data, context.tzname)
        meeting = context.add_meeting(Meeting(**values))
        events.added(request, meeting)
        flash(request, _("Sitzung am ${date} angelegt.", mapping={
            "date": format_when(meeting, request.locale_name)}))
        return HTTPSeeOther(location=request.resource_url(meeting))

    defaults = dict(last_place(context), public=body.kind != "board",
                    title=request.localizer.translate(_("Sitzung: ${body}", mapping={"body": body.name})))
    result = forms.handle(request, form, save, defaults)
    return forms.page(result, _("Sitzung anlegen: ${body}", mapping={"body": body.name}),
                      intro=_("Datum und Uhrzeit in der Ortszeit des Gremiums."),
                      cancel_url=request.resource_url(context))


@view_config(context=Meeting, name="edit", renderer=FORM, permission=EDIT)
def edit_meeting(context, request):
    """Changing date or time records the move; the URL of the meeting stays. The
    reason given goes into the notice to those invited."""
    form = forms.make_form(request, MeetingChangeSchema())

    def save(data):
        moved, sequence = len(context.moves), context.sequence
        context.update(**meeting_values(data, context.tzname))
        events.modified(request, context)
        if len(context.moves) > moved:
            flash(request, _("Sitzung verschoben. Die Adresse der Seite bleibt gleich; "
                             "der ursprüngliche Termin ist vermerkt."))
        else:
            flash(request, _("Sitzung gespeichert."))
        if context.sequence > sequence:   # time or place changed
            _flash_notices(request, notices.notify_invitees(request, context, "changed",
                                                            data["reason"]))
        return HTTPSeeOther(location=request.resource_url(context))

    result = forms.handle(request, form, save, meeting_appstruct(context))
    return forms.page(result, _("Sitzung bearbeiten: ${title}", mapping={"title": context.title}),
                      cancel_url=request.resource_url(context), **_change_intro(request, context))


def _change_intro(request, meeting):
    """The warnings shown before a move or cancellation, as the form page's error box."""
    warnings = [request.localizer.translate(w) for w in meeting.change_warnings()]
    if meeting.invited_at is not None:
        warnings.append(request.localizer.translate(_(
            "Die eingeladenen Mitglieder werden bei einer Absage oder einer neuen Zeit "
            "oder einem neuen Ort per E-Mail benachrichtigt.")))
    return {"error": " ".join(warnings)} if warnings else {}


def _flash_notices(request, count):
    if count:
        flash(request, _("Die eingeladenen Mitglieder (${count}) sind per E-Mail benachrichtigt.",
                         mapping={"count": count}))


@view_config(context=Meeting, name="cancel", renderer=FORM, permission=EDIT)
def cancel_meeting(context, request):
    """Cancelling asks for a reason (it goes into the notice) and warns about
    replies, attendance and minutes that exist; it can be undone (reinstate)."""
    if not context.can_cancel():
        flash(request, _("Diese Sitzung kann nicht abgesagt werden."))
        return HTTPSeeOther(location=request.resource_url(context))
    form = forms.make_form(request, CancelSchema(),
                           buttons=(deform.Button("save", _("Sitzung absagen")),))

    def save(data):
        try:
            context.cancel(data["reason"].strip())
        except WorkflowError as error:
            flash(request, error.args[0])
            return HTTPSeeOther(location=request.resource_url(context))
        events.modified(request, context)
        flash(request, _("Die Sitzung ist abgesagt. Sie bleibt mit dem Vermerk „abgesagt“ sichtbar "
                         "und kann wieder angesetzt werden."))
        _flash_notices(request, notices.notify_invitees(request, context, "cancelled",
                                                        context.cancel_reason))
        return HTTPSeeOther(location=request.resource_url(context))

    result = forms.handle(request, form, save)
    return forms.page(result, _("Sitzung absagen: ${title}", mapping={"title": context.title}),
                      intro=format_when(context, request.locale_name),
                      cancel_url=request.resource_url(context), **_change_intro(request, context))


@view_config(context=Meeting, name="reinstate", renderer=TEMPLATES + "confirm.pt", permission=EDIT)
def reinstate_meeting(context, request):
    """Take a cancellation back (asked first); those invited get a notice."""
    if request.method == "POST":
        try:
            context.reinstate()
        except WorkflowError as error:
            flash(request, error.args[0])
            return HTTPSeeOther(location=request.resource_url(context))
        events.modified(request, context)
        flash(request, _("Die Absage ist aufgehoben; die Sitzung findet statt."))
        _flash_notices(request, notices.notify_invitees(request, context, "reinstated"))
        return HTTPSeeOther(location=request.resource_url(context))
    error = None if context.can_reinstate() else _("Diese Sitzung kann nicht wieder angesetzt werden.")
    return {"page_title": _("Sitzung wieder ansetzen: ${title}", mapping={"title": context.title}),
            "error": error, "action": request.resource_url(context, "reinstate"),
            "question": _("Die Sitzung am ${when} findet doch statt? Die eingeladenen Mitglieder "
                          "werden per E-Mail benachrichtigt.",
                          mapping={"when": format_when(context, request.locale_name)}),
            "button": _("Sitzung wieder ansetzen"), "cancel_url": request.resource_url(context)}


@view_config(context=Meeting, name="held", request_method="POST", permission=EDIT)
def mark_held(context, request):
    try:
        context.mark_held()
        events.modified(request, context)
        flash(request, _("Die Sitzung ist als durchgeführt vermerkt."))
    except WorkflowError as error:
        flash(request, error.args[0])
    return HTTPSeeOther(location=request.resource_url(context))
