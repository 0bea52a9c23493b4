"""Invitation and attendance of a meeting: sending the invitation, the
members' replies (logged in, or through the personal link in the mail) and
the coordinator's attendance and quorum page.

Kept together because they share one flow and one secret: the invitation
carries a signed personal link (``tokens``), and that token, not a login, is
the permission of ``reply_by_link``. The rules (who may reply, until when,
quorum) live on the ``Meeting`` resource.
"""
from types import SimpleNamespace as Row

from pyramid.httpexceptions import HTTPBadRequest, HTTPNotFound, HTTPSeeOther
from pyramid.security import NO_PERMISSION_REQUIRED
from pyramid.traversal import resource_path
from pyramid.view import view_config

from .. import events, freshness, mail
from ..i18n import _, flash, safe_return_path
from ..security import EDIT
from ..timeutil import now
from ..workflow import WorkflowError
from ..text import normalize_newlines
from . import notices
from .attachments import invitation_attachments
from .deputy import ask_deputy, deputies_for
from .display import Formatter, format_when
from .resources import ATTEND, PRESENCE, REPLIES, Meeting
from .tokens import reply_link, verify_token
from .viewhelpers import TEMPLATES, quorum_text, reply_form, reply_note, viewer_person_id

ERROR = "roundtable:templates/site/error.pt"
MAX_INVITATION_NOTE = 2000


# invitation ----------------------------------------------------------------------------

