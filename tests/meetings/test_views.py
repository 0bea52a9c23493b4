"""Meetings through the web, as each role: access, forms, agenda, attendance, privacy."""
import re
from datetime import timedelta

import pytest

from roundtable.meetings.resources import Meeting
from tests.conftest import edit
from tests.meetings.helpers import (LOGIN, ROLES, SB, cancel, create_meetings, csrf_token, german_sunday,
                                    opened, plain, status)


@pytest.fixture
def urls(db):
    return create_meetings(db)


def set_times(form, day=None, start=None, end=None):
    """The meeting form: one date input, two time inputs that share the name ``time``."""
    if day is not None:
        form["date"] = day
    if start is not None:
        form.set("time", start, index=0)
    if end is not None:
        form.set("time", end, index=1)


def meetings_of(db, body):
    with edit(db) as portal:
        return sorted(portal["bodies"][body]["meetings"].keys())


# access matrix ------------------------------------------------------------------------

def test_get_access_matrix(clients, urls):
    sb, vorstand, wohnen = urls["sb"], urls["vorstand"], urls["wohnen"]
    matrix = {
        # url: (anonymous, member, chair, board, admin)
        "/meetings": (200, 200, 200, 200, 200),
        "/meetings/calendar?month=2027-03": (200, 200, 200, 200, 200),
        "/my-meetings": (LOGIN, 200, 200, 200, 200),
        sb: (200, 200, 200, 200, 200),
        sb + "print": (200, 200, 200, 200, 200),
        vorstand: (LOGIN, 403, 403, 200, 200),
        vorstand + "print": (LOGIN, 403, 403, 200, 200),
        SB + "meetings/": (303, 303, 303, 303, 303),
        SB + "meetings/add": (LOGIN, 403, 200, 200, 200),
        "/bodies/ag-gesundheit/meetings/add": (LOGIN, 403, 403, 200, 200),
        sb + "edit": (LOGIN, 403, 200, 200, 200),
        wohnen + "edit": (LOGIN, 403, 403, 200, 200),
        sb + "invite": (LOGIN, 403, 200, 200, 200),
        sb + "attendance": (LOGIN, 403, 200, 200, 200),
        sb + "agenda/": (303, 303, 303, 303, 303),
        sb + "agenda/add": (LOGIN, 403, 200, 200, 200),
        sb + "agenda/top-1/": (303, 303, 303, 303, 303),
        sb + "agenda/top-1/edit": (LOGIN, 403, 200, 200, 200),
        sb + "agenda/top-1/delete": (LOGIN, 403, 200, 200, 200),
        sb + "agenda/top-1/upload": (LOGIN, 403, 200, 200, 200),
        sb + "agenda/top-3/bericht.pdf": (200, 200, 200, 200, 200),
        sb + "agenda/top-2/": (LOGIN, 403, 303, 303, 303),
        sb + "agenda/top-2/vertraulich.pdf": (LOGIN, 403, 200, 200, 200),
        wohnen + "agenda/top-2/": (LOGIN, 303, 303, 303, 303),
        sb + "reply/birte-hansen/123.abc": (404, 404, 404, 404, 404),
        sb + "nothing-here": (404, 404, 404, 404, 404),
        "/meetings/nothing-here": (404, 404, 404, 404, 404),
    }
    wrong = {}
    for path, expected in matrix.items():
        got = tuple(status(clients[role], path) for role in ROLES)
        if got != expected:
            wrong[path] = {role: (g, e) for role, g, e in zip(ROLES, got, expected) if g != e}
    assert not wrong, f"(got, expected) by role: {wrong}"


def test_post_access_matrix(clients, urls, db):
    """Refused POSTs change nothing; the chair may cancel a meeting of their own group."""
    sb, wohnen = urls["sb"], urls["wohnen"]
    refused = {
        sb + "cancel": ("anonymous", "member"),
        wohnen + "cancel": ("anonymous", "member", "chair"),
        sb + "held": ("anonymous", "member"),
        sb + "agenda/top-1/move": ("anonymous", "member"),
        sb + "agenda/top-1/delete": ("anonymous", "member"),
        sb + "respond": ("anonymous", "board"),  # not members of AG Sprache und Bildung
        sb + "agenda/top-3/bericht.pdf/delete": ("anonymous", "member"),
    }
    for path, roles in refused.items():
        for role in roles:
            refused_status = 404 if role == "anonymous" else 403  # anonymous: as if missing
            assert status(clients[role], path, "POST", direction="down", reply="yes",
                          reason="Krank", save="save") == refused_status, (path, role)
    with opened(db, sb) as meeting:
        assert meeting.status == "planned"
        assert [i.title for i in meeting.agenda.ordered()] == [
            "Begrüßung", "Personalangelegenheiten", "Bericht Sprachcafé"]
        assert len(meeting.attendance) == 0
        assert len(meeting.agenda.ordered()[2]) == 1
    assert cancel(clients["chair"], sb).status_int == 303
    with opened(db, sb) as meeting:
        assert meeting.status == "cancelled"


