"""Council committees: public pages, the coordinator's forms, dates and deadlines."""
from datetime import date

from roundtable.committees.schemas import parse_meeting_dates
from tests.meetings.helpers import csrf_token, opened, plain

LIST = "/committees/"


def test_public_list_and_page(anonymous):
    page = anonymous.get(LIST)
    for name in ("Ratsversammlung", "Hauptausschuss", "Jugendhilfeausschuss",
                 "Ausschuss für Soziales und Gesundheit", "Ausschuss für Bildung"):
        assert name in page.text
    page = plain(anonymous.get(LIST + "ausschuss-fuer-soziales-und-gesundheit/"))
    assert "Fachbereich Soziales und Gesundheit" in page and "21 Tage vor der Sitzung" in page
    assert "Sprachmittlung in Arztpraxen" in page  # a public motion to it
    assert "Schutzkonzept" not in page  # a draft addressed to it
    assert "Ausschuss anlegen" not in anonymous.get(LIST).text


def test_only_the_coordinator_manages_committees(clients):
    for role in ("anonymous", "member", "chair", "board"):
        client = clients[role]
        refused = 404 if role == "anonymous" else 403  # anonymous: as if missing
        assert client.get(LIST + "add", expect_errors=True).status_int == refused, role
        assert client.get(LIST + "hauptausschuss/edit", expect_errors=True).status_int == refused


def test_coordinator_adds_edits_and_deletes(admin, db):
    form = admin.get(LIST + "add").forms["form"]
    form["name"] = "Ausschuss für Umwelt und Planung"
    form["short_name"] = "UPA"
    form["department"] = "Fachbereich Stadtentwicklung"
    form["url"] = "https://ratsinfo.example.org/gremien/upa"
    form["deadline_days"] = "14"
    form["meeting_dates"] = "12.03.2026 17:00\n2026-05-07 16:30\n\n09.07.2026"
    response = form.submit("save")
    assert response.status_int == 303
    path = response.location.replace("http://localhost", "")
    assert path == LIST + "ausschuss-fuer-umwelt-und-planung/"
    with opened(db, path) as committee:
        assert [d.isoformat() for d in committee.meeting_dates] == [
            "2026-03-12T16:00:00+00:00", "2026-05-07T14:30:00+00:00", "2026-07-09T15:00:00+00:00"]
        assert committee.submission_deadline(committee.meeting_dates[0]) == date(2026, 2, 26)

    form = admin.get(path + "edit").forms["form"]
    form["meeting_dates"] = "32.13.2026\nmorgen"
    form["url"] = "ratsinfo"
    refused = form.submit("save")
    assert "Nicht verstanden: 32.13.2026, morgen" in plain(refused)
    assert "https://" in plain(refused)
    form = admin.get(path + "edit").forms["form"]
    form["name"] = "Hauptausschuss"
    assert "gibt es schon" in plain(form.submit("save"))

    assert admin.post(path + "delete", {"csrf_token": csrf_token(admin)}).status_int == 303
    assert admin.get(path, expect_errors=True).status_int == 404
    # a committee that motions address stays
    admin.post(LIST + "ausschuss-fuer-soziales-und-gesundheit/delete",
               {"csrf_token": csrf_token(admin)})
    assert admin.get(LIST + "ausschuss-fuer-soziales-und-gesundheit/").status_int == 200


def test_parse_meeting_dates():
    dates, bad = parse_meeting_dates("26.03.2026 17:00\n26.03.2026, 17:00\n\nx")
    assert len(dates) == 1 and bad == ["x"]
