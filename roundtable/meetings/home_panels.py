"""The meetings' panels on the home page: a member's next sessions (open replies
marked) and the next public sessions, each with its calendar entry."""
from types import SimpleNamespace as Row

from .display import format_when_short
from .listing_views import _all_meetings
from .resources import REPLIES
from .viewhelpers import may_view, viewer_person_id
from ..timeutil import now

NEXT_SESSIONS = 5
MY_SESSIONS = 5


def _session(request, meeting):
    place = ", ".join(p for p in (meeting.place_name, meeting.room) if p)
    return Row(meeting=meeting, body=meeting.body, place=place,
               when=format_when_short(meeting, request.locale_name),
               ics=request.resource_url(meeting, "event.ics"))


def next_public_sessions(request):
    at = now()
    found = sorted((m for m in _all_meetings(request.root)
                    if m.public and m.status != "cancelled" and m.end > at),
                   key=lambda m: m.start)[:NEXT_SESSIONS]
    return {"sessions": [_session(request, m) for m in found]}


def my_sessions(request):
    """A member's next sessions (of bodies they belong to), replies still open marked;
    None (no panel) for a visitor without a person record."""
    person_id = viewer_person_id(request)
    if not person_id:
        return None
    at = now()
    rows = []
    for body in request.root["bodies"].listing():
        if "member" not in body.local_roles_for(person_id):
            continue
        for meeting in body["meetings"].values():
            if meeting.end > at and meeting.status != "cancelled" and may_view(request, meeting):
                record = meeting.attendance_for(person_id)
                open_reply = meeting.accepts_replies(at) and not (record and record.reply)
                rows.append(Row(session=_session(request, meeting), record=record,
                                open_reply=open_reply))
    rows.sort(key=lambda r: r.session.meeting.start)
    return {"mine": rows[:MY_SESSIONS], "replies": dict(REPLIES)}
