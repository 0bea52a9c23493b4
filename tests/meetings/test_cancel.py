"""Cancelling asks for a reason and warns about what exists; the reason reaches
the members; a cancelled meeting can be reinstated, with a notice."""
from datetime import timedelta

from tests.conftest import deliver
from tests.meetings.helpers import cancel, csrf_token, opened, plain
from tests.meetings.test_attendance import LINK, body_of, invite, urls  # noqa: F401

REASON = "Der Sitzungssaal wird renoviert.\r\n\r\nWir melden uns mit einem neuen Termin."


def test_cancel_needs_a_reason_and_warns_about_replies(board, member, urls, db, settings, smtp_server):
    wohnen = urls["wohnen"]
    invite(board, wohnen)
    seen = len(deliver(settings, smtp_server))
    with opened(db, wohnen) as meeting:
        meeting.reply("kwame-mensah", "yes", "web")
    page = board.get(wohnen + "cancel")
    assert "Es liegen schon 1 Rückmeldungen vor." in plain(page)
    assert "per E-Mail benachrichtigt" in plain(page)
    # no reason: a German message in the form, nothing changed, nothing mailed
    empty = cancel(board, wohnen, reason="   ", status=200)
    assert "Bitte geben Sie eine Begründung an" in empty.text
    with opened(db, wohnen) as meeting:
        assert meeting.status == "invited"
    assert deliver(settings, smtp_server)[seen:] == []
    response = cancel(board, wohnen, reason=REASON)
    assert response.status_int == 303
    page = response.follow()
    assert "Die eingeladenen Mitglieder (5) sind per E-Mail benachrichtigt." in page.text
    assert "<p>Der Sitzungssaal wird renoviert.</p>" in page.text   # the reason on the page
    messages = deliver(settings, smtp_server)[seen:]
    assert len(messages) == 5
    text = body_of(messages[0][2]).replace("\r\n", "\n")
    assert "Begründung:\nDer Sitzungssaal wird renoviert.\n\nWir melden uns" in text
    # the member sees the cancellation and its reason too
    assert "Der Sitzungssaal wird renoviert." in member.get(wohnen).text


def test_reinstate_undoes_a_cancellation_with_a_notice(board, urls, db, settings, smtp_server):
    wohnen = urls["wohnen"]
    invite(board, wohnen)
    cancel(board, wohnen, status=303)
    seen = len(deliver(settings, smtp_server))
    page = board.get(wohnen)
    assert "Sitzung wieder ansetzen" in page.text and "Sitzung absagen" not in page.text
    confirm = board.get(wohnen + "reinstate")
    assert "findet doch statt" in plain(confirm)
    response = board.post(wohnen + "reinstate", {"csrf_token": csrf_token(board)})
    assert response.status_int == 303
    assert "Die Absage ist aufgehoben" in response.follow().text
    with opened(db, wohnen) as meeting:
        assert meeting.status == "invited" and meeting.cancel_reason == ""
    messages = deliver(settings, smtp_server)[seen:]
    assert len(messages) == 5
    assert messages[0][2]["Subject"].startswith("Findet doch statt: Wohnungsmarkt aktuell")
    assert LINK.search(body_of(messages[0][2]))   # the reply link again
    # reinstating twice, or a past meeting, is refused clearly
    again = board.post(wohnen + "reinstate", {"csrf_token": csrf_token(board)}).follow()
    assert "Die Sitzung ist nicht abgesagt." in again.text


def test_a_past_cancelled_meeting_cannot_be_reinstated(board, urls, db):
    past = urls["past"]
    cancel(board, past, status=303)
    page = board.get(past + "reinstate")
    assert "Diese Sitzung kann nicht wieder angesetzt werden." in page.text
    assert "Sitzung wieder ansetzen" not in board.get(past).text
    board.post(past + "reinstate", {"csrf_token": csrf_token(board)}, status=303)
    with opened(db, past) as meeting:
        assert meeting.status == "cancelled"


def test_moving_mails_the_reason(board, urls, db, settings, smtp_server):
    wohnen = urls["wohnen"]
    invite(board, wohnen)
    seen = len(deliver(settings, smtp_server))
    with opened(db, wohnen) as meeting:
        new_day = meeting.local_start.date() + timedelta(days=7)
    page = board.get(wohnen + "edit")
    assert "Die eingeladenen Mitglieder werden" in plain(page)
    form = page.forms["form"]
    form["date"] = new_day.isoformat()
    form["reason"] = "Später, damit Berufstätige kommen können."
    assert form.submit("save").status_int == 303
    messages = deliver(settings, smtp_server)[seen:]
    assert "Später, damit Berufstätige kommen können." in body_of(messages[0][2])
