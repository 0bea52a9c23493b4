"""Invited members hear of a cancellation or a new time or place by mail."""
from datetime import timedelta

from tests.conftest import deliver
from tests.meetings.helpers import cancel, opened
from tests.meetings.test_attendance import LINK, WOHNEN_MEMBERS, body_of, invite, urls  # noqa: F401


def new_mail(settings, smtp_server, seen):
    """The messages delivered since ``seen`` were (the server keeps them all)."""
    return deliver(settings, smtp_server)[seen:]


def test_cancelling_an_invited_meeting_mails_its_members(board, urls, db, settings, smtp_server):
    wohnen = urls["wohnen"]
    invite(board, wohnen)
    seen = len(deliver(settings, smtp_server))   # the invitations themselves
    response = cancel(board, wohnen)
    assert "Die eingeladenen Mitglieder (5) sind per E-Mail benachrichtigt." in response.follow().text
    messages = new_mail(settings, smtp_server, seen)
    assert sorted(r for _f, rcpts, _m in messages for r in rcpts) == sorted(WOHNEN_MEMBERS.values())
    for _sender, _rcpts, message in messages:
        assert message["Subject"].startswith("Abgesagt: Wohnungsmarkt aktuell am ")
        assert "ist abgesagt" in body_of(message)


def test_moving_an_invited_meeting_mails_the_new_time_and_reply_link(board, urls, db, settings,
                                                                     smtp_server):
    wohnen = urls["wohnen"]
    invite(board, wohnen)
    seen = len(deliver(settings, smtp_server))
    with opened(db, wohnen) as meeting:
        old_day = meeting.local_start.date()
    form = board.get(wohnen + "edit").forms["form"]
    new_day = old_day + timedelta(days=7)
    form["date"] = new_day.isoformat()
    response = form.submit("save")
    assert response.status_int == 303, response.text
    messages = new_mail(settings, smtp_server, seen)
    assert len(messages) == 5
    text = body_of(messages[0][2])
    assert messages[0][2]["Subject"].startswith("Geändert: Wohnungsmarkt aktuell am ")
    assert "Ursprünglich geplant" in text and LINK.search(text)


def test_a_meeting_never_invited_sends_nothing(board, urls, settings, smtp_server):
    response = cancel(board, urls["wohnen"])
    assert response.status_int == 303
    assert deliver(settings, smtp_server) == []


def test_a_refused_cancel_sends_nothing(board, urls, settings, smtp_server):
    wohnen = urls["wohnen"]
    invite(board, wohnen)
    cancel(board, wohnen)
    seen = len(deliver(settings, smtp_server))
    cancel(board, wohnen)   # already cancelled
    assert new_mail(settings, smtp_server, seen) == []


def test_queued_mail_logs_no_error_after_commit(board, urls, caplog):
    """A request with mail and a catalog update (an after-commit hook) must not
    log repoze.sendmail's abort-after-commit complaint for every message."""
    invite(board, urls["wohnen"])
    assert not [r for r in caplog.records if r.levelname == "ERROR"], caplog.text
