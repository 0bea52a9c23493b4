"""Council committee dates in our feeds.

The round table's motions are treated in the town council's committees, and
its board has the right to speak there, so a consultation of one of our
(public) motions is an event worth having in the calendar beside our own
meetings. The board also needs to see the committees' submission deadlines,
which only its personal feed carries (a deadline is an internal working date,
not a public event).
"""
from datetime import datetime, timedelta, timezone

from ..i18n import _, translate
from ..motions.queries import consultations_between, deadlines_between
from ..timeutil import DEFAULT_TZ, format_date, now, zone
from . import ical, lines
from .lines import escape

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
    """One ``queries.ConsultationEvent`` as a VEVENT (bytes)."""
    motion, consultation = item.motion, item.consultation
    tz = zone(DEFAULT_TZ)
    url = request.resource_url(motion)
    role = translate(item.role_title, request)
    title = f"{motion.reference} {motion.title}" if motion.reference else motion.title
    stamp = lines.moment(_stamp(motion))
    rows = [title, translate(_("Beratung unseres Antrags: ${committee}, ${role}.",
                               mapping={"committee": _committee_name(item.committee),
                                        "role": role}), request)]
    if consultation.result:
        rows.append(translate(_("Ergebnis: ${result}",
                                mapping={"result": translate(consultation.result_title, request)}),
                              request))
    if consultation.document_ref or consultation.document_url:
        rows.append(" ".join(p for p in (consultation.document_ref, consultation.document_url) if p))
    rows += ["", url]
    return lines.component("VEVENT", {
        "UID": ("", escape(f"consultation-{_oid(motion)}-{consultation.id}@{host}")),
        "DTSTAMP": stamp,
        "CREATED": lines.moment(consultation.created),
        "LAST-MODIFIED": stamp,
        "SEQUENCE": ("", str(int(getattr(consultation, "sequence", 0)))),
        "DTSTART": lines.moment(item.start.astimezone(tz)),
        "DTEND": lines.moment((item.start + CONSULTATION_LENGTH).astimezone(tz)),
        # the committee's name as people say it, not its short code
        "SUMMARY": ("", escape(f"{_committee_name(item.committee)}: {motion.title} ({role})")),
        "DESCRIPTION": ("", escape("\n".join(rows))),
        "URL": ("", url),
        "CATEGORIES": ("", escape(translate(_("Ratsausschuss"), request))),
        "STATUS": ("", "CONFIRMED"),
    })


def deadline_event(item, request, host):
    """One ``queries.Deadline`` as an all-day VEVENT (bytes) on the deadline's date."""
    committee = item.committee
    meeting_day = item.meeting_start.astimezone(zone(DEFAULT_TZ)).date()
    stamp = lines.moment(_stamp(committee))
    props = {
        "UID": ("", escape(f"deadline-{_oid(committee)}-{item.meeting_start:%Y%m%dT%H%M}@{host}")),
        "DTSTAMP": stamp,
        "LAST-MODIFIED": stamp,
        "DTSTART": lines.moment(item.deadline),
        "DTEND": lines.moment(item.deadline + timedelta(days=1)),
        "SUMMARY": ("", escape(translate(_("Antragsfrist: ${committee} (Sitzung am ${date})",
                                           mapping={"committee": _committee_name(committee),
                                                    "date": format_date(meeting_day,
                                                                        request.locale_name)}),
                                         request))),
        "DESCRIPTION": ("", escape(translate(_(
            "Letzter Tag, an dem ein Antrag beim Fachbereich eingehen muss, um in dieser Sitzung "
            "beraten zu werden."), request))),
        "TRANSP": ("", "TRANSPARENT"),
        "STATUS": ("", "CONFIRMED"),
    }
    if committee.url:
        props["URL"] = ("", committee.url)
    return lines.component("VEVENT", props)


HORIZON = timedelta(days=3 * 365)


def consultations(request, portal, since, fields=None, built=None):
    """(start, end, VEVENT bytes) of the consultations of our public motions
    from ``since`` on; with ``fields``, only motions in those fields of action;
    and their change times (for Last-Modified). ``built(item)`` may hand over
    an event already built (the feeds' cache of events)."""
    host = ical.host_of(request)
    build = built or (lambda item: consultation_event(item, request, host))
    found, stamps = [], []
    for item in consultations_between(portal, since, now() + HORIZON):
        if fields is not None and item.motion.field_of_action not in fields:
            continue
        found.append((item.start, item.start + CONSULTATION_LENGTH, build(item)))
        stamps.append(_stamp(item.motion))
    return found, stamps


def deadlines(request, portal, since):
    """(None, None, VEVENT bytes) of the committees' submission deadlines of
    meetings from ``since`` on (the board's personal feed), and their change times."""
    host = ical.host_of(request)
    items = deadlines_between(portal, since, now() + HORIZON)
    return ([(None, None, deadline_event(item, request, host)) for item in items],
            [_stamp(item.committee) for item in items])
