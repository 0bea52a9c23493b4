"""The concept's pages as each role sees them: public, steering group, coordinator."""
import re

from roundtable.db import ROOT_KEY


def concept_path(app):
    db = app.registry._zodb_databases[""]
    conn = db.open()
    try:
        concept = conn.root()[ROOT_KEY]["concept"].current()
        return f"/concept/{concept.__name__}/", [m.__name__ for m in concept.measures()]
    finally:
        conn.close()


def test_public_concept_page_shows_fields_measures_and_progress(app, anonymous):
    path, names = concept_path(app)
    page = anonymous.get(path)
    assert "Sprache und Bildung" in page.text
    assert "Wohnungslotsen für Geflüchtete" in page.text
    assert "<meter" in page.text
    assert "Übersicht der Steuerungsgruppe" not in page.text
    assert anonymous.get("/concept/").status_int == 200


def test_measure_page_has_chart_with_table_alternative(app, anonymous):
    path, names = concept_path(app)
    page = anonymous.get(path + "1-2-1/")
    assert "<svg" in page.text and "<title>" in page.text
    assert re.search(r"<table class=\"indicator-values\">", page.text)
    assert "560" in page.text


def test_dashboard_only_for_steering_group_and_coordinator(app, clients):
    path, _names = concept_path(app)
    for role in ("anonymous", "chair"):   # refused: login, forbidden or not found
        assert "Beginn überfällig" not in clients[role].get(path + "dashboard",
                                                            status=(303, 403, 404)).text
    page = clients["board"].get(path + "dashboard")   # Aylin Demir is in the steering group
    assert "Beginn überfällig" in page.text
    clients["admin"].get(path + "dashboard")


def test_round_answers_are_not_public(app, clients):
    path, _names = concept_path(app)
    round_path = path + "rounds/" + str(__import__("datetime").date.today().year - 1) + "/"
    clients["anonymous"].get(round_path, status=(303, 403, 404))
    clients["chair"].get(round_path, status=(303, 403, 404))
    page = clients["admin"].get(round_path)
    assert "übernommen" in page.text


def test_published_report_page_pdf_odt(app, anonymous):
    path, _names = concept_path(app)
    year = __import__("datetime").date.today().year - 1
    page = anonymous.get(f"{path}reports/{year}/")
    assert "Mietführerschein" in page.text
    assert anonymous.get(f"{path}reports/{year}/report.pdf").content_type == "application/pdf"
    assert anonymous.get(f"{path}reports/{year}/report.odt").body[:2] == b"PK"


def test_measure_links_its_motions_and_the_meetings_that_treated_it(app, anonymous, admin):
    path, _names = concept_path(app)
    public = anonymous.get(path + "3-1-1/")
    assert "/motions/bezahlbarer-wohnraum-fuer-gefluechtete-in-allen-stadtteilen/" in public.text
    coordinator = admin.get(path + "3-1-1/")
    assert "Behandelt in" in coordinator.text
    assert "/bodies/steuerungsgruppe/meetings/" in coordinator.text
    form = admin.get(path + "3-1-1/edit").forms["form"]
    options = [o["value"] for o in form.html.find("select", multiple=True).find_all("option")]
    assert any(v.startswith("/bodies/steuerungsgruppe/meetings/") for v in options)
    response = form.submit("save", status=303)
    assert "/motions/bezahlbarer" in response.follow().text   # the links survive an edit


def test_internal_note_stays_with_steering_group_and_coordinator(app, clients):
    path, _names = concept_path(app)
    form = clients["admin"].get(path + "3-1-1/edit").forms["form"]
    form["internal_note"] = "Träger B möchte aussteigen – vertraulich."
    form.submit("save", status=303)
    for role in ("anonymous", "chair"):
        assert "vertraulich" not in clients[role].get(path + "3-1-1/").text, role
    for role in ("board", "member", "admin"):   # board and member users sit in the steering group
        assert "vertraulich" in clients[role].get(path + "3-1-1/").text, role


def test_revision_form_creates_the_next_concept_unpublished(app, admin, anonymous):
    path, names = concept_path(app)
    form = admin.get(path + "revise").forms["form"]
    form["title"] = "Integrationskonzept 2.0"
    page = form.submit("save", status=303).follow()
    assert "Die Fortschreibung ist angelegt" in page.text
    new = page.request.path
    assert "Wohnungslotsen" in page.text and "nicht veröffentlicht" in page.text
    anonymous.get(new, status=(303, 403, 404))
    assert "Vorgängerin" in admin.get(new + "3-1-1/").text
