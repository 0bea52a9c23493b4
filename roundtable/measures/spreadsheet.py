"""Import and export of a concept's measures as a spreadsheet (CSV or .xlsx).

One row per measure, German column headings. The import checks every row with
``MeasureSchema`` (the form's schema) before it writes anything: a file with
one bad row imports nothing and says which row and column is wrong. Fields of
action and goals named in the file are created; responsibles and involved
organisations must exist (in the register or as units of the administration).
"""
import csv
import io
import re
from datetime import date, datetime

import colander

from ..i18n import _
from . import responsible
from .resources import STATUSES, Concept, FieldOfAction, Goal, Indicator, Measure
from .schemas import IndicatorSchema, MeasureSchema

COLUMNS = (
    ("number", "Nummer"), ("field", "Handlungsfeld"), ("goal", "Ziel"), ("title", "Maßnahme"),
    ("description", "Beschreibung"), ("responsible", "Verantwortlich"),
    ("involved", "Beteiligte"), ("planned_start", "Beginn geplant"),
    ("planned_end", "Ende geplant"), ("status", "Status"), ("progress", "Fortschritt"),
    ("indicator", "Indikator"), ("unit", "Einheit"), ("baseline", "Ausgangswert"),
    ("target", "Zielwert"), ("target_date", "Zieldatum"),
)
HEADINGS = dict(COLUMNS)
SCHEMA_COLUMNS = {"goal": "goal", "name": "indicator"}   # schema node -> column
MAX_ROWS = 2000
GERMAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


class SpreadsheetError(ValueError):
    """The file cannot be read at all (not a table, no header)."""


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _iso(text):
    match = GERMAN_DATE.match(text)
    return f"{match.group(3)}-{int(match.group(2)):02d}-{int(match.group(1)):02d}" if match else text


def _number(text):
    return text.replace(",", ".") if re.match(r"^-?\d+,\d+$", text) else text


def read_rows(filename, data):
    """(line number, {column key: text}) for each non-empty row of the file."""
    if filename.lower().endswith(".xlsx"):
        from openpyxl import load_workbook   # on use: a large library

        try:
            sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).active
            table = [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        except Exception as exc:  # openpyxl raises many kinds for a broken file
            raise SpreadsheetError(_("Die Datei ist keine lesbare .xlsx-Tabelle.")) from exc
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise SpreadsheetError(_("Die CSV-Datei muss UTF-8-kodiert sein.")) from exc
        try:
            dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=";,\t")
        except csv.Error:
            dialect = csv.excel
        table = [[c.strip() for c in row] for row in csv.reader(io.StringIO(text), dialect)]
    if not table:
        raise SpreadsheetError(_("Die Datei ist leer."))
    by_heading = {title.casefold(): key for key, title in COLUMNS}
    header = [by_heading.get(h.strip().casefold()) for h in table[0]]
    missing = [HEADINGS[k] for k in ("field", "goal", "title") if k not in header]
    if missing:
        raise SpreadsheetError(_("Es fehlen die Spalten: ${cols}", mapping={"cols": ", ".join(missing)}))
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        if not any(cells):
            continue
        rows.append((number, {k: _unguard(v) for k, v in zip(header, cells) if k}))
    if len(rows) > MAX_ROWS:
        raise SpreadsheetError(_("Höchstens ${n} Zeilen auf einmal.", mapping={"n": MAX_ROWS}))
    return rows


def _plan(concept):
    """An unattached copy of the concept's fields and goals, to add the file's
    new ones to while checking, the same way the import adds them for real."""
    plan = Concept(concept.title, concept.period_start, concept.period_end)
    for field in concept.fields:
        copied = FieldOfAction(field.key, field.title)
        copied.goals.extend(Goal(g.key, g.title) for g in field.goals)
        plan.fields.append(copied)
    return plan


def _goal_key(target, field_title, goal_title):
    field = target.field_by_title(field_title) or target.add_field(field_title)
    goal = next((g for g in field.goals if g.title.casefold() == goal_title.casefold()), None)
    return f"{field.key}:{(goal or field.add_goal(goal_title)).key}"


def _status_key(text):
    for key, title in STATUSES:
        if text.casefold() in (key, str(title).casefold()):
            return key
    return None


def _messages(request, invalid, number):
    t = request.localizer.translate
    out = []
    for node, message in invalid.asdict(translate=t).items():
        column = HEADINGS.get(SCHEMA_COLUMNS.get(node.split(".")[-1], node.split(".")[-1]), "")
        out.append(t(_("Zeile ${row}, Spalte „${col}“: ${msg}",
                       mapping={"row": number, "col": column, "msg": message}))
                   if column else t(_("Zeile ${row}: ${msg}", mapping={"row": number,
                                                                        "msg": message})))
    return out


