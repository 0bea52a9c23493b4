"""Invitations through a real SMTP server, replies by personal link and logged in,
the coordinator's attendance record and the quorum."""
import re
from datetime import timedelta

import pytest
from pyramid.traversal import resource_path

from roundtable.meetings.tokens import make_token, verify_token
from roundtable.timeutil import now
from tests.conftest import deliver, edit
from tests.meetings.helpers import begun, cancel, create_meetings, csrf_token, opened, plain, status

WOHNEN_MEMBERS = {
    "aylin-demir": "aylin.demir@example.org",
    "mahmoud-al-hassan": "mahmoud.al.hassan@example.org",
    "olena-kovalenko": "olena.kovalenko@example.org",
    "kwame-mensah": "kwame.mensah@example.org",
    "agnieszka-nowak": "agnieszka.nowak@example.org",
}
LINK = re.compile(r"(http://localhost/bodies/ag-wohnen/meetings/[\w-]+/reply/([\w-]+)/(\d+\.[0-9a-f]+))")


class _Reply:
    def __init__(self, form, value):
        self.form, self.value = form, value

    def submit(self, **kw):
        return self.form.submit("reply", value=self.value, **kw)


def reply_form(page, value):
    """The page's reply form, to be submitted with the button for ``value``."""
    form = [f for f in page.forms.values() if "reply" in f.fields][0]
    assert value in [field.value_if_submitted() for field in form.fields["reply"]]
    return _Reply(form, value)


@pytest.fixture
def urls(db):
    return create_meetings(db)


def invite(client, path):
    page = client.get(path + "invite")
    form = [f for f in page.forms.values() if f.action.endswith("/invite")][0]
    return form.submit()


def body_of(message):
    return message.get_body(("plain",)).get_content()


# invitations -------------------------------------------------------------------------

def test_invitation_reaches_every_member_with_agenda_and_personal_link(board, urls, db, settings,
                                                                        smtp_server):
    wohnen = urls["wohnen"]
    page = board.get(wohnen + "invite")
    assert "an 5 Mitglieder des Gremiums" in plain(page)
    response = invite(board, wohnen)
    assert response.status_int == 303
    assert "Die Einladung ist an 5 Mitglieder verschickt." in response.follow().text
    messages = deliver(settings, smtp_server)
    assert sorted(r for _f, rcpts, _m in messages for r in rcpts) == sorted(WOHNEN_MEMBERS.values())
    links = {}
    for _sender, (recipient,), message in messages:
        assert message["Subject"].startswith("Einladung: Wohnungsmarkt aktuell am Sonntag, ")
        text = body_of(message)
        for expected in ("TOP 1  Begrüßung", "TOP 2  Mietschulden: Einzelfälle (nicht öffentlich)",
                         "TOP 3  Verschiedenes", "Rathaus, Raum 1", "Rathausplatz 1, 24937 Flensburg",
                         "Barrierefreiheit: Stufenloser Zugang über den Hof"):
            assert expected in text, (expected, text)
        [(link, person_id, _token)] = LINK.findall(text)
        assert WOHNEN_MEMBERS[person_id] == recipient
        links[person_id] = link
    assert len(set(links.values())) == 5
    with opened(db, wohnen) as meeting:
        assert meeting.status == "invited" and meeting.invited_at is not None


def test_inviting_a_past_meeting_is_refused_and_sends_nothing(board, urls, db, settings, smtp_server):
    past = urls["past"]
    page = board.get(past + "invite")
    assert "Zu einer vergangenen Sitzung kann nicht eingeladen werden." in page.text
    assert not [f for f in page.forms.values() if f.action.endswith("/invite")]
    response = board.post(past + "invite", {"csrf_token": csrf_token(board)}, expect_errors=True)
    assert response.status_int == 400
    assert "Zu einer vergangenen Sitzung kann nicht eingeladen werden." in response.text
    assert deliver(settings, smtp_server) == []
    with opened(db, past) as meeting:
        assert meeting.status == "planned" and meeting.invited_at is None


