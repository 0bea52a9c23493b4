"""Views of meetings (Sitzungen): pages, forms, invitation, attendance, documents.

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
"""
import calendar
import re
from datetime import date, timedelta
from types import SimpleNamespace as Row
from urllib.parse import quote

import deform
from pyramid.httpexceptions import HTTPBadRequest, HTTPNotFound, HTTPSeeOther
from pyramid.response import FileResponse, Response
from pyramid.security import NO_PERMISSION_REQUIRED
from pyramid.traversal import resource_path
from pyramid.view import view_config

from .. import forms, mail
from ..i18n import _, flash, safe_return_path
from ..portal import Portal
from ..security import ACCOUNT, ADD, EDIT, VIEW
from ..timeutil import DEFAULT_TZ, now, zone
from ..workflow import WorkflowError
from .display import Formatter, format_month, format_when, weekday_names
from .resources import (ATTEND, PRESENCE, REPLIES, Agenda, AgendaItem, Document, Meeting,
                        Meetings)
from .schemas import (AgendaItemSchema, MeetingSchema, check_upload, max_upload_mb,
                      meeting_appstruct, meeting_values, upload_type)
from .tokens import make_token, verify_token

TEMPLATES = "roundtable:templates/meetings/"
FORM = "roundtable:templates/form.pt"
ERROR = "roundtable:templates/site/error.pt"


# helpers -----------------------------------------------------------------------------

def _person_id(request):
    user = request.identity
    return getattr(user, "person_id", None) if user is not None else None


def _may_view(request, obj):
    """Public meetings and items are open to all; ask the ACL only for the rest."""
    if getattr(obj, "public", False) and (not isinstance(obj, AgendaItem) or obj.meeting.public):
        return True
    return bool(request.has_permission(VIEW, obj))


def _params(request):
    """The query string; a malformed one (not UTF-8) is the client's error, not ours."""
    try:
        return request.GET
    except UnicodeDecodeError:
        raise HTTPBadRequest(_("Die Anfrage ist ungültig kodiert.")) from None


def _quorum_text(meeting):
    present, voting, required, reached = meeting.quorum()
    mapping = {"present": present, "voting": voting, "required": required}
    if reached:
        return _("beschlussfähig: ${present} von ${voting} stimmberechtigten Mitgliedern "
                 "anwesend (nötig: ${required})", mapping=mapping)
    return _("nicht beschlussfähig: ${present} von ${voting} stimmberechtigten Mitgliedern "
             "anwesend (nötig: ${required})", mapping=mapping)


def _all_meetings(portal, body=None):
    """Every meeting (of one body), dissolved bodies' included: their record stays."""
    for b in [body] if body is not None else portal["bodies"].values():
        meetings = b.get("meetings")
        if meetings is not None:
            yield from meetings.values()


def _visible(request, meetings):
    return [m for m in meetings if _may_view(request, m)]


# filters of the public lists -------------------------------------------------------------

_YEAR = re.compile(r"[0-9]{4}")
_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")


def _body_filter(request, params):
    name = params.get("body", "").strip()
    if not name:
        return None
    body = request.root["bodies"].get(name)
    if body is None:
        raise HTTPBadRequest(_("Das Gremium „${name}“ gibt es nicht. Wählen Sie eines aus der Liste.",
                               mapping={"name": name[:80]}))
    return body


def _year_filter(params):
    value = params.get("year", "").strip()
    if not value:
        return None
    if not _YEAR.fullmatch(value) or not 1900 <= int(value) <= 2200:
        raise HTTPBadRequest(_("„${value}“ ist kein gültiges Jahr. Bitte eine Jahreszahl wie "
                               "2027 angeben.", mapping={"value": value[:20]}))
    return int(value)


def _month_filter(params, tzname=DEFAULT_TZ):
    value = params.get("month", "").strip()
    if not value:
        today = now().astimezone(zone(tzname)).date()
        return today.year, today.month
    match = _MONTH.fullmatch(value)
    if not match or not 1 <= int(match.group(2)) <= 12 or not 1900 <= int(match.group(1)) <= 2200:
        raise HTTPBadRequest(_("„${value}“ ist kein gültiger Monat. Bitte im Format JJJJ-MM "
                               "angeben, z. B. 2027-03.", mapping={"value": value[:20]}))
    return int(match.group(1)), int(match.group(2))


