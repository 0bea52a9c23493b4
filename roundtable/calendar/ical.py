"""Meetings as an iCalendar (RFC 5545): the VTIMEZONE and the calendar's own
lines built with the ``icalendar`` package, the events written by ``lines``.

Times go out as local wall-clock times with TZID=Europe/Berlin (the body's
zone) and a matching VTIMEZONE, so a meeting at 10:00 stays at 10:00 in every
client across the DST change. Cancelled meetings stay in with
STATUS:CANCELLED, so subscribed clients remove them; the SEQUENCE is the
meeting's own, bumped on every change of time, place or status.
"""
from datetime import datetime, timedelta, timezone
from urllib.parse import urlsplit

import icalendar

from ..timeutil import DEFAULT_TZ, now, zone
from ..words import mentions
from . import lines
from .lines import escape

PRODID = "-//Runder Tisch//roundtable//DE"
TTL = timedelta(hours=1)
TTL_TEXT = icalendar.vDuration(TTL).to_ical()


def transitions(tz, first, last):
    """(UTC instant, offset before, offset after) of each change of ``tz`` in [first, last)."""
    def offset_at(instant):  # tz.utcoffset(dt) would read dt as a wall-clock time
        return instant.astimezone(tz).utcoffset()

    found = []
    step = timedelta(days=1)
    at, offset = first, offset_at(first)
    while at < last:
        following = at + step
        new = offset_at(following)
        if new != offset:
            lo, hi = at, following
            while hi - lo > timedelta(minutes=1):
                mid = lo + (hi - lo) / 2
                if offset_at(mid) == offset:
                    lo = mid
                else:
                    hi = mid
            found.append((hi.replace(second=0, microsecond=0), offset, new))
            offset = new
        at = following
    return found


def _yearly_rule(local):
    """(month, BYDAY, wall-clock time) of a change at the local datetime
    ``local``: "-1SU" for the last Sunday of its month, "2SU" for the second."""
    day = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")[local.weekday()]
    last = (local + timedelta(days=7)).month != local.month
    return local.month, f"-1{day}" if last else f"{(local.day - 1) // 7 + 1}{day}", local.time()


def _rules(changes):
    """One yearly rule per kind of change ((offset before, after) → (rule,
    first change)), or None when a kind of change does not repeat by one rule
    (the zone's law changed within the years asked for)."""
    rules = {}
    for at, before, after in changes:
        rule = _yearly_rule((at + before).replace(tzinfo=None))
        known = rules.setdefault((before, after), (rule, at))
        if known[0] != rule:
            return None
    return rules


def vtimezone(tzname, first, last):
    """A VTIMEZONE for ``tzname`` valid from ``first`` to ``last`` (aware datetimes).

    In the form Outlook and Google Calendar write themselves: one STANDARD and
    one DAYLIGHT observance, each with an RRULE (Berlin's
    ``FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU`` and ``...BYMONTH=10;BYDAY=-1SU``) and
    its DTSTART on the first change a year before ``first``, so every time of
    the feed follows one of them. Should the zone's rules have changed within
    the years asked for, each change gets an observance of its own instead
    (no RDATE lists: ical.js drops the DTSTART of an observance that has
    them, and puts the summer months of the first year into winter time).
    """
    tz = zone(tzname)
    first = first.astimezone(timezone.utc)
    last = last.astimezone(timezone.utc)
    vtz = icalendar.Timezone()
    vtz.add("tzid", tzname)

    def observance(at, before, after, rule=None):
        local = at.astimezone(tz)
        part = icalendar.TimezoneDaylight() if local.dst() else icalendar.TimezoneStandard()
        part.add("dtstart", (at + before).replace(tzinfo=None))
        if rule is not None:
            month, byday, _time = rule
            part.add("rrule", {"freq": "yearly", "bymonth": month, "byday": byday})
        part.add("tzname", local.tzname())
        part.add("tzoffsetfrom", before)
        part.add("tzoffsetto", after)
        vtz.add_component(part)

    changes = transitions(tz, datetime(first.year - 1, 1, 1, tzinfo=timezone.utc),
                          datetime(last.year + 2, 1, 1, tzinfo=timezone.utc))
    rules = _rules(changes)
    if changes and rules:
        for (before, after), (rule, at) in sorted(rules.items(), key=lambda r: r[1][1]):
            observance(at, before, after, rule)
        return vtz
    start = first.replace(hour=0, minute=0, second=0, microsecond=0)
    offset = start.astimezone(tz).utcoffset()
    observance(start, offset, offset)
    for at, before, after in transitions(tz, start, last):
        observance(at, before, after)
    return vtz


def host_of(request):
    """The host part of the UIDs: ``roundtable.base_url`` if set, else the request's."""
    base = request.registry.settings.get("roundtable.base_url")
    host = urlsplit(base).hostname if base else None
    return host or urlsplit("//" + request.host).hostname or "localhost"


def uid(meeting, host):
    oid = meeting._p_oid
    key = oid.hex() if oid is not None else str(id(meeting))
    return f"meeting-{key}@{host}"


