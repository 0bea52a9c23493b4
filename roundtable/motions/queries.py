"""Questions asked of the motions register by pages and by other features.

Interfaces for other features (all take the portal and aware datetimes):

- ``consultations_between(portal, start, end)``: consultations of PUBLIC
  motions whose committee meeting starts in [start, end), as
  ``ConsultationEvent(committee, start, role, role_title, motion, consultation)``
  sorted by start (calendar feeds);
- ``deadlines_between(portal, start, end)``: submission deadlines of
  committee meetings starting in [start, end), as
  ``Deadline(committee, meeting_start, deadline)`` (``deadline`` a local date);
- ``status_changes_between(portal, start, end)``: ``(motion, history entry)``
  for PUBLIC motions whose state changed in [start, end) (entry ``at``), oldest
  first (newsletter). An entry has ``transition``, ``from``, ``to``, ``by``,
  ``at`` (UTC) and ``date`` (the step's own local date).
"""
from collections import namedtuple
from datetime import timedelta

from ..timeutil import now
from .lifecycle import local_date
from .register import parse_reference
from .workflow import (ADOPTED, DECIDED, DONE, DRAFT, IN_CONSULTATION, PUBLIC_STATES, STATES,
                       SUBMITTED)

ConsultationEvent = namedtuple("ConsultationEvent",
                               "committee start role role_title motion consultation")
Deadline = namedtuple("Deadline", "committee meeting_start deadline")

# how close a submission deadline must be to be warned about on the dashboard
DEADLINE_WARNING_DAYS = 7
DEADLINE_HORIZON_DAYS = 60
# a submitted motion without any consultation after this long needs asking
SUBMISSION_FOLLOW_UP_DAYS = 42


def _motions(portal):
    folder = portal.get("motions")
    return list(folder.values()) if folder is not None else []


def _committees(portal):
    folder = portal.get("committees")
    return folder if folder is not None else {}


def public_motions(portal):
    return [m for m in _motions(portal) if m.is_public]


def motions_for_committee(portal, committee_id):
    return [m for m in _motions(portal) if committee_id in m.committee_ids
            or any(c.committee_id == committee_id for c in m.consultations)]


def public_motions_for_committee(portal, committee_id):
    return sort_register([m for m in motions_for_committee(portal, committee_id) if m.is_public])


def sort_register(motions):
    """Newest adoption first; by reference number within a year."""
    def key(m):
        parsed = parse_reference(m.reference) or (0, 0)
        return parsed
    return sorted(motions, key=key, reverse=True)


def motion_year(motion):
    return motion.adopted_on.year if motion.adopted_on else local_date(motion.created).year


def filter_register(portal, status="", committee="", year=None, field=""):
    """Public motions matching the filters (values already validated)."""
    result = []
    for m in public_motions(portal):
        if status and m.state != status:
            continue
        if committee and not (committee in m.committee_ids
                              or any(c.committee_id == committee for c in m.consultations)):
            continue
        if year and motion_year(m) != year:
            continue
        if field and m.field_of_action != field:
            continue
        result.append(m)
    return sort_register(result)


def register_years(portal):
    return sorted({motion_year(m) for m in public_motions(portal)}, reverse=True)


PUBLIC_STATE_CHOICES = tuple((k, t) for k, t in STATES if k in PUBLIC_STATES) + (
    ("withdrawn", dict(STATES)["withdrawn"]),)


# -- interfaces for calendar feeds and the newsletter ---------------------------

def consultations_between(portal, start, end):
    committees = _committees(portal)
    events = []
    for motion in public_motions(portal):
        for c in motion.consultations:
            if start <= c.start < end:
                events.append(ConsultationEvent(committees.get(c.committee_id), c.start, c.role,
                                                c.role_title, motion, c))
    return sorted(events, key=lambda e: (e.start, e.motion.reference or ""))


def deadlines_between(portal, start, end):
    deadlines = []
    for committee in _committees(portal).values():
        for meeting_start, deadline in committee.deadlines_between(start, end):
            deadlines.append(Deadline(committee, meeting_start, deadline))
    return sorted(deadlines, key=lambda d: (d.meeting_start, d.committee.name))


def status_changes_between(portal, start, end):
    changes = []
    for motion in public_motions(portal):
        for entry in motion.history:
            if start <= entry["at"] < end and entry["to"] in PUBLIC_STATES + ("withdrawn",):
                changes.append((motion, entry))
    return sorted(changes, key=lambda pair: pair[1]["at"])


# -- the board's dashboard -----------------------------------------------------------

def dashboard(portal, at=None):
    """What the board should look at: drafts, motions to submit, consultations
    coming up, overdue follow-ups and upcoming committee deadlines."""
    at = at or now()
    today = local_date(at)
    motions = _motions(portal)
    drafts = sorted([m for m in motions if m.state == DRAFT], key=lambda m: m.modified,
                    reverse=True)
    on_agenda = [m for m in motions if m.state == "on_agenda"]
    to_submit = [m for m in motions if m.state == ADOPTED]
    upcoming = []
    overdue = []
    for m in motions:
        for c in m.consultations:
            if c.start >= at and m.state in (SUBMITTED, IN_CONSULTATION):
                upcoming.append((c, m))
            elif c.start < at and not c.result and m.state == IN_CONSULTATION:
                overdue.append((m, "result", c))
        if m.follow_up and m.follow_up < today and m.state != DONE and m.state in (
                ADOPTED, SUBMITTED, IN_CONSULTATION, DECIDED, "implementation"):
            overdue.append((m, "follow_up", None))
        if (m.state == SUBMITTED and m.submitted_on
                and today - m.submitted_on > timedelta(days=SUBMISSION_FOLLOW_UP_DAYS)):
            overdue.append((m, "no_consultation", None))
        if m.state == ADOPTED and m.adopted_on and today - m.adopted_on > timedelta(days=28):
            overdue.append((m, "not_submitted", None))
    deadlines = []
    for d in deadlines_between(portal, at, at + timedelta(days=DEADLINE_HORIZON_DAYS)):
        days_left = (d.deadline - today).days
        level = "past" if days_left < 0 else "close" if days_left <= DEADLINE_WARNING_DAYS else "ok"
        deadlines.append((d, days_left, level))
    upcoming.sort(key=lambda pair: pair[0].start)
    return {"drafts": drafts, "on_agenda": on_agenda, "to_submit": to_submit,
            "upcoming": upcoming, "overdue": overdue, "deadlines": deadlines,
            "decided": [m for m in motions if m.state == DECIDED]}