def _filter_choices(request, visible):
    bodies = [b for b in request.root["bodies"].listing(include_retired=True)]
    years = sorted({m.local_start.year for m in visible}, reverse=True)
    return bodies, years


def _addable_bodies(request):
    """Bodies whose meetings folder the viewer may add to (for the "new meeting" links)."""
    if request.identity is None:
        return []
    return [b for b in request.root["bodies"].listing()
            if "meetings" in b and request.has_permission(ADD, b["meetings"])]


# the public lists --------------------------------------------------------------------

@view_config(context=Portal, name="meetings", renderer=TEMPLATES + "listing.pt", permission=VIEW)
def meetings_listing(context, request):
    """Upcoming and past sessions the viewer may see, filtered by body and year."""
    if request.subpath:
        raise HTTPNotFound()
    params = _params(request)
    body, year = _body_filter(request, params), _year_filter(params)
    visible = _visible(request, _all_meetings(context, body))
    bodies, years = _filter_choices(request, visible)
    if year is not None and year not in years:
        years = sorted(years + [year], reverse=True)
    if year is not None:
        visible = [m for m in visible if m.local_start.year == year]
    at = now()
    upcoming = sorted((m for m in visible if not m.is_past(at)), key=lambda m: m.start)
    past = sorted((m for m in visible if m.is_past(at)), key=lambda m: m.start, reverse=True)
    addable = _addable_bodies(request)
    title = _("Sitzungen")
    if body is not None:
        title = _("Sitzungen: ${body}", mapping={"body": body.name})
    return {
        "page_title": title,
        "body": body,
        "year": year,
        "bodies": bodies,
        "years": years,
        "upcoming": upcoming,
        "past": past,
        "addable": [b for b in addable if body is None or b is body],
        "fmt": Formatter(request),
        # the calendar has its own body filter; linking each body's calendar
        # from here would multiply the months a crawler walks through
        "calendar_url": request.route_url("meetings_calendar"),
    }


@view_config(route_name="meetings_calendar", renderer=TEMPLATES + "calendar.pt", permission=VIEW)
def meetings_calendar(context, request):
    """A month as a table (Monday first), the visible meetings in their days."""
    params = _params(request)
    body = _body_filter(request, params)
    year, month = _month_filter(params)
    first = date(year, month, 1)
    last = date(year, month, calendar.monthrange(year, month)[1])
    by_day = {}
    in_month = []
    earlier = later = False
    for m in _visible(request, _all_meetings(context, body)):
        day = m.local_start.date()
        if first <= day <= last:
            by_day.setdefault(day, []).append(m)
            in_month.append(m)
        earlier = earlier or day < first
        later = later or day > last
    for items in by_day.values():
        items.sort(key=lambda m: m.start)
    in_month.sort(key=lambda m: m.start)
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    prev_month = (first - timedelta(days=1)).replace(day=1)
    next_month = last + timedelta(days=1)

    def month_url(day):
        query = {"month": day.strftime("%Y-%m")}
        if body is not None:
            query["body"] = body.__name__
        return request.route_url("meetings_calendar", _query=query)

    locale = request.locale_name
    return {
        "page_title": _("Sitzungskalender ${month}", mapping={"month": format_month(first, locale)}),
        "month_title": format_month(first, locale),
        "first": first,
        "weeks": weeks,
        "by_day": by_day,
        "in_month": in_month,
        "weekdays": weekday_names(locale),
        # Links lead only as far as there are meetings, so the months do not
        # run on forever for a crawler; any month stays reachable by URL.
        "prev": Row(url=month_url(prev_month), title=format_month(prev_month, locale)) if earlier else None,
        "next": Row(url=month_url(next_month), title=format_month(next_month, locale)) if later else None,
        "this_month": month_url(now().astimezone(zone(DEFAULT_TZ)).date()),
        "today": now().astimezone(zone(DEFAULT_TZ)).date(),
        "body": body,
        "bodies": request.root["bodies"].listing(include_retired=True),
        "fmt": Formatter(request),
        "list_url": request.resource_url(request.root, "meetings",
                                         query={"body": body.__name__} if body else {}),
    }


@view_config(context=Meetings, permission=VIEW)
def body_meetings(context, request):
    """A body's meetings are the public list filtered by that body."""
    return HTTPSeeOther(location=request.resource_url(
        request.root, "meetings", query={"body": context.body.__name__}))


