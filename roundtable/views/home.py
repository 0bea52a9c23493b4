"""What the home page shows: the round table's current business at a glance.

Site layer: it asks each feature for its part (next public sessions, newly
published minutes, motions in progress, the latest newsletter issue) and for a
signed-in member their own next sessions and the replies still open. Every
list holds only what the visitor may see.
"""
from types import SimpleNamespace as Row

from ..charts import Chart
from ..i18n import _
from ..meetings.display import format_when_short
from ..meetings.listing_views import _all_meetings
from ..meetings.minutes_listing_views import readable_minutes
from ..meetings.viewhelpers import may_view, viewer_person_id
from ..motions.queries import public_motions
from ..motions.workflow import ADOPTED, DECIDED, IMPLEMENTATION, IN_CONSULTATION, SUBMITTED
from ..security import VIEW
from ..timeutil import DEFAULT_TZ, now, to_local

NEXT_SESSIONS = 5
NEW_MINUTES = 5
MY_SESSIONS = 5
# motions still on their way: adopted by the round table, not yet done with
IN_PROGRESS = (ADOPTED, SUBMITTED, IN_CONSULTATION, DECIDED, IMPLEMENTATION)


def _session(request, meeting):
    place = ", ".join(p for p in (meeting.place_name, meeting.room) if p)
    return Row(meeting=meeting, body=meeting.body, place=place,
               when=format_when_short(meeting, request.locale_name),
               ics=request.resource_url(meeting, "event.ics"))


def next_public_sessions(request, at, limit=NEXT_SESSIONS):
    found = sorted((m for m in _all_meetings(request.root)
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


def year_in_numbers(request, at):
    """This calendar year's figures: sessions held (per body, as a chart), motions
    adopted and decided, and how many people the newsletter reaches."""
    year = to_local(at, DEFAULT_TZ).year
    t = request.localizer.translate
    per_body = []
    for body in request.root["bodies"].listing():
        meetings = body.get("meetings")
        held = [m for m in (meetings.values() if meetings is not None else ())
                if m.status == "held" and m.local_start.year == year and may_view(request, m)]
        if held:
            per_body.append((body.name, (len(held),), body.short_name or body.name))
    motions = public_motions(request.root)
    adopted = sum(1 for m in motions if m.adopted_on and m.adopted_on.year == year)
    decided_on = [m.step_date(DECIDED) for m in motions]
    decided = sum(1 for day in decided_on if day is not None and day.year == year)
    newsletter = request.root.get("newsletter")
    reach = (sum(1 for s in newsletter.subscribers.values() if s.lists)
             if newsletter is not None else 0)
    held_total = sum(v[0] for _n, v, _s in per_body)
    chart = Chart("chart-year", t(_("Sitzungen ${year} je Gremium", mapping={"year": year})),
                  t(_("${count} Sitzungen durchgeführt, davon je Gremium wie im Bild.",
                      mapping={"count": held_total})),
                  [t(_("Sitzungen"))], per_body, label_title=t(_("Gremium"))) if per_body else None
    figures = [(held_total, t(_("Sitzungen durchgeführt"))),
               (adopted, t(_("Anträge beschlossen"))),
               (decided, t(_("Anträge im Rat entschieden"))),
               (reach, t(_("Abonnements des Newsletters")))]
    return Row(year=year, figures=figures, chart=chart)


def home_info(request):
    at = now()
    return {
        "year": year_in_numbers(request, at),
        "mine": my_sessions(request, at),
        "sessions": next_public_sessions(request, at),
        "minutes": new_minutes(request),
        "motions": motions_in_progress(request),
        "issue": latest_issue(request),
    }