def test_gets_never_change_anything(clients, urls, db):
    for path in ("held", "respond", "agenda/top-1/move"):
        assert status(clients["admin"], urls["sb"] + path) == 404
    assert status(clients["admin"], urls["sb"] + "cancel") == 200   # the confirmation form
    with opened(db, urls["sb"]) as meeting:
        assert meeting.status == "planned"


# creating and editing meetings through the forms --------------------------------------

def test_chair_creates_a_meeting_in_local_time(chair, db):
    before = meetings_of(db, "ag-sprache-und-bildung")
    form = chair.get(SB + "meetings/add").forms["form"]
    form["title"] = "Sommerfest-Planung"
    set_times(form, "2027-07-04", "18:00", "20:00")
    form["place_name"] = "Volkshochschule"
    form["accessibility"] = "Aufzug am Haupteingang"
    form["notes"] = "Dolmetschen Arabisch auf Anfrage"
    response = form.submit("save", status=303)
    assert response.location == "http://localhost" + SB + "meetings/2027-07-04/"
    page = response.follow()
    assert "Sonntag, 4. Juli 2027, 18:00–20:00 Uhr" in page.text
    assert "Aufzug am Haupteingang" in page.text and "Dolmetschen Arabisch auf Anfrage" in page.text
    with opened(db, SB + "meetings/2027-07-04") as meeting:
        assert meeting.start.hour == 16 and meeting.start.utcoffset() == timedelta(0)
        assert meeting.status == "planned" and meeting.public
    assert meetings_of(db, "ag-sprache-und-bildung") == sorted(before + ["2027-07-04"])


def test_end_before_start_and_missing_place_are_refused(chair, db):
    before = meetings_of(db, "ag-sprache-und-bildung")
    form = chair.get(SB + "meetings/add").forms["form"]
    form["title"] = "Falsch herum"
    set_times(form, "2027-07-04", "18:00", "17:00")
    response = form.submit("save")
    assert response.status_int == 200
    assert "Das Ende muss nach dem Beginn liegen." in response.text
    form = response.forms["form"]
    set_times(form, "2027-07-04", "18:00", "19:00")
    form["place_name"] = form["address"] = form["online_url"] = ""
    response = form.submit("save")
    assert "Bitte einen Ort oder einen Online-Link angeben." in response.text
    form = response.forms["form"]
    form["online_url"] = "javascript:alert(1)"
    response = form.submit("save")
    assert "Bitte eine Adresse mit https:// angeben." in response.text
    assert meetings_of(db, "ag-sprache-und-bildung") == before


@pytest.mark.parametrize("day, utc_hour, shown", [
    ("2027-03-28", 8, "Sonntag, 28. März 2027, 10:00–12:00 Uhr"),     # first day of CEST
    ("2027-10-31", 9, "Sonntag, 31. Oktober 2027, 10:00–12:00 Uhr"),  # first day of CET again
])
def test_dst_days_show_the_wall_clock_time(admin, anonymous, db, day, utc_hour, shown):
    form = admin.get("/bodies/ag-gesundheit/meetings/add").forms["form"]
    form["title"] = "Sitzung am Tag der Zeitumstellung"
    set_times(form, day, "10:00", "12:00")
    form["place_name"] = "Rathaus"
    path = form.submit("save", status=303).location.replace("http://localhost", "")
    assert path == f"/bodies/ag-gesundheit/meetings/{day}/"
    with opened(db, path) as meeting:
        assert meeting.start.hour == utc_hour
    page = anonymous.get(path)
    assert shown in page.text
    # and in the edit form the local time comes back unchanged
    form = admin.get(path + "edit").forms["form"]
    assert form["date"].value == day
    assert [f.value for f in form.fields["time"]] == ["10:00:00", "12:00:00"]