# my meetings ---------------------------------------------------------------------------

@view_config(context=Portal, name="my-meetings", renderer=TEMPLATES + "my.pt", permission=ACCOUNT)
def my_meetings(context, request):
    """The upcoming sessions of the bodies one belongs to, with one's own reply."""
    person_id = _person_id(request)
    rows = []
    if person_id:
        at = now()
        for body in context["bodies"].listing():
            if "member" not in body.local_roles_for(person_id):
                continue
            for m in body["meetings"].values():
                if not m.is_past(at):
                    rows.append(Row(meeting=m, body=body, record=m.attendance_for(person_id),
                                    can_reply=m.accepts_replies(at)))
        rows.sort(key=lambda r: r.meeting.start)
    return {"page_title": _("Meine Sitzungen"), "rows": rows, "person_id": person_id,
            "fmt": Formatter(request), "replies": dict(REPLIES)}


# a meeting -------------------------------------------------------------------------------

def _agenda_rows(request, meeting, may_edit):
    agenda = meeting.agenda
    rows = []
    for item in agenda.ordered():
        if not _may_view(request, item):
            continue
        rows.append(Row(
            item=item,
            documents=item.documents(),
            up=may_edit and agenda.can_move(item, "up"),
            down=may_edit and agenda.can_move(item, "down"),
        ))
    return rows


def _meeting_info(context, request):
    """What the meeting page and its printable version show."""
    may_edit = bool(request.has_permission(EDIT, context))
    person_id = _person_id(request)
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
        "create_minutes_url": (request.resource_url(context, "create-minutes")
                               if minutes is None and may_edit and context.status != "cancelled"
                               else None),
        "quorum": _quorum_text(context) if presences else None,
        "guests": context.guests,
        "can_invite": may_edit and context.can_invite(),
        "can_cancel": may_edit and context.can_cancel(),
        "can_mark_held": may_edit and context.can_mark_held(),
    }


@view_config(context=Meeting, renderer=TEMPLATES + "meeting.pt", permission=VIEW)
def meeting_page(context, request):
    return _meeting_info(context, request)


@view_config(context=Meeting, name="print", renderer=TEMPLATES + "print.pt", permission=VIEW)
def meeting_print(context, request):
    """Agenda and invitation on paper: no navigation, no buttons."""
    return _meeting_info(context, request)


def _last_place(meetings):
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
        flash(request, _("Sitzung am ${date} angelegt.", mapping={
            "date": format_when(meeting, request.locale_name)}))
        return HTTPSeeOther(location=request.resource_url(meeting))

    defaults = dict(_last_place(context), public=body.kind != "board",
                    title=request.localizer.translate(_("Sitzung: ${body}", mapping={"body": body.name})))
    result = forms.handle(request, form, save, defaults)
    return forms.page(result, _("Sitzung anlegen: ${body}", mapping={"body": body.name}),
                      intro=_("Datum und Uhrzeit in der Ortszeit des Gremiums."),
                      cancel_url=request.resource_url(context))


@view_config(context=Meeting, name="edit", renderer=FORM, permission=EDIT)
def edit_meeting(context, request):
    """Changing date or time records the move; the URL of the meeting stays."""
    form = forms.make_form(request, MeetingSchema())

    def save(data):
        moved = len(context.moves)
        context.update(**meeting_values(data, context.tzname))
        if len(context.moves) > moved:
            flash(request, _("Sitzung verschoben. Die Adresse der Seite bleibt gleich; "
                             "der ursprüngliche Termin ist vermerkt."))
        else:
            flash(request, _("Sitzung gespeichert."))
        return HTTPSeeOther(location=request.resource_url(context))

    result = forms.handle(request, form, save, meeting_appstruct(context))
    return forms.page(result, _("Sitzung bearbeiten: ${title}", mapping={"title": context.title}),
                      cancel_url=request.resource_url(context))


@view_config(context=Meeting, name="cancel", request_method="POST", permission=EDIT)
def cancel_meeting(context, request):
    try:
        context.cancel()
        flash(request, _("Die Sitzung ist abgesagt. Sie bleibt mit dem Vermerk „abgesagt“ sichtbar."))
    except WorkflowError as error:
        flash(request, error.args[0])
    return HTTPSeeOther(location=request.resource_url(context))


