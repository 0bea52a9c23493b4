"""Our site feed view against raw ``icalendar`` on the same events, in process.

The raw side gets the events' data already extracted into plain tuples and
builds the calendar the shortest way icalendar offers (events with aware
times, ``add_missing_timezones``): the feed's meetings and, since the feed
carries them too, the council consultations of our motions. The view side is
``site_feed`` as a request calls it, database reads, VTIMEZONE and response
included, without the anonymous page cache in front of it. Figures (best of
``REPEAT``, milliseconds):

- ``view_ms``: a cold rebuild, the caches of finished feeds, of events and of
  time zones emptied before each run (``ratio`` = view_ms / raw_ms; and
  against raw meetings alone, without the consultations: ``raw_meetings_ms``,
  ``ratio_to_raw_meetings``);
- ``warm_ms``: a rebuild after one meeting changed (its title, announced by
  its event in a transaction that is rolled back afterwards): the events of
  that meeting's body are written anew, all others come from the cache
  (``warm_ratio``);
- ``poll_304_ms`` and ``poll_hit_ms``: a poll through the whole application
  (tweens, transaction, database connection) with a matching ``If-None-Match``
  (304), and without one, served from the anonymous page cache.
"""
import timeit

import icalendar
from pyramid.request import Request
from pyramid.scripting import prepare

from .. import events as lifecycle
from ..calendar import cache, ical
from ..calendar.council import CONSULTATION_LENGTH, HORIZON
from ..calendar.views import public_meetings, site_feed, site_past
from ..motions.queries import consultations_between
from ..timeutil import DEFAULT_TZ, now, zone

REPEAT = 5


def event_rows(portal, request):
    """The feed's meetings as plain data (the raw side's input)."""
    since = now() - site_past(request.registry.settings)
    host = ical.host_of(request)
    rows = []
    for m in public_meetings(portal["bodies"].values()):
        if m.end < since:
            continue
        tz = zone(m.tzname)
        url = request.resource_url(m)
        rows.append((ical.uid(m, host), m.created, m.modified, m.start.astimezone(tz),
                     m.end.astimezone(tz),
                     ical.summary(m), ical.location(m), ical.description(m, url), url,
                     "CANCELLED" if m.status == "cancelled" else "CONFIRMED", m.sequence))
    return sorted(rows, key=lambda r: r[3])


def council_rows(portal, request):
    """The feed's council consultations as plain data, in the same tuples."""
    since = now() - site_past(request.registry.settings)
    host = ical.host_of(request)
    tz = zone(DEFAULT_TZ)
    rows = []
    for item in consultations_between(portal, since, now() + HORIZON):
        motion = item.motion
        url = request.resource_url(motion)
        title = f"{item.committee.name if item.committee else '?'}: {motion.title}"
        rows.append((f"consultation-{motion._p_oid.hex()}-{item.consultation.id}@{host}",
                     item.consultation.created, motion.modified, item.start.astimezone(tz),
                     (item.start + CONSULTATION_LENGTH).astimezone(tz), title, "",
                     f"{motion.reference} {motion.title}\n\n{url}", url, "CONFIRMED",
                     item.consultation.sequence))
    return rows


def raw_feed(rows):
    cal = icalendar.Calendar()
    cal.add("version", "2.0")
    cal.add("prodid", ical.PRODID)
    for uid, created, stamp, start, end, summary, location, description, url, status, seq in rows:
        ev = icalendar.Event()
        ev.add("uid", uid)
        ev.add("dtstamp", stamp)
        ev.add("created", created)
        ev.add("last-modified", stamp)
        ev.add("sequence", seq)
        ev.add("dtstart", start)
        ev.add("dtend", end)
        ev.add("summary", summary)
        if location:
            ev.add("location", location)
        ev.add("description", description)
        ev.add("url", url)
        ev.add("status", status)
        cal.add_component(ev)
    cal.add_missing_timezones()
    return cal.to_ical()


def best(function, setup=None):
    """The fastest of REPEAT runs, in milliseconds (after one warm-up run);
    ``setup()`` runs before each, untimed."""
    times = []
    for _ in range(REPEAT + 1):
        if setup is not None:
            setup()
        start = timeit.default_timer()
        function()
        times.append(timeit.default_timer() - start)
    return min(times[1:]) * 1000


def _warm_rebuild(app, base_url):
    """ms of a rebuild after one meeting changed: its title, announced by its
    event in a transaction rolled back afterwards. Before each timed run the
    event is announced again (a new change of that body), so each run writes
    that body's events anew and takes the other bodies' from the cache."""
    request = Request.blank("/calendar.ics", base_url=base_url)
    env = prepare(registry=app.registry, request=request)
    portal, request = env["root"], env["request"]
    request.tm.begin()
    try:
        site_feed(portal, request)   # the events as they were before the change
        meeting = next(m for m in public_meetings(portal["bodies"].values()))
        meeting.title = meeting.title + " (geändert)"
        announce = lambda: lifecycle.modified(request, meeting)   # noqa: E731
        announce()
        assert b"(ge\xc3\xa4ndert)" in site_feed(portal, request).body
        return best(lambda: site_feed(portal, request).body, setup=announce)
    finally:
        request.tm.abort()
        env["closer"]()


def _poll(app, base_url, tag=None):
    request = Request.blank("/calendar.ics", base_url=base_url)
    if tag:
        request.headers["If-None-Match"] = tag
    return request.get_response(app)


def compare(app, base_url):
    """``{"events", "view_ms", "raw_ms", "ratio", ...}`` for the site feed of ``app``
    (the module's docstring names every figure)."""
    request = Request.blank("/calendar.ics", base_url=base_url)
    env = prepare(registry=app.registry, request=request)
    try:
        portal = env["root"]
        rows = event_rows(portal, env["request"])
        council = council_rows(portal, env["request"])

        def cold():
            cache.clear()
            return site_feed(portal, env["request"]).body

        view_ms = best(cold)
        raw_ms = best(lambda: raw_feed(rows + council))
        raw_meetings_ms = best(lambda: raw_feed(rows))
        body = site_feed(portal, env["request"]).body
        events = body.count(b"UID:meeting-")
        council_events = body.count(b"UID:consultation-")
    finally:
        env["closer"]()
    warm_ms = _warm_rebuild(app, base_url)
    first = _poll(app, base_url)
    assert first.status_int == 200 and first.etag, first.status
    poll_304_ms = best(lambda: _poll(app, base_url, first.headers["ETag"]))
    poll_hit_ms = best(lambda: _poll(app, base_url).body)
    return {"events": events, "council_events": council_events, "raw_events": len(rows),
            "raw_council_events": len(council), "view_ms": round(view_ms, 2),
            "warm_ms": round(warm_ms, 2), "raw_ms": round(raw_ms, 2),
            "poll_304_ms": round(poll_304_ms, 3), "poll_hit_ms": round(poll_hit_ms, 3),
            "cached_ms": round(poll_hit_ms, 3),
            "raw_meetings_ms": round(raw_meetings_ms, 2),
            "ratio_to_raw_meetings": round(view_ms / raw_meetings_ms, 2),
            "ratio": round(view_ms / raw_ms, 2), "warm_ratio": round(warm_ms / raw_ms, 2)}
