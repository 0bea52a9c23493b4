"""The concept's rules on the resources: status changes, progress roll-up,
flags, the round's accept and the revision."""
from datetime import date, datetime, timezone

import pytest

from roundtable.measures.resources import (DONE, IN_PROGRESS, NOT_STARTED, STOPPED, Concepts,
                                           Indicator, Measure)
from roundtable.measures.revision import make_concept, revise
from roundtable.measures.rounds import Round
from roundtable.workflow import WorkflowError


@pytest.fixture
def concept():
    concepts = Concepts()
    concept = make_concept("Integrationskonzept", 2023, 2027)
    concepts.add(concept, name="2023-2027")
    field = concept.add_field("Wohnen", "Gut wohnen.")
    goal_a = field.add_goal("Auszug erleichtern")
    goal_b = field.add_goal("Nachbarschaft")
    for number, goal in (("1.1", goal_a), ("1.2", goal_a), ("1.3", goal_b)):
        concept.add_measure(Measure(f"Maßnahme {number}", field.key, goal.key, number,
                                    responsible="unit.wohnen",
                                    planned_start=date(2024, 1, 1), planned_end=date(2025, 12, 31)))
    return concept


def test_a_status_change_needs_a_justification(concept):
    measure = concept["1-1"]
    with pytest.raises(WorkflowError, match="begründen"):
        measure.set_status(IN_PROGRESS, "  ")
    measure.set_status(IN_PROGRESS, "Begonnen.", 20, on=date(2024, 2, 1))
    assert measure.actual_start == date(2024, 2, 1)
    assert measure.history[-1]["justification"] == "Begonnen."
    with pytest.raises(WorkflowError, match="zwischen 0 und 100"):
        measure.set_status(IN_PROGRESS, "", 120)


def test_done_means_full_progress_and_an_actual_end(concept):
    measure = concept["1-1"]
    measure.set_status(DONE, "Fertig.", 40, on=date(2025, 6, 30))
    assert (measure.progress, measure.actual_end) == (100, date(2025, 6, 30))


def test_progress_rolls_up_from_measures_to_goals_fields_and_concept(concept):
    concept["1-1"].set_status(DONE, "Fertig.")               # 100
    concept["1-2"].set_status(IN_PROGRESS, "Läuft.", 50)     # goal A: 75
    concept["1-3"].set_status(IN_PROGRESS, "Läuft.", 25)     # goal B: 25
    field = concept.fields[0]
    assert concept.progress_of(field.key, field.goals[0].key) == 75
    assert concept.progress_of(field.key) == 50
    assert concept.progress_of() == 50
    concept["1-2"].set_status(STOPPED, "Eingestellt.")       # stopped ones do not count
    assert concept.progress_of(field.key, field.goals[0].key) == 100


def test_flags_late_start_late_end_and_no_update(concept):
    measure = concept["1-1"]
    measure.created = datetime(2023, 1, 1, tzinfo=timezone.utc)
    assert [f[0] for f in measure.flags(date(2023, 6, 1))] == []
    assert [f[0] for f in measure.flags(date(2024, 6, 1))] == ["late_start", "no_update"]
    measure.set_status(IN_PROGRESS, "Begonnen.", at=datetime(2025, 1, 10, tzinfo=timezone.utc))
    assert [f[0] for f in measure.flags(date(2026, 2, 1))] == ["late_end", "no_update"]
    assert [f[0] for f in measure.flags(date(2025, 6, 1))] == []
    measure.set_status(DONE, "Fertig.")
    assert measure.flags(date(2030, 1, 1)) == []


def test_round_asks_each_responsible_once_and_accept_writes_the_measures(concept):
    concept["1-3"].responsible = "org.caritas"
    concept["1-3"].indicator = Indicator("Umzüge", "Haushalte", 10, 100)
    round_ = concept["rounds"].start(2025, {}, lambda portal, key: (key.upper(), "x@example.org"),
                                     date(2026, 2, 28))
    assert sorted(round_.answers) == ["org.caritas", "unit.wohnen"]
    assert round_.answers["unit.wohnen"].measure_names == ("1-1", "1-2")
    with pytest.raises(WorkflowError, match="bereits eine Statusabfrage"):
        concept["rounds"].start(2025, {}, lambda p, k: None)
    with pytest.raises(WorkflowError, match="noch nicht geantwortet"):
        round_.accept("org.caritas")
    round_.submit("org.caritas", {"1-3": {
        "status": IN_PROGRESS, "progress": 40, "report": "Gut angelaufen.", "justification":
        "Start im März.", "indicator_value": 37.0, "indicator_date": date(2025, 12, 31),
        "indicator_source": ""}})
    assert concept["1-3"].status == NOT_STARTED        # nothing public before acceptance
    round_.accept("org.caritas", by="admin")
    measure = concept["1-3"]
    assert (measure.status, measure.progress) == (IN_PROGRESS, 40)
    assert measure.year_reports[2025] == "Gut angelaufen."
    assert measure.indicator.values[-1]["value"] == 37.0
    assert measure.indicator.values[-1]["source"] == "ORG.CARITAS"
    with pytest.raises(WorkflowError, match="bereits übernommen"):
        round_.submit("org.caritas", {})
    assert isinstance(round_, Round) and not round_.finished


def test_revision_carries_measures_over_with_their_predecessor(concept):
    concept["1-1"].set_status(IN_PROGRESS, "Läuft.", 30)
    concepts = concept.__parent__
    new = revise(concepts, concept, "Integrationskonzept", 2028, 2032,
                 {"1-1": "changed", "1-2": "dropped"})
    assert [m.__name__ for m in new.measures()] == ["1-1", "1-3"]
    assert new["1-1"].predecessor == "/2023-2027/1-1"
    assert (new["1-1"].carried, new["1-1"].status, new["1-1"].progress) == ("changed",
                                                                            IN_PROGRESS, 30)
    assert concept["1-2"].carried == "dropped"
    assert new.fields[0].key == concept.fields[0].key and not new.published
    with pytest.raises(WorkflowError, match="Zeitraum"):
        revise(concepts, concept, "Zu früh", 2020, 2022, {})
    with pytest.raises(WorkflowError, match="Unbekannte Entscheidung"):
        revise(concepts, concept, "X", 2028, 2032, {"1-1": "vielleicht"})


def test_indicator_values_must_be_finite_numbers():
    import colander

    from roundtable.measures.schemas import ValueSchema

    schema = ValueSchema()
    for text in ("nan", "inf", "-inf", "1e13"):
        with pytest.raises(colander.Invalid, match="value"):
            schema.deserialize({"date": "2025-12-31", "value": text, "source": ""})
    assert schema.deserialize({"date": "2025-12-31", "value": "12.5", "source": ""})["value"] == 12.5
