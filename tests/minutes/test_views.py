"""The minutes through the web, as each role: who sees, edits and moves them on.

Meetings come from tests.minutes.data: the plenary's March session
(the member user belongs to the plenary; the chair user too, without being
its chair) approved in April, and AG Sprache und Bildung's May session (the
chair user chairs the group; the member user is not in it) approved in June.
"""
import io
import re
from datetime import timedelta

import pytest
from pypdf import PdfReader
from pyramid.traversal import find_resource

from roundtable.timeutil import to_local
from tests.conftest import edit
from tests.minutes import data as md
from tests.people.helpers import csrf_token, form_with_action, main_html

ROLES = ("anonymous", "member", "chair", "board", "admin")


@pytest.fixture
def paths(db):
    with edit(db) as portal:
        return md.populate(portal)


def make_minutes(db, path, upto="draft", approving=None):
    with edit(db) as portal:
        md.write_minutes(find_resource(portal, path), upto,
                         approving=find_resource(portal, approving) if approving else None)


def minutes_of(db, path):
    """A fresh look at the stored minutes (state, entries …) outside any request."""
    with edit(db) as portal:
        minutes = find_resource(portal, path).minutes
        return None if minutes is None else {
            "state": minutes.state, "general": minutes.general,
            "entries": {k: dict(v) for k, v in minutes.entries.items()},
            "approved_at_meeting": minutes.approved_at_meeting,
            "versions": len(minutes.versions), "corrections": list(minutes.corrections),
            "history": [dict(h) for h in minutes.history]}


def flash_of(response):
    found = re.search(r'<div class="flash" role="status">(.*?)</div>', response.text, re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found.group(1))).strip() if found else ""


def transition(client, url, name, meeting=None, status=303):
    data = {"csrf_token": csrf_token(client), "transition": name}
    if meeting is not None:
        data["meeting"] = meeting
    return client.post(url + "transition", data, status=status)


def pdf_text(body):
    reader = PdfReader(io.BytesIO(body))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


# -- creating -----------------------------------------------------------------------

def test_board_creates_minutes_from_the_meeting_by_post_only(clients, db, paths):
    board = clients["board"]
    page = board.get(paths.march + "create-minutes")
    assert "Protokoll anlegen" in page.text
    response = form_with_action(page, "/create-minutes").submit(status=303)
    assert response.location.endswith(paths.march + "minutes/")
    assert "als Entwurf angelegt" in flash_of(response.follow())
    assert minutes_of(db, paths.march)["state"] == "draft"
    # a second attempt leads to the same minutes
    again = board.get(paths.march + "create-minutes", status=303)
    assert again.location.endswith(paths.march + "minutes/")


@pytest.mark.parametrize("role,status", [("anonymous", 404), ("member", 403), ("chair", 403)])
def test_who_may_not_create_minutes(clients, db, paths, role, status):
    client = clients[role]
    client.post(paths.march + "create-minutes", {"csrf_token": csrf_token(client)}, status=status)
    assert minutes_of(db, paths.march) is None


def test_chair_creates_minutes_of_her_group_and_csrf_is_required(clients, db, paths):
    chair = clients["chair"]
    chair.post(paths.may + "create-minutes", {"csrf_token": "forged"}, status=400)
    assert minutes_of(db, paths.may) is None
    chair.post(paths.may + "create-minutes", {"csrf_token": csrf_token(chair)}, status=303)
    assert minutes_of(db, paths.may)["state"] == "draft"


def test_no_minutes_yet_is_not_found(clients, paths):
    clients["board"].get(paths.march + "minutes/", status=404)


# -- who sees which state ----------------------------------------------------------

def _status(client, url):
    response = client.get(url, expect_errors=True)
    if response.status_int == 404 and "/login?came_from=" in response.text:
        return "login"  # anonymous: the 404 of a missing page, which offers the login
    return response.status_int