def invitation_text(request, meeting, person, note=""):
    """Subject and plain-text body of one member's invitation; ``note`` is the
    coordinator's personal word, put right after the greeting."""
    t = request.localizer.translate
    when = format_when(meeting, request.locale_name)
    body = meeting.body
    subject = t(_("Einladung: ${title} am ${when}", mapping={"title": meeting.title, "when": when}))
    lines = [t(_("Guten Tag ${name},", mapping={"name": person.title})), ""]
    if note.strip():
        lines += [normalize_newlines(note).strip(), ""]
    lines += [t(_("Sie sind als Mitglied von „${body}“ herzlich zur Sitzung eingeladen.",
                  mapping={"body": body.name})), "",
              meeting.title, when]
    if meeting.moves:
        lines.append(t(_("Achtung, neuer Termin – ursprünglich geplant: ${old}", mapping={
            "old": Formatter(request).original(meeting)})))
    lines.append("")
    place = ", ".join(p for p in (meeting.place_name, meeting.room) if p)
    for label, value in ((_("Ort", context="venue"), place), (_("Adresse"), meeting.address),
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
    invitees, missing = notices.invitees(request, context)
    error, preview = None, None
    note = normalize_newlines(request.POST.get("note", ""))
    if request.method == "POST" and len(note) > MAX_INVITATION_NOTE:
        error = _("Die persönliche Notiz ist zu lang (höchstens ${n} Zeichen).",
                  mapping={"n": MAX_INVITATION_NOTE})
        request.response.status = 400
    elif request.method == "POST" and "preview" in request.POST:
        if invitees:
            preview = invitation_text(request, context, invitees[0], note)
    elif request.method == "POST":
        try:
            context.mark_invited()
        except WorkflowError as exc:
            error = exc.args[0]
            request.response.status = 400
        else:
            events.modified(request, context)
            attachments = invitation_attachments(request, context)
            for person in invitees:
                subject, text = invitation_text(request, context, person, note)
                mail.send(request, person.email, subject, text, attachments=attachments)
            flash(request, _("Die Einladung ist an ${count} Mitglieder verschickt.",
                             mapping={"count": len(invitees)}))
            return HTTPSeeOther(location=request.resource_url(context))
    elif not context.can_invite():
        error = (_("Zu einer vergangenen Sitzung kann nicht eingeladen werden.")
                 if context.status not in ("cancelled", "held")
                 else _("Zu dieser Sitzung kann nicht mehr eingeladen werden."))
    return {"page_title": _("Einladung verschicken: ${title}", mapping={"title": context.title}),
            "meeting": context, "count": len(invitees), "missing": missing, "error": error,
            "note": note, "preview": preview, "max_note": MAX_INVITATION_NOTE,
            "when": format_when(context, request.locale_name),
            "again": context.status == "invited"}


# attendance ---------------------------------------------------------------------------

@view_config(context=Meeting, name="respond", request_method="POST", permission=ATTEND)
def respond(context, request):
    """A logged-in member confirms or excuses themself."""
    person_id = viewer_person_id(request)
    if not context.may_reply(person_id):
        raise HTTPBadRequest(_("Nur Mitglieder des Gremiums können zu- oder absagen."))
    reply = request.POST.get("reply")
    if reply not in dict(REPLIES):
        raise HTTPBadRequest(_("Bitte wählen Sie „Ich nehme teil“ oder „Ich bin verhindert“."))
    try:
        note = reply_note(request)
    except ValueError:
        raise HTTPBadRequest(_("Die Notiz ist zu lang (höchstens 500 Zeichen).")) from None
    try:
        context.reply(person_id, reply, via="web", note=note)
        freshness.bump(context)   # no event: a reply is not searchable, nor public
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
    if _membership_ended(context, person.__name__):
        # checked on every use: a mailed link outlives the membership it was sent for
        request.response.status = 410
        return render_error(request, 410, _("Link nicht mehr gültig"), _(
            "Dieser Link zur Rückmeldung gilt nicht mehr, weil die Mitgliedschaft im Gremium "
            "beendet ist. Bei Fragen wenden Sie sich bitte an die Koordinierungsstelle."))
    error = None
    record = context.attendance_for(person.__name__)
    note_value = record.note if record is not None else ""
    deputies = deputies_for(request, context, person.__name__)
    if request.method == "POST" and "deputy_id" in request.POST:
        chosen = {p.__name__: p for p in deputies}.get(request.POST.get("deputy_id"))
        if chosen is None or not context.accepts_replies(at):
            error = _("Bitte wählen Sie eine Person aus der Liste Ihrer Stellvertretungen.")
            request.response.status = 400
        else:
            ask_deputy(request, context, person, chosen)
            flash(request, _("${name} erhält den persönlichen Link zur Rückmeldung per E-Mail.",
                             mapping={"name": chosen.title}))
            return HTTPSeeOther(location=request.url)
    elif request.method == "POST":
        reply = request.POST.get("reply")
        if reply not in dict(REPLIES):
            raise HTTPBadRequest(_("Bitte wählen Sie „Ich nehme teil“ oder „Ich bin verhindert“."))
        try:
            note = reply_note(request)
        except ValueError:
            error = _("Die Notiz ist zu lang (höchstens 500 Zeichen).")
            note_value = request.POST.get("note", "")
            request.response.status = 400
        else:
            try:
                context.reply(person.__name__, reply, via="link", at=at, note=note)
            except WorkflowError as exc:
                error = exc.args[0]
                request.response.status = 409
            else:
                freshness.bump(context)
                flash(request, _("Danke, Ihre Rückmeldung ist gespeichert: ${reply}.",
                                 mapping={"reply": request.localizer.translate(dict(REPLIES)[reply])}))
                return HTTPSeeOther(location=request.url)
    return {"page_title": _("Rückmeldung zur Sitzung"), "meeting": context, "person": person,
            "record": context.attendance_for(person.__name__), "replies": dict(REPLIES),
            "note_value": note_value, "reply_form": reply_form(), "deputies": deputies,
            "asked": request.root["people"].get(getattr(record, "deputy_id", None) or ""),
            "can_reply": context.accepts_replies(at), "error": error,
            "when": format_when(context, request.locale_name), "fmt": Formatter(request),
            "public_url": request.resource_url(context) if context.public else None}


def _membership_ended(meeting, person_id):
    """The person was a member of the meeting's body and is no longer one."""
    return person_id not in meeting.member_ids() and any(
        m.person_id == person_id for m in meeting.body.former_memberships())


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
    if request.method == "POST" and "accepted_present" in request.POST:
        try:
            count = context.accepted_present()
        except WorkflowError as exc:
            error = exc.args[0]
            request.response.status = 400
        else:
            events.modified(request, context)   # the quorum and the body's attendance chart
            flash(request, _("${count} Mitglieder mit Zusage als anwesend erfasst.", mapping={"count": count}))
            return HTTPSeeOther(location=request.resource_url(context, "attendance"))
    elif request.method == "POST":
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
            events.modified(request, context)
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
        if value is None and request.method != "POST":
            value = context.suggested_presence(pid)  # from the reply, until recorded
        rows.append(Row(id=pid, name=person.title if person is not None else pid,
                        sort_key=person.sort_key if person is not None else (pid, ""),
                        membership=memberships.get(pid),
                        reply=record.reply if record is not None else None, value=value,
                        note=getattr(record, "note", "") if record is not None else ""))
    rows.sort(key=lambda r: r.sort_key)
    return {"page_title": _("Anwesenheit: ${title}", mapping={"title": context.title}),
            "meeting": context, "rows": rows, "guests": guests_value, "error": error,
            "presence": PRESENCE, "replies": dict(REPLIES),
            "can_record": context.can_record_attendance(),
            "accepted": sum(1 for r in rows if r.reply == "yes"),
            "quorum": quorum_text(context), "when": format_when(context, request.locale_name)}