def check_rows(request, concept, rows):
    """Each row as (measure values, status, progress, indicator values), or the
    list of messages for the rows that are wrong."""
    portal = request.root
    plan = _plan(concept)
    for _line, row in rows:   # the file's new fields and goals, before the schema is bound
        if row.get("field") and row.get("goal"):
            _goal_key(plan, row["field"], row["goal"])
    numbers = {m.number for m in concept.measures() if m.number}
    orgs = {o.name.casefold(): o.__name__ for o in portal["organisations"].values()}
    schema = MeasureSchema().bind(request=request, context=plan)
    indicator_schema = IndicatorSchema().bind(request=request, context=plan)
    checked, problems = [], []
    t = request.localizer.translate
    for number, row in rows:
        row_problems = []
        if not row.get("field") or not row.get("goal"):
            row_problems.append(t(_("Zeile ${row}: Handlungsfeld und Ziel sind Pflicht.",
                                    mapping={"row": number})))
            problems += row_problems
            continue
        key = responsible.find(portal, row.get("responsible", ""))
        involved = [n.strip() for n in row.get("involved", "").split(";") if n.strip()]
        unknown = [n for n in involved if n.casefold() not in orgs]
        if row.get("responsible") and key is None:
            row_problems.append(t(_("Zeile ${row}: Verantwortlich „${name}“ ist weder Organisation "
                                    "noch Gremium noch Verwaltungseinheit.",
                                    mapping={"row": number, "name": row["responsible"][:80]})))
        if unknown:
            row_problems.append(t(_("Zeile ${row}: Unbekannte beteiligte Organisation: ${names}",
                                    mapping={"row": number, "names": ", ".join(unknown)[:200]})))
        if row.get("number") and row["number"] in numbers:
            row_problems.append(t(_("Zeile ${row}: Die Nummer ${n} ist schon vergeben.",
                                    mapping={"row": number, "n": row["number"][:20]})))
        status = _status_key(row.get("status") or "not_started")
        if status is None:
            row_problems.append(t(_("Zeile ${row}: Unbekannter Status „${s}“.",
                                    mapping={"row": number, "s": row["status"][:40]})))
        cstruct = {"number": row.get("number", ""), "title": row.get("title", ""),
                   "goal": _goal_key(plan, row["field"], row["goal"]),
                   "description": row.get("description", ""), "responsible": key or "",
                   "involved": [orgs[n.casefold()] for n in involved if n.casefold() in orgs],
                   "planned_start": _iso(row.get("planned_start", "")) or colander.null,
                   "planned_end": _iso(row.get("planned_end", "")) or colander.null,
                   "body_id": "", "internal_note": ""}
        try:
            values = schema.deserialize(cstruct)
        except colander.Invalid as invalid:
            row_problems += _messages(request, invalid, number)
            values = None
        progress = None
        if row.get("progress"):
            text = row["progress"].rstrip("%").strip()
            if text.isdigit() and 0 <= int(text) <= 100:
                progress = int(text)
            else:
                row_problems.append(t(_("Zeile ${row}, Spalte „Fortschritt“: eine ganze Zahl "
                                        "von 0 bis 100.", mapping={"row": number})))
        indicator = None
        if row.get("indicator"):
            try:
                indicator = indicator_schema.deserialize({
                    "name": row["indicator"], "unit": row.get("unit", ""),
                    "baseline": _number(row.get("baseline", "")) or colander.null,
                    "target": _number(row.get("target", "")) or colander.null,
                    "target_date": _iso(row.get("target_date", "")) or colander.null})
            except colander.Invalid as invalid:
                row_problems += _messages(request, invalid, number)
        if row.get("number"):
            numbers.add(row["number"])
        problems += row_problems
        if not row_problems:
            checked.append((row, values, status, progress, indicator))
    return checked, problems


def import_rows(concept, checked):
    """Write checked rows into the concept; returns the measures made."""
    made = []
    for row, values, status, progress, indicator in checked:
        field_key, goal_key = _goal_key(concept, row["field"], row["goal"]).split(":")
        measure = Measure(values["title"], field_key, goal_key, values["number"],
                          values["description"], values["responsible"], values["involved"],
                          values["planned_start"], values["planned_end"])
        measure.status = status
        measure.progress = 100 if status == "done" else (progress or 0)
        if indicator is not None:
            measure.indicator = Indicator(**indicator)
        concept.add_measure(measure)
        made.append(measure)
    return made


def export_rows(portal, concept):
    """The header and one row per measure, as the import reads them."""
    orgs = portal["organisations"]
    yield [title for _key, title in COLUMNS]
    for m in concept.measures():
        field, goal, ind = m.field, m.goal, m.indicator
        yield [m.number, field.title if field else "", goal.title if goal else "", m.title,
               m.description, responsible.title_of(portal, m.responsible),
               "; ".join(orgs[o].name for o in m.involved if o in orgs),
               m.planned_start.isoformat() if m.planned_start else "",
               m.planned_end.isoformat() if m.planned_end else "",
               m.status, str(m.progress),
               ind.name if ind else "", ind.unit if ind else "",
               _plain(ind.baseline) if ind else "", _plain(ind.target) if ind else "",
               ind.target_date.isoformat() if ind and ind.target_date else ""]


def _plain(value):
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)


FORMULA_START = "=+-@"


def _guard(cell, starts=FORMULA_START):
    """A cell a spreadsheet program would run as a formula gets a leading
    apostrophe (CSV injection); the import takes it off again."""
    return "'" + cell if cell and cell[0] in starts else cell


def _unguard(cell):
    return cell[1:] if cell[:1] == "'" and cell[1:2] and cell[1] in FORMULA_START else cell


def to_csv(rows):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    for row in rows:
        writer.writerow([_guard(c) for c in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(rows):
    """In .xlsx only "=" starts a formula; other text stays text."""
    from openpyxl import Workbook   # on use: a large library

    book = Workbook()
    sheet = book.active
    sheet.title = "Maßnahmen"
    for row in rows:
        sheet.append([_guard(c, "=") for c in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
