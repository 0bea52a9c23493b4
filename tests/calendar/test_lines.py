"""Our content lines are byte for byte what ``icalendar`` writes for the same
events: every VEVENT of the demo's site feed, rebuilt with icalendar from the
same data, and folding and escaping of any text."""
from datetime import date, datetime, timedelta, timezone

import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar.parser.string import _foldline

from roundtable.calendar import lines
from roundtable.timeutil import zone
from tests.calendar.test_feeds import SITE
from tests.calendar.test_personal_feed import address, issue


class Text(icalendar.vText):
    """TEXT escaped by RFC 5545 alone (what the feeds wrote before, with icalendar)."""

    def to_ical(self):
        return lines.escape(self).encode(self.encoding)


def reference(ev):
    """The VEVENT ``ev`` (as parsed from our feed) written again by icalendar."""
    again = icalendar.Event()
    for name in ("uid", "dtstamp", "created", "last-modified", "sequence", "dtstart", "dtend"):
        if name in ev:
            again.add(name, ev.decoded(name))
    for name in ("summary", "location", "description"):
        if name in ev:
            again.add(name, Text(str(ev[name])))
    again.add("url", str(ev["url"]))
    if "categories" in ev:
        again.add("categories", [Text(c) for c in ev["categories"].cats])
    for name in ("status", "transp"):
        if name in ev:
            again.add(name, str(ev[name]))
    return again.to_ical()


def blocks(body):
    """The feed's VEVENT blocks as bytes, as written."""
    parts = body.split(b"BEGIN:VEVENT\r\n")[1:]
    return [b"BEGIN:VEVENT\r\n" + p.split(b"END:VEVENT\r\n")[0] + b"END:VEVENT\r\n" for p in parts]


def test_every_event_of_the_site_feed_is_what_icalendar_writes(anonymous, known):
    body = anonymous.get(SITE).body
    cal = icalendar.Calendar.from_ical(body)
    written = blocks(body)
    parsed = cal.walk("VEVENT")
    assert len(written) == len(parsed) > 20
    assert any(b"UID:consultation-" in block for block in written)
    for block, ev in zip(written, parsed):
        assert block == reference(ev), block.decode()


def test_dates_and_times_as_icalendar_writes_them():
    berlin = zone("Europe/Berlin")
    for value in (datetime(2027, 3, 28, 10, 0, tzinfo=berlin),
                  datetime(2027, 3, 28, 8, 0, 5, 123, tzinfo=timezone.utc),
                  date(2027, 1, 2)):
        ev = icalendar.Event()
        ev.add("dtstart", value)
        expected = ev.to_ical().split(b"\r\n")[1]
        params, text = lines.moment(value)
        assert f"DTSTART{params}:{text}".encode() == expected
    # a zone without a name has no TZID to write: refused, never written wrong
    with pytest.raises(TypeError):
        lines.moment(datetime(2027, 1, 1, tzinfo=timezone(timedelta(hours=1))))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_folding_and_escaping_of_any_text(text):
    line = "DESCRIPTION:" + lines.escape(text)
    assert lines.fold(line) == _foldline(line).encode("utf-8")
    expected = icalendar.Event()
    expected.add("description", Text(text))
    assert lines.component("VEVENT", {"DESCRIPTION": ("", lines.escape(text))}) == \
        expected.to_ical()


def test_every_event_of_the_boards_personal_feed_is_what_icalendar_writes(board, anonymous):
    body = anonymous.get(address(issue(board))).body
    written, parsed = blocks(body), icalendar.Calendar.from_ical(body).walk("VEVENT")
    assert len(written) == len(parsed) and any(b"UID:deadline-" in block for block in written)
    for block, ev in zip(written, parsed):
        assert block == reference(ev), block.decode()
