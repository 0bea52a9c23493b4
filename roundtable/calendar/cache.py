"""Events of the public feeds, built once and reused by every feed that shows them.

The finished feeds are kept by the ``freshness=`` view option (ETag from the
change counters, 304, the anonymous page cache); what is left to make fast is
a rebuild after a change. The site feed, each body's feed and every filtered
feed show the same public events, so each event is written once (bytes) and
kept here under a key that names everything its bytes depend on:

- a meeting: the database and the meeting's oid, the change counter of its body (``body:<name>``: the
  meeting, its agenda, the body's name, anything else in the body), the
  application URL (links and the host in the UID) and the language;
- a consultation: the motion's oid and the consultation's id, the counters of
  ``motions`` and ``committees`` (the committee's name), URL and language.

A change bumps the counter, so the next build writes the events of that body
anew and the old ones age out of the LRU; nothing needs telling. The
VTIMEZONE is kept the same way, by zone and span.
"""
from pyramid_zodbconn import get_connection

from .. import freshness
from ..freshness import PageCache, body_section
from . import council, ical

EVENTS = PageCache(entries=16384, megabytes=32)
ZONES = PageCache(entries=64, megabytes=1)
CONSULTATION_COUNTERS = ("motions", "committees")


def clear():
    """Forget every kept event and time zone (a benchmark's cold start, tests)."""
    EVENTS.clear()
    ZONES.clear()


def _kept(store, key, build):
    entry = store.get(key)
    if entry is None:
        entry = (build(),)
        store.put(key, entry)
    return entry[0]


def timezone_bytes(tzname, first, last):
    return _kept(ZONES, (tzname, first, last), lambda: ical.vtimezone_bytes(tzname, first, last))


def _where(request):
    """The part of every key that is the same for all events of a request:
    the database (the cache is per process, and a process may open several,
    e.g. the tests), the application URL and the language."""
    db = get_connection(request).db()
    return (db.storage.getName(), id(db), request.application_url, request.locale_name)


def _written(meeting, request, host):
    """A meeting's event; its agenda, read for the description, is let go at
    once: a rebuild of the site feed reads every agenda of the archive."""
    written = ical.event(meeting, request, host)
    meeting.agenda.release()
    return written


def meeting_events(request):
    """``built(meeting)`` for ``ical.calendar``: the public event of a meeting,
    from the cache when its body has not changed since it was written."""
    host = ical.host_of(request)
    where = _where(request)
    stamps = {}

    def built(meeting):
        body = meeting.body
        name = body.__name__
        if name not in stamps:
            stamps[name] = freshness.stamp(request, (body_section(body),))
        key = ("meeting", meeting._p_oid, stamps[name]) + where
        return _kept(EVENTS, key, lambda: _written(meeting, request, host))

    return built


def consultation_events(request):
    """``built(item)`` for ``council.consultations``, cached like the meetings."""
    host = ical.host_of(request)
    where = _where(request) + (freshness.stamp(request, CONSULTATION_COUNTERS),)

    def built(item):
        key = ("consultation", item.motion._p_oid, item.consultation.id) + where
        return _kept(EVENTS, key, lambda: council.consultation_event(item, request, host))

    return built