@view_config(context=Meeting, name="held", request_method="POST", permission=EDIT)
def mark_held(context, request):
    try:
        context.mark_held()
        flash(request, _("Die Sitzung ist als durchgeführt vermerkt."))
    except WorkflowError as error:
        flash(request, error.args[0])
    return HTTPSeeOther(location=request.resource_url(context))


# invitation ----------------------------------------------------------------------------

def _invitees(request, meeting):
    """(persons with an e-mail address, number of members without one)."""
    people = request.root["people"]
    found, missing = [], 0
    for person_id in meeting.member_ids():
        person = people.get(person_id)
        if person is not None and person.active and (person.email or "").strip():
            found.append(person)
        else:
            missing += 1
    return found, missing


def reply_link(request, meeting, person_id):
    """The personal link in the invitation: answer without logging in."""
    secret = request.registry.settings["roundtable.secret"]
    token = make_token(secret, resource_path(meeting), person_id, meeting.reply_expiry())
    return request.resource_url(meeting, "reply", person_id, token)


def invitation_text(request, meeting, person):
    """Subject and plain-text body of one member's invitation."""
    t = request.localizer.translate
    when = format_when(meeting, request.locale_name)
    body = meeting.body
    subject = t(_("Einladung: ${title} am ${when}", mapping={"title": meeting.title, "when": when}))
    lines = [t(_("Guten Tag ${name},", mapping={"name": person.title})), "",
             t(_("Sie sind als Mitglied von „${body}“ herzlich zur Sitzung eingeladen.",
                 mapping={"body": body.name})), "",
             meeting.title, when]
    if meeting.moves:
        lines.append(t(_("Achtung, neuer Termin – ursprünglich geplant: ${old}", mapping={
            "old": Formatter(request).original(meeting)})))
    lines.append("")
    place = ", ".join(p for p in (meeting.place_name, meeting.room) if p)
    for label, value in ((_("Ort"), place), (_("Adresse"), meeting.address),
                         (_("Barrierefreiheit"), meeting.accessibility),
                         (_("Online-Teilnahme"), meeting.online_url),
                         (_("Hinweise"), meeting.notes)):
        if value:
            lines.append(f"{t(label)}: {value}")
    lines += ["", t(_("Tagesordnung")), ""]
    items = meeting.agenda.ordered()
    for item in items:
        suffix = "" if item.public else " " + t(_("(nicht öffentlich)"))
        indent = "    " if item.is_sub_item else ""
        lines.append(f"{indent}{t(_('TOP'))} {item.number}  {item.title}{suffix}")
        if item.presenter:
            lines.append(f"{indent}      {t(_('Berichterstattung'))}: {item.presenter}")
    if not items:
        lines.append(t(_("Die Tagesordnung folgt.")))
    lines += ["", t(_("Bitte sagen Sie über Ihren persönlichen Link zu oder ab:")),
              reply_link(request, meeting, person.__name__),
              t(_("Der Link gilt nur für Sie, ohne Anmeldung, bis zum Tag nach der Sitzung.")), "",
              t(_("Die Sitzung im Portal: ${url}", mapping={"url": request.resource_url(meeting)})),
              "", t(_("Mit freundlichen Grüßen")), request.root.title, ""]
    return subject, "\n".join(lines)


@view_config(context=Meeting, name="invite", renderer=TEMPLATES + "invite.pt", permission=EDIT)
def invite(context, request):
    """GET: whom the invitation reaches; POST: one mail per member, status "eingeladen".

    The mails are queued in the request's transaction, so a refused or failed
    invitation sends nothing.
    """
    invitees, missing = _invitees(request, context)
    error = None
    if request.method == "POST":
        try:
            context.mark_invited()
        except WorkflowError as exc:
            error = exc.args[0]
            request.response.status = 400
        else:
            for person in invitees:
                subject, text = invitation_text(request, context, person)
                mail.send(request, person.email, subject, text)
            flash(request, _("Die Einladung ist an ${count} Mitglieder verschickt.",
                             mapping={"count": len(invitees)}))
            return HTTPSeeOther(location=request.resource_url(context))
    elif not context.can_invite():
        error = (_("Zu einer vergangenen Sitzung kann nicht eingeladen werden.")
                 if context.status not in ("cancelled", "held")
                 else _("Zu dieser Sitzung kann nicht mehr eingeladen werden."))
    return {"page_title": _("Einladung verschicken: ${title}", mapping={"title": context.title}),
            "meeting": context, "count": len(invitees), "missing": missing, "error": error,
            "when": format_when(context, request.locale_name),
            "again": context.status == "invited"}


