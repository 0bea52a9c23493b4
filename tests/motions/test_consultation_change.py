"""The council moves a meeting: the consultation is changed, the old date kept,
and subscribed calendars replace the event (a higher SEQUENCE)."""
from datetime import timedelta

import icalendar

from roundtable.timeutil import to_local
from tests.conftest import edit
from tests.meetings.helpers import opened, plain
from tests.motions.helpers import make_motion, path


def consultation_event(anonymous, name):
    cal = icalendar.Calendar.from_ical(anonymous.get("/calendar.ics").body)
    [event] = [e for e in cal.walk("VEVENT") if str(e["url"]).endswith(f"/motions/{name}/")]
    return event


def test_moving_a_consultation_keeps_the_old_date_and_bumps_the_sequence(board, anonymous, db):
    with edit(db) as portal:
        motion = make_motion(portal, title="Sprachmittlung im Bürgeramt", state="in_consultation")
        url, name = path(motion), motion.__name__
        cid = motion.consultations[0].id
        old_start = motion.consultations[0].start
    before = consultation_event(anonymous, name)
    assert int(before["sequence"]) == 0
    page = board.get(url)
    assert f"change-consultation?cid={cid}" in page.text
    form = board.get(url + f"change-consultation?cid={cid}").forms["form"]
    new_day = to_local(old_start, "Europe/Berlin").date() + timedelta(days=14)
    form["date"] = new_day.isoformat()
    form["document_ref"] = "DS 2026/456"
    assert form.submit("save").status_int == 303
    with opened(db, url) as m:
        c = m.consultations[0]
        assert to_local(c.start, "Europe/Berlin").date() == new_day and c.sequence == 1
        assert [k["start"] for k in c.changes] == [old_start]
    assert "verlegt, vorher:" in plain(anonymous.get(url))
    after = consultation_event(anonymous, name)
    assert int(after["sequence"]) == 1 and str(after["uid"]) == str(before["uid"])
    assert after.decoded("dtstart").date() == new_day
    assert "DS 2026/456" in str(after["description"])


def test_a_consultation_before_the_submission_or_unknown_is_refused(board, anonymous, db):
    with edit(db) as portal:
        motion = make_motion(portal, state="in_consultation")
        url, cid, submitted = path(motion), motion.consultations[0].id, motion.submitted_on
    form = board.get(url + f"change-consultation?cid={cid}").forms["form"]
    form["date"] = (submitted - timedelta(days=3)).isoformat()
    refused = form.submit("save", expect_errors=True)
    assert refused.status_int == 400 and "vor der Einreichung" in plain(refused)
    assert board.get(url + "change-consultation?cid=99", expect_errors=True).status_int == 400
    assert board.get(url + "change-consultation?cid=x", expect_errors=True).status_int == 400
    assert anonymous.get(url + f"change-consultation?cid={cid}",
                         expect_errors=True).status_int == 404
    with opened(db, url) as m:
        assert m.consultations[0].sequence == 0 and not m.consultations[0].changes
