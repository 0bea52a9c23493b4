"""'Put on the agenda' chooses a meeting of the round table (coming ones first,
never a cancelled one) and creates the motion's own agenda item."""
from datetime import timedelta

from roundtable.timeutil import now
from tests.conftest import edit
from tests.meetings.helpers import opened, plain
from tests.motions.helpers import REGISTER, plenary_meeting


def _draft(board):
    form = board.get(REGISTER + "add").forms["form"]
    form["title"] = "Sprachcafés in Stadtteilbibliotheken"
    form["resolution"] = "Die Stadt richtet Sprachcafés ein."
    form["reasoning"] = "Viele wollen Deutsch üben."
    return form.submit("save").location.replace("http://localhost", "")


def test_coming_meetings_first_and_the_item_is_created(board, db):
    with edit(db) as portal:
        soon = plenary_meeting(portal, now() + timedelta(days=10), title="Kommende Sitzung")
        later = plenary_meeting(portal, now() + timedelta(days=40), title="Spätere Sitzung")
        past = plenary_meeting(portal, now() - timedelta(days=10), title="Vergangene Sitzung")
        gone = plenary_meeting(portal, now() + timedelta(days=20), title="Abgesagte Sitzung")
        gone.cancel("Raum fehlt")
        paths = {m.title: "/bodies/runder-tisch/meetings/" + m.__name__ for m in (soon, later, past)}
    motion = _draft(board)
    form = board.get(motion + "schedule").forms["form"]
    labels = [label for _value, _selected, label in form["meeting"].options]
    titles = [t for t in ("Kommende Sitzung", "Spätere Sitzung", "Vergangene Sitzung")
              if any(t in label for label in labels)]
    assert titles == ["Kommende Sitzung", "Spätere Sitzung", "Vergangene Sitzung"]
    assert labels.index(next(lb for lb in labels if "Kommende Sitzung" in lb)) < labels.index(
        next(lb for lb in labels if "Vergangene Sitzung" in lb))
    assert not any("Abgesagte Sitzung" in label for label in labels)
    assert not any("TOP" in label for label in labels)   # meetings, not every item
    # nothing chosen: a German message in the form
    refused = form.submit("save", expect_errors=True)
    assert "Pflichtangabe" in plain(refused)
    form["meeting"] = paths["Kommende Sitzung"]
    done = form.submit("save").follow()
    assert "als TOP 3 auf der Tagesordnung" in done.text
    with opened(db, paths["Kommende Sitzung"]) as meeting:
        item = meeting.agenda.ordered()[-1]
        assert (item.number, item.title) == ("3", "Sprachcafés in Stadtteilbibliotheken")
        assert motion.strip("/").rsplit("/", 1)[1] in item.motion_ids
    assert "Sprachcafés in Stadtteilbibliotheken" in plain(board.get(paths["Kommende Sitzung"] + "/"))