# attendance ---------------------------------------------------------------------------

@view_config(context=Meeting, name="respond", request_method="POST", permission=ATTEND)
def respond(context, request):
    """A logged-in member confirms or excuses themself."""
    person_id = _person_id(request)
    if not context.may_reply(person_id):
        raise HTTPBadRequest(_("Nur Mitglieder des Gremiums können zu- oder absagen."))
    reply = request.POST.get("reply")
    if reply not in dict(REPLIES):
        raise HTTPBadRequest(_("Bitte wählen Sie „Ich nehme teil“ oder „Ich bin verhindert“."))
    try:
        context.reply(person_id, reply, via="web")
        flash(request, _("Ihre Rückmeldung ist gespeichert: ${reply}.",
                         mapping={"reply": request.localizer.translate(dict(REPLIES)[reply])}))
    except WorkflowError as error:
        flash(request, error.args[0])
    target = safe_return_path(request.POST.get("came_from"), "")
    return HTTPSeeOther(location=(request.application_url + target) if target
                        else request.resource_url(context, anchor="reply"))


def _link_person(context, request):
    """The person a reply link is for, or 404 for a malformed or forged link.
    Also returns the signed expiry."""
    if len(request.subpath) != 2:
        raise HTTPNotFound()
    person_id, token = request.subpath
    secret = request.registry.settings["roundtable.secret"]
    expires = verify_token(secret, resource_path(context), person_id, token)
    person = request.root["people"].get(person_id) if expires is not None else None
    if person is None:
        raise HTTPNotFound()
    return person, expires


@view_config(context=Meeting, name="reply", renderer=TEMPLATES + "reply.pt",
             permission=NO_PERMISSION_REQUIRED)
def reply_by_link(context, request):
    """The personal link from the invitation: the signed token is the permission.

    A GET only shows the meeting and two buttons; the answer is a POST. The
    link works until the signed expiry or, if the meeting moved later, until
    a day after its new end; a forged link is not found (404), an expired one
    is gone (410).
    """
    person, expires = _link_person(context, request)
    request.response.headers["Referrer-Policy"] = "no-referrer"
    request.response.headers["X-Robots-Tag"] = "noindex"
    at = now()
    if at >= max(expires, context.reply_expiry()):
        request.response.status = 410
        return render_error(request, 410, _("Link abgelaufen"), _(
            "Dieser Link zur Rückmeldung ist abgelaufen: Die Sitzung ist vorbei. Bei Fragen "
            "wenden Sie sich bitte an die Koordinierungsstelle."))
    error = None
    if request.method == "POST":
        reply = request.POST.get("reply")
        if reply not in dict(REPLIES):
            raise HTTPBadRequest(_("Bitte wählen Sie „Ich nehme teil“ oder „Ich bin verhindert“."))
        try:
            context.reply(person.__name__, reply, via="link", at=at)
        except WorkflowError as exc:
            error = exc.args[0]
            request.response.status = 409
        else:
            flash(request, _("Danke, Ihre Rückmeldung ist gespeichert: ${reply}.",
                             mapping={"reply": request.localizer.translate(dict(REPLIES)[reply])}))
            return HTTPSeeOther(location=request.url)
    return {"page_title": _("Rückmeldung zur Sitzung"), "meeting": context, "person": person,
            "record": context.attendance_for(person.__name__), "replies": dict(REPLIES),
            "can_reply": context.accepts_replies(at), "error": error,
            "when": format_when(context, request.locale_name), "fmt": Formatter(request),
            "public_url": request.resource_url(context) if context.public else None}


def render_error(request, status, title, message):
    from pyramid.renderers import render_to_response

    response = render_to_response(ERROR, {"page_title": title, "message": message}, request=request)
    response.status = status
    for key in ("Referrer-Policy", "X-Robots-Tag"):
        if key in request.response.headers:
            response.headers[key] = request.response.headers[key]
    return response


@view_config(context=Meeting, name="attendance", renderer=TEMPLATES + "attendance.pt",
             permission=EDIT)
