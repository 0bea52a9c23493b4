"""Bad input in every form of the concept: a German message in the form, a
4xx status, nothing stored; never a server error."""
import re
from datetime import date

import pytest
from webtest import Upload

from roundtable.db import ROOT_KEY
from tests.measures.helpers import answer_links, start_round

YEAR = date.today().year


def fill(client, url, values, button="save", status=(200, 400)):
    """Post the form at ``url`` as a browser would, with ``values`` replacing
    fields by name (a date field by its mapping's name)."""
    form = client.get(url).forms["form"]
    pairs, current = [], None
    for name, value in form.submit_fields():
        if name == "__start__":
            current = value.split(":")[0]
        elif name == "__end__":
            current = None
        key = current if name in ("date", "checkbox") and current else name
        if key in values and name not in ("__start__", "__end__"):
            value = values[key]
        pairs.append((name, value))
    pairs.append((button, button))
    return client.post(url, pairs, status=status)


def portal_of(app):
    conn = app.registry._zodb_databases[""].open()
    return conn, conn.root()[ROOT_KEY]


@pytest.fixture
def paths(app):
    conn, portal = portal_of(app)
    concept = portal["concept"].current()
    result = {"concept": f"/concept/{concept.__name__}/", "count": len(concept.measures())}
    conn.close()
    return result


def measure_count(app):
    conn, portal = portal_of(app)
    try:
        return len(portal["concept"].current().measures())
    finally:
        conn.close()


CASES = [
    ("/concept/add", {"title": "Neu", "period_start": "2030", "period_end": "2029"},
     "Das Ende des Zeitraums liegt vor seinem Beginn."),
    ("/concept/add", {"title": "Neu", "period_start": "zwanzig", "period_end": "2029"},
     "ist keine Zahl"),
    ("{concept}edit", {"document_url": "javascript:alert(1)"}, "URL"),
    ("{concept}add-field", {"title": ""}, "Pflichtangabe"),
    ("{concept}add-goal", {"field": "gibt-es-nicht", "title": "Ziel"}, "nicht in der Auswahl"),
    ("/concept/add-unit", {"title": "Amt", "email": "kein-at-zeichen"},
     "Bitte eine gültige E-Mail-Adresse eingeben."),
    ("{concept}add-measure", {"title": "M", "goal": "x:y", "responsible": "unit.gibts-nicht"},
     "nicht in der Auswahl"),
    ("{concept}add-measure", {"title": "M", "goal": "sprache-und-bildung:"
                              "fruehe-sprachliche-bildung-staerken",
                              "responsible": "unit.koordinierungsstelle-fuer-integration",
                              "planned_start": f"{YEAR}-05-01", "planned_end": f"{YEAR}-01-01"},
     "Das geplante Ende liegt vor dem geplanten Beginn."),
    ("{concept}1-1-1/edit", {"planned_start": "gestern"}, "Ungültiges Datum"),
    ("{concept}1-1-1/status", {"status": "done", "justification": ""},
     "Bitte begründen Sie die Änderung des Status."),
    ("{concept}1-1-1/status", {"progress": "150"}, "zwischen 0 und 100"),
    ("{concept}1-1-1/status", {"status": "vielleicht"}, "nicht in der Auswahl"),
    ("{concept}1-1-1/indicator", {"baseline": "viel"}, "ist keine Zahl"),
    ("{concept}1-1-1/add-value", {"date": "morgen", "value": "3"}, "Ungültiges Datum"),
    ("{concept}revise", {"period_start": "2020", "period_end": "2021"},
     "Der Zeitraum muss nach dem des bisherigen Konzepts liegen."),
    ("{concept}start-round", {"year": str(YEAR - 1), "deadline": f"{YEAR}-03-01"},
     "Für {last} gibt es bereits eine Statusabfrage."),
    ("{concept}start-round", {"year": "letztes", "deadline": ""}, "ist keine Zahl"),
]


