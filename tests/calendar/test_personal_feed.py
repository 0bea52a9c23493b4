"""The personal feed: a secret address with the member's own bodies' meetings."""
from urllib.parse import urlsplit

import pytest
from webtest import TestApp

from tests.calendar.test_feeds import events, parse
from tests.calendar.test_icaljs import ical_js
from tests.conftest import edit
from tests.meetings.helpers import add_meeting, berlin, url


@pytest.fixture
def internal(db):
    """A non-public AG Wohnen meeting (the member belongs to AG Wohnen) with a
    non-public item, and the member's reply to it."""
    with edit(db) as portal:
        meeting = add_meeting(portal, "ag-wohnen", berlin(2027, 3, 28, 18), title="Interne Runde",
                              public=False, items=[("1", "Begrüßung", True),
                                                   ("2", "Mietstreit Familie K.", False)])
        meeting.reply("kwame-mensah", "yes", "web")
        secret = add_meeting(portal, "vorstand", berlin(2027, 4, 25, 18), title="Geheime Klausur",
                             public=False)
        return {"meeting": url(meeting), "secret": url(secret)}


def issue(client, action="issue"):
    page = client.get("/subscribe")
    [form] = [f for f in page.forms.values()
              if "action" in f.fields and f["action"].value == action]
    return form.submit().follow()


def address(page):
    field = page.html.find(id="feed-personal")
    return urlsplit(field["value"]).path if field is not None else None


def test_member_gets_own_bodies_meetings_with_reply(app, member, internal):
    page = issue(member)
    path = address(page)
    assert path.startswith("/calendar/") and path.endswith(".ics")
    stranger = TestApp(app)   # a calendar program: no cookies
    response = stranger.get(path)
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert "private" in response.headers["Cache-Control"]
    found = events(parse(response))
    [mine] = [e for s, e in found.items() if s.startswith("Interne Runde")]
    assert "Mietstreit Familie K." in str(mine["description"])
    assert str(mine["description"]).startswith("Ihre Rückmeldung: nimmt teil")
    assert not any("Geheime Klausur" in s for s in found)       # not a board member
    prefixes = {s.split(":", 1)[0] for s in found}
    assert "AG SB" not in prefixes                               # not a member there
    parsed = ical_js(response.body)
    assert any(e["summary"].startswith("Interne Runde") for e in parsed["events"])
    # an unchanged feed answers 304 to the same ETag
    stranger.get(path, headers={"If-None-Match": response.headers["ETag"]}, status=304)


def test_a_changed_reply_changes_the_feed(app, member, internal, db):
    path = address(issue(member))
    stranger = TestApp(app)
    before = stranger.get(path)
    with edit(db) as portal:
        meeting = portal["bodies"]["ag-wohnen"]["meetings"][internal["meeting"].split("/")[-2]]
        meeting.reply("kwame-mensah", "no", "web")
    after = stranger.get(path, headers={"If-None-Match": before.headers["ETag"]})
    assert after.status_int == 200 and "Ihre Rückmeldung: entschuldigt" in after.text


def test_board_feed_has_the_boards_internal_meetings(app, board, internal):
    path = address(issue(board))
    found = events(parse(TestApp(app).get(path)))
    assert any(s.startswith("Geheime Klausur") for s in found)


def test_regenerate_and_revoke_end_the_old_address(app, member, internal):
    stranger = TestApp(app)
    first = address(issue(member))
    stranger.get(first, status=200)
    page = issue(member)
    second = address(page)
    assert second != first
    stranger.get(first, status=404)
    stranger.get(second, status=200)
    page = issue(member, "revoke")
    assert address(page) is None
    stranger.get(second, status=404)


def test_unknown_token_and_deactivated_account_are_404(app, member, db):
    anonymous = TestApp(app)
    for token in ("nope", "x" * 300, "%00", "..%2F..%2Fetc"):
        anonymous.get(f"/calendar/{token}.ics", status=404)
    path = address(issue(member))
    with edit(db) as portal:
        portal["users"].find_by_login("kwame.mensah@example.org").active = False
    anonymous.get(path, status=404)


def test_a_session_does_not_open_someone_elses_feed(board, member):
    """The token is the only credential on the route: a logged-in browser with
    a wrong token gets 404, not its own calendar."""
    board.get("/calendar/wrong-token.ics", status=404)


def test_managing_the_address_needs_login_and_csrf(anonymous, member):
    response = anonymous.post("/personal-calendar", {"action": "issue"}, expect_errors=True)
    assert response.status_int in (400, 404)  # anonymous: refused as if missing
    assert member.post("/personal-calendar", {"action": "issue"}, expect_errors=True).status_int == 400
    token = member.get("/subscribe").html.find("input", {"name": "csrf_token"})["value"]
    assert member.post("/personal-calendar", {"action": "explode", "csrf_token": token},
                       expect_errors=True).status_int == 400
    anonymous_page = anonymous.get("/subscribe")
    assert anonymous_page.html.find(id="feed-personal") is None
    assert "/login" in str(anonymous_page.html.find(id="personal"))


def test_vobject_validates_the_personal_feed(app, member, internal):
    from tests.calendar.test_vobject import read

    cal = read(TestApp(app).get(address(issue(member))).body)
    cal.validate(raiseException=True)
    assert any(e.summary.value.startswith("Interne Runde") for e in cal.vevent_list)
