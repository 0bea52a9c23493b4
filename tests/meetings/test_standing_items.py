"""Standing agenda items per body: typed one per line on the body's edit form,
put on every new meeting of the body, single or series; bad input gets a
German message in the form."""
from tests.conftest import edit
from tests.meetings.helpers import plain
from tests.meetings.test_series import _submit as submit_series
from tests.meetings.test_views import set_times

WOHNEN = "/bodies/ag-wohnen/"
STANDING = ["Begrüßung", "Protokoll der letzten Sitzung", "Verschiedenes"]


def _agendas(db, title):
    with edit(db) as portal:
        meetings = portal["bodies"]["ag-wohnen"]["meetings"].values()
        return [[(i.number, i.title) for i in m.agenda.ordered()]
                for m in sorted(meetings, key=lambda m: m.start) if m.title == title]


def _set_standing(board, text):
    form = board.get(WOHNEN + "edit").forms["form"]
    form["standing_items"] = text
    return form.submit("save", expect_errors=True)


def test_standing_items_go_on_every_new_meeting(board, db):
    # browsers send \r\n; blank lines and stray spaces are dropped
    assert _set_standing(board, "Begrüßung\r\n\r\n  Protokoll der letzten Sitzung \r\nVerschiedenes\r\n"
                         ).status_int == 303
    with edit(db) as portal:
        assert list(portal["bodies"]["ag-wohnen"].standing_items) == STANDING
    # the edit form shows them again, one per line
    assert board.get(WOHNEN + "edit").forms["form"]["standing_items"].value.splitlines() == STANDING

    form = board.get(WOHNEN + "meetings/add").forms["form"]
    form["title"] = "AG Wohnen: Sondersitzung"
    set_times(form, "2027-07-04", "18:00", "20:00")
    form["place_name"] = "Rathaus"
    page = form.submit("save", status=303).follow()
    assert "Protokoll der letzten Sitzung" in plain(page)
    expected = [(str(n), t) for n, t in enumerate(STANDING, start=1)]
    assert _agendas(db, "AG Wohnen: Sondersitzung") == [expected]

    response = submit_series(board, "save", title="AG Wohnen: Reihe", date="2027-01-12",
                             start_time="17:00", end_time="19:00", place_name="Rathaus",
                             rule="monthly_weekday", months="3")
    assert response.status_int == 303, response.text
    agendas = _agendas(db, "AG Wohnen: Reihe")
    assert len(agendas) == 3 and all(a == expected for a in agendas)

    # a further item goes after the standing ones; other bodies' meetings stay empty
    form = board.get(WOHNEN + "edit").forms["form"]
    form["standing_items"] = ""
    assert form.submit("save").status_int == 303
    form = board.get(WOHNEN + "meetings/add").forms["form"]
    form["title"] = "AG Wohnen: Ohne"
    set_times(form, "2027-07-11", "18:00", "20:00")
    form.submit("save", status=303)
    assert _agendas(db, "AG Wohnen: Ohne") == [[]]


def test_bad_standing_items_get_german_messages(board, db):
    response = _set_standing(board, "\n".join(f"Punkt {n}" for n in range(25)))
    assert response.status_int == 200
    assert "Höchstens 20 ständige Punkte." in plain(response)
    response = _set_standing(board, "Begrüßung\n" + "x" * 201)
    assert response.status_int == 200
    assert "Ein Punkt darf höchstens 200 Zeichen lang sein." in plain(response)
    with edit(db) as portal:
        assert portal["bodies"]["ag-wohnen"].standing_items == ()