def test_moving_a_meeting_keeps_its_url_and_shows_the_old_date(board, anonymous, urls, db):
    sb, old_day = urls["sb"], urls["sb_day"]
    new_day = old_day + timedelta(days=14)
    form = board.get(sb + "edit").forms["form"]
    set_times(form, new_day.isoformat(), "14:00", "16:00")
    response = form.submit("save", status=303)
    assert response.location == "http://localhost" + sb
    page = plain(anonymous.get(sb))
    assert f"{german_sunday(new_day)}, 14:00–16:00 Uhr" in page
    assert f"verschoben – ursprünglich am {german_sunday(old_day)}, 10:00–12:00 Uhr" in page
    with opened(db, sb) as meeting:
        assert meeting.status == "moved" and meeting.sequence == 1
        assert meeting.__name__ == old_day.isoformat()
    assert "verschoben" in anonymous.get("/meetings").text


def test_cancel_and_held_follow_the_rules(board, anonymous, urls, db):
    sb, past = urls["sb"], urls["past"]
    # a future meeting cannot be marked as held
    board.post(sb + "held", {"csrf_token": csrf_token(board)}, status=303)
    assert "Die Sitzung hat noch nicht begonnen." in board.get(sb).text
    board.post(past + "held", {"csrf_token": csrf_token(board)}, status=303)
    cancel(board, sb, status=303)
    with opened(db, sb) as meeting:
        assert meeting.status == "cancelled"
    with opened(db, past) as meeting:
        assert meeting.status == "held"
    page = anonymous.get(sb)
    assert "Diese Sitzung ist abgesagt." in page.text
    # a cancelled meeting is not invited, a held one not cancelled
    response = board.post(sb + "invite", {"csrf_token": csrf_token(board)}, status=400)
    assert "Zu dieser Sitzung kann nicht mehr eingeladen werden." in response.text
    cancel(board, past, status=303)
    with opened(db, past) as meeting:
        assert meeting.status == "held"


# agenda -------------------------------------------------------------------------------

def test_agenda_items_through_the_forms(chair, anonymous, urls, db):
    sb = urls["sb"]
    form = chair.get(sb + "agenda/add").forms["form"]
    assert form["number"].value == "4"
    form["title"] = "Antrag: Sprachcafés in allen Stadtteilen"
    form["presenter"] = "Birte Hansen"
    form["duration"] = "20"
    response = form.submit("save", status=303)
    assert response.location.endswith(sb + "#top-4")
    # duplicate number: message beside the field, nothing stored
    form = chair.get(sb + "agenda/add").forms["form"]
    form["number"] = "3"
    form["title"] = "Doppelt"
    response = form.submit("save")
    assert response.status_int == 200 and "TOP 3 gibt es schon." in response.text
    # a sub-item needs its TOP, a number must look like one
    form = response.forms["form"]
    form["number"] = "7.1"
    assert "Zu einem Unterpunkt 7.1 gehört ein TOP 7" in form.submit("save").text
    form["number"] = "drei"
    assert "Die Nummer muss wie „3“ oder „3.1“ aussehen." in form.submit("save").text
    form["number"] = "3.1"
    form["title"] = "Termine der Sprachcafés"
    form.submit("save", status=303)
    with opened(db, sb) as meeting:
        assert [(i.number, i.title) for i in meeting.agenda.ordered()] == [
            ("1", "Begrüßung"), ("2", "Personalangelegenheiten"), ("3", "Bericht Sprachcafé"),
            ("3.1", "Termine der Sprachcafés"), ("4", "Antrag: Sprachcafés in allen Stadtteilen")]
    page = plain(anonymous.get(sb))
    assert "Antrag: Sprachcafés in allen Stadtteilen" in page and "Birte Hansen" in page
    assert "20 Minuten" in page


def test_renumbering_takes_sub_items_along(chair, urls, db):
    sb = urls["sb"]
    form = chair.get(sb + "agenda/add").forms["form"]
    form["number"], form["title"] = "3.1", "Unterpunkt"
    form.submit("save", status=303)
    form = chair.get(sb + "agenda/top-3/edit").forms["form"]
    form["number"] = "1"
    assert "TOP 1 gibt es schon." in form.submit("save").text
    form["number"] = "5"
    form.submit("save", status=303)
    with opened(db, sb) as meeting:
        assert [i.number for i in meeting.agenda.ordered()] == ["1", "2", "5", "5.1"]