def attendance(context, request):
    """The coordinator's record of who was there, the guests and the quorum."""
    people = request.root["people"]
    roll = context.roll()
    error = None
    values = {pid: (context.attendance_for(pid).presence if context.attendance_for(pid) else None)
              for pid in roll}
    guests_value = str(context.guests)
    if request.method == "POST":
        submitted = {}
        for pid in roll:
            value = request.POST.get("presence-" + pid, "")
            submitted[pid] = value or None
        guests_value = request.POST.get("guests", "").strip() or "0"
        try:
            guests = int(guests_value)
            if guests < 0 or guests > 10000:
                raise ValueError
        except ValueError:
            error = _("Die Zahl der Gäste muss eine ganze Zahl zwischen 0 und 10000 sein.")
        if error is None and any(v is not None and v not in dict(PRESENCE) for v in submitted.values()):
            error = _("Bitte wählen Sie für jedes Mitglied einen der angebotenen Werte.")
        if error is None:
            try:
                context.record_attendance(submitted, guests)
            except WorkflowError as exc:
                error = exc.args[0]
        if error is None:
            flash(request, _("Anwesenheit gespeichert."))
            return HTTPSeeOther(location=request.resource_url(context, "attendance"))
        request.response.status = 400
        values = {pid: (v if v in dict(PRESENCE) else None) for pid, v in submitted.items()}
    memberships = {m.person_id: m for m in context.body.current_memberships(context.local_start.date())}
    rows = []
    for pid in roll:
        person = people.get(pid)
        record = context.attendance_for(pid)
        value = values.get(pid)
        if value is None and record is not None and record.presence is None and record.reply == "no":
            value = "excused"  # a member who excused themself, suggested
        rows.append(Row(id=pid, name=person.title if person is not None else pid,
                        sort_key=person.sort_key if person is not None else (pid, ""),
                        membership=memberships.get(pid),
                        reply=record.reply if record is not None else None, value=value))
    rows.sort(key=lambda r: r.sort_key)
    return {"page_title": _("Anwesenheit: ${title}", mapping={"title": context.title}),
            "meeting": context, "rows": rows, "guests": guests_value, "error": error,
            "presence": PRESENCE, "replies": dict(REPLIES),
            "quorum": _quorum_text(context), "when": format_when(context, request.locale_name)}


# agenda ----------------------------------------------------------------------------------

@view_config(context=Agenda, permission=VIEW)
def agenda_default(context, request):
    return HTTPSeeOther(location=request.resource_url(context.__parent__, anchor="agenda"))


@view_config(context=AgendaItem, permission=VIEW)
def item_default(context, request):
    return HTTPSeeOther(location=request.resource_url(context.meeting, anchor=context.__name__))


def _item_values(data):
    return {k: data[k] for k in ("number", "title", "description", "public", "presenter",
                                 "duration")}


@view_config(context=Agenda, name="add", renderer=FORM, permission=EDIT)
def add_item(context, request):
    meeting = context.__parent__
    form = forms.make_form(request, AgendaItemSchema(),
                           buttons=(deform.Button("save", _("Hinzufügen")),))

    def save(data):
        item = context.add_item(AgendaItem(**_item_values(data)))
        flash(request, _("${label} hinzugefügt.", mapping={"label": item.label}))
        return HTTPSeeOther(location=request.resource_url(meeting, anchor=item.__name__))

    defaults = {"number": context.next_number(), "public": meeting.public}
    result = forms.handle(request, form, save, defaults)
    return forms.page(result, _("Tagesordnungspunkt hinzufügen"), intro=meeting.title,
                      cancel_url=request.resource_url(meeting, anchor="agenda"))


@view_config(context=AgendaItem, name="edit", renderer=FORM, permission=EDIT)
def edit_item(context, request):
    agenda = context.__parent__
    form = forms.make_form(request, AgendaItemSchema())

    def save(data):
        agenda.update_item(context, **_item_values(data))
        flash(request, _("${label} gespeichert.", mapping={"label": context.label}))
        return HTTPSeeOther(location=request.resource_url(context.meeting, anchor=context.__name__))

    values = {k: getattr(context, k) for k in context.fields}
    if values["duration"] is None:
        values.pop("duration")
    result = forms.handle(request, form, save, values)
    return forms.page(result, _("${label} bearbeiten", mapping={"label": context.label}),
                      intro=context.meeting.title,
                      cancel_url=request.resource_url(context.meeting, anchor=context.__name__))


