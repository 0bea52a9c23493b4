"""The status round without a browser: reminders only to those who have not
answered, the coordinator editing and accepting an answer, expired links,
and the pages in English."""
from datetime import date

from pyramid.traversal import resource_path

from roundtable.db import ROOT_KEY
from roundtable.measures.round_views import link_expiry
from roundtable.meetings.tokens import make_token
from tests.conftest import deliver
from tests.measures.helpers import concept_path, csrf, start_round

YEAR = date.today().year


def test_reminders_edit_and_accept(app, admin, anonymous, settings, smtp_server):
    concept = concept_path(anonymous)
    round_url = start_round(admin, concept, YEAR)
    first = deliver(settings, smtp_server)
    assert len(first) == 5 and all("Statusabfrage" in m["Subject"] for _f, _t, m in first)
    # the coordinator fills in the answer of the coordination office itself
    key = "unit.koordinierungsstelle-fuer-integration"
    edit = admin.get(round_url + "edit-answer", {"key": key}).forms["answer-form"]
    edit["3-2-1-status"] = "done"
    edit["3-2-1-justification"] = "Die Feste laufen jetzt als Stadtteilfeste weiter."
    edit["1-2-2-report"] = "Zwei Träger bieten jetzt Kurse mit Kinderbetreuung an."
    edit["1-2-2-indicator_value"] = "68"
    assert edit.submit("save", status=303).location.endswith(f"/rounds/{YEAR}/")
    # a reminder reaches the four that have not answered, not the one that has
    admin.post(round_url + "remind", {"csrf_token": csrf(admin, round_url)}, status=303)
    reminders = [m for _f, _t, m in deliver(settings, smtp_server)[5:]]
    assert len(reminders) == 4 and all(m["Subject"].startswith("Erinnerung") for m in reminders)
    assert "integration@flensburg.example.org" not in [m["To"] for m in reminders]
    admin.post(round_url + "accept", {"csrf_token": csrf(admin, round_url), "key": key},
               status=303)
    page = anonymous.get(concept + "3-2-1/")
    assert "abgeschlossen" in page.text
    assert "Die Feste laufen jetzt als Stadtteilfeste weiter." in page.text
    assert "68" in anonymous.get(concept + "1-2-2/").text
    # accepting twice is refused with a message, not an error
    again = admin.post(round_url + "accept", {"csrf_token": csrf(admin, round_url),
                                               "key": key}, status=303).follow()
    assert "Die Antwort ist bereits übernommen." in again.text
    admin.post(round_url + "accept", {"csrf_token": csrf(admin, round_url),
                                       "key": "unit.gibt-es-nicht"}, status=404)


def test_an_expired_link_is_gone(app, anonymous):
    conn = app.registry._zodb_databases[""].open()
    try:
        concept = conn.root()[ROOT_KEY]["concept"].current()
        old_round = concept["rounds"][str(YEAR - 1)]     # the demo's, long past its deadline
        key = next(iter(old_round.answers))
        path = resource_path(old_round)
        token = make_token("test-secret", path, key, link_expiry(old_round))
    finally:
        conn.close()
    response = anonymous.get(f"{path}/answer/{key}/{token}", status=410)
    assert "Dieser Link ist abgelaufen." in response.text
    assert response.headers["X-Robots-Tag"] == "noindex"


def test_concept_pages_in_english(anonymous):
    anonymous.set_cookie("_LOCALE_", "en")
    concept = concept_path(anonymous)
    page = anonymous.get(concept)
    assert "Field of action" in page.text and "Overall progress" in page.text
    assert "in progress" in page.text
    measure = anonymous.get(concept + "3-1-1/")
    assert "Target 160" in measure.text and "Baseline" in measure.text