@pytest.mark.parametrize("url,values,message", CASES, ids=[f"{c[0]}-{i}" for i, c in
                                                            enumerate(CASES)])
def test_bad_input_gets_a_german_message(app, admin, paths, url, values, message):
    url = url.format(concept=paths["concept"], last=YEAR - 1)
    message = message.format(last=YEAR - 1)
    response = fill(admin, url, values)
    assert response.status_int in (200, 400)
    assert message in response.text, re.sub(r"\s+", " ", response.text)[-3000:]
    assert measure_count(app) == paths["count"]


def test_answer_form_by_link_refuses_bad_values_and_forged_links(app, admin, anonymous, paths,
                                                                 settings, smtp_server):
    start_round(admin, paths["concept"], YEAR)
    path = next(p for text, p in answer_links(settings, smtp_server).items()
                if "Sprachkitas" in text)
    page = anonymous.get(path)
    form = page.forms["answer-form"]
    form["1-1-1-progress"] = "viel"
    form["1-1-1-indicator_value"] = "zwölf"
    form["1-1-1-indicator_date"] = "2025-13-45"
    response = form.submit("save", status=400)
    assert "Bitte korrigieren Sie die markierten Felder." in response.text
    assert "ist keine Zahl" in response.text and "Ungültiges Datum" in response.text
    # a forged or foreign token is not found
    anonymous.get(path[:-3] + "abc", status=404)
    anonymous.get(path.replace("/answer/", "/answer/org.someone-else/").rsplit("/", 2)[0]
                  + "/x", status=404)
    anonymous.get(path + "/extra", status=404)


def test_import_refuses_missing_wrong_and_broken_files(app, admin, paths):
    url = paths["concept"] + "import"
    token = admin.get(url).forms[0]["csrf_token"].value
    cases = [
        ([], "Bitte wählen Sie eine Datei aus."),
        ([("upload", Upload("konzept.pdf", b"%PDF-1.4"))], "Bitte laden Sie eine .csv- oder "
                                                            ".xlsx-Datei hoch."),
        ([("upload", Upload("konzept.xlsx", b"PK\x03\x04kaputt"))],
         "Die Datei ist keine lesbare .xlsx-Tabelle."),
        ([("upload", Upload("konzept.csv", "Nummer;Titel\n1;x\n".encode()))],
         "Es fehlen die Spalten: Handlungsfeld, Ziel, Maßnahme"),
        ([("upload", Upload("konzept.csv", "Handlungsfeld;Ziel;Maßnahme\n".encode("utf-16")))],
         "Die CSV-Datei muss UTF-8-kodiert sein."),
        ([("upload", Upload("konzept.csv", "Handlungsfeld;Ziel;Maßnahme;Fortschritt;Status\n"
                                          "A;B;C;200;fertig\n".encode()))],
         "Zeile 2, Spalte „Fortschritt“"),
    ]
    for files, message in cases:
        params = [("csrf_token", token)]
        response = admin.post(url, params, upload_files=[(n, f.filename, f.content)
                                                         for n, f in files] or None,
                              status=400)
        assert message in response.text, message
    assert measure_count(app) == paths["count"]


def test_publishing_a_report_without_introduction_is_refused(app, admin, paths):
    round_url = paths["concept"] + f"rounds/{YEAR - 1}/"
    start_round(admin, paths["concept"], YEAR)
    page = admin.get(paths["concept"] + f"rounds/{YEAR}/")
    report_form = next(f for f in page.forms.values() if f.action.endswith("/report"))
    edit = report_form.submit().follow()
    assert "Einleitung des Berichts" in edit.text
    view = admin.get(paths["concept"] + f"reports/{YEAR}/")
    publish = next(f for f in view.forms.values() if f.action.endswith("/publish"))
    refused = publish.submit().follow()
    assert "Bitte schreiben Sie zuerst die Einleitung des Berichts." in refused.text
    assert admin.get(round_url).status_int == 200