def test_only_editors_invite(clients, urls, settings, smtp_server):
    for role in ("anonymous", "member", "chair"):
        assert status(clients[role], urls["wohnen"] + "invite", "POST") == (404 if role == "anonymous" else 403), role
    assert deliver(settings, smtp_server) == []


# personal reply links ------------------------------------------------------------------

def mailed_link(board, urls, settings, smtp_server, person_id="olena-kovalenko"):
    invite(board, urls["wohnen"])
    for _sender, _rcpts, message in deliver(settings, smtp_server):
        for link, pid, _token in LINK.findall(body_of(message)):
            if pid == person_id:
                return link.replace("http://localhost", "")
    raise AssertionError("no link for " + person_id)


def test_reply_by_personal_link_without_login(app, board, urls, db, settings, smtp_server):
    from webtest import TestApp

    link = mailed_link(board, urls, settings, smtp_server)
    visitor = TestApp(app)
    page = visitor.get(link)
    assert "Guten Tag Olena Kovalenko, bitte sagen Sie hier zu oder ab." in plain(page)
    assert page.headers["Referrer-Policy"] == "no-referrer"
    with opened(db, urls["wohnen"]) as meeting:  # a GET changes nothing
        assert meeting.attendance_for("olena-kovalenko") is None
    form = reply_form(page, "no")
    form.form["note"] = "Brauche Kinderbetreuung, sonst komme ich nicht."
    response = form.submit(status=303)
    page = response.follow()
    assert "Danke, Ihre Rückmeldung ist gespeichert: entschuldigt." in page.text
    assert "Ihre Notiz: Brauche Kinderbetreuung" in plain(page)
    assert [b["value"] for b in page.html.select('button[name=reply][aria-pressed="true"]')] == ["no"]
    with opened(db, urls["wohnen"]) as meeting:
        record = meeting.attendance_for("olena-kovalenko")
        assert (record.reply, record.replied_via) == ("no", "link")
    # changing one's mind
    page = visitor.get(link)
    reply_form(page, "yes").submit(status=303)
    with opened(db, urls["wohnen"]) as meeting:
        assert meeting.attendance_for("olena-kovalenko").reply == "yes"
    # the coordinator sees the count on the meeting page
    assert "Rückmeldungen: 1 Zusagen, 0 Absagen." in plain(board.get(urls["wohnen"]))


def test_tampered_links_are_not_found(app, board, urls, db, settings, smtp_server):
    from webtest import TestApp

    link = mailed_link(board, urls, settings, smtp_server)
    visitor = TestApp(app)
    prefix, person_id, token = link.rsplit("/", 2)
    expiry, signature = token.split(".")
    flipped = signature[:-1] + ("0" if signature[-1] != "0" else "1")
    for bad in (f"{prefix}/{person_id}/{expiry}.{flipped}",          # signature changed
                f"{prefix}/{person_id}/{int(expiry) + 86400}.{signature}",  # expiry extended
                f"{prefix}/kwame-mensah/{token}",                      # someone else's
                f"{prefix}/{person_id}/{signature}",                   # malformed
                f"{prefix}/{person_id}",
                urls["sb"] + f"reply/{person_id}/{token}"):            # another meeting
        assert visitor.get(bad, expect_errors=True).status_int == 404, bad
        assert visitor.post(bad, {"reply": "yes", "csrf_token": csrf_token(visitor)},
                            expect_errors=True).status_int == 404, bad
    with opened(db, urls["wohnen"]) as meeting:
        assert len(meeting.attendance) == 0


def test_expired_link_is_gone(app, urls, db, settings):
    from webtest import TestApp

    with opened(db, urls["past"]) as meeting:
        path = resource_path(meeting)
        token = make_token(settings["roundtable.secret"], path, "kwame-mensah", meeting.reply_expiry())
        assert meeting.reply_expiry() < now()
    visitor = TestApp(app)
    response = visitor.get(f"{path}/reply/kwame-mensah/{token}", expect_errors=True)
    assert response.status_int == 410
    assert "Dieser Link zur Rückmeldung ist abgelaufen" in response.text
    response = visitor.post(f"{path}/reply/kwame-mensah/{token}",
                            {"reply": "yes", "csrf_token": csrf_token(visitor)}, expect_errors=True)
    assert response.status_int == 410
    with opened(db, urls["past"]) as meeting:
        assert meeting.attendance_for("kwame-mensah") is None


