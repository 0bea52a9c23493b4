"""Council committee dates in the feeds: consultations of our public motions
in the site feed, submission deadlines in the board's personal feed."""
import pytest
from webtest import TestApp

from tests.calendar.test_feeds import SITE, parse
from tests.calendar.test_icaljs import ical_js
from tests.calendar.test_personal_feed import address, issue
from tests.conftest import edit
from tests.motions.helpers import make_motion


@pytest.fixture
def consulted(db):
    """A submitted motion on language with a consultation ten days ago, 17:00."""
    with edit(db) as portal:
        motion = make_motion(portal, title="Sprachmittlung im Jobcenter", state="in_consultation")
        motion.field_of_action = "language"
        committee = portal["committees"][motion.consultations[0].committee_id]
        return {"reference": motion.reference, "motion": motion.__name__,
                "committee": committee.name}


def consultation_events(response, motion=None):
    """The consultation events, of one motion (by its name) if given."""
    return [e for e in parse(response).walk("VEVENT") if str(e["uid"]).startswith("consultation-")
            and (motion is None or str(e["url"]).endswith(f"/motions/{motion}/"))]


def test_site_feed_has_the_consultation_of_our_motion(anonymous, consulted):
    response = anonymous.get(SITE)
    [event] = consultation_events(response, consulted["motion"])
    summary = str(event["summary"])
    assert summary.startswith(consulted["committee"] + ": ")
    assert "Sprachmittlung im Jobcenter" in summary
    assert consulted["reference"] in str(event["description"])
    assert summary.endswith("(Entscheidung)")
    start = event.decoded("dtstart")
    assert (start.hour, start.minute) == (17, 0) and event["dtstart"].params["TZID"] == "Europe/Berlin"
    assert str(event["url"]) == f"http://localhost/motions/{consulted['motion']}/"
    assert "DS 2026/123" in str(event["description"])
    assert str(event["status"]) == "CONFIRMED"
    parsed = ical_js(response.body)
    [seen] = [e for e in parsed["events"] if e["uid"] == str(event["uid"])]
    assert seen["start"].endswith("T17:00:00") and seen["tzid"] == "Europe/Berlin"


def test_filtered_feeds_carry_consultations_of_their_fields_only(anonymous, consulted):
    motion = consulted["motion"]
    assert len(consultation_events(anonymous.get(SITE + "?field=language"), motion)) == 1
    assert consultation_events(anonymous.get(SITE + "?field=housing"), motion) == []
    assert consultation_events(anonymous.get(SITE + "?body=ag-sprache-und-bildung")) == []


def test_a_recorded_result_reaches_the_kept_feed(anonymous, consulted, db):
    anonymous.get(SITE)
    with edit(db) as portal:
        motion = portal["motions"][consulted["motion"]]
        motion.record_result("test", motion.consultations[0].id, "accepted")
    [event] = consultation_events(anonymous.get(SITE), consulted["motion"])
    assert "Ergebnis: angenommen" in str(event["description"])


def test_board_feed_has_submission_deadlines_members_do_not(app, board, member, consulted, db):
    with edit(db) as portal:
        committees = list(portal["committees"].values())
    stranger = TestApp(app)
    board_feed = parse(stranger.get(address(issue(board))))
    deadlines = [e for e in board_feed.walk("VEVENT") if str(e["uid"]).startswith("deadline-")]
    assert deadlines, "the demo committees meet ahead, so deadlines are due"
    first = deadlines[0]
    assert str(first["summary"]).startswith("Antragsfrist: ")
    assert first["dtstart"].params.get("VALUE") == "DATE"
    assert any(str(e["uid"]).startswith("consultation-") for e in board_feed.walk("VEVENT"))
    member_feed = parse(stranger.get(address(issue(member))))
    assert not [e for e in member_feed.walk("VEVENT") if str(e["uid"]).startswith("deadline-")]
    assert committees