def test_move_and_delete_items(chair, urls, db):
    sb = urls["sb"]
    token = csrf_token(chair)
    chair.post(sb + "agenda/top-3/move", {"csrf_token": token, "direction": "up"}, status=303)
    with opened(db, sb) as meeting:
        assert [i.title for i in meeting.agenda.ordered()] == [
            "Begrüßung", "Bericht Sprachcafé", "Personalangelegenheiten"]
    assert chair.post(sb + "agenda/top-3/move", {"csrf_token": token, "direction": "sideways"},
                      expect_errors=True).status_int == 400
    # deleting asks first; the GET changes nothing
    page = chair.get(sb + "agenda/top-1/delete")
    assert "Begrüßung" in page.text
    form = [f for f in page.forms.values() if f.action.endswith("/delete")][0]
    form.submit(status=303)
    with opened(db, sb) as meeting:
        assert [i.title for i in meeting.agenda.ordered()] == ["Bericht Sprachcafé", "Personalangelegenheiten"]


def test_a_top_with_sub_items_is_not_deleted(chair, urls, db):
    sb = urls["sb"]
    form = chair.get(sb + "agenda/add").forms["form"]
    form["number"], form["title"] = "3.1", "Unterpunkt"
    form.submit("save", status=303)
    response = chair.post(sb + "agenda/top-3/delete", {"csrf_token": csrf_token(chair)}, status=400)
    assert "TOP 3 hat Unterpunkte; löschen Sie zuerst diese." in response.text
    with opened(db, sb) as meeting:
        assert len(meeting.agenda) == 4


# privacy: non-public items and meetings ---------------------------------------------------

def test_non_public_item_and_its_document_never_reach_the_public(clients, urls):
    sb, month = urls["sb"], urls["sb_day"].strftime("%Y-%m")
    anonymous, member = clients["anonymous"], clients["member"]
    for client in (anonymous, member):  # the member is not in this working group
        for path in (sb, sb + "print", "/meetings", "/meetings/calendar?month=" + month):
            text = client.get(path).text
            assert "Personalangelegenheiten" not in text and "vertraulich.pdf" not in text, path
    assert "Personalakte" not in anonymous.get(sb + "agenda/top-2/vertraulich.pdf", status=404).text
    assert member.get(sb + "agenda/top-2/vertraulich.pdf", status=403)
    assert b"Personalakte" not in member.get(sb + "agenda/top-2/vertraulich.pdf", expect_errors=True).body
    # the group's chair, the board and the coordinator see and download it
    for role in ("chair", "board", "admin"):
        page = clients[role].get(sb).text
        assert "Personalangelegenheiten" in page and "vertraulich.pdf" in page
        response = clients[role].get(sb + "agenda/top-2/vertraulich.pdf")
        assert response.body == b"%PDF-1.4\n% Nur fuer Mitglieder: Personalakte\n%%EOF\n"
        assert response.headers["Cache-Control"] == "private, no-store"


def test_public_document_download_headers(anonymous, urls):
    response = anonymous.get(urls["sb"] + "agenda/top-3/bericht.pdf")
    assert response.content_type == "application/pdf"
    assert response.headers["Content-Disposition"].startswith('inline; filename="bericht.pdf"')
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.body.startswith(b"%PDF-")


def test_non_public_meetings_are_listed_only_for_those_who_may_see_them(clients, urls):
    for role in ("anonymous", "member", "chair"):
        text = clients[role].get("/meetings").text
        assert "Vorstandsklausur" not in text and "Vorstandssitzung" not in text, role
    for role in ("board", "admin"):
        assert "Vorstandsklausur" in clients[role].get("/meetings").text
    # members of the AG Mädchen und Frauen see their group's non-public sessions; others do not
    assert "Sitzung der AG Mädchen und Frauen" not in clients["member"].get("/meetings").text
    assert "Sitzung der AG Mädchen und Frauen" in clients["admin"].get("/meetings").text
    # the member's own group: non-public item visible
    assert "Mietschulden: Einzelfälle" in clients["member"].get(urls["wohnen"]).text
    assert "Mietschulden: Einzelfälle" not in clients["anonymous"].get(urls["wohnen"]).text


# lists and filters --------------------------------------------------------------------------

@pytest.mark.parametrize("query", [
    "/meetings?year=abc", "/meetings?year=99999", "/meetings?year=12", "/meetings?body=gibt-es-nicht",
    "/meetings?body=%FC", "/meetings/calendar?month=2027-13", "/meetings/calendar?month=März",
    "/meetings/calendar?month=2027-3", "/meetings/calendar?body=nope",
])
def test_bad_filters_are_a_readable_400(anonymous, query):
    response = anonymous.get(query, expect_errors=True)
    assert response.status_int == 400
    assert "Ungültige Anfrage" in response.text
    assert "<main" in response.text


