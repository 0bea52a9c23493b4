"""Export of the measures as CSV and .xlsx, and the .xlsx read back into a new
concept through the import (the same schemas as the forms)."""
import csv
import io
from datetime import date

from openpyxl import load_workbook

from roundtable.db import ROOT_KEY
from roundtable.measures.spreadsheet import COLUMNS
from tests.measures.helpers import concept_path, csrf


def test_csv_and_xlsx_exports_hold_every_measure(anonymous):
    path = concept_path(anonymous)
    text = anonymous.get(path + "measures.csv").body.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == [title for _key, title in COLUMNS]
    assert len(rows) == 13
    lotsen = next(r for r in rows if r[3] == "Wohnungslotsen für Geflüchtete")
    assert lotsen[:3] == ["3.1.1", "Wohnen und Zusammenleben",
                          "Auszug aus Gemeinschaftsunterkünften erleichtern"]
    assert lotsen[9:13] == ["in_progress", "70", "Umzüge in eigene Wohnungen", "Haushalte"]
    sheet = load_workbook(io.BytesIO(anonymous.get(path + "measures.xlsx").body)).active
    assert [c.value for c in sheet[1]][:4] == ["Nummer", "Handlungsfeld", "Ziel", "Maßnahme"]
    assert sheet.max_row == 13


def test_exported_xlsx_imports_into_a_new_concept(app, admin, anonymous):
    path = concept_path(anonymous)
    data = anonymous.get(path + "measures.xlsx").body
    form = admin.get("/concept/add").forms["form"]
    form["title"] = "Fortschreibung aus Excel"
    form["period_start"] = "2028"
    form["period_end"] = "2032"
    new = form.submit("save", status=303).location.replace("http://localhost", "")
    token = csrf(admin, new + "import")
    response = admin.post(new + "import", {"csrf_token": token},
                          upload_files=[("upload", "konzept.xlsx", data)], status=303)
    assert "12 Maßnahmen importiert" in response.follow().text
    conn = app.registry._zodb_databases[""].open()
    try:
        concept = conn.root()[ROOT_KEY]["concept"][new.strip("/").split("/")[-1]]
        assert [f.title for f in concept.fields] == ["Sprache und Bildung", "Arbeit und Ausbildung",
                                                     "Wohnen und Zusammenleben"]
        lotsen = next(m for m in concept.measures() if m.number == "3.1.1")
        assert (lotsen.status, lotsen.progress) == ("in_progress", 70)
        assert lotsen.indicator.target == 160 and lotsen.indicator.unit == "Haushalte"
        assert lotsen.planned_end.year == date.today().year
        assert lotsen.responsible.startswith("unit.")
    finally:
        conn.close()
    # the same file again: every number is taken now, nothing is imported twice
    response = admin.post(new + "import", {"csrf_token": token},
                          upload_files=[("upload", "konzept.xlsx", data)], status=400)
    assert "Die Nummer 1.1.1 ist schon vergeben." in response.text


def test_formulas_are_defused_in_exports_and_restored_on_import():
    from roundtable.measures.spreadsheet import read_rows, to_csv, to_xlsx

    rows = [["Handlungsfeld", "Ziel", "Maßnahme", "Ausgangswert"],
            ["Wohnen", "Ziel", '=HYPERLINK("http://evil.example","x")', "-5"]]
    csv_bytes = to_csv(rows)
    assert b"'=HYPERLINK" in csv_bytes and b"'-5" in csv_bytes
    sheet = load_workbook(io.BytesIO(to_xlsx(rows))).active
    assert sheet["C2"].data_type == "s" and sheet["C2"].value.startswith("'=")
    for name, data in (("x.csv", csv_bytes), ("x.xlsx", to_xlsx(rows))):
        (_line, row), = read_rows(name, data)
        assert row["title"].startswith("=HYPERLINK") and row["baseline"] == "-5"