@view_config(context=AgendaItem, name="move", request_method="POST", permission=EDIT)
def move_item(context, request):
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        raise HTTPBadRequest(_("Unbekannte Richtung."))
    context.__parent__.move(context, direction)
    return HTTPSeeOther(location=request.resource_url(context.meeting, anchor=context.__name__))


@view_config(context=AgendaItem, name="delete", renderer=TEMPLATES + "confirm.pt", permission=EDIT)
def delete_item(context, request):
    """GET asks, POST deletes (with the item's documents)."""
    meeting = context.meeting
    error = None
    if request.method == "POST":
        try:
            context.__parent__.remove_item(context)
        except ValueError as exc:
            error = exc.args[0]
            request.response.status = 400
        else:
            flash(request, _("${label} „${title}“ gelöscht.",
                             mapping={"label": context.label, "title": context.title}))
            return HTTPSeeOther(location=request.resource_url(meeting, anchor="agenda"))
    return {"page_title": _("${label} löschen?", mapping={"label": context.label}),
            "question": _("Soll „${label} ${title}“ mit ${count} Dokument(en) von der Tagesordnung "
                          "gelöscht werden?", mapping={"label": context.label, "title": context.title,
                                                       "count": len(context)}),
            "action": request.resource_url(context, "delete"), "button": _("Löschen"),
            "cancel_url": request.resource_url(meeting, anchor=context.__name__), "error": error}


# documents -------------------------------------------------------------------------------

@view_config(context=AgendaItem, name="upload", renderer=TEMPLATES + "upload.pt", permission=EDIT)
def upload(context, request):
    """A document for the item: checked for size and type before anything is stored."""
    max_mb = max_upload_mb(request.registry.settings)
    error = None
    if request.method == "POST":
        field = request.POST.get("upload")
        title = (request.POST.get("title") or "").strip()[:200]
        if field is None or not hasattr(field, "file") or not getattr(field, "filename", ""):
            error = _("Bitte wählen Sie eine Datei aus.")
        else:
            limit = int(max_mb * 1024 * 1024)
            data = field.file.read(limit + 1)
            filename = field.filename.replace("\\", "/").rsplit("/", 1)[-1][:200]
            error = check_upload(filename, field.type, len(data), max_mb, head=data[:16])
            if error is None:
                document = Document(filename, upload_type(filename, field.type), data, title=title)
                context.add_document(document)
                flash(request, _("Dokument „${name}“ hinzugefügt.", mapping={"name": document.title}))
                return HTTPSeeOther(location=request.resource_url(context.meeting,
                                                                  anchor=context.__name__))
        request.response.status = 400
    return {"page_title": _("Dokument hinzufügen: ${label}", mapping={"label": context.label}),
            "item": context, "meeting": context.meeting, "max_mb": max_mb, "error": error,
            "cancel_url": request.resource_url(context.meeting, anchor=context.__name__)}


INLINE_TYPES = ("application/pdf", "image/png", "image/jpeg")


@view_config(context=Document, permission=VIEW)
def download(context, request):
    """The file itself. VIEW is asked of the document, so a non-public item's
    documents are as closed as the item."""
    disposition = "inline" if context.content_type in INLINE_TYPES else "attachment"
    ascii_name = context.filename.encode("ascii", "replace").decode("ascii").replace('"', "")
    try:
        response = FileResponse(context.blob.committed(), request=request,
                                content_type=context.content_type)
    except Exception:  # not committed yet (same transaction) or no blob directory
        with context.open() as f:
            response = Response(body=f.read(), content_type=context.content_type)
    response.headers["Content-Disposition"] = (
        f"{disposition}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(context.filename)}")
    response.headers["X-Content-Type-Options"] = "nosniff"
    meeting = context.__parent__.meeting
    public = context.__parent__.public and meeting.public
    response.headers["Cache-Control"] = "public, max-age=300" if public else "private, no-store"
    return response


@view_config(context=Document, name="delete", request_method="POST", permission=EDIT)
def delete_document(context, request):
    item = context.__parent__
    item.remove(context.__name__)
    flash(request, _("Dokument „${name}“ entfernt.", mapping={"name": context.title}))
    return HTTPSeeOther(location=request.resource_url(item.meeting, anchor=item.__name__))