def test_filters_by_body_and_year(anonymous, urls):
    year = urls["sb_day"].year
    page = anonymous.get("/meetings", {"body": "ag-sprache-und-bildung", "year": str(year)})
    assert "Planungssitzung" in page.text
    assert "Wohnungsmarkt aktuell" not in page.text
    assert "Sitzungen: AG Sprache und Bildung" in page.text
    assert "Planungssitzung" not in anonymous.get("/meetings", {"year": str(year - 1)}).text
    assert "Planungssitzung" not in anonymous.get("/meetings", {"year": "1999"}).text
    page = anonymous.get("/meetings", {"body": "ag-wohnen"})
    assert "Wohnungsmarkt aktuell" in page.text and "Planungssitzung" not in page.text
    # upcoming in date order before the past ones
    text = anonymous.get("/meetings").text
    assert text.index("Kommende Sitzungen") < text.index("Planungssitzung") < text.index("Vergangene Sitzungen")
    assert text.index("Vergangene Sitzungen") < text.index("Vergangene Sitzung<")


def test_month_calendar(anonymous, urls, db):
    from tests.meetings.helpers import MONTHS, add_meeting, berlin

    day = urls["sb_day"]
    page = anonymous.get("/meetings/calendar?month=" + day.strftime("%Y-%m"))
    assert f"<caption>{MONTHS[day.month - 1]} {day.year}</caption>" in page.text
    cell = re.search(rf'<time datetime="{day.isoformat()}">{day.day}</time>.*?</td>', page.text, re.S).group(0)
    assert "10:00 Planungssitzung" in cell
    assert page.text.count('<th scope="col">') == 7
    assert "Montag" in page.text and "Sonntag" in page.text
    # previous and next months are linked as far as there are meetings
    assert 'rel="prev"' in page.text
    with edit(db) as portal:
        add_meeting(portal, "ag-gesundheit", berlin(day.year + 3, 5, 2, 10), title="Ferne Sitzung")
    page = anonymous.get("/meetings/calendar?month=" + day.strftime("%Y-%m"))
    following = (day.replace(day=1) + timedelta(days=32)).strftime("%Y-%m")
    assert f'href="http://localhost/meetings/calendar?month={following}"' in page.text
    last = anonymous.get(f"/meetings/calendar?month={day.year + 3}-05")
    assert "Ferne Sitzung" in last.text and 'rel="next"' not in last.text
    assert 'rel="next"' not in anonymous.get(f"/meetings/calendar?month={day.year + 4}-01").text
    # a body's calendar keeps the filter in its links
    filtered = anonymous.get("/meetings/calendar", {"month": day.strftime("%Y-%m"), "body": "ag-wohnen"})
    assert "body=ag-wohnen" in filtered.html.find("a", rel="prev")["href"]


def test_body_meetings_folder_redirects_to_the_filtered_list(anonymous):
    response = anonymous.get(SB + "meetings/", status=303)
    assert response.location == "http://localhost/meetings?body=ag-sprache-und-bildung"


def test_print_view_is_a_clean_page(anonymous, urls):
    page = anonymous.get(urls["sb"] + "print").text
    assert "site-header" not in page and "<form" not in page
    assert "Einladung" in page and "Bericht Sprachcafé" in page and "Stufenloser Zugang" in page


def test_demo_has_two_years_of_meetings(db):
    from roundtable.timeutil import now

    with edit(db) as portal:
        bodies = portal["bodies"]
        plenary = list(bodies["runder-tisch"]["meetings"].values())
        board = list(bodies["vorstand"]["meetings"].values())
        everything = [m for b in bodies.values() for m in b["meetings"].values()]
        assert len(plenary) >= 10 and all(m.public for m in plenary)
        assert len(board) >= 20 and not any(m.public for m in board)
        statuses = {m.status for m in everything}
        assert {"held", "cancelled", "planned"} <= statuses
        assert any(m.start > now() for m in plenary)
        held = [m for m in plenary if m.status == "held"]
        assert all(m.attendance and m.guests >= 15 for m in held)
        assert any(not i.public for m in plenary for i in m.agenda.values())
        assert any(m.moves for m in everything)
        assert isinstance(plenary[0], Meeting)
