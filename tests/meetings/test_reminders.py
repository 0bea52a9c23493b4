"""A reminder N days before an invited meeting to the members who have not
replied (a setting of the body, 0 = off), sent once per meeting by the
``roundtable-reminders`` step, delivered at the real SMTP server; the clock is
moved by passing ``at``."""
import re
from datetime import timedelta

from roundtable.meetings.reminders import run_reminders
from roundtable.scripts.reminders import run
from roundtable.timeutil import now
from tests.conftest import deliver, edit
from tests.meetings.helpers import add_meeting, plain
from tests.meetings.test_attendance import WOHNEN_MEMBERS, body_of

WOHNEN = "/bodies/ag-wohnen/"
REPLY = re.compile(r"https?://[^/\s]+(/bodies/ag-wohnen/meetings/[\w-]+/reply/[\w-]+/\d+\.[0-9a-f]+)")


def _set_days(board, value):
    form = board.get(WOHNEN + "edit").forms["form"]
    form["reminder_days"] = value
    return form.submit("save", expect_errors=True)


def _invited_meeting(db, days_ahead=5):
    with edit(db) as portal:
        meeting = add_meeting(portal, "ag-wohnen", now() + timedelta(days=days_ahead),
                              title="AG Wohnen: Erinnerungstest")
        meeting.mark_invited()
        meeting.reply("kwame-mensah", "yes", "link")       # has replied: no reminder
        meeting.reply("olena-kovalenko", "no", "link")     # excused: no reminder either
        return meeting.start


def test_reminder_goes_once_to_those_without_reply(app, board, anonymous, db, settings,
                                                   smtp_server):
    assert _set_days(board, "3").status_int == 303
    start = _invited_meeting(db)
    # four days before: too early
    assert run(app.registry, at=start - timedelta(days=4)) == (0, 0)
    assert deliver(settings, smtp_server) == []
    # three days before: the reminder goes out
    meetings, mails = run(app.registry, at=start - timedelta(days=3))
    expected = sorted(v for k, v in WOHNEN_MEMBERS.items()
                      if k not in ("kwame-mensah", "olena-kovalenko"))
    assert (meetings, mails) == (1, len(expected))
    messages = deliver(settings, smtp_server)
    assert sorted(r for _f, rcpts, _m in messages for r in rcpts) == expected
    message = messages[0][2]
    assert message["Subject"].startswith("Erinnerung: AG Wohnen: Erinnerungstest")
    text = body_of(message)
    assert "noch keine Rückmeldung von Ihnen" in text
    # the personal link in the reminder works without logging in
    page = anonymous.get(REPLY.search(text).group(1))
    assert page.status_int == 200 and "Erinnerungstest" in plain(page)
    # once per meeting: a later run sends nothing more
    assert run(app.registry, at=start - timedelta(days=2)) == (0, 0)
    assert deliver(settings, smtp_server) == messages
    # moved to a later day: reminded again before the new date
    with edit(db) as portal:
        meeting = next(m for m in portal["bodies"]["ag-wohnen"]["meetings"].values()
                       if m.title == "AG Wohnen: Erinnerungstest")
        meeting.update(start=meeting.start + timedelta(days=7), end=meeting.end + timedelta(days=7))
        assert meeting.status == "moved"
    assert run(app.registry, at=start + timedelta(days=4)) == (1, len(expected))


def test_no_reminder_when_off_or_not_invited(app, board, db, settings, smtp_server):
    start = _invited_meeting(db)       # the body's setting is 0: off
    assert run(app.registry, at=start - timedelta(days=1)) == (0, 0)
    assert _set_days(board, "2").status_int == 303
    with edit(db) as portal:
        planned = add_meeting(portal, "ag-wohnen", start + timedelta(hours=3), title="Nur geplant")
        assert planned.status == "planned"
    # only the invited meeting is reminded, not the one never invited; none after it began
    assert run(app.registry, at=start + timedelta(minutes=1)) == (0, 0)
    assert run(app.registry, at=start - timedelta(days=1)) == (1, 3)
    assert len(deliver(settings, smtp_server)) == 3


def test_bad_reminder_days_get_german_messages(board, db):
    for value, message in (("-1", "Bitte 0 oder mehr Tage."), ("99", "Höchstens 60 Tage.")):
        response = _set_days(board, value)
        assert response.status_int == 200 and message in plain(response)
    with edit(db) as portal:
        assert portal["bodies"]["ag-wohnen"].reminder_days == 0


def test_the_application_looks_for_due_reminders_every_hour(app):
    """The reminders run as a periodic job of the application (a FileStorage
    admits no cron process beside the server); the job is the same run."""
    func, every = app.registry.roundtable_jobs["meeting-reminders"]
    assert (func, every) == (run_reminders, 3600)
