"""The demo tells one true story: what a newcomer sees with ``make run`` holds together."""
import re

from webtest import TestApp

import roundtable
from roundtable.minutes.workflow import APPROVED, PUBLISHED, REVIEW
from tests.conftest import edit, make_settings


def test_past_sessions_have_approved_and_published_minutes(db):
    with edit(db) as portal:
        for body in portal["bodies"].values():
            held = [m for m in body["meetings"].ordered() if m.status == "held"]
            assert held, body.name
            for meeting in held[:-1]:
                minutes = meeting.minutes
                assert minutes is not None and minutes.state == PUBLISHED, meeting.title
                approving = minutes.approving_meeting()
                assert approving is not None and approving.__parent__ is meeting.__parent__
                assert approving.start > meeting.start and approving.status == "held"
                assert minutes.published_at >= approving.start
                entries = set(minutes.entries.keys())
                assert entries == {i.__name__ for i in meeting.agenda.values()}
            # the latest session's minutes wait for the next one to approve them
            assert held[-1].minutes.state in (REVIEW, APPROVED)
            assert not any(m.minutes for m in body["meetings"].values() if m.status != "held")


def test_each_motion_is_treated_by_the_item_that_names_it(db):
    with edit(db) as portal:
        scheduled = [m for m in portal["motions"].values() if m.agenda_item_path]
        assert len(scheduled) >= 7
        items = set()
        for motion in scheduled:
            item = motion.agenda_item()
            assert item.title == "Antrag: " + motion.title
            assert motion.__name__ in item.motion_ids
            assert item.__parent__.__parent__.body.__name__ == "runder-tisch"
            documents = item.documents()   # the motion's text enclosed with the invitation
            assert [d.filename for d in documents] == ["antragstext.pdf"]
            with documents[0].open() as f:
                assert f.read(5) == b"%PDF-"
            items.add(item.title)
        assert len(items) == len(scheduled)   # no motion on two sessions
        # no other session's item pretends to treat a motion
        for meeting in portal["bodies"]["runder-tisch"]["meetings"].values():
            for item in meeting.agenda.values():
                if item.title.startswith("Antrag"):
                    assert item.motion_ids, (meeting.title, item.title)
            decided = [d for i in meeting.agenda.values() if meeting.minutes is not None
                       for d in meeting.minutes.entry(i.__name__)["decisions"]]
            for decision in decided:   # the minutes record the motion's own votes
                assert re.match(r"Der Runde Tisch beschließt den Antrag „", decision["text"])


def test_council_dates_fall_on_working_days_and_places_look_real(db):
    with edit(db) as portal:
        for committee in portal["committees"].values():
            assert all(d.astimezone().weekday() < 5 for d in committee.meeting_dates), committee.name
        for body in portal["bodies"].values():
            for meeting in body["meetings"].values():
                assert meeting.local_start.weekday() < 5
                assert re.search(r"\d{5} Flensburg$", meeting.address), meeting.address
                assert meeting.start < meeting.end


def test_development_prints_one_login_per_role(tmp_path, capsys):
    settings = make_settings(tmp_path, **{"roundtable.demo_logins": "true"})
    app = roundtable.main({}, **settings)
    app.registry._zodb_databases[""].close()
    err = capsys.readouterr().err
    logins = dict(re.findall(r"login:    (\S+)\n  password: (\S+)", err))
    assert set(logins) == {"bootstrap-admin@example.org", "aylin.demir@example.org",
                           "agnieszka.nowak@example.org", "kwame.mensah@example.org"}
    assert "Vorstand (board)" in err and "Mitglied (member)" in err
    app = roundtable.main({}, **settings)
    try:
        client = TestApp(app)
        form = client.get("/login").forms["form"]
        form["login"], form["password"] = "kwame.mensah@example.org", logins["kwame.mensah@example.org"]
        assert form.submit("submit").status_int == 303
        assert "Ihre nächsten Sitzungen" in client.get("/").text
    finally:
        app.registry._zodb_databases[""].close()


def test_without_the_development_setting_no_demo_logins(tmp_path, capsys):
    app = roundtable.main({}, **make_settings(tmp_path))
    app.registry._zodb_databases[""].close()
    err = capsys.readouterr().err
    assert err.count("login:") == 1 and "Demo login" not in err
