"""The public timeline shows the path a motion took, in date order: taken off
the agenda and scheduled again reads as such, and "taken off the agenda" never
comes after "adopted" — even when a meeting's result is recorded later for an
earlier day."""
from datetime import timedelta

from roundtable.timeutil import format_local, now
from tests.conftest import edit
from tests.meetings.helpers import plain
from tests.motions.helpers import make_motion, path, plenary_meeting


def _local_day(days_ago):
    """The day ``days_ago`` days back as the page writes it: in the town's
    zone, which between 23:00 and 24:00 UTC is already the next day."""
    return format_local(now() - timedelta(days=days_ago), fmt="%d.%m.%Y")


def _at(motion, index, days_ago):
    """Pretend the history entry ``index`` was recorded ``days_ago`` days ago."""
    entry = dict(motion.history[index])
    entry["at"] = now() - timedelta(days=days_ago)
    motion.history[index] = entry


def _path_of(db, first, second, recorded):
    """Scheduled for a meeting ``first`` days ago, taken off, scheduled for one
    ``second`` days ago and adopted there; ``recorded`` gives, per step, how
    many days ago it was recorded."""
    with edit(db) as portal:
        motion = make_motion(portal, title="Dolmetschpool für Elterngespräche")
        one = plenary_meeting(portal, now() - timedelta(days=first), title="Sitzung eins")
        two = plenary_meeting(portal, now() - timedelta(days=second), title="Sitzung zwei")
        motion.schedule(one.agenda.ordered()[1], "test")
        motion.unschedule("test")
        motion.schedule(two.agenda.ordered()[1], "test")
        motion.adopt("test", {"text": "Beschlossen.", "yes": 9, "no": 0, "abstain": 1})
        for index, days_ago in enumerate(recorded):
            _at(motion, index, days_ago)
        days = [_local_day(d) for d in (first, second)]
        return path(motion), days


def _steps(anonymous, motion):
    text = plain(anonymous.get(motion))
    timeline = text[text.index("Verlauf"):]
    marks = ["Auf die Tagesordnung der Sitzung vom", "Von der Tagesordnung der Sitzung vom",
             "Erneut auf die Tagesordnung gesetzt", "Vom Runden Tisch beschlossen"]
    return timeline, sorted(marks, key=lambda m: timeline.index(m))


def test_taken_off_and_scheduled_again_reads_as_such(anonymous, db):
    # planned ahead: scheduled 40 days ago for the meeting 30 days ago, taken
    # off 35 days ago, put on the meeting 10 days ago 34 days ago, adopted there
    motion, (first, second) = _path_of(db, 30, 10, recorded=(40, 35, 34, 9))
    timeline, order = _steps(anonymous, motion)
    assert order == ["Auf die Tagesordnung der Sitzung vom", "Von der Tagesordnung der Sitzung vom",
                     "Erneut auf die Tagesordnung gesetzt", "Vom Runden Tisch beschlossen"]
    assert f"Auf die Tagesordnung der Sitzung vom {first} gesetzt" in timeline
    assert f"Von der Tagesordnung der Sitzung vom {first} genommen" in timeline
    assert f"Erneut auf die Tagesordnung gesetzt: Sitzung vom {second}" in timeline
    # dated by when each step was taken, oldest first
    dates = [_local_day(d) for d in (40, 35, 34)]
    positions = [timeline.index(d) for d in dates]
    assert positions == sorted(positions)


def test_never_taken_off_after_adopted(anonymous, db):
    # recorded afterwards: all steps typed in 5 and 4 days ago for meetings
    # 20 and 15 days ago; the adoption's day (15 days ago) lies before them
    motion, _days = _path_of(db, 20, 15, recorded=(5, 5, 4, 4))
    _timeline, order = _steps(anonymous, motion)
    assert order == ["Auf die Tagesordnung der Sitzung vom", "Von der Tagesordnung der Sitzung vom",
                     "Erneut auf die Tagesordnung gesetzt", "Vom Runden Tisch beschlossen"]
