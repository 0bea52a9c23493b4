"""A series in one form: every second Tuesday for 12 months; holidays of the
state flagged before anything is created and left out unless asked for; each
meeting stays editable on its own; bad input gets German messages."""
from datetime import date, time

from roundtable.meetings.series import holiday_names, series_dates
from tests.conftest import edit
from tests.meetings.helpers import plain
from tests.newsletter.helpers import set_radio

WOHNEN = "/bodies/ag-wohnen/"


def _meetings(db, title):
    with edit(db) as portal:
        return sorted((m.local_start.replace(tzinfo=None), m.series_id, m.__name__)
                      for m in portal["bodies"]["ag-wohnen"]["meetings"].values() if m.title == title)


def test_rules_and_holidays():
    dates = series_dates("monthly_weekday", date(2027, 1, 12), 12)
    assert len(dates) == 12 and all(d.weekday() == 1 and 8 <= d.day <= 14 for d in dates)
    assert series_dates("biweekly", date(2027, 1, 5), 1) == [date(2027, 1, 5), date(2027, 1, 19),
                                                          date(2027, 2, 2)]
    assert series_dates("monthly_weekday", date(2027, 1, 29), 3)[-1] == date(2027, 3, 26)  # last Friday
    fridays = series_dates("weekly", date(2026, 12, 18), 1)
    assert holiday_names(fridays, "SH") == {date(2026, 12, 25): "Erster Weihnachtstag",
                                            date(2027, 1, 1): "Neujahr"}


def _submit(board, button, **values):
    form = board.get(WOHNEN + "meetings/add-series").forms["form"]
    for key, value in values.items():
        if key in ("start_time", "end_time"):   # each time input sits in its own mapping
            form.set("time", value, index=0 if key == "start_time" else 1)
        elif key == "rule":
            set_radio(form, value)
        else:
            form[key] = value
    return form.submit(button, expect_errors=True)


def test_preview_flags_holidays_and_creation_skips_them(board, db):
    values = dict(title="AG Wohnen: Freitagsrunde", date="2026-12-18", start_time="17:00",
                  end_time="19:00", place_name="Rathaus", rule="weekly", months="1")
    preview = _submit(board, "preview", **values)
    assert preview.status_int == 200
    text = plain(preview)
    assert "Termine der Serie (5)" in text
    assert "Feiertag: Erster Weihnachtstag (wird ausgelassen)" in text
    assert "Feiertag: Neujahr" in text
    assert _meetings(db, "AG Wohnen: Freitagsrunde") == []   # nothing created yet
    response = preview.forms["form"].submit("save")
    assert response.status_int == 303
    assert "3 Sitzungen angelegt" in response.follow().text
    created = _meetings(db, "AG Wohnen: Freitagsrunde")
    assert [c[0].date() for c in created] == [date(2026, 12, 18), date(2027, 1, 8), date(2027, 1, 15)]
    assert all(c[0].time() == time(17, 0) for c in created)
    assert len({c[1] for c in created}) == 1 and created[0][1]
    # each stays editable on its own
    name = created[1][2]
    form = board.get(f"{WOHNEN}meetings/{name}/edit").forms["form"]
    form["title"] = "AG Wohnen: Freitagsrunde (verlegt)"
    assert form.submit("save").status_int == 303
    assert len(_meetings(db, "AG Wohnen: Freitagsrunde")) == 2


def test_every_second_tuesday_for_twelve_months(board, db):
    values = dict(title="AG Wohnen: Monatstreffen", date="2027-01-12", start_time="17:00",
                  end_time="19:00", place_name="Rathaus", rule="monthly_weekday", months="12")
    response = _submit(board, "save", **values)
    assert response.status_int == 303, response.text
    created = _meetings(db, "AG Wohnen: Monatstreffen")
    assert len(created) == 12
    assert all(c[0].weekday() == 1 and 8 <= c[0].day <= 14 for c in created)


def test_bad_series_input_gets_german_messages(board, db):
    base = dict(title="Kaputt", date="2027-01-12", start_time="19:00", end_time="17:00",
                place_name="Rathaus", rule="weekly", months="12")
    response = _submit(board, "preview", **base)
    assert response.status_int == 400 and "Das Ende muss nach dem Beginn liegen." in response.text
    response = _submit(board, "save", **dict(base, end_time="20:00", months="0"))
    assert response.status_int == 400 and "Bitte mindestens 1 Monat." in response.text
    response = _submit(board, "save", **dict(base, end_time="20:00", months="24"))
    assert response.status_int == 400 and "höchstens 60 auf einmal" in response.text
    assert _meetings(db, "Kaputt") == []


def test_body_page_offers_meeting_and_series_to_those_who_may(board, member, anonymous):
    assert "Sitzungsreihe anlegen" in board.get(WOHNEN).text
    for client in (member, anonymous):
        assert "Sitzungsreihe anlegen" not in client.get(WOHNEN).text
    assert member.get(WOHNEN + "meetings/add-series", expect_errors=True).status_int in (403, 404)
