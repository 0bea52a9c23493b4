"""Whatever a user types comes back exactly from every feed and event.ics, as
read by ical.js (Thunderbird) and by vobject: commas, semicolons, backslash
sequences (icalendar's own escaping turns a typed "\\N" into a line break),
quotes, emoji, long lines folded inside multi-byte characters, 40 items.
The zone is written the way Outlook and Google write it (yearly RRULEs)."""
import re

import pytest
from webtest import TestApp

from tests.calendar.test_icaljs import ical_js
from tests.calendar.test_personal_feed import address, issue
from tests.calendar.test_vobject import read
from tests.conftest import edit
from tests.meetings.helpers import add_meeting, berlin, next_sunday, url
from tests.motions.helpers import make_motion

HOSTILE = [
    "Komma, Semikolon; Doppelpunkt: fertig",
    "Pfad C:\\Neu\\Nord und \\n kein Umbruch",
    "Schon escaped: \\, \\; \\\\ \\N \\t",
    "Emoji 🎉👩🏽‍🤝‍👩🏻 und Umlaute äöüß ẞ",
    "\"Anführung\" <b>kein HTML</b> & Ampersand",
    "Sehr langer Punkt " + "äöü🎉" * 40 + " Ende",
]
TITLE = "Sitzung \\N mit C:\\Neu; Komma, 🎉"
PLACE = "Haus; der Vereine, \\Nord"
ROOM = "Raum \\N 2; 🎉"


@pytest.fixture
def hostile(db):
    with edit(db) as portal:
        meeting = add_meeting(portal, "ag-wohnen", next_sunday(30), title=TITLE,
                              items=[(str(n + 1), f"{HOSTILE[n % len(HOSTILE)]} #{n + 1}", True)
                                     for n in range(40)])
        meeting.place_name, meeting.room = PLACE, ROOM
        motion = make_motion(portal, title=HOSTILE[1] + " " + HOSTILE[3], state="in_consultation")
        motion.field_of_action = "housing"
        return {"meeting": url(meeting), "motion": motion.title}


def feeds(app, member, hostile):
    personal = address(issue(member))
    return {path: TestApp(app).get(path).body for path in (
        "/calendar.ics", "/calendar.ics?body=ag-wohnen&field=housing",
        "/bodies/ag-wohnen/calendar.ics", hostile["meeting"] + "event.ics", personal)}


def check(summary, location, description):
    assert summary == f"{TITLE} (AG Wohnen)"
    assert location == f"{PLACE}, Rathausplatz 1, 24937 Flensburg, {ROOM}"
    lines = description.split("\n")
    for n in range(40):
        assert f"TOP {n + 1} {HOSTILE[n % len(HOSTILE)]} #{n + 1}" in lines, n


def test_every_feed_round_trips_hostile_text_in_ical_js_and_vobject(app, member, hostile):
    for path, body in feeds(app, member, hostile).items():
        parsed = ical_js(body)
        [event] = [e for e in parsed["events"] if e["summary"].startswith("Sitzung \\N")]
        check(event["summary"], event["location"], event["description"])
        cal = read(body)
        cal.validate(raiseException=True)
        [vevent] = [e for e in cal.vevent_list if e.summary.value.startswith("Sitzung \\N")]
        check(vevent.summary.value, vevent.location.value, vevent.description.value)
        if path.startswith("/calendar.ics"):   # the public site feed has the council dates
            council = [e["summary"] for e in parsed["events"]
                       if e["summary"].endswith(f": {hostile['motion']} (Entscheidung)")]
            assert len(council) == 1, path


def test_vtimezone_in_outlook_form_read_right_on_both_dst_days(anonymous, db):
    with edit(db) as portal:
        # just after each change, and on the days before
        for start, title in ((berlin(2027, 3, 28, 3, 30), "Nach der Umstellung im März"),
                             (berlin(2027, 3, 27, 3, 30), "Vor der Umstellung im März"),
                             (berlin(2027, 10, 31, 3, 30), "Nach der Umstellung im Oktober"),
                             (berlin(2027, 10, 30, 3, 30), "Vor der Umstellung im Oktober")):
            add_meeting(portal, "ag-sprache-und-bildung", start, hours=1, title=title)
    body = anonymous.get("/bodies/ag-sprache-und-bildung/calendar.ics").body
    text = body.decode()
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3" in text
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10" in text
    assert "RDATE" not in text and text.count("BEGIN:VTIMEZONE") == 1
    parsed = ical_js(body)
    assert sorted(parsed["rrules"]) == ["FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10",
                                        "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3"]
    utc = {e["summary"].split(" (")[0]: e["utc"] for e in parsed["events"]}
    assert utc["Vor der Umstellung im März"] == "2027-03-27T02:30:00.000Z"      # CET
    assert utc["Nach der Umstellung im März"] == "2027-03-28T01:30:00.000Z"     # CEST
    assert utc["Vor der Umstellung im Oktober"] == "2027-10-30T01:30:00.000Z"   # CEST
    assert utc["Nach der Umstellung im Oktober"] == "2027-10-31T02:30:00.000Z"  # CET
    cal = read(body)
    starts = {e.summary.value.split(" (")[0]: e.dtstart.value for e in cal.vevent_list}
    assert starts["Nach der Umstellung im März"].utcoffset().total_seconds() == 7200
    assert starts["Vor der Umstellung im Oktober"].utcoffset().total_seconds() == 7200
    assert starts["Nach der Umstellung im Oktober"].utcoffset().total_seconds() == 3600


def test_titles_as_people_say_them(anonymous):
    text = anonymous.get("/calendar.ics").body.decode()
    assert "SUMMARY:Sitzung der AG Wohnen" in text and "SUMMARY:Vorstandssitzung" not in text
    summaries = re.findall(r"^SUMMARY:(.*)$", text, re.M)
    assert summaries and not [s for s in summaries if re.match(r"(AG \w+|RT|VS|StG|HA|RV): ", s)]