def test_draft_is_seen_by_board_coordinator_and_the_bodys_chair_only(clients, db, paths):
    make_minutes(db, paths.march)
    make_minutes(db, paths.may)
    plenary = {r: _status(clients[r], paths.march + "minutes/") for r in ROLES}
    group = {r: _status(clients[r], paths.may + "minutes/") for r in ROLES}
    # the member and the chair user are plenary members, but drafts are not for members
    assert plenary == {"anonymous": "login", "member": 403, "chair": 403, "board": 200, "admin": 200}
    assert group == {"anonymous": "login", "member": 403, "chair": 200, "board": 200, "admin": 200}
    for suffix in ("print", "minutes.pdf"):
        assert _status(clients["anonymous"], paths.march + "minutes/" + suffix) == "login"
        assert _status(clients["member"], paths.march + "minutes/" + suffix) == 403


def test_review_is_visible_to_the_bodys_members(clients, db, paths):
    make_minutes(db, paths.march, "review")
    make_minutes(db, paths.may, "review")
    plenary = {r: _status(clients[r], paths.march + "minutes/") for r in ROLES}
    group = {r: _status(clients[r], paths.may + "minutes/") for r in ROLES}
    assert plenary == {"anonymous": "login", "member": 200, "chair": 200, "board": 200, "admin": 200}
    # the member user is not in AG Sprache und Bildung
    assert group == {"anonymous": "login", "member": 403, "chair": 200, "board": 200, "admin": 200}
    page = clients["member"].get(paths.march + "minutes/")
    assert "zur Genehmigung" in page.text
    assert 'name="transition"' not in page.text  # members read, they do not move it on
    assert "bearbeiten" not in main_html(page)


def test_published_minutes_are_public_unless_the_meeting_is_not(clients, db, paths):
    make_minutes(db, paths.march, "approved", approving=paths.april)
    assert _status(clients["anonymous"], paths.march + "minutes/") == "login"  # approved, not published
    make_minutes(db, paths.may, "published", approving=paths.june)
    assert {r: _status(clients[r], paths.may + "minutes/") for r in ROLES} == dict.fromkeys(ROLES, 200)
    with edit(db) as portal:
        find_resource(portal, paths.may).public = False
    assert _status(clients["anonymous"], paths.may + "minutes/") == "login"
    assert _status(clients["member"], paths.may + "minutes/") == 403
    assert _status(clients["chair"], paths.may + "minutes/") == 200


# -- transitions per role ----------------------------------------------------------------

def test_transitions_allowed_and_refused_per_role_in_the_plenary(clients, db, paths):
    make_minutes(db, paths.march)
    url = paths.march + "minutes/"
    # draft: nobody but the board and the coordinator may even see it
    for role in ("anonymous", "member", "chair"):
        transition(clients[role], url, "submit", status=404 if role == "anonymous" else 403)
    assert minutes_of(db, paths.march)["state"] == "draft"
    # a step not possible from the state: a message, no error page
    response = transition(clients["board"], url, "publish")
    assert "nicht möglich" in flash_of(response.follow())
    response = transition(clients["board"], url, "nonsense")
    assert "Unbekannter Arbeitsschritt" in flash_of(response.follow())
    transition(clients["board"], url, "submit")
    assert minutes_of(db, paths.march)["state"] == "review"
    # review: body members read it, but may neither revise nor approve
    for role in ("member", "chair"):
        for step in ("revise", "approve"):
            response = transition(clients[role], url, step, meeting="2025-04-09")
            assert "Sie dürfen diesen Schritt nicht ausführen" in flash_of(response.follow()), (role, step)
    state = minutes_of(db, paths.march)
    assert state["state"] == "review" and state["approved_at_meeting"] is None
    transition(clients["anonymous"], url, "approve", meeting="2025-04-09", status=404)
    # the coordinator sends it back, the board submits again
    transition(clients["admin"], url, "revise")
    assert minutes_of(db, paths.march)["state"] == "draft"
    transition(clients["board"], url, "submit")
    # approving needs the later meeting of the same body
    response = transition(clients["board"], url, "approve")
    assert "spätere Sitzung desselben Gremiums" in flash_of(response.follow())
    response = transition(clients["board"], url, "approve", meeting="2025-05-06")  # another body's
    assert "spätere Sitzung desselben Gremiums" in flash_of(response.follow())
    response = transition(clients["board"], url, "approve", meeting="2025-03-12")  # itself
    assert "spätere Sitzung desselben Gremiums" in flash_of(response.follow())
    assert minutes_of(db, paths.march)["state"] == "review"
    response = transition(clients["board"], url, "approve", meeting=paths.april.split("/")[-2])
    assert "genehmigt" in flash_of(response.follow())
    state = minutes_of(db, paths.march)
    assert state["state"] == "approved"
    assert state["approved_at_meeting"] == paths.april.rstrip("/")
    transition(clients["member"], url, "publish")
    assert minutes_of(db, paths.march)["state"] == "approved"
    transition(clients["board"], url, "publish")
    state = minutes_of(db, paths.march)
    assert state["state"] == "published"
    assert state["history"][3]["note"] == "Sitzung vom 09.04.2025"
    assert "Sitzung vom 09.04.2025" in main_html(clients["board"].get(url))
    assert [(h["transition"], h["by"]) for h in state["history"]] == [
        ("submit", "aylin-demir"), ("revise", "admin"), ("submit", "aylin-demir"),
        ("approve", "aylin-demir"), ("publish", "aylin-demir")]
    # nothing further: a published minutes' text changes only by correction
    response = transition(clients["admin"], url, "revise")
    assert "nicht möglich" in flash_of(response.follow())