def summary(meeting):
    """The meeting as people name it: its title where that names the body
    ("Sitzung der AG Wohnen", "Vorstandssitzung"), else the title and the
    body's name ("Frühjahrssitzung (AG Sprache und Bildung)"); never a code
    such as "AG W: "."""
    name = getattr(meeting.body, "name", "")
    if not name or mentions(meeting.title, name) or mentions(
            meeting.title, getattr(meeting.body, "short_name", "") or name):
        return meeting.title
    return f"{meeting.title} ({name})"


def location(meeting):
    parts = [meeting.place_name, meeting.address, meeting.room]
    return ", ".join(p.strip() for p in parts if p and p.strip())


def description(meeting, url, items=None, note=None):
    """The agenda as "TOP n Title" lines and the meeting's URL; public items only
    unless the caller passes the ``items`` a viewer may see. ``note`` (e.g. the
    subscriber's own reply) goes first, where previews show it."""
    if items is None:
        items = meeting.agenda.ordered(public_only=True)
    rows = [note, ""] if note else []
    rows += [f"{item.label} {item.title}" for item in items]
    if rows:
        rows.append("")
    rows.append(url)
    return "\n".join(rows)


def event(meeting, request, host=None, items=None, note=None):
    """The meeting as a VEVENT (bytes, see ``lines``)."""
    host = host or host_of(request)
    url = request.resource_url(meeting)
    tz = zone(meeting.tzname)
    # the last revision (not the time of the request), so an unchanged feed
    # keeps its bytes and its ETag
    stamp = lines.moment(meeting.modified)
    props = {
        "UID": ("", escape(uid(meeting, host))),
        "DTSTAMP": stamp,
        "CREATED": lines.moment(meeting.created),
        "LAST-MODIFIED": stamp,
        "SEQUENCE": ("", str(int(meeting.sequence))),
        "DTSTART": lines.moment(meeting.start.astimezone(tz)),
        "DTEND": lines.moment(meeting.end.astimezone(tz)),
        "SUMMARY": ("", escape(summary(meeting))),
        "DESCRIPTION": ("", escape(description(meeting, url, items, note))),
        "URL": ("", url),
        "STATUS": ("", "CANCELLED" if meeting.status == "cancelled" else "CONFIRMED"),
    }
    where = location(meeting)
    if where:
        props["LOCATION"] = ("", escape(where))
    return lines.component("VEVENT", props)


def header(name):
    """The calendar's own lines (BEGIN:VCALENDAR to X-WR-TIMEZONE) as bytes, in
    the order and form icalendar gives them."""
    return lines.CRLF.join([
        b"BEGIN:VCALENDAR", b"VERSION:2.0", b"PRODID:" + PRODID.encode(),
        b"CALSCALE:GREGORIAN", b"METHOD:PUBLISH", lines.fold("X-WR-CALNAME:" + escape(name)),
        b"REFRESH-INTERVAL;VALUE=DURATION:" + TTL_TEXT, b"X-PUBLISHED-TTL:" + TTL_TEXT,
        b"X-WR-TIMEZONE:" + DEFAULT_TZ.encode()]) + lines.CRLF


END = b"END:VCALENDAR\r\n"


def zones_of(meetings, extras):
    """{zone name: (first, last)} of the times in a feed (Berlin always: X-WR-TIMEZONE names it)."""
    spans = [(m.tzname, m.start, m.end) for m in meetings]
    spans += [(DEFAULT_TZ, start, end) for start, end, _event in extras if start is not None]
    zones = {}
    for tzname, start, end in spans:
        lo, hi = zones.get(tzname, (start, end))
        zones[tzname] = (min(lo, start), max(hi, end))
    zones.setdefault(DEFAULT_TZ, (now(), now()))
    return zones


def calendar(meetings, request, name, items=None, notes=None, extras=(), built=None,
             timezone_bytes=None):
    """The iCalendar (bytes) of ``meetings`` named ``name`` (X-WR-CALNAME);
    ``items(meeting)`` gives the agenda items to list (default: the public ones),
    ``notes(meeting)`` a line to put first in the description. ``extras`` are
    further ``(start, end, event bytes)`` such as council committee dates
    (aware datetimes, or None for all-day events). ``built(meeting)`` may hand
    over an event already built (the feeds' cache of events), and
    ``timezone_bytes(name, first, last)`` a VTIMEZONE already written."""
    host = host_of(request)
    meetings = sorted(meetings, key=lambda m: m.start)
    timezone_bytes = timezone_bytes or vtimezone_bytes
    parts = [header(name)]
    for name_, (lo, hi) in sorted(zones_of(meetings, extras).items()):
        parts.append(timezone_bytes(name_, lo - timedelta(days=31), hi + timedelta(days=31)))
    if built is not None:
        parts += [built(m) for m in meetings]
    else:
        parts += [event(m, request, host, items(m) if items else None,
                        notes(m) if notes else None) for m in meetings]
    parts += [extra for _start, _end, extra in extras]
    parts.append(END)
    return b"".join(parts)


def vtimezone_bytes(tzname, first, last):
    return vtimezone(tzname, first, last).to_ical()
