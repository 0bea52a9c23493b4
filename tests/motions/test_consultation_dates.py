"""A consultation picks the committee's stored meeting dates (or a typed one
when none fits), and "record the result" is offered only once the committee
has met; bad input gets a German message in the form."""
import re
from datetime import timedelta

from roundtable.motions.schemas import stored_date_value
from roundtable.timeutil import format_local, now, to_local
from tests.conftest import edit
from tests.meetings.helpers import opened, plain
from tests.motions.helpers import make_motion, path

SOZIALES = "ausschuss-fuer-soziales-und-gesundheit"


def _submitted_motion(db):
    """A submitted motion and two stored dates of the committee: one ahead, one past."""
    with edit(db) as portal:
        committees = portal["committees"]
        committee = committees[SOZIALES]
        other = next(c for c in committees.ordered() if c.__name__ != SOZIALES)
        start = now().replace(second=0, microsecond=0)
        coming, past = start + timedelta(days=12), start - timedelta(days=1)
        committee.update(meeting_dates=tuple(committee.meeting_dates) + (coming, past))
        other_date = start + timedelta(days=5)
        other.update(meeting_dates=tuple(other.meeting_dates) + (other_date,))
        motion = make_motion(portal, title="Beratung mit Termin", state="submitted",
                             day=(now() - timedelta(days=10)).date())
        return path(motion), coming, past, (other.__name__, other_date)


def test_consultation_picks_a_stored_date_and_result_waits(board, db):
    url, coming, past, _other = _submitted_motion(db)
    form = board.get(url + "consultation").forms["form"]
    values = [value for value, _sel, _label in form["stored_date"].options]
    assert stored_date_value(SOZIALES, coming) in values
    assert stored_date_value(SOZIALES, past) in values
    form["committee_id"] = SOZIALES
    form["stored_date"] = stored_date_value(SOZIALES, coming)
    form["role"] = "decision"
    assert form.submit("save").status_int == 303
    with opened(db, url) as motion:
        assert motion.consultations[0].start == coming
    page = board.get(url)
    assert format_local(coming) in plain(page)
    assert not re.search(r'result\?cid=1"', page.text)       # not met yet: no result link
    refused = board.get(url + "result?cid=1").follow()
    assert "hat noch nicht stattgefunden" in plain(refused)

    # a past stored date: the result can be recorded
    form = board.get(url + "consultation").forms["form"]
    form["committee_id"] = SOZIALES
    form["stored_date"] = stored_date_value(SOZIALES, past)
    form["role"] = "preliminary"
    assert form.submit("save").status_int == 303
    page = board.get(url)
    assert re.search(r'result\?cid=2"', page.text) and not re.search(r'result\?cid=1"', page.text)
    form = board.get(url + "result?cid=2").forms["form"]
    form["result"] = "accepted"
    assert form.submit("save").status_int == 303


def test_typed_date_when_none_fits_and_bad_choices(board, db):
    url, _coming, _past, (other_id, other_date) = _submitted_motion(db)
    form = board.get(url + "consultation").forms["form"]
    form["committee_id"] = SOZIALES
    form["role"] = "decision"
    refused = form.submit("save", expect_errors=True)     # neither a stored nor a typed date
    assert refused.status_int == 200
    assert "Bitte wählen Sie oben einen Termin oder geben Sie ein Datum ein." in plain(refused)
    form = refused.forms["form"]
    form["stored_date"] = stored_date_value(other_id, other_date)   # another committee's date
    refused = form.submit("save", expect_errors=True)
    assert "bitte wählen Sie einen Termin des gewählten Ausschusses" in plain(refused)
    form = refused.forms["form"]
    form["stored_date"].force_value(SOZIALES + "|kein-datum")
    refused = form.submit("save", expect_errors=True)
    assert refused.status_int == 200
    assert "Bitte wählen Sie einen Termin aus der Liste." in plain(refused)
    form = refused.forms["form"]
    form["stored_date"] = ""
    typed = (now() + timedelta(days=30)).date()
    form["date"] = typed.isoformat()
    assert form.submit("save").status_int == 303
    with opened(db, url) as motion:
        assert [to_local(c.start).date() for c in motion.consultations] == [typed]