def test_the_chair_runs_the_workflow_of_her_own_group(clients, db, paths):
    make_minutes(db, paths.may)
    url = paths.may + "minutes/"
    chair = clients["chair"]
    page = chair.get(url)
    form = form_with_action(page, "/transition")
    assert form["transition"].value == "submit"
    form.submit(status=303)
    page = chair.get(url)
    approve = next(f for f in page.forms.values()
                   if f.action.endswith("/transition") and f["transition"].value == "approve")
    offered = [o[0] for o in approve["meeting"].options if o[0]]  # after "— bitte wählen —"
    assert paths.june.split("/")[-2] in offered
    assert paths.may.split("/")[-2] not in offered and all(name > "2025-05-06" for name in offered)
    approve["meeting"] = paths.june.split("/")[-2]
    approve.submit(status=303)
    page = chair.get(url)
    assert not [f for f in page.forms.values() if "transition" in f.fields]   # asked first:
    confirm = chair.get(page.html.find("a", href=lambda h: h and h.endswith("/publish"))["href"])
    form = form_with_action(confirm, "/transition")
    assert form["transition"].value == "publish"
    form.submit(status=303)
    assert minutes_of(db, paths.may)["state"] == "published"


def test_approval_links_the_approving_meeting_and_its_agenda_item(clients, db, paths):
    make_minutes(db, paths.march, "published", approving=paths.april)
    page = clients["anonymous"].get(paths.march + "minutes/")
    html = main_html(page)
    assert f'href="http://localhost{paths.april}"' in html
    assert "09.04.2025" in html
    assert "TOP 2 „Genehmigung des Protokolls der Sitzung vom 12.03.2025“" in html


def test_history_is_shown_to_internal_viewers_only(clients, db, paths):
    make_minutes(db, paths.march, "published", approving=paths.april)
    board = main_html(clients["board"].get(paths.march + "minutes/"))
    assert "Verlauf" in board and "Zur Genehmigung vorlegen" in board
    assert "Aylin Demir" in board
    public = main_html(clients["anonymous"].get(paths.march + "minutes/"))
    assert "h-history" not in public and "Zur Genehmigung vorlegen" not in public


def test_no_approval_possible_before_a_later_meeting(clients, db, paths):
    """A meeting that has just ended: no later one has taken place yet."""
    from pyramid.traversal import resource_path

    from roundtable.timeutil import now

    with edit(db) as portal:
        meeting = md.add_meeting(portal["bodies"]["runder-tisch"], "Sondersitzung",
                                 now() - timedelta(hours=3), [("1", "Haushalt", True)])
        path = resource_path(meeting) + "/"
    make_minutes(db, path, "review")
    page = clients["board"].get(path + "minutes/")
    assert "sobald eine spätere Sitzung" in page.text
    assert 'name="meeting"' not in page.text
    for name in (paths.march, paths.april, path):  # earlier ones, itself
        response = transition(clients["board"], path + "minutes/", "approve",
                              meeting=name.split("/")[-2])
        assert "spätere Sitzung" in flash_of(response.follow())
    assert minutes_of(db, path)["state"] == "review"


