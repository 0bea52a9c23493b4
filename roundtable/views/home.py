"""What the home page shows: the round table's current business at a glance.

Site layer: it asks each feature for its part (next public sessions, newly
published minutes, motions in progress, the latest newsletter issue) and for a
signed-in member their own next sessions and the replies still open. Every
list holds only what the visitor may see.
"""
from types import SimpleNamespace as Row

from ..meetings.display import format_when_short
from ..meetings.minutes_listing_views import readable_minutes
from ..meetings.viewhelpers import may_view, viewer_person_id
from ..motions.workflow import ADOPTED, DECIDED, IMPLEMENTATION, IN_CONSULTATION, SUBMITTED
from ..security import VIEW
from ..timeutil import now

NEXT_SESSIONS = 5
NEW_MINUTES = 5
MY_SESSIONS = 5
# motions still on their way: adopted by the round table, not yet done with
IN_PROGRESS = (ADOPTED, SUBMITTED, IN_CONSULTATION, DECIDED, IMPLEMENTATION)


def _meetings(portal):
    for body in portal["bodies"].values():
        meetings = body.get("meetings")
        if meetings is not None:
            yield from meetings.values()


def _session(request, meeting):
    place = ", ".join(p for p in (meeting.place_name, meeting.room) if p)
    return Row(meeting=meeting, body=meeting.body, place=place,
               when=format_when_short(meeting, request.locale_name),
               ics=request.resource_url(meeting, "event.ics"))


def next_public_sessions(request, at, limit=NEXT_SESSIONS):
    found = sorted((m for m in _meetings(request.root)
                    if m.public and m.status != "cancelled" and m.end > at),
                   key=lambda m: m.start)[:limit]
    return [_session(request, m) for m in found]


def new_minutes(request, limit=NEW_MINUTES):
    """The most recently published minutes the visitor may read."""
    found = readable_minutes(request)
    found.sort(key=lambda m: (m.published_at or m.meeting.start).timestamp(), reverse=True)
    return [Row(minutes=m, meeting=m.meeting, body=m.meeting.body,
                when=format_when_short(m.meeting, request.locale_name)) for m in found[:limit]]


def motions_in_progress(request):
    motions = request.root.get("motions")
    found = [m for m in (motions.values() if motions is not None else ())
             if m.state in IN_PROGRESS and request.has_permission(VIEW, m)]
    return sorted(found, key=lambda m: m.modified, reverse=True)


def latest_issue(request):
    newsletter = request.root.get("newsletter")
    issues = newsletter.sent_issues() if newsletter is not None else []
    return next((i for i in issues if request.has_permission(VIEW, i)), None)


def my_sessions(request, at, limit=MY_SESSIONS):
    """A member's next sessions (of bodies they belong to), those awaiting their
    reply first; None for a visitor without a person record."""
    person_id = viewer_person_id(request)
    if not person_id:
        return None
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
    return rows[:limit]


def home_info(request):
    at = now()
    return {
        "mine": my_sessions(request, at),
        "sessions": next_public_sessions(request, at),
        "minutes": new_minutes(request),
        "motions": motions_in_progress(request),
        "issue": latest_issue(request),
    }
