"""The motions through WebTest: the whole lifecycle as board and coordinator,
co-editing with versions, what the public and members see, bad input."""
import io
import re
from datetime import timedelta

from pypdf import PdfReader

from roundtable.timeutil import now, to_local
from tests.conftest import edit
from tests.meetings.helpers import csrf_token, opened, plain
from tests.motions.helpers import REGISTER, create, plenary_meeting

LOGIN = 404  # anonymous: hidden looks like missing


def fill(form, **values):
    for key, value in values.items():
        form[key] = value
    return form


def test_whole_lifecycle_as_board_and_coordinator(clients, db):
    board, admin, member, anonymous = (clients[r] for r in ("board", "admin", "member", "anonymous"))
    day = to_local(now() - timedelta(days=20)).date()
    with edit(db) as portal:
        meeting = plenary_meeting(portal, now() - timedelta(days=20))
        item_path = "/".join(["", "bodies", "runder-tisch", "meetings", meeting.__name__, "agenda",
                              meeting.agenda.ordered()[1].__name__])

    # the board drafts (the author is preselected: herself)
    form = board.get(REGISTER + "add").forms["form"]
    fill(form, title="Dolmetschpool für Elterngespräche", resolution="Die Stadt richtet einen "
         "Dolmetschpool ein.", reasoning="Eltern verstehen die Schule besser.")
    response = form.submit("save")
    assert response.status_int == 303
    motion = response.location.replace("http://localhost", "")
    assert "Eingebracht von Aylin Demir" in plain(board.get(motion))

    # invisible to the public and to members, also in the register
    assert anonymous.get(motion, expect_errors=True).status_int in (LOGIN, 403, 404)
    assert member.get(motion, expect_errors=True).status_int in (403, 404)
    assert "Dolmetschpool" not in member.get(REGISTER).text
    assert "Dolmetschpool" not in anonymous.get(REGISTER).text
    assert member.get(REGISTER + "dashboard", expect_errors=True).status_int == 403

    # a second author (the coordinator) edits; the board's older form is refused
    stale = board.get(motion + "edit").forms["form"]
    form = admin.get(motion + "edit").forms["form"]
    form["resolution"] = "Die Stadt richtet einen Dolmetschpool für Schulen ein."
    assert form.submit("save").status_int == 303
    stale["reasoning"] = "Mein wichtiger Zusatz."
    refused = stale.submit("save", expect_errors=True)
    assert refused.status_int == 409
    assert "Fassung 2" in plain(refused) and "Mein wichtiger Zusatz." in refused.text
    # saving again, deliberately, over the version now known
    saved = refused.forms["form"].submit("save")
    assert saved.status_int == 303
    with opened(db, motion) as m:  # both authors' changes kept
        assert m.resolution == "Die Stadt richtet einen Dolmetschpool für Schulen ein."
        assert m.reasoning == "Mein wichtiger Zusatz." and m.version == 3
    page = board.get(motion + "versions?a=1&b=3")
    assert "<del>" in page.text and "<ins>" in page.text and "Fassung 3" in plain(page)
    assert board.get(motion + "versions?a=1&b=9", expect_errors=True).status_int == 400

    # an invalid step: submitting a draft that was never adopted
    form = board.get(motion + "submit").forms["form"]
    refused = form.submit("save", expect_errors=True)
    assert refused.status_int == 400 and "beschlossen" in plain(refused)

    # on the round table's agenda; the agenda item shows the motion
    form = board.get(motion + "schedule").forms["form"]
    meeting_path = item_path.rsplit("/agenda/", 1)[0]
    form["meeting"] = meeting_path
    response = form.submit("save")
    assert response.status_int == 303
    assert "als TOP 3 auf der Tagesordnung" in response.follow().text   # its own item
    assert "Dolmetschpool" in member.get(motion).text
    meeting_page = member.get(meeting_path + "/")
    assert motion in meeting_page.text and "TOP 3" in plain(meeting_page)

    # adopted by the coordinator: a reference, then public
    form = admin.get(motion + "adopt").forms["form"]
    fill(form, text="Einstimmig beschlossen.", yes="18", no="0", abstain="1")
    assert form.submit("save").status_int == 303
    page = anonymous.get(motion)
    reference = re.search(r"RT-\d{4}/\d{2}", plain(page)).group(0)
    assert reference.startswith(f"RT-{day.year}/")
    assert "Ja: 18" in plain(page)
    assert "Dolmetschpool" in anonymous.get(REGISTER).text

    # submitted, consulted, decided, implemented, done
    form = board.get(motion + "submit").forms["form"]
    form["date"] = (day - timedelta(days=1)).isoformat()
    refused = form.submit("save", expect_errors=True)
    assert refused.status_int == 400 and "vor dem Beschluss" in plain(refused)
    form = refused.forms["form"]
    form["date"] = (day + timedelta(days=1)).isoformat()
    assert form.submit("save").status_int == 303
    assert board.post(motion + "decide", {"csrf_token": csrf_token(board)}).status_int == 303
    assert "Ohne Beratung in einem Ausschuss" in plain(board.get(motion))  # refused, flashed
    with opened(db, motion) as m:
        assert m.state == "submitted"
    form = board.get(motion + "consultation").forms["form"]
    fill(form, committee_id="ausschuss-fuer-soziales-und-gesundheit",
         date=(day + timedelta(days=8)).isoformat(), time="17:00", role="decision",
         document_ref="DS-2026/417", document_url="https://ratsinfo.example.org/vorlage/417")
    assert form.submit("save").status_int == 303
    page = board.get(motion)
    assert "in Beratung" in plain(page)
    result_link = re.search(r'href="([^"]*result\?cid=1)"', page.text).group(1)
    form = board.get(result_link).forms["form"]
    form["result"] = "amended"
    assert form.submit("save").status_int == 303
    assert admin.post(motion + "decide", {"csrf_token": csrf_token(admin)}).status_int == 303
    form = board.get(motion + "note").forms["form"]
    form["text"] = "Der Pool hat mit zehn Sprachen begonnen."
    assert form.submit("save").status_int == 303
    assert board.post(motion + "complete", {"csrf_token": csrf_token(board)}).status_int == 303

    page = plain(anonymous.get(motion))
    for text in ("erledigt", "DS-2026/417", "geändert angenommen", "zehn Sprachen",
                 "Vom Runden Tisch beschlossen", "Beim Fachbereich eingereicht"):
        assert text in page, text
    assert "eingetragen von" not in page  # who did what is for the board
    assert "eingetragen von" in plain(board.get(motion))
    with opened(db, motion) as m:
        assert [h["to"] for h in m.history] == [
            "on_agenda", "adopted", "submitted", "in_consultation", "decided",
            "implementation", "done"]

    # the letter to the department, parsed back
    pdf = board.get(motion + "letter.pdf")
    assert pdf.content_type == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.body)).pages)
    assert "Dolmetschpool für Elterngespräche" in text and reference in text
    assert anonymous.get(motion + "letter.pdf", expect_errors=True).status_int in (LOGIN, 403)


