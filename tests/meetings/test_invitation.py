"""The invitation: previewed with the coordinator's personal note, delivered at
the real SMTP server with the note, the reply link and the meeting as an
``.ics`` attachment that Mozilla's ical.js reads."""
from roundtable.timeutil import to_local
from tests.calendar.test_icaljs import ical_js
from tests.conftest import deliver
from tests.meetings.helpers import opened, plain
from tests.meetings.test_attendance import LINK, WOHNEN_MEMBERS, body_of, urls  # noqa: F401

NOTE = "Wir feiern danach den Abschied von Frau Petersen.\r\nBitte bringen Sie gute Laune mit."


def _invite_form(page):
    return [f for f in page.forms.values() if f.action.endswith("/invite")][0]


def test_preview_then_send_with_note_and_ics(board, urls, db, settings, smtp_server):
    wohnen = urls["wohnen"]
    form = _invite_form(board.get(wohnen + "invite"))
    form["note"] = NOTE
    preview = form.submit("preview")
    assert preview.status_int == 200
    text = plain(preview)
    assert "Vorschau der Einladung" in text and "Abschied von Frau Petersen" in text
    assert deliver(settings, smtp_server) == []   # a preview sends nothing
    with opened(db, wohnen) as meeting:
        assert meeting.status == "planned"
    form = _invite_form(preview)
    assert form["note"].value.replace("\r\n", "\n") == NOTE.replace("\r\n", "\n")   # kept
    assert form.submit("send").status_int == 303
    messages = deliver(settings, smtp_server)
    assert sorted(r for _f, rcpts, _m in messages for r in rcpts) == sorted(WOHNEN_MEMBERS.values())
    with opened(db, wohnen) as meeting:
        title, local_start = meeting.title, to_local(meeting.start, meeting.tzname)
    for _sender, _rcpts, message in messages:
        text = body_of(message).replace("\r\n", "\n")
        assert "Abschied von Frau Petersen.\nBitte bringen Sie gute Laune mit." in text
        assert LINK.search(text)
        [attachment] = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
        assert attachment.get_filename().endswith(".ics")
        parsed = ical_js(attachment.get_content().encode() if isinstance(attachment.get_content(), str)
                         else attachment.get_content())
        [event] = parsed["events"]
        assert title in event["summary"]
        assert event["tzid"] == "Europe/Berlin"
        assert event["start"].startswith(local_start.strftime("%Y-%m-%dT%H:%M"))
        assert "Mietschulden" in event["description"]   # members see every item


def test_a_note_too_long_is_refused_in_german(board, urls, db, settings, smtp_server):
    form = _invite_form(board.get(urls["wohnen"] + "invite"))
    form["note"] = "x" * 2001
    response = form.submit("send", expect_errors=True)
    assert response.status_int == 400 and "Die persönliche Notiz ist zu lang" in response.text
    assert deliver(settings, smtp_server) == []
    with opened(db, urls["wohnen"]) as meeting:
        assert meeting.status == "planned"
