"""What a consumer that keeps a copy sees: soft deletes with ``modified_since``
(a withdrawn motion and its consultations), cancelled meetings kept with
``cancelled``, and the time filters."""
from datetime import timedelta

from webtest import TestApp

from roundtable.motions.workflow import PUBLIC_STATES, WITHDRAWN
from roundtable.timeutil import now
from tests.conftest import edit

SINCE = "modified_since=2000-01-01T00:00:00%2B00:00"


def test_withdrawn_motion_becomes_a_soft_delete(api_app, app_db):
    client = TestApp(api_app)
    with edit(app_db) as portal:
        motion = next(m for m in portal["motions"].values()
                      if m.state in PUBLIC_STATES and "withdraw" in m.available_steps()
                      and m.consultations)
        motion.withdraw(None, note="Erledigt")
        name, title = motion.__name__, motion.title
    paper_id = f"http://localhost/oparl/v1/paper/{name}"
    listed = client.get("/oparl/v1/body/rt/paper?limit=500").json["data"]
    assert paper_id not in {p["id"] for p in listed}
    updates = client.get(f"/oparl/v1/body/rt/paper?limit=500&{SINCE}").json["data"]
    [stub] = [p for p in updates if p["id"] == paper_id]
    assert stub["deleted"] is True and "name" not in stub and title not in str(stub)
    consultations = client.get(f"/oparl/v1/body/rt/consultation?limit=500&{SINCE}").json["data"]
    prefix = f"http://localhost/oparl/v1/consultation/{name}/"
    mine = [c for c in consultations if c["id"].startswith(prefix)]
    assert mine and all(c["deleted"] for c in mine)
    assert client.get(paper_id.replace("http://localhost", "")).json["deleted"] is True
    with edit(app_db) as portal:
        assert portal["motions"][name].state == WITHDRAWN


def test_cancelled_meetings_stay_with_cancelled(api_app):
    meetings = TestApp(api_app).get("/oparl/v1/body/rt/meeting?limit=500").json["data"]
    cancelled = [m for m in meetings if m["cancelled"]]
    assert cancelled and all(m["meetingState"] == "abgesagt" for m in cancelled)
    assert not any(m.get("deleted") for m in meetings)


def test_time_filters(api_app):
    client = TestApp(api_app)
    total = client.get("/oparl/v1/body/rt/meeting").json["pagination"]["totalElements"]
    future = (now() + timedelta(days=1)).isoformat().replace("+", "%2B")
    assert client.get(f"/oparl/v1/body/rt/meeting?modified_since={future}").json["data"] == []
    assert client.get("/oparl/v1/body/rt/meeting?created_until=2000-01-01").json["data"] == []
    # an unencoded "+" arrives as a space and still means the zone
    since = client.get("/oparl/v1/body/rt/meeting?created_since=2000-01-01T00:00:00+01:00").json
    assert since["pagination"]["totalElements"] == total


def test_an_agenda_change_changes_the_meeting(api_app, app_db):
    """Agenda items keep no dates of their own: a change to one is a change of
    its meeting, so ``modified_since`` finds it and the ETag changes."""
    client = TestApp(api_app)
    with edit(app_db) as portal:
        meeting = next(m for m in portal["bodies"]["runder-tisch"]["meetings"].ordered()
                       if m.public and m.start > now())
        url = f"/oparl/v1/meeting/runder-tisch/{meeting.__name__}"
    before = client.get(url)
    with edit(app_db) as portal:
        meeting = portal["bodies"]["runder-tisch"]["meetings"][url.rsplit("/", 1)[1]]
        item = meeting.agenda.ordered()[-1]
        meeting.agenda.update_item(item, title="Verschiedenes und Termine")
    after = client.get(url)
    assert after.headers["ETag"] != before.headers["ETag"]
    assert after.json["modified"] > before.json["modified"]
    names = [i["name"] for i in after.json["agendaItem"]]
    assert "Verschiedenes und Termine" in names
    since = before.json["modified"].replace("+", "%2B")
    changed = client.get(f"/oparl/v1/body/rt/meeting?limit=500&modified_since={since}").json["data"]
    assert after.json["id"] in {m["id"] for m in changed}
