"""Mail to the invited members when their meeting is cancelled or changed.

Members plan their week around an invitation; a cancellation or a new time
or place that only shows on the website (or in a subscribed calendar) is
missed by those who relied on the mail. Once a meeting has been invited,
its cancellation and every change of time or place is mailed to the same
members, in the same transaction as the change, so nothing is sent for a
refused one.
"""
from .. import mail
from ..i18n import _
from ..text import normalize_newlines
from .display import Formatter, format_when
from .tokens import reply_link


def invitees(request, meeting):
    """(persons with an e-mail address, number of members without one): those
    an invitation or a notice reaches, and how many it misses."""
    people = request.root["people"]
    found, missing = [], 0
    for person_id in meeting.member_ids():
        person = people.get(person_id)
        if person is not None and person.active and (person.email or "").strip():
            found.append(person)
        else:
            missing += 1
    return found, missing


def notice_text(request, meeting, person, kind, reason=""):
    """Subject and plain-text body of a ``cancelled``, ``changed`` or ``reinstated``
    notice; ``reason`` is what the coordinator gave for it (plain text)."""
    t = request.localizer.translate
    when = format_when(meeting, request.locale_name)
    mapping = {"title": meeting.title, "when": when, "body": meeting.body.name}
    lines = [t(_("Guten Tag ${name},", mapping={"name": person.title})), ""]
    if kind == "cancelled":
        subject = t(_("Abgesagt: ${title} am ${when}", mapping=mapping))
        lines.append(t(_("die Sitzung „${title}“ von „${body}“ am ${when} ist abgesagt.",
                         mapping=mapping)))
    elif kind == "reinstated":
        subject = t(_("Findet doch statt: ${title} am ${when}", mapping=mapping))
        lines.append(t(_("die Sitzung „${title}“ von „${body}“ am ${when} findet doch statt; "
                         "die Absage ist aufgehoben.", mapping=mapping)))
        lines += ["", t(_("Bitte geben Sie Ihre Zu- oder Absage über Ihren persönlichen Link:")),
                  reply_link(request, meeting, person.__name__)]
    else:
        subject = t(_("Geändert: ${title} am ${when}", mapping=mapping))
        lines.append(t(_("für die Sitzung „${title}“ von „${body}“ gelten neue Angaben:",
                         mapping=mapping)))
        lines += ["", when]
        if meeting.moves:
            lines.append(t(_("Ursprünglich geplant: ${old}",
                             mapping={"old": Formatter(request).original(meeting)})))
        place = ", ".join(p for p in (meeting.place_name, meeting.room, meeting.address) if p)
        if place:
            lines.append(f"{t(_('Ort', context='venue'))}: {place}")
        if meeting.online_url:
            lines.append(f"{t(_('Online-Teilnahme'))}: {meeting.online_url}")
        lines += ["", t(_("Bitte prüfen Sie Ihre Zu- oder Absage über Ihren persönlichen Link:")),
                  reply_link(request, meeting, person.__name__)]
    if reason:
        lines += ["", t(_("Begründung:")), normalize_newlines(reason).strip()]
    lines += ["", t(_("Die Sitzung im Portal: ${url}", mapping={"url": request.resource_url(meeting)})),
              "", t(_("Mit freundlichen Grüßen")), request.root.title, ""]
    return subject, "\n".join(lines)


def reply_request_text(request, meeting, person, paragraph):
    """A mail asking ``person`` to reply: greeting, ``paragraph`` (translated),
    their personal reply link, the meeting in the portal and the closing.
    Reminders and the deputy's mail share it."""
    t = request.localizer.translate
    return "\n".join([
        t(_("Guten Tag ${name},", mapping={"name": person.title})), "", paragraph, "",
        t(_("Bitte sagen Sie über Ihren persönlichen Link zu oder ab:")),
        reply_link(request, meeting, person.__name__), "",
        t(_("Die Sitzung im Portal: ${url}", mapping={"url": request.resource_url(meeting)})),
        "", t(_("Mit freundlichen Grüßen")), request.root.title, ""])


def notify_invitees(request, meeting, kind, reason=""):
    """Mail the notice to every member with an address, if the meeting was
    invited; returns how many were queued (0 when it never was)."""
    if meeting.invited_at is None:
        return 0
    persons = invitees(request, meeting)[0]
    for person in persons:
        subject, text = notice_text(request, meeting, person, kind, reason)
        mail.send(request, person.email, subject, text)
    return len(persons)