# -- editing ------------------------------------------------------------------------

def test_board_writes_an_agenda_item_with_decision_votes_and_task(clients, db, paths):
    make_minutes(db, paths.march)
    board = clients["board"]
    url = paths.march + "minutes/"
    page = board.get(url)
    form = board.get(url + "edit/top-2").forms["form"]
    form["discussion"] = "Frau Demir berichtet über die Lage.\n\nAussprache mit vielen Fragen."
    form.fields["text"][0].value = "Der Runde Tisch bittet die Verwaltung um einen Bericht."
    form.fields["yes"][0].value = "12"
    form.fields["no"][0].value = "1"
    form.fields["abstain"][0].value = "2"
    form.fields["text"][1].value = "Ein zweiter Beschluss ohne Abstimmung."
    form.fields["what"][0].value = "Bericht anfordern"
    form.fields["responsible"][0].value = "Koordinierungsstelle"
    form.fields["date"][0].value = "2025-04-01"
    response = form.submit("save", status=303)
    assert response.location.endswith(url + "#top-2")
    entry = minutes_of(db, paths.march)["entries"]["top-2"]
    assert entry["discussion"].startswith("Frau Demir berichtet")
    assert [d["text"] for d in entry["decisions"]] == [
        "Der Runde Tisch bittet die Verwaltung um einen Bericht.", "Ein zweiter Beschluss ohne Abstimmung."]
    assert entry["decisions"][0]["yes"] == 12 and entry["decisions"][1]["yes"] is None
    assert entry["tasks"][0]["due"].isoformat() == "2025-04-01"
    html = main_html(board.get(url))
    assert "Ja 12 · Nein 1 · Enthaltung 2 — angenommen" in html
    assert "<p>Frau Demir berichtet über die Lage.</p>" in html
    assert '<time datetime="2025-04-01">01.04.2025</time>' in html
    assert page.status_int == 200


def test_saving_with_more_rows_returns_to_the_form_with_empty_rows(clients, db, paths):
    make_minutes(db, paths.march)
    board = clients["board"]
    url = paths.march + "minutes/edit/top-1"
    form = board.get(url).forms["form"]
    assert len(form.fields["text"]) == 3  # one decision stored, two empty rows
    form.fields["text"][1].value = "Noch ein Beschluss"
    form.fields["text"][2].value = "Und noch einer"
    response = form.submit("more", status=303)
    assert response.location.endswith(url)
    assert len(response.follow().forms["form"].fields["text"]) == 5


@pytest.mark.parametrize("field,value,message", [
    ("yes", "-1", "Bitte eine ganze Zahl ab 0 angeben."),
    ("no", "zwei", "keine Zahl"),
    ("abstain", "1.5", "keine Zahl"),
    ("date", "2025-02-30", "Ungültiges Datum"),
])
def test_bad_votes_and_dates_are_refused_and_nothing_is_saved(clients, db, paths, field, value, message):
    make_minutes(db, paths.march)
    before = minutes_of(db, paths.march)["entries"]["top-2"]
    form = clients["board"].get(paths.march + "minutes/edit/top-2").forms["form"]
    form["discussion"] = "Geänderter Text, der nicht gespeichert werden darf."
    form.fields[field][0].value = value
    response = form.submit("save", status=200)
    assert message in response.text, response.text[response.text.index("<main"):][:3000]
    assert 'aria-invalid="true"' in response.text
    assert minutes_of(db, paths.march)["entries"]["top-2"] == before


def test_votes_without_decision_text_are_refused(clients, db, paths):
    make_minutes(db, paths.march)
    form = clients["board"].get(paths.march + "minutes/edit/top-2").forms["form"]
    form.fields["yes"][1].value = "3"
    form.fields["responsible"][1].value = "Jemand"
    response = form.submit("save", status=200)
    assert "Bitte geben Sie den Wortlaut des Beschlusses an." in response.text
    assert "Bitte beschreiben Sie die Aufgabe." in response.text


