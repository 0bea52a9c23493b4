"""The calendar feeds as a subscribing client sees them, parsed with icalendar."""
from datetime import datetime, timedelta

import icalendar
from tests import judges
from tests.meetings.helpers import berlin, opened

SITE = "/calendar.ics"
SB_FEED = "/bodies/ag-sprache-und-bildung/calendar.ics"


def parse(response):
    return icalendar.Calendar.from_ical(response.body)


def events(cal):
    return {str(e["summary"]): e for e in cal.walk("VEVENT")}


def test_site_feed_headers_and_calendar_properties(anonymous, known):
    response = anonymous.get(SITE)
    assert response.content_type == "text/calendar"
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert response.etag and response.last_modified is not None
    assert b"\r\n" in response.body and b"\n" not in response.body.replace(b"\r\n", b"")
    cal = parse(response)
    assert str(cal["version"]) == "2.0" and cal["prodid"]
    assert str(cal["calscale"]) == "GREGORIAN" and str(cal["method"]) == "PUBLISH"
    assert str(cal["x-wr-timezone"]) == "Europe/Berlin" and str(cal["x-wr-calname"])
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT1H" in response.body
    assert b"X-PUBLISHED-TTL:PT1H" in response.body
    assert [str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/Berlin"]
    # the demo's ~170 meetings: many public ones in, none older than 12 months
    assert len(cal.walk("VEVENT")) > 20
    year_ago = datetime.now().astimezone() - timedelta(days=366)
    assert all(e.decoded("dtend") >= year_ago for e in cal.walk("VEVENT"))


def test_local_times_across_the_dst_change(anonymous, known):
    feeds = {SITE: ("Frühjahrssitzung", "Herbstsitzung"),
             SB_FEED: ("Frühjahrssitzung", "Herbstsitzung"),
             known["spring"] + "event.ics": ("Frühjahrssitzung",),
             known["autumn"] + "event.ics": ("Herbstsitzung",)}
    for path, titles in feeds.items():
        found = events(parse(anonymous.get(path)))
        for title in titles:
            [ev] = [e for s, e in found.items() if s.split(" (")[0] == title]
            start = ev.decoded("dtstart")
            assert (start.hour, start.minute) == (10, 0), (path, title)
            assert ev["dtstart"].params["TZID"] == "Europe/Berlin"
            assert ev["dtend"].params["TZID"] == "Europe/Berlin"
    body = anonymous.get(SB_FEED).body.decode()
    assert "DTSTART;TZID=Europe/Berlin:20270328T100000" in body
    assert "DTSTART;TZID=Europe/Berlin:20271031T100000" in body


def test_event_content(anonymous, known, db):
    response = anonymous.get(known["spring"] + "event.ics")
    [ev] = parse(response).walk("VEVENT")
    with opened(db, known["spring"]) as meeting:
        oid = meeting._p_oid.hex()
        short, name = meeting.body.short_name, meeting.body.name
    assert response.content_disposition == \
        f'attachment; filename="{short.replace(" ", "-")}-2027-03-28.ics"'
    assert str(ev["uid"]) == f"meeting-{oid}@localhost"
    assert str(ev["summary"]) == f"Frühjahrssitzung ({name})"   # no code prefix
    assert str(ev["location"]) == "Rathaus, Rathausplatz 1, 24937 Flensburg, Raum 1"
    assert str(ev["status"]) == "CONFIRMED" and int(ev["sequence"]) == 0
    assert str(ev["url"]) == "http://localhost" + known["spring"]
    description = str(ev["description"])
    assert "TOP 1 Begrüßung" in description and "http://localhost" + known["spring"] in description
    for key in ("dtstamp", "created", "last-modified"):
        assert key in ev


def test_non_public_items_and_meetings_stay_out_of_public_feeds(anonymous, board, known):
    for client in (anonymous, board):
        for path in (SITE, SB_FEED, "/bodies/vorstand/calendar.ics"):
            text = client.get(path).body.decode()
            assert "Personalakte" not in text
            assert "Geheime Klausur" not in text
    assert anonymous.get(known["secret"] + "event.ics", status="*").status_int == 404
    # members of the body may download the non-public meeting and see its items
    assert "Geheime Klausur" in board.get(known["secret"] + "event.ics").text
    assert "Personalakte" in board.get(known["spring"] + "event.ics").text
    assert "Personalakte" not in anonymous.get(known["spring"] + "event.ics").text


def test_cancelled_meeting_stays_with_status_cancelled(anonymous, known, db):
    with opened(db, known["spring"]) as meeting:
        meeting.cancel()
    for path in (SITE, SB_FEED):
        ev = events(parse(anonymous.get(path)))
        [cancelled] = [e for s, e in ev.items() if s.startswith("Frühjahrssitzung")]
        assert str(cancelled["status"]) == "CANCELLED"
        assert int(cancelled["sequence"]) == 1


def test_sequence_grows_when_moved(anonymous, known, db):
    def spring_event():
        [ev] = parse(anonymous.get(known["spring"] + "event.ics")).walk("VEVENT")
        return ev

    before = spring_event()
    with opened(db, known["spring"]) as meeting:
        meeting.update(start=berlin(2027, 3, 28, 14), end=berlin(2027, 3, 28, 16))
    after = spring_event()
    assert int(after["sequence"]) > int(before["sequence"])
    assert str(after["uid"]) == str(before["uid"])
    assert after.decoded("dtstart").hour == 14


def test_conditional_get_answers_304(anonymous, known, db):
    first = anonymous.get(SB_FEED)
    etag = first.headers["ETag"]
    again = anonymous.get(SB_FEED, headers={"If-None-Match": etag}, status=304)
    assert again.body == b""
    with opened(db, known["autumn"]) as meeting:
        meeting.update(room="Raum 2")
    changed = anonymous.get(SB_FEED, headers={"If-None-Match": etag})
    assert changed.status_int == 200 and changed.headers["ETag"] != etag


def test_unknown_body_feed_is_404(anonymous):
    anonymous.get("/bodies/gibt-es-nicht/calendar.ics", status=404)


def test_subscribe_page_lists_https_and_webcal_links(anonymous):
    page = anonymous.get("/subscribe")
    assert "Kalender abonnieren" in page.text
    assert "http://localhost/calendar.ics" in page.text
    links = [a["href"] for a in page.html.find_all("a") if a["href"].startswith("webcal://")]
    assert "webcal://localhost/calendar.ics" in links
    assert "webcal://localhost/bodies/ag-sprache-und-bildung/calendar.ics" in links
    for href in links[:3]:
        anonymous.get(href.replace("webcal://localhost", ""), status=200)
    errors = judges.check_html({"/subscribe": page.text})
    assert not errors, judges.format_html_errors(errors)
    anonymous.set_cookie("_LOCALE_", "en")
    assert "Subscribe to the calendar" in anonymous.get("/subscribe").text


def test_vtimezone_has_one_yearly_rule_per_change(anonymous, known):
    """No RDATE lists (ical.js loses the DTSTART beside them); a DAYLIGHT and a
    STANDARD observance with the yearly RRULE, each onset in the local time
    before the change (RFC 5545), before the feed's first event."""
    cal = parse(anonymous.get(SB_FEED))
    [vtz] = cal.walk("VTIMEZONE")
    assert not any("RDATE" in part for part in vtz.subcomponents)
    rules = {part.name: (part.decoded("dtstart"), part["rrule"]) for part in vtz.subcomponents}
    assert sorted(rules) == ["DAYLIGHT", "STANDARD"]
    first = min(e.decoded("dtstart").replace(tzinfo=None) for e in cal.walk("VEVENT"))
    for name, month, hour in (("DAYLIGHT", 3, 2), ("STANDARD", 10, 3)):
        onset, rrule = rules[name]
        assert (onset.month, onset.weekday(), onset.hour) == (month, 6, hour) and onset < first
        assert rrule["FREQ"] == ["YEARLY"] and rrule["BYMONTH"] == [month]
        assert [str(d) for d in rrule["BYDAY"]] == ["-1SU"]