def test_link_follows_a_meeting_moved_later(app, urls, db, settings):
    """A link signed for the old date keeps working until a day after the new end."""
    from webtest import TestApp

    with opened(db, urls["past"]) as meeting:
        path = resource_path(meeting)
        token = make_token(settings["roundtable.secret"], path, "kwame-mensah", meeting.reply_expiry())
        meeting.update(start=now() + timedelta(days=3), end=now() + timedelta(days=3, hours=2))
    visitor = TestApp(app)
    page = visitor.get(f"{path}/reply/kwame-mensah/{token}")
    reply_form(page, "yes").submit(status=303)
    with opened(db, urls["past"]) as meeting:
        assert meeting.attendance_for("kwame-mensah").reply == "yes"


def test_cancelled_meeting_takes_no_replies_by_link(app, board, urls, db, settings, smtp_server):
    from webtest import TestApp

    link = mailed_link(board, urls, settings, smtp_server)
    cancel(board, urls["wohnen"], status=303)
    visitor = TestApp(app)
    page = visitor.get(link)
    assert "Für diese Sitzung sind keine Rückmeldungen mehr möglich." in page.text
    assert not [f for f in page.forms.values() if "reply" in f.fields]
    response = visitor.post(link, {"reply": "yes", "csrf_token": csrf_token(visitor)}, expect_errors=True)
    assert response.status_int == 409
    with opened(db, urls["wohnen"]) as meeting:
        assert meeting.attendance_for("olena-kovalenko") is None


def test_token_round_trip():
    from datetime import datetime, timezone

    expires = datetime(2027, 3, 29, 12, tzinfo=timezone.utc)
    token = make_token("s3cret", "/bodies/x/meetings/2027-03-28", "p1", expires)
    assert verify_token("s3cret", "/bodies/x/meetings/2027-03-28", "p1", token) == expires
    assert verify_token("other", "/bodies/x/meetings/2027-03-28", "p1", token) is None
    assert verify_token("s3cret", "/bodies/x/meetings/2027-03-28", "p2", token) is None
    assert verify_token("s3cret", "/bodies/x/meetings/2027-03-28", "p1", "x" + token) is None
    assert verify_token("s3cret", "/bodies/x/meetings/2027-03-28", "p1", "") is None


# replies when logged in ----------------------------------------------------------------------

def _pressed(page, meeting_path):
    """The highlighted reply buttons of one meeting's reply form on the page."""
    form = page.html.find("form", action=lambda a: a and a.endswith(meeting_path + "respond"))
    return form.select('button[name=reply][aria-pressed="true"]')


