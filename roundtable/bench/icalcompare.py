"""Our site feed view against raw ``icalendar`` on the same events, in process.

The raw side gets the events' data already extracted into plain tuples and
builds the calendar the shortest way icalendar offers (events with aware
times, ``add_missing_timezones``); the view side is ``site_feed`` as a
request calls it, database reads, VTIMEZONE and response included. The ratio
says what our feed costs beyond the serialisation itself. The view is timed
with its cache of finished feeds emptied before each run (a first request
after a change), and once more as a poll of an unchanged feed ("cached_ms").
"""
import timeit

import icalendar
from pyramid.request import Request
from pyramid.scripting import prepare

from ..calendar import cache, ical
from ..calendar.views import public_meetings, site_feed, site_past
from ..timeutil import now, zone

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
        ev.add("location", location)
        ev.add("description", description)
        ev.add("url", url)
        ev.add("status", status)
        cal.add_component(ev)
    cal.add_missing_timezones()
    return cal.to_ical()


def best(function):
    """The fastest of REPEAT runs, in milliseconds (after one warm-up run)."""
    function()
    return min(timeit.repeat(function, number=1, repeat=REPEAT)) * 1000


def compare(app, base_url):
    """``{"events", "view_ms", "raw_ms", "ratio"}`` for the site feed of ``app``."""
    request = Request.blank("/calendar.ics", base_url=base_url)
    env = prepare(registry=app.registry, request=request)
    try:
        portal = env["root"]
        rows = event_rows(portal, env["request"])
        def cold():
            cache.clear()
            return site_feed(portal, env["request"]).body

        view_ms = best(cold)
        cached_ms = best(lambda: site_feed(portal, env["request"]).body)
        raw_ms = best(lambda: raw_feed(rows))
        body = site_feed(portal, env["request"]).body
        events = body.count(b"UID:meeting-")
        # the view also carries the council consultations of our motions,
        # which the raw side does not build: counted, not subtracted
        council = body.count(b"UID:consultation-")
    finally:
        env["closer"]()
    return {"events": events, "council_events": council, "raw_events": len(rows), "view_ms": round(view_ms, 2),
            "cached_ms": round(cached_ms, 2), "raw_ms": round(raw_ms, 2),
            "ratio": round(view_ms / raw_ms, 2)}
