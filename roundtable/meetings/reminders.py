"""Reminders: N days before an invited meeting, a mail to those who have not replied.

The number of days is a setting of the body (``Body.reminder_days``, 0 = no
reminder). Each meeting is reminded once: ``Meeting.reminded_at`` is set in
the same transaction that queues the mails, so a second run (or a run that
is retried after a conflict) sends nothing twice. The application runs it as
a periodic job (``meetings.reminders_every_minutes``, see roundtable.schedule),
so reminders go out with the default FileStorage too; the console command
``roundtable-reminders INI`` does the same from cron (ZEO, RelStorage). ``at``
is injectable so tests move the clock instead of waiting.
"""
from datetime import timedelta

from .. import mail
from ..i18n import _
from ..schedule import in_request
from ..timeutil import now
from .display import format_when
from .notices import invitees, reply_request_text


def due_meetings(root, at=None):
    """Invited meetings (also moved ones) whose body's reminder day has come and
    that were not reminded (for their current date)."""
    at = at or now()
    due = []
    for body in root["bodies"].values():
        days = getattr(body, "reminder_days", 0) or 0
        if days <= 0 or not body.active or "meetings" not in body:
            continue
        for meeting in body["meetings"].values():
            if (meeting.status in ("invited", "moved") and meeting.invited_at is not None
                    and getattr(meeting, "reminded_at", None) is None
                    and meeting.start - timedelta(days=days) <= at < meeting.start):
                due.append(meeting)
    return sorted(due, key=lambda m: m.start)


def not_replied(request, meeting):
    """Invited persons (with an address) who have given no reply yet."""
    persons = invitees(request, meeting)[0]
    return [p for p in persons
            if getattr(meeting.attendance_for(p.__name__), "reply", None) is None]


def reminder_text(request, meeting, person):
    t = request.localizer.translate
    when = format_when(meeting, request.locale_name)
    mapping = {"title": meeting.title, "when": when, "body": meeting.body.name}
    subject = t(_("Erinnerung: ${title} am ${when}", mapping=mapping))
    return subject, reply_request_text(request, meeting, person, t(_(
        "zur Sitzung „${title}“ von „${body}“ am ${when} haben wir noch keine Rückmeldung "
        "von Ihnen.", mapping=mapping)))


def send_reminders(request, at=None):
    """Queue the due reminders in the request's transaction; returns
    ``(meetings reminded, mails queued)``."""
    at = at or now()
    meetings = mails = 0
    for meeting in due_meetings(request.root, at):
        for person in not_replied(request, meeting):
            subject, text = reminder_text(request, meeting, person)
            mail.send(request, person.email, subject, text)
            mails += 1
        meeting.reminded_at = at
        meetings += 1
    return meetings, mails


def run_reminders(registry, at=None):
    """``send_reminders`` outside a request (the periodic job and the console
    script); returns ``(meetings reminded, mails queued)``."""
    return in_request(registry, lambda request: send_reminders(request, at))
