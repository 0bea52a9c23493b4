"""The feeds read by a second Python parser, vobject, with validation on."""
import vobject

from tests.calendar.test_feeds import SB_FEED, SITE
from tests.meetings.helpers import opened


def read(text):
    """Parse one document on its own: vobject keeps every VTIMEZONE it has seen
    in a module-wide map by TZID and would read this document's times with an
    earlier document's (shorter) zone definition."""
    vars(vobject.icalendar)["__tzidMap"].clear()
    if isinstance(text, bytes):
        text = text.decode("utf-8")
    return vobject.readOne(text, validate=True)


def test_vobject_validates_every_feed(anonymous, known, db):
    with opened(db, known["autumn"]) as meeting:
        meeting.cancel()
    for path in (SITE, SB_FEED, known["spring"] + "event.ics",
                 SITE + "?body=ag-sprache-und-bildung&field=housing"):
        cal = read(anonymous.get(path).body)
        cal.validate(raiseException=True)
        assert cal.vtimezone.tzid.value == "Europe/Berlin"
        events = {e.summary.value.split(" (")[0]: e for e in cal.vevent_list}
        spring = events["Frühjahrssitzung"]
        start = spring.dtstart.value
        assert (start.hour, start.minute, start.utcoffset().total_seconds()) == (10, 0, 7200)
        assert spring.status.value == "CONFIRMED"
        if path != known["spring"] + "event.ics":
            autumn = events["Herbstsitzung"]
            start = autumn.dtstart.value
            assert (start.hour, start.minute, start.utcoffset().total_seconds()) == (10, 0, 3600)
            assert autumn.status.value == "CANCELLED"