def test_general_remarks_are_edited_on_their_own_form(clients, db, paths):
    make_minutes(db, paths.march)
    form = clients["board"].get(paths.march + "minutes/edit").forms["form"]
    form["general"] = "Eröffnung um 18:05 Uhr.\r\n\r\nDie Tagesordnung wird angenommen.\r\n"
    form.submit("save", status=303)
    # a browser sends CRLF from a textarea; the record keeps plain line breaks
    assert minutes_of(db, paths.march)["general"] == (
        "Eröffnung um 18:05 Uhr.\n\nDie Tagesordnung wird angenommen.")
    html = main_html(clients["board"].get(paths.march + "minutes/"))
    assert "<p>Eröffnung um 18:05 Uhr.</p>" in html


def test_editing_is_for_board_and_chair_and_only_before_approval(clients, db, paths):
    make_minutes(db, paths.march, "review")
    url = paths.march + "minutes/edit/top-2"
    assert _status(clients["anonymous"], url) == "login"
    assert _status(clients["member"], url) == 403
    assert _status(clients["chair"], url) == 403  # not the plenary's chair
    assert _status(clients["board"], url) == 200  # still editable in review
    clients["board"].get(paths.march + "minutes/edit/top-99", status=404)
    clients["board"].get(paths.march + "minutes/edit/top-1/more", status=404)
    make_minutes(db, paths.may, "approved", approving=paths.june)
    assert _status(clients["chair"], paths.may + "minutes/edit/top-1") == 403
    # the coordinator holds every permission, the state still says no
    response = clients["admin"].get(paths.may + "minutes/edit/top-1", status=303)
    assert "nicht mehr bearbeitet" in flash_of(response.follow())


# -- privacy: non-public items and names ----------------------------------------------

def test_a_non_public_item_never_reaches_the_public(clients, db, paths):
    make_minutes(db, paths.march, "published", approving=paths.april)
    url = paths.march + "minutes/"
    anonymous = clients["anonymous"]
    for page in (anonymous.get(url), anonymous.get(url + "print")):
        assert md.PUBLIC_TEXT in page.text
        assert md.SECRET not in page.text and md.SECRET_TITLE not in page.text
        assert "top-3" not in page.text
    public_pdf = pdf_text(anonymous.get(url + "minutes.pdf").body)
    assert "Wohnraum für Geflüchtete" in public_pdf
    assert md.SECRET not in public_pdf and "Personalangelegenheiten" not in public_pdf
    # members of the body, the board and the coordinator read it
    for role in ("member", "board", "admin"):
        assert md.SECRET in clients[role].get(url).text, role
    assert md.SECRET in pdf_text(clients["board"].get(url + "minutes.pdf").body)
    # a logged-in member of another body does not: AG's internal item
    make_minutes(db, paths.may, "published", approving=paths.june)
    assert md.SECRET not in clients["member"].get(paths.may + "minutes/").text
    assert md.SECRET in clients["chair"].get(paths.may + "minutes/").text
    # nor by typing the item's edit or correction address
    assert _status(anonymous, url + "correct/top-3") == "login"


def test_attendance_names_only_with_consent_on_the_public_page(clients, db, paths):
    make_minutes(db, paths.march, "published", approving=paths.april)
    url = paths.march + "minutes/"
    public = main_html(clients["anonymous"].get(url))
    assert "Aylin Demir" in public and "Merve Yılmaz" in public and "Kwame Mensah" in public
    assert "Wiśniewski" not in public and "Kovalenko" not in public
    assert "sowie 2 weitere Anwesende" in public
    assert "Sabine Jürgensen sowie eine weitere entschuldigte Person" in public
    assert "Petersen" not in public
    assert "Gäste: <span>7</span>" in public
    internal = main_html(clients["member"].get(url))
    for name in ("Aylin Demir", "Merve Yılmaz", "Piotr Wiśniewski", "Olena Kovalenko",
                 "Thomas Petersen"):
        assert name in internal
    assert "weitere" not in internal
    public_pdf = pdf_text(clients["anonymous"].get(url + "minutes.pdf").body)
    assert "Merve Yılmaz" in public_pdf and "Wiśniewski" not in public_pdf


# -- corrections ----------------------------------------------------------------------