def test_register_filters_and_bad_values(anonymous, db):
    page = anonymous.get(REGISTER)
    assert "Sprachmittlung in Arztpraxen" in page.text
    assert "Schutzkonzept" not in page.text  # a demo draft
    assert "Sprachmittlung in Arztpraxen" in anonymous.get(REGISTER + "?status=done").text
    assert "Sprachmittlung" not in anonymous.get(REGISTER + "?status=submitted").text
    assert "Sprachmittlung" in anonymous.get(
        REGISTER + "?committee=ausschuss-fuer-soziales-und-gesundheit&field=health").text
    year = to_local(now()).year
    assert anonymous.get(REGISTER + f"?year={year}").status_int == 200
    for query in ("status=draft", "year=abc", "committee=nirgends", "field=x", "year=20266"):
        response = anonymous.get(REGISTER + "?" + query, expect_errors=True)
        assert response.status_int == 400, query
        assert "alert-danger" in response.text


def test_drafts_are_the_boards_only(clients, db):
    draft = create(db, title="Geheimer Entwurf")
    agenda = create(db, title="Auf der Tagesordnung", state="on_agenda")
    expected = {"anonymous": (LOGIN, LOGIN), "member": (403, 200), "chair": (403, 200),
                "board": (200, 200), "admin": (200, 200)}
    for role, (draft_status, agenda_status) in expected.items():
        client = clients[role]
        assert client.get(draft, expect_errors=True).status_int == draft_status, role
        assert client.get(agenda, expect_errors=True).status_int == agenda_status, role
        for name in ("edit", "versions", "schedule"):
            status = client.get(draft + name, expect_errors=True).status_int
            assert status == (200 if role in ("board", "admin") else draft_status), (role, name)
    assert clients["board"].get(REGISTER + "dashboard").status_int == 200
    assert "Geheimer Entwurf" in clients["board"].get(REGISTER + "dashboard").text


def test_delete_a_draft_and_attachments(board, anonymous, db):
    draft = create(db, title="Wegwerfentwurf")
    page = board.post(draft + "upload", {"csrf_token": csrf_token(board), "title": "Konzept"},
                      upload_files=[("upload", "konzept.pdf", b"%PDF-1.4\n%%EOF\n",
                                     "application/pdf")])
    assert page.status_int == 303
    assert board.get(draft + "konzept.pdf").content_type == "application/pdf"
    assert anonymous.get(draft + "konzept.pdf", expect_errors=True).status_int in (LOGIN, 403)
    refused = board.post(draft + "upload", {"csrf_token": csrf_token(board)},
                         upload_files=[("upload", "x.exe", b"MZ", "application/x-msdownload")],
                         expect_errors=True)
    assert refused.status_int == 400
    assert board.post(draft + "delete", {"csrf_token": csrf_token(board)}).status_int == 303
    assert board.get(draft, expect_errors=True).status_int == 404
    adopted = create(db, title="Beschlossen", state="adopted")
    assert board.post(adopted + "delete", {"csrf_token": csrf_token(board)},
                      expect_errors=True).status_int == 400


