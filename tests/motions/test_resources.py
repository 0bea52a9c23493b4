"""Motions as objects: references, lifecycle rules, versions, ACL, queries."""
from datetime import date, timedelta

import pytest
from pyramid.authorization import ACLHelper, Everyone

from roundtable.bootstrap import make_portal
from roundtable.committees.resources import Committee
from roundtable.motions import queries
from roundtable.motions.resources import Motion, StaleVersion
from roundtable.motions.versions import diff_pair
from roundtable.timeutil import now, to_utc
from roundtable.workflow import WorkflowError
from roundtable.bodies.resources import Body
from tests.motions.helpers import local_noon, plenary_meeting


@pytest.fixture
def portal():
    portal = make_portal("Runder Tisch")
    portal["bodies"].add(Body(kind="plenary", name="Runder Tisch"), name="runder-tisch")
    portal["committees"].add_committee(Committee(
        "Sozialausschuss", meeting_dates=[local_noon(date.today() + timedelta(days=40))]))
    return portal


def motion_in(portal, title="Antrag", day=None):
    day = day or date.today() - timedelta(days=10)
    motion = portal["motions"].add_motion(Motion(title, "Beschluss", "Grund", by="u1"))
    meeting = plenary_meeting(portal, local_noon(day), title=f"Sitzung {title} {day}")
    motion.schedule(meeting.agenda.ordered()[1], "u1")
    return motion


def test_references_are_sequential_per_year_across_the_year_boundary(portal):
    december = motion_in(portal, "A", date(2025, 12, 11))
    december.adopt("u1")
    january = motion_in(portal, "B", date(2026, 1, 15))
    january.adopt("u1")
    second = motion_in(portal, "C", date(2026, 2, 12))
    second.adopt("u1")
    late = motion_in(portal, "D", date(2025, 12, 18))
    late.adopt("u1")
    assert [december.reference, january.reference, second.reference, late.reference] == [
        "RT-2025/01", "RT-2026/01", "RT-2026/02", "RT-2025/02"]


def test_a_used_reference_is_refused_and_never_reused(portal):
    first = motion_in(portal, "A")
    first.adopt("u1", reference="RT-2026/07")
    other = motion_in(portal, "B")
    with pytest.raises(WorkflowError) as exc:
        other.adopt("u1", reference="RT-2026/07")
    assert "bereits vergeben" in str(exc.value)
    assert other.state == "on_agenda" and other.reference is None
    with pytest.raises(WorkflowError):
        other.adopt("u1", reference="2026-7")
    # a typed reference moves the counter on; a withdrawn motion keeps its number
    first.withdraw("u1")
    other.adopt("u1")
    year = other.adopted_on.year
    assert other.reference == (f"RT-{year}/08" if year == 2026 else f"RT-{year}/01")
    assert portal["motions"].reference_problem("RT-2026/07") is not None


def test_invalid_steps_are_refused_with_a_message(portal):
    draft = portal["motions"].add_motion(Motion("Entwurf", "B", "G"))
    with pytest.raises(WorkflowError, match="beschlossen"):
        draft.submit("u1", date.today())
    with pytest.raises(WorkflowError):
        draft.adopt("u1")
    motion = motion_in(portal)
    motion.adopt("u1")
    with pytest.raises(WorkflowError, match="vor dem Beschluss"):
        motion.submit("u1", motion.adopted_on - timedelta(days=1))
    motion.submit("u1", motion.adopted_on + timedelta(days=1))
    with pytest.raises(WorkflowError):
        motion.decide("u1")  # no consultation yet
    with pytest.raises(WorkflowError, match="vor der Einreichung"):
        motion.add_consultation("u1", "sozialausschuss", local_noon(motion.adopted_on), "decision")
    future = motion.add_consultation("u1", "sozialausschuss",
                                     local_noon(date.today() + timedelta(days=40)), "decision")
    assert motion.state == "in_consultation"
    with pytest.raises(WorkflowError, match="noch nicht stattgefunden"):
        motion.record_result("u1", future.id, "accepted")
    with pytest.raises(WorkflowError, match="Ergebnis"):
        motion.decide("u1")
    past = motion.add_consultation("u1", "sozialausschuss", local_noon(date.today()
                                                                          - timedelta(days=1)),
                                   "preliminary")
    motion.record_result("u1", past.id, "amended")
    motion.decide("u1")
    assert motion.state == "decided"
    with pytest.raises(WorkflowError, match="vor der Entscheidung"):
        motion.add_note("u1", motion.step_date("decided") - timedelta(days=3), "Früh")
    motion.add_note("u1", date.today(), "Läuft")
    assert motion.state == "implementation"
    motion.complete("u1")
    assert [h["to"] for h in motion.history] == [
        "on_agenda", "adopted", "submitted", "in_consultation", "decided", "implementation", "done"]
    assert all(h["by"] == "u1" and h["at"] and h["date"] for h in motion.history)