def test_correction_records_date_and_reason_and_keeps_the_old_version(clients, db, paths):
    make_minutes(db, paths.may, "published", approving=paths.june)
    url = paths.may + "minutes/"
    old_text = "Bericht zu Sprachkursangebote im Herbst."
    board = clients["board"]
    form = board.get(url + "correct/top-1").forms["form"]
    form["discussion"] = "Bericht zu den Sprachkursangeboten im Herbst 2025."
    response = form.submit("save", status=200)  # the reason is required
    assert re.search(r"Grund der Korrektur.*Pflichtangabe", response.text, re.S)
    assert minutes_of(db, paths.may)["versions"] == 0
    form = response.forms["form"]
    form["reason"] = "Jahreszahl ergänzt"
    form.submit("save", status=303)
    state = minutes_of(db, paths.may)
    assert state["versions"] == 1 and state["corrections"][0]["reason"] == "Jahreszahl ergänzt"
    assert state["corrections"][0]["by"] == "aylin-demir"
    assert state["state"] == "published"
    public = main_html(clients["anonymous"].get(url))
    assert "Bericht zu den Sprachkursangeboten im Herbst 2025." in public
    assert old_text not in public
    day = to_local(state["corrections"][0]["at"], "Europe/Berlin").strftime("%d.%m.%Y")
    assert re.search(rf"Korrigiert am <time[^>]*>{day}</time>:</span> Jahreszahl ergänzt", public)
    assert "Frühere Fassungen" not in public
    # earlier versions: the board (and the group's chair, who may correct) only
    assert _status(clients["anonymous"], url + "versions") == "login"
    assert _status(clients["anonymous"], url + "versions/1") == "login"
    assert _status(clients["member"], url + "versions/1") == 403
    listing = board.get(url + "versions")
    assert "Jahreszahl ergänzt" in listing.text and url + "versions/1" in listing.text
    version = main_html(board.get(url + "versions/1"))
    assert old_text in version and "Bericht zu den Sprachkursangeboten" not in version
    assert _status(clients["chair"], url + "versions/1") == 200
    board.get(url + "versions/2", status=404)
    board.get(url + "versions/x", status=404)


def test_correction_needs_a_change_and_published_minutes(clients, db, paths):
    make_minutes(db, paths.march, "approved", approving=paths.april)
    response = clients["board"].get(paths.march + "minutes/correct/top-2", status=303)
    assert "Nur veröffentlichte Protokolle" in flash_of(response.follow())
    transition(clients["board"], paths.march + "minutes/", "publish")
    assert _status(clients["member"], paths.march + "minutes/correct") == 403
    form = clients["board"].get(paths.march + "minutes/correct").forms["form"]
    form["reason"] = "Nur so"
    response = form.submit("save", status=200)
    assert "Sie haben nichts geändert" in response.text
    form = response.forms["form"]
    form["general"] = "Die Vorsitzende eröffnet die Sitzung um 18:05 Uhr."
    form.submit("save", status=303)
    state = minutes_of(db, paths.march)
    assert state["general"].endswith("18:05 Uhr.") and state["versions"] == 1


# -- print and PDF ----------------------------------------------------------------------

def test_print_view_has_letterhead_and_no_buttons(clients, db, paths):
    make_minutes(db, paths.march, "published", approving=paths.april)
    html = main_html(clients["board"].get(paths.march + "minutes/print"))
    assert '<p class="letterhead">Runder Tisch für Integration · Flensburg</p>' in html
    assert "<form" not in html and "bearbeiten" not in html and "korrigieren" not in html
    assert md.PUBLIC_TEXT in html


def test_pdf_is_a_valid_pdf_with_title_names_and_filename(clients, db, paths):
    make_minutes(db, paths.march, "published", approving=paths.april)
    response = clients["board"].get(paths.march + "minutes/minutes.pdf")
    assert response.content_type == "application/pdf"
    assert response.headers["Content-Disposition"] == 'attachment; filename="Protokoll-RT-2025-03-12.pdf"'
    assert "no-store" in response.headers.get("Cache-Control", "")
    reader = PdfReader(io.BytesIO(response.body))
    assert reader.metadata.title == "Protokoll: 61. Sitzung des Runden Tisches"
    text = pdf_text(response.body)
    assert "Runder Tisch für Integration · Flensburg" in text  # letterhead
    assert "61. Sitzung des Runden Tisches" in text
    assert "12.03.2025, 18:00–20:00 Uhr" in text
    assert "Piotr Wiśniewski" in text and "Merve Yılmaz" in text
    assert "Ja 12 · Nein 1 · Enthaltung 2 — angenommen" in text
    assert "Bericht nachreichen" in text and "Koordinierungsstelle" in text
    assert md.PUBLIC_TEXT in text