def test_a_used_reference_is_refused_in_the_form(admin, db):
    create(db, title="Erster", state="adopted", reference="RT-2026/40")
    second = create(db, title="Zweiter", state="on_agenda")
    form = admin.get(second + "adopt").forms["form"]
    form["reference"] = "RT-2026/40"
    refused = form.submit("save", expect_errors=True)
    assert refused.status_int == 400 and "bereits vergeben" in plain(refused)
    with opened(db, second) as motion:
        assert motion.state == "on_agenda" and motion.reference is None


def test_adoption_links_the_minutes_decision_and_events_are_sent(app, clients, db):
    from roundtable.events import ObjectAdded, ObjectModified
    from tests.minutes.data import write_minutes

    seen = []
    app.registry.registerHandler(lambda event: seen.append(type(event).__name__),
                                 (ObjectModified,))
    app.registry.registerHandler(lambda event: seen.append(type(event).__name__), (ObjectAdded,))
    motion = create(db, title="Mit Protokoll", state="on_agenda")
    with opened(db, motion) as m:
        meeting = m.meeting()
        meeting.status = "held"
        write_minutes(meeting, "draft")
        decision_text = meeting.minutes.entry(m.agenda_item().__name__)["decisions"][0]["text"]
    board = clients["board"]
    form = board.get(motion + "adopt").forms["form"]
    form["decision"] = "0"
    assert form.submit("save").status_int == 303
    with opened(db, motion) as m:
        assert m.decision["text"] == decision_text
        assert (m.decision["yes"], m.decision["no"], m.decision["abstain"]) == (12, 1, 2)
        assert m.decision["minutes"].endswith("/minutes")
    assert "ObjectModified" in seen
    page = plain(board.get(motion))
    assert decision_text in page and "Protokoll der Sitzung" in page
    # the minutes are a draft: the public sees the decision, not the link
    assert "Protokoll der Sitzung" not in plain(clients["anonymous"].get(motion))


def test_dashboard_warns_about_deadlines_and_overdue_results(board, db):
    from datetime import datetime, time

    from roundtable.committees.resources import Committee
    from roundtable.timeutil import to_utc

    today = to_local(now()).date()
    with edit(db) as portal:
        portal["committees"].add_committee(Committee("Testausschuss Fristen", meeting_dates=[
            to_utc(datetime.combine(today + timedelta(days=10), time(17))),
            to_utc(datetime.combine(today + timedelta(days=25), time(17))),
            to_utc(datetime.combine(today + timedelta(days=50), time(17)))]))
    create(db, title="Ergebnis fehlt", state="in_consultation")
    page = board.get(REGISTER + "dashboard")
    rows = [plain_row for plain_row in page.html.select("tr")
            if "Testausschuss Fristen" in plain_row.get_text()]
    texts = [" ".join(r.get_text().split()) for r in rows]
    assert "Frist verstrichen" in texts[0] and "warn-past" in rows[0]["class"]
    assert "Frist endet in 4 Tagen" in texts[1] and "warn-close" in rows[1]["class"]
    assert "noch 29 Tage" in texts[2]
    overdue = plain(page).split("Überfällig", 1)[1].split("Kommende Beratungen")[0]
    assert "Ergebnis fehlt" in overdue and "Ergebnis der Beratung nachtragen" in overdue


def test_follow_up_date_after_adoption_shows_on_the_dashboard(board, db):
    motion = create(db, title="Nachfassen", state="submitted")
    form = board.get(motion + "follow-up").forms["form"]
    form["date"] = (to_local(now()).date() - timedelta(days=1)).isoformat()
    assert form.submit("save").status_int == 303
    overdue = plain(board.get(REGISTER + "dashboard")).split("Überfällig", 1)[1]
    assert "Nachfassen – Wiedervorlage fällig" in overdue.split("Kommende Beratungen")[0]


def test_a_draft_needs_a_title_and_an_author(board):
    form = board.get(REGISTER + "add").forms["form"]
    for field in form.fields["checkbox"]:
        if field._value == "aylin-demir":
            field.checked = False
    form["title"] = ""
    page = plain(form.submit("save"))
    assert "Bitte mindestens eine Autorin oder einen Autor wählen." in page
    assert "Entwurf „" not in page
