"""Making a concept, and revising it into the next one ("Fortschreibung").

A revision creates the next concept with the same fields of action and goals
and carries each measure over as continued or changed (a copy that keeps the
path of its predecessor), or drops it (the old measure records that it was
dropped and is not copied).
"""
from copy import copy

from pyramid.traversal import resource_path

from ..i18n import _
from ..workflow import WorkflowError
from .resources import CARRY_OVER, Concept, Indicator, Measure
from .rounds import Reports, Rounds


def make_concept(*args, **kw):
    """A concept with its (empty) rounds and reports."""
    concept = Concept(*args, **kw)
    concept.add(Rounds(), "rounds")
    concept.add(Reports(), "reports")
    return concept


def _copy_indicator(old):
    if old is None:
        return None
    new = Indicator(old.name, old.unit, old.baseline, old.target, old.target_date)
    for value in old.values:
        new.values.append(dict(value))
    return new


def revise(concepts, old, title, period_start, period_end, decisions):
    """The next concept after ``old``; ``decisions`` maps measure names to a
    key of ``CARRY_OVER`` (a measure not named is continued)."""
    if any(d not in dict(CARRY_OVER) for d in decisions.values()):
        raise WorkflowError(_("Unbekannte Entscheidung zur Fortschreibung."))
    if period_start < old.period_start or period_end < period_start:
        raise WorkflowError(_("Der Zeitraum muss nach dem des bisherigen Konzepts liegen."))
    new = make_concept(title, period_start, period_end, introduction=old.introduction)
    new.predecessor = old.__name__
    for field in old.fields:
        copied = new.add_field(field.title, field.statement)
        for goal in field.goals:
            copied.goals.append(copy(goal))
        copied.key = field.key
    concepts.add(new, title=f"{title} {period_start}")
    for measure in old.measures():
        decision = decisions.get(measure.__name__, "continued")
        measure.carried = decision
        if decision == "dropped":
            continue
        successor = Measure(measure.title, measure.field_key, measure.goal_key, measure.number,
                            measure.description, measure.responsible, measure.involved,
                            measure.planned_start, measure.planned_end, measure.body_id,
                            measure.motion_ids, measure.meeting_paths)
        successor.status, successor.progress = measure.status, measure.progress
        successor.actual_start, successor.actual_end = measure.actual_start, measure.actual_end
        successor.indicator = _copy_indicator(measure.indicator)
        successor.predecessor = resource_path(measure)
        successor.carried = decision
        new.add(successor, name=measure.__name__)
    return new
