"""Meetings, agenda, attendance and the minutes workflow on a real FileStorage."""
from datetime import datetime, timedelta, timezone

import pytest
from ZODB import DB
from ZODB.FileStorage import FileStorage

from roundtable.bodies.resources import Body, Membership
from roundtable.meetings.resources import AgendaItem, Document, Meeting
from roundtable.minutes.resources import Minutes
from roundtable.minutes.workflow import minutes_workflow
from roundtable.timeutil import format_local, to_utc
from roundtable.workflow import WorkflowError


def berlin(*args):
    return to_utc(datetime(*args), "Europe/Berlin")


@pytest.fixture
def body():
    body = Body(kind="working", name="AG Wohnen", field_of_action="housing")
    for i in range(4):
        body.memberships.add_membership(Membership(f"p{i}", voting=i != 3))
    return body


def meeting_in(body, start=None, **kw):
    start = start or datetime.now(timezone.utc) + timedelta(days=7)
    m = Meeting("Sitzung", start, start + timedelta(hours=2), **kw)
    return body["meetings"].add_meeting(m)


def test_dst_local_times_survive_storage(tmp_path, body):
    db = DB(FileStorage(str(tmp_path / "Data.fs"), blob_dir=str(tmp_path / "blobs")))
    try:
        with db.transaction() as conn:
            conn.root()["body"] = body
            meeting_in(body, berlin(2027, 3, 28, 10, 0))
            meeting_in(body, berlin(2027, 10, 31, 10, 0))
        with db.transaction() as conn:
            meetings = conn.root()["body"]["meetings"]
            assert sorted(meetings.keys()) == ["2027-03-28", "2027-10-31"]
            spring, autumn = meetings["2027-03-28"], meetings["2027-10-31"]
            assert spring.start.utcoffset() == timedelta(0)
            assert spring.start.hour == 8 and autumn.start.hour == 9  # CEST vs CET
            assert format_local(spring.start) == "28.03.2027, 10:00"
            assert format_local(autumn.start) == "31.10.2027, 10:00"
    finally:
        db.close()


def test_moving_records_old_date_keeps_name_and_bumps_sequence(body):
    meeting = meeting_in(body)
    name, old_start = meeting.__name__, meeting.start
    meeting.update(start=old_start + timedelta(days=1), end=old_start + timedelta(days=1, hours=2))
    assert meeting.__name__ == name
    assert meeting.status == "moved"
    assert meeting.moves[0]["start"] == old_start
    assert meeting.sequence == 1
    meeting.update(title="Neuer Titel")
    assert meeting.sequence == 1  # only time, place and status count


def test_end_before_start_refused(body):
    meeting = meeting_in(body)
    with pytest.raises(ValueError):
        meeting.update(end=meeting.start - timedelta(minutes=1))


def test_past_meeting_cannot_be_invited(body):
    past = meeting_in(body, datetime.now(timezone.utc) - timedelta(days=1))
    with pytest.raises(WorkflowError):
        past.mark_invited()
    future = meeting_in(body)
    future.mark_invited()
    assert future.status == "invited"


def test_cancel_bumps_sequence_and_blocks_replies(body):
    meeting = meeting_in(body)
    meeting.cancel()
    assert meeting.status == "cancelled" and meeting.sequence == 1
    with pytest.raises(WorkflowError):
        meeting.reply("p0", "yes", "link")


def test_agenda_numbers_unique_natural_order_and_moving(body):
    agenda = meeting_in(body).agenda
    for number in ("1", "2", "2.1", "10", "3"):
        agenda.add_item(AgendaItem(number, f"Punkt {number}"))
    assert [i.number for i in agenda.ordered()] == ["1", "2", "2.1", "3", "10"]
    with pytest.raises(ValueError):
        agenda.add_item(AgendaItem("2", "doppelt"))
    with pytest.raises(ValueError):
        agenda.add_item(AgendaItem("zwei", "keine Nummer"))
    two = [i for i in agenda.values() if i.title == "Punkt 2"][0]
    assert agenda.move(two, "down")
    assert [i.title for i in agenda.ordered()] == ["Punkt 1", "Punkt 3", "Punkt 2", "Punkt 2.1", "Punkt 10"]
    assert two.number == "3"
    assert agenda.next_number() == "11"


def test_public_only_agenda(body):
    agenda = meeting_in(body).agenda
    agenda.add_item(AgendaItem("1", "Öffentlich"))
    agenda.add_item(AgendaItem("2", "Personalien", public=False))
    assert [i.title for i in agenda.ordered(public_only=True)] == ["Öffentlich"]


def test_quorum_counts_voting_members_present(body):
    meeting = meeting_in(body, datetime.now(timezone.utc) - timedelta(hours=3))
    meeting.record_presence("p0", "present")
    meeting.record_presence("p3", "present")  # a guest without vote
    assert meeting.quorum() == (1, 3, 2, False)
    meeting.record_presence("p1", "present")
    assert meeting.quorum() == (2, 3, 2, True)
    body.quorum_percent = 100  # the rules of procedure of this body ask for everyone
    assert meeting.quorum() == (2, 3, 3, False)


def test_minutes_workflow_and_corrections(body):
    meeting = meeting_in(body)
    meeting.agenda.add_item(AgendaItem("1", "Bericht"))
    minutes = Minutes()
    minutes.__parent__ = meeting
    minutes.set_entry("top-1", "Es wurde berichtet.", decisions=[{"text": "Einstimmig", "yes": 5}])
    with pytest.raises(WorkflowError):
        minutes_workflow.transition(minutes, "publish", userid="u")
    minutes_workflow.transition(minutes, "submit", userid="u")
    with pytest.raises(WorkflowError):
        minutes_workflow.transition(minutes, "approve", userid="u")  # which meeting approved?
    minutes.approved_at_meeting = "/bodies/ag/meetings/2027-04-01/"
    minutes_workflow.transition(minutes, "approve", userid="u")
    minutes_workflow.transition(minutes, "publish", userid="u")
    assert [h["to"] for h in minutes.history] == ["review", "approved", "published"]
    with pytest.raises(WorkflowError):
        minutes.set_entry("top-1", "still geändert")
    with pytest.raises(WorkflowError):
        minutes.correct("", "u")
    minutes.correct("Tippfehler im Namen", "u", entries={"top-1": {
        "discussion": "Es wurde ausführlich berichtet.", "decisions": [], "tasks": []}})
    assert minutes.versions[0]["entries"]["top-1"]["discussion"] == "Es wurde berichtet."
    assert minutes.entry("top-1")["discussion"] == "Es wurde ausführlich berichtet."
    assert minutes.corrections[0]["reason"] == "Tippfehler im Namen"


def test_document_blob_round_trip(tmp_path):
    db = DB(FileStorage(str(tmp_path / "Data.fs"), blob_dir=str(tmp_path / "blobs")))
    try:
        with db.transaction() as conn:
            conn.root()["doc"] = Document("einladung.pdf", "application/pdf", b"%PDF-1.4 test")
        with db.transaction() as conn:
            doc = conn.root()["doc"]
            with doc.open() as f:
                assert f.read() == b"%PDF-1.4 test"
            assert doc.size == 13
    finally:
        db.close()