def test_member_replies_on_the_meeting_page_and_on_my_meetings(member, urls, db):
    wohnen = urls["wohnen"]
    page = member.get(wohnen)
    assert "Sie haben noch nicht zu- oder abgesagt." in page.text
    form = [f for f in page.forms.values() if f.action.endswith("/respond")][0]
    form["note"] = "Ich komme mit der Vertretung."
    response = form.submit("reply", value="yes", status=303)
    assert response.location.endswith(wohnen + "#reply")
    page = response.follow()
    assert "Ihre Rückmeldung ist gespeichert: nimmt teil." in page.text
    assert "Ihre Notiz: Ich komme mit der Vertretung." in plain(page)
    pressed = page.html.select('button[name=reply][aria-pressed="true"]')
    assert [b["value"] for b in pressed] == ["yes"] and "✓" in pressed[0].get_text()
    with opened(db, wohnen) as meeting:
        record = meeting.attendance_for("kwame-mensah")
        assert (record.reply, record.replied_via, record.note) == ("yes", "web", "Ich komme mit der Vertretung.")
    mine = member.get("/my-meetings")
    text = plain(mine)
    assert "Wohnungsmarkt aktuell" in text
    assert "Planungssitzung" not in text  # not a member of that group
    assert "Vorstandsklausur" not in text
    row = [f for f in mine.forms.values() if f.action.endswith(wohnen + "respond")][0]
    assert [b["value"] for b in _pressed(mine, wohnen)] == ["yes"]
    response = row.submit("reply", value="no", status=303)
    assert response.location == "http://localhost/my-meetings"
    with opened(db, wohnen) as meeting:
        assert meeting.attendance_for("kwame-mensah").reply == "no"
    mine = member.get("/my-meetings")
    assert "entschuldigt" in plain(mine)
    assert [b["value"] for b in _pressed(mine, wohnen)] == ["no"]
    with opened(db, wohnen) as meeting:   # "Meine Sitzungen" has no note field: the note stays
        assert meeting.attendance_for("kwame-mensah").note == "Ich komme mit der Vertretung."
    # a note too long: a clean 400 with a German message, nothing stored
    token = [f for f in member.get(wohnen).forms.values() if f.action.endswith("/respond")][0]["csrf_token"].value
    response = member.post(wohnen + "respond", {"csrf_token": token, "reply": "yes", "note": "x" * 501},
                           expect_errors=True)
    assert response.status_int == 400 and "Die Notiz ist zu lang" in response.text
    with opened(db, wohnen) as meeting:
        assert meeting.attendance_for("kwame-mensah").reply == "no"


def test_only_members_of_the_body_reply(clients, urls, db):
    # the member is not in AG Sprache und Bildung; the admin has no person at all
    assert status(clients["member"], urls["sb"] + "respond", "POST", reply="yes") == 403
    assert status(clients["admin"], urls["sb"] + "respond", "POST", reply="yes") == 400
    assert status(clients["chair"], urls["sb"] + "respond", "POST", reply="maybe") == 400
    with opened(db, urls["sb"]) as meeting:
        assert len(meeting.attendance) == 0
    assert "Ihre Teilnahme" not in clients["board"].get(urls["sb"]).text
    assert "Ihre Teilnahme" in clients["chair"].get(urls["sb"]).text


def test_my_meetings_without_a_person(admin):
    assert "mit keinem Mitgliedseintrag verknüpft" in admin.get("/my-meetings").text


# attendance record and quorum -------------------------------------------------------------

def test_chair_records_attendance_and_sees_the_quorum(chair, urls, db):
    sb = urls["sb"]
    begun(db, sb)
    page = chair.get(sb + "attendance")
    assert "nicht beschlussfähig: 0 von 4 stimmberechtigten Mitgliedern anwesend (nötig: 2)" in page.text
    form = [f for f in page.forms.values() if f.action.endswith("/attendance")][0]
    form["presence-agnieszka-nowak"] = "present"
    form["presence-birte-hansen"] = "present"
    form["presence-thomas-petersen"] = "excused"
    form["presence-jens-christiansen"] = "present"  # a guest member without vote
    form["guests"] = "3"
    response = form.submit(status=303)
    page = response.follow()
    assert "Anwesenheit gespeichert." in page.text
    assert "beschlussfähig: 2 von 4 stimmberechtigten Mitgliedern anwesend (nötig: 2)" in page.text
    with opened(db, sb) as meeting:
        assert meeting.attendance_for("thomas-petersen").presence == "excused"
        assert meeting.guests == 3
        assert meeting.quorum() == (2, 4, 2, True)
    text = plain(chair.get(sb))
    assert "beschlussfähig: 2 von 4 stimmberechtigten Mitgliedern anwesend (nötig: 2)" in text
    assert "Gäste: 3" in text