def test_adopting_before_the_meeting_is_refused(portal):
    motion = motion_in(portal, day=date.today() + timedelta(days=14))
    with pytest.raises(WorkflowError, match="noch nicht stattgefunden"):
        motion.adopt("u1")


def test_versions_are_kept_and_a_stale_save_is_refused(portal):
    motion = portal["motions"].add_motion(Motion("Titel", "Erster Text", "Grund", by="u1"))
    assert motion.version == 1
    motion.save_text(1, "u2", resolution="Zweiter Text")
    with pytest.raises(StaleVersion) as exc:
        motion.save_text(1, "u1", resolution="Mein Text")
    assert exc.value.current["by"] == "u2"
    assert motion.resolution == "Zweiter Text" and motion.version == 2
    assert [v["resolution"] for v in motion.versions] == ["Erster Text", "Zweiter Text"]


def test_diff_marks_words_and_escapes_text():
    left, right = diff_pair("Die <b>Stadt</b> prüft", "Die <b>Stadt</b> beschließt")
    assert "<del>prüft</del>" in left and "<ins>beschließt</ins>" in right
    assert "&lt;b&gt;" in left and "<b>" not in left


def test_acl_follows_the_state(portal):
    helper = ACLHelper()
    motion = motion_in(portal)
    draft = portal["motions"].add_motion(Motion("Entwurf", "B", "G"))
    assert helper.principals_allowed_by_permission(draft, "view") == {"role:admin", "role:board"}
    assert "role:member" in helper.principals_allowed_by_permission(motion, "view")
    assert Everyone not in helper.principals_allowed_by_permission(motion, "view")
    motion.adopt("u1")
    assert Everyone in helper.principals_allowed_by_permission(motion, "view")
    data = motion.search_data()
    assert motion.content_type == "motion" and data["status"] == "adopted"
    assert motion.reference in data["title"] and "Beschluss" in data["text"]


def test_queries_for_calendar_and_newsletter(portal):
    motion = motion_in(portal)
    hidden = motion_in(portal, "Nicht öffentlich")
    motion.adopt("u1")
    motion.submit("u1", date.today())
    start = local_noon(date.today() + timedelta(days=40))
    motion.add_consultation("u1", "sozialausschuss", start, "decision")
    begin, end = now() - timedelta(days=1), now() + timedelta(days=60)
    [event] = queries.consultations_between(portal, begin, end)
    assert event.motion is motion and event.start == start and event.role == "decision"
    assert event.committee is portal["committees"]["sozialausschuss"]
    [deadline] = queries.deadlines_between(portal, begin, end)
    assert deadline.deadline == start.date() - timedelta(days=21)
    changes = queries.status_changes_between(portal, begin, end)
    assert {entry["to"] for m, entry in changes} == {"adopted", "submitted", "in_consultation"}
    assert all(m is motion for m, _entry in changes) and hidden.state == "on_agenda"
    board = queries.dashboard(portal)
    assert [m for m in board["on_agenda"]] == [hidden]
    assert board["upcoming"][0][1] is motion
    assert board["deadlines"][0][2] in ("ok", "close", "past")


def test_committee_deadline(portal):
    committee = portal["committees"]["sozialausschuss"]
    start = to_utc(__import__("datetime").datetime(2026, 3, 26, 17))
    assert committee.submission_deadline(start) == date(2026, 3, 5)
    committee.deadline_days = 28
    assert committee.submission_deadline(start) == date(2026, 2, 26)


def test_a_stale_form_is_merged_field_by_field(portal):
    motion = portal["motions"].add_motion(Motion("Titel", "Beschluss", "Grund", by="u1"))
    motion.save_text(1, "u2", reasoning="Grund, ergänzt")
    mine = {"title": "Titel", "resolution": "Beschluss, geändert", "reasoning": "Grund"}
    merged, conflicts = motion.merge_stale(1, mine)
    assert merged == {"title": "Titel", "resolution": "Beschluss, geändert",
                      "reasoning": "Grund, ergänzt"}
    assert conflicts == []
    merged, conflicts = motion.merge_stale(1, dict(mine, reasoning="Mein Grund"))
    assert merged["reasoning"] == "Mein Grund" and conflicts == ["reasoning"]


def test_generate_motions_for_benchmarks(portal):
    import random

    from roundtable.motions.demo import generate_motions

    made = generate_motions(portal, 400, random.Random(7))
    assert len(made) == len(portal["motions"]) == 400
    states = {m.state for m in made}
    assert {"draft", "adopted", "submitted", "in_consultation", "decided", "done"} <= states
    references = [m.reference for m in made if m.reference]
    assert len(references) == len(set(references))
    assert all(m.consultations for m in made if m.state == "in_consultation")
    assert queries.register_years(portal)  # spread over years
