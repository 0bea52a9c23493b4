"""Council committee dates in our feeds.

The round table's motions are treated in the town council's committees, and
its board has the right to speak there, so a consultation of one of our
(public) motions is an event worth having in the calendar beside our own
meetings. The board also needs to see the committees' submission deadlines,
which only its personal feed carries (a deadline is an internal working date,
not a public event).
"""
from datetime import datetime, timedelta, timezone

import icalendar

from ..i18n import _, translate
from ..motions.queries import consultations_between, deadlines_between
from ..timeutil import DEFAULT_TZ, format_date, now, zone
from . import ical

# Committees publish a start time but no end; two hours is what a calendar
# shows as a block without claiming to know better.
CONSULTATION_LENGTH = timedelta(hours=2)


def _stamp(obj):
    """When ``obj`` was last stored: a stable DTSTAMP/LAST-MODIFIED, so an
    unchanged feed keeps its bytes (and ETag)."""
    mtime = getattr(obj, "_p_mtime", None)
    if mtime is None:
        return datetime(2000, 1, 1, tzinfo=timezone.utc)
    return datetime.fromtimestamp(mtime, timezone.utc).replace(microsecond=0)


def _committee_name(committee):
    return committee.name if committee is not None else "?"


def _oid(obj):
    return obj._p_oid.hex() if getattr(obj, "_p_oid", None) is not None else str(id(obj))


def consultation_event(item, request, host):
    """One ``queries.ConsultationEvent`` as a VEVENT."""
    motion, consultation = item.motion, item.consultation
    tz = zone(DEFAULT_TZ)
    url = request.resource_url(motion)
    role = translate(item.role_title, request)
    title = f"{motion.reference} {motion.title}" if motion.reference else motion.title
    ev = icalendar.Event()
    ev.add("uid", f"consultation-{_oid(motion)}-{consultation.id}@{host}")
    stamp = _stamp(motion)
    ev.add("dtstamp", stamp)
    ev.add("created", consultation.created)
    ev.add("last-modified", stamp)
    ev.add("sequence", getattr(consultation, "sequence", 0))
    ev.add("dtstart", item.start.astimezone(tz))
    ev.add("dtend", (item.start + CONSULTATION_LENGTH).astimezone(tz))
    # the committee's name as people say it, not its short code
    ev.add("summary", ical.Text(
        f"{_committee_name(item.committee)}: {motion.title} ({role})"))
    lines = [title, translate(_("Beratung unseres Antrags: ${committee}, ${role}.",
                                mapping={"committee": _committee_name(item.committee),
                                         "role": role}), request)]
    if consultation.result:
        lines.append(translate(_("Ergebnis: ${result}",
                                 mapping={"result": translate(consultation.result_title, request)}),
                               request))
    if consultation.document_ref or consultation.document_url:
        lines.append(" ".join(p for p in (consultation.document_ref, consultation.document_url) if p))
    lines += ["", url]
    ev.add("description", ical.Text("\n".join(lines)))
    ev.add("url", url)
    ev.add("categories", [translate(_("Ratsausschuss"), request)])
    ev.add("status", "CONFIRMED")
    return ev


def deadline_event(item, request, host):
    """One ``queries.Deadline`` as an all-day VEVENT on the deadline's date."""
    committee = item.committee
    meeting_day = item.meeting_start.astimezone(zone(DEFAULT_TZ)).date()
    ev = icalendar.Event()
    ev.add("uid", f"deadline-{_oid(committee)}-{item.meeting_start:%Y%m%dT%H%M}@{host}")
    stamp = _stamp(committee)
    ev.add("dtstamp", stamp)
    ev.add("last-modified", stamp)
    ev.add("dtstart", item.deadline)
    ev.add("dtend", item.deadline + timedelta(days=1))
    ev.add("summary", ical.Text(translate(_("Antragsfrist: ${committee} (Sitzung am ${date})",
                                  mapping={"committee": _committee_name(committee),
                                           "date": format_date(meeting_day,
                                                               request.locale_name)}), request)))
    ev.add("description", ical.Text(translate(_(
        "Letzter Tag, an dem ein Antrag beim Fachbereich eingehen muss, um in dieser Sitzung "
        "beraten zu werden."), request)))
    if committee.url:
        ev.add("url", committee.url)
    ev.add("transp", "TRANSPARENT")
    ev.add("status", "CONFIRMED")
    return ev


HORIZON = timedelta(days=3 * 365)


def consultations(request, portal, since, fields=None):
    """(start, end, VEVENT) of the consultations of our public motions from
    ``since`` on; with ``fields``, only motions in those fields of action.
    Also the stored objects they are read from (for the feed cache)."""
    host = ical.host_of(request)
    found, objects = [], []
    for item in consultations_between(portal, since, now() + HORIZON):
        if fields is not None and item.motion.field_of_action not in fields:
            continue
        found.append((item.start, item.start + CONSULTATION_LENGTH,
                      consultation_event(item, request, host)))
        objects += [item.motion, item.motion.consultations, item.consultation, item.committee]
    return found, objects


def deadlines(request, portal, since):
    """(None, None, VEVENT) of the committees' submission deadlines of
    meetings from ``since`` on (the board's personal feed)."""
    host = ical.host_of(request)
    return [(None, None, deadline_event(item, request, host))
            for item in deadlines_between(portal, since, now() + HORIZON)]


def stamps(extras):
    """The LAST-MODIFIED of extra events, for the feed's Last-Modified header."""
    return [event.decoded("last-modified") for _start, _end, event in extras
            if "LAST-MODIFIED" in event]