@pytest.mark.parametrize("field, value, message", [
    ("guests", "-1", "Die Zahl der Gäste muss eine ganze Zahl"),
    ("guests", "viele", "Die Zahl der Gäste muss eine ganze Zahl"),
    ("presence-birte-hansen", "vielleicht", "Bitte wählen Sie für jedes Mitglied"),
])
def test_bad_attendance_input_stores_nothing(chair, urls, db, field, value, message):
    sb = urls["sb"]
    begun(db, sb)
    form = [f for f in chair.get(sb + "attendance").forms.values() if f.action.endswith("/attendance")][0]
    fields = dict(form.submit_fields())
    fields["presence-agnieszka-nowak"] = "present"
    fields[field] = value
    response = chair.post(sb + "attendance", fields, expect_errors=True)
    assert response.status_int == 400 and message in response.text
    with opened(db, sb) as meeting:
        assert len(meeting.attendance) == 0 and meeting.guests == 0


def _attendance_form(client, path):
    return [f for f in client.get(path + "attendance").forms.values()
            if f.action.endswith("/attendance") and "guests" in f.fields][0]


def test_replies_prefill_the_attendance_form(board, db, urls):
    with opened(db, urls["wohnen"]) as meeting:
        meeting.reply("olena-kovalenko", "no", via="web")
        meeting.reply("aylin-demir", "yes", via="web")
    begun(db, urls["wohnen"])
    form = _attendance_form(board, urls["wohnen"])
    assert form["presence-olena-kovalenko"].value == "excused"
    assert form["presence-aylin-demir"].value == "present"
    assert form["presence-kwame-mensah"].value == ""


def test_reply_link_stops_working_when_the_membership_ends(app, board, urls, db, settings, smtp_server):
    from webtest import TestApp

    link = mailed_link(board, urls, settings, smtp_server)
    visitor = TestApp(app)
    page = visitor.get(link)
    token = csrf_token(visitor)
    with edit(db) as portal:
        body = portal["bodies"]["ag-wohnen"]
        for membership in body.current_memberships():
            if membership.person_id == "olena-kovalenko":
                body.end_membership(membership)
    assert "Mitgliedschaft im Gremium beendet" in visitor.get(link, status=410).text
    response = visitor.post(link, {"reply": "yes", "csrf_token": token}, expect_errors=True)
    assert response.status_int == 410
    assert page.status_int == 200
    with opened(db, urls["wohnen"]) as meeting:
        assert meeting.attendance_for("olena-kovalenko") is None


def test_everyone_who_accepted_was_present_in_one_action(board, db, urls):
    wohnen = urls["wohnen"]
    with opened(db, wohnen) as meeting:
        for pid, reply in (("aylin-demir", "yes"), ("kwame-mensah", "yes"), ("olena-kovalenko", "no")):
            meeting.reply(pid, reply, via="web")
    begun(db, wohnen)
    with opened(db, wohnen) as meeting:
        meeting.record_presence("kwame-mensah", "absent")   # recorded already: kept
    with opened(db, wohnen) as meeting:
        meeting.reply("aylin-demir", "yes", via="web", note="Bringe die Vertretung mit.")
    page = board.get(wohnen + "attendance")
    assert "Alle mit Zusage waren anwesend (2)" in plain(page)
    assert "Bringe die Vertretung mit." in page.text   # the coordinator sees the note
    response = board.post(wohnen + "attendance", {"csrf_token": csrf_token(board), "accepted_present": "1"})
    assert "1 Mitglieder mit Zusage als anwesend erfasst." in response.follow().text
    with opened(db, wohnen) as meeting:
        assert meeting.attendance_for("aylin-demir").presence == "present"
        assert meeting.attendance_for("kwame-mensah").presence == "absent"
        assert meeting.attendance_for("olena-kovalenko").presence is None


def test_attendance_before_the_start_is_refused_clearly(board, db, urls):
    wohnen = urls["wohnen"]
    page = board.get(wohnen + "attendance")
    assert "Die Sitzung hat noch nicht begonnen." in page.text
    assert not [f for f in page.forms.values() if "guests" in f.fields]
    for params in ({"presence-aylin-demir": "present", "guests": "0"}, {"accepted_present": "1"}):
        response = board.post(wohnen + "attendance", dict(params, csrf_token=csrf_token(board)),
                              expect_errors=True)
        assert response.status_int == 400
        assert "Die Sitzung hat noch nicht begonnen." in response.text
    with opened(db, wohnen) as meeting:
        assert len(meeting.attendance) == 0
