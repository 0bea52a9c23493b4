"""The meeting as an ``.ics`` attachment of its invitation mail.

The invitation belongs to meetings, which come before the calendar; so the
calendar hands its event to the invitation through the meetings' registry
(``meetings.attachments``). Members receive all agenda items in the
invitation text, so the attached event lists them all too.
"""
from ..meetings.attachments import register_invitation_attachment
from . import ical
from .views import download_name


def ics_attachment(request, meeting):
    cal = ical.calendar([meeting], request, f"{request.root.title}: {ical.summary(meeting)}",
                        items=lambda m: m.agenda.ordered())
    return download_name(meeting), "text/calendar", cal.decode("utf-8")


def includeme(config):
    """Hand the meetings' invitation mail its event attachment (a registry that
    meetings owns, so meetings never imports the calendar)."""
    register_invitation_attachment(ics_attachment)