def test_times_in_berlin_across_dst_and_the_pdf_name(clients, db):
    """A session on the day clocks go forward: 10:00 Berlin stays 10:00."""
    from pyramid.traversal import resource_path

    with edit(db) as portal:
        meeting = md.add_meeting(portal["bodies"]["runder-tisch"], "Frühjahrssitzung",
                                 md.berlin(2027, 3, 28, 10, 0), [("1", "Bericht", True)])
        path = resource_path(meeting) + "/"
    board = clients["board"]
    form_with_action(board.get(path + "create-minutes"), "/create-minutes").submit(status=303)
    assert "28.03.2027, 10:00–12:00 Uhr" in main_html(board.get(path + "minutes/"))
    response = board.get(path + "minutes/minutes.pdf")
    assert response.headers["Content-Disposition"].endswith(
        f'filename="Protokoll-RT-{path.split("/")[-2]}.pdf"')
    assert path.split("/")[-2].startswith("2027-03-28")
    assert "28.03.2027, 10:00–12:00 Uhr" in pdf_text(response.body)


def test_meeting_page_offers_to_create_minutes_to_editors_only(clients, db):
    with edit(db) as portal:
        meeting = next(m for m in portal["bodies"]["runder-tisch"]["meetings"].values()
                       if m.minutes is None and m.public and m.status != "cancelled")
        path = "/bodies/runder-tisch/meetings/" + meeting.__name__ + "/"
    assert "create-minutes" in clients["board"].get(path).text
    assert "create-minutes" in clients["admin"].get(path).text
    for name in ("anonymous", "member"):
        assert "create-minutes" not in clients[name].get(path).text
    page = clients["board"].get(path + "create-minutes")
    form_with_action(page, "/create-minutes").submit(status=303)
    assert "Protokoll der Sitzung lesen" in clients["board"].get(path).text


def test_publishing_asks_and_names_the_items_without_text(clients, db, paths):
    make_minutes(db, paths.march)
    url = paths.march + "minutes/"
    board = clients["board"]
    transition(board, url, "submit")
    transition(board, url, "approve", meeting=paths.april.split("/")[-2])
    with edit(db) as portal:
        minutes = portal
        for part in url.strip("/").split("/"):
            minutes = minutes[part]
        empty = [f"{i.label} {i.title}" for i in minutes.meeting.agenda.ordered()
                 if not (minutes.entry(i.__name__).get("discussion") or "").strip()
                 and not minutes.entry(i.__name__).get("decisions")
                 and not minutes.entry(i.__name__).get("tasks")]
        assert [f"{i.label} {i.title}" for i in minutes.items_without_text()] == empty
        first = minutes.meeting.agenda.ordered()[0]
        minutes.entries[first.__name__] = {"discussion": "", "decisions": [], "tasks": []}
        empty_now = [f"{i.label} {i.title}" for i in minutes.items_without_text()]
    assert f"{first.label} {first.title}" in empty_now
    page = board.get(url + "publish")
    assert "Diese Tagesordnungspunkte haben noch keinen Text. Trotzdem veröffentlichen?" in page.text
    assert [li.get_text() for li in page.html.select("main ul li")
            if li.get_text() in empty_now] == empty_now
    assert minutes_of(db, paths.march)["state"] == "approved"   # asking changed nothing
    form = form_with_action(page, "/transition")
    form.submit(status=303)
    assert minutes_of(db, paths.march)["state"] == "published"
    # once published there is nothing to confirm
    assert "erst nach der Genehmigung" in board.get(url + "publish").text
    assert clients["member"].get(url + "publish", expect_errors=True).status_int in (403, 404)
