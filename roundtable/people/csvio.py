"""CSV import and export of the register, in the format German spreadsheets use.

Files are semicolon-separated UTF-8 with German column headers; the export
starts with a byte-order mark so that Excel recognises the encoding, and the
import accepts one. An export can be imported again unchanged.

Every imported row goes through the same colander schema as the web form
(``schemas.PersonSchema`` / ``schemas.OrganisationSchema``): a row is built
into a cstruct (spreadsheet spellings such as "ja", "Frau", "Wohlfahrtsverband"
or "12.03.2015" translated into what the form would send), deserialized, and
only then stored in one step, so a row is imported whole or not at all. Rows
that fail are reported with their row number (the header is row 1) and the
reason; the good rows are imported.
"""
import codecs
import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date

import colander
from pyramid.i18n import get_localizer

from .. import events
from ..forms import guard_single_line
from ..i18n import _
from ..text import fold
from .vocabulary import LANGUAGES, ORGANISATION_KINDS, SALUTATIONS, ordered_languages
from .schemas import MAX_UPLOAD, OrganisationSchema, PersonSchema

DELIMITER = ";"
MAX_ROWS = 10000
LIST_SEPARATOR = "|"     # between organisation names in one cell
# Cells starting with these are formulas to a spreadsheet; the export prefixes
# them with an apostrophe (and the import removes it again), so a name like
# "=HYPERLINK(...)" cannot run in the coordinator's Excel.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class CSVError(Exception):
    """The file as a whole cannot be read; ``message`` says why, for the user."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


# -- cell conversions -------------------------------------------------------------

def _choice_reader(choices):
    """Read a choice given by its key or by its (German) title, any case."""
    by_text = {}
    for key, title in choices:
        by_text[fold(key)] = key
        by_text[fold(str(title))] = key

    def read(cell, register):
        return by_text.get(fold(cell), cell) if cell else cell
    return read


def _read_languages(cell, register):
    """Codes separated by commas; German names ("Arabisch") are accepted too."""
    lookup = {fold(code): code for code, _t in LANGUAGES}
    lookup.update({fold(str(title)): code for code, title in LANGUAGES})
    tokens = [t.strip() for t in re.split(r"[,/]", cell) if t.strip()]
    return [lookup.get(fold(t), t) for t in tokens]


def _write_languages(value, register):
    return ",".join(ordered_languages(value))


def _read_organisations(cell, register):
    """Names separated by "|"; a name not in the register stays as typed so the
    schema reports it as unknown."""
    orgs = register["organisations"]
    result = []
    for name in (n.strip() for n in cell.split(LIST_SEPARATOR)):
        if name:
            org = orgs.find_by_name(name)
            result.append(org.__name__ if org is not None else name)
    return result


def _write_organisations(value, register):
    orgs = register["organisations"]
    names = [orgs[n].name for n in value or () if n in orgs]
    return LIST_SEPARATOR.join(sorted(names, key=fold))


def _write_yes_no(value, register):
    return "ja" if value else "nein"


_GERMAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


def _read_date(cell, register):
    """"12.03.2015" (as German spreadsheets show it) or ISO "2015-03-12"."""
    m = _GERMAN_DATE.match(cell)
    if m:
        day, month, year = (int(g) for g in m.groups())
        return f"{year:04d}-{month:02d}-{day:02d}"
    return cell or colander.null


def _write_date(value, register):
    return value.strftime("%d.%m.%Y") if isinstance(value, date) else ""


def _write_kind(value, register):
    return str(dict(ORGANISATION_KINDS).get(value, value or ""))


def _plain(cell, register):
    return cell


def _write_plain(value, register):
    return "" if value is None else str(value)


@dataclass
class Column:
    header: str
    field: str
    read: object = _plain
    write: object = _write_plain
    required: bool = False


PERSON_COLUMNS = (
    Column("Anrede", "salutation", _choice_reader(SALUTATIONS)),
    Column("Titel", "academic_title"),
    Column("Vorname", "given_name", required=True),
    Column("Nachname", "family_name", required=True),
    Column("E-Mail", "email"),
    Column("Telefon", "phone"),
    Column("Sprachen", "languages", _read_languages, _write_languages),
    Column("Organisationen", "organisation_ids", _read_organisations, _write_organisations),
    Column("Einwilligung Veröffentlichung", "public_consent", write=_write_yes_no),
    Column("Notizen", "notes"),
)

ORGANISATION_COLUMNS = (
    Column("Name", "name", required=True),
    Column("Art", "kind", _choice_reader(ORGANISATION_KINDS), _write_kind),
    Column("Straße", "street"),
    Column("PLZ", "postcode"),
    Column("Ort", "city"),
    Column("Website", "website"),
    Column("E-Mail", "email"),
    Column("Telefon", "phone"),
    Column("Beschreibung", "description"),
    Column("Mitglied seit", "member_since", _read_date, _write_date),
)


@dataclass
class Format:
    """What one kind of register file holds and how its rows are stored."""

    columns: tuple
    schema: type
    add: str            # method of the folder that stores validated values
    label_fields: tuple  # fields naming a row in the report
    filename: str


PEOPLE = Format(PERSON_COLUMNS, PersonSchema, "add_person", ("given_name", "family_name"), "personen")
ORGANISATIONS = Format(ORGANISATION_COLUMNS, OrganisationSchema, "add_organisation", ("name",),
                       "organisationen")


# -- reading ----------------------------------------------------------------------

def _unescape(cell):
    if len(cell) > 1 and cell[0] == "'" and cell[1] in FORMULA_START:
        return cell[1:]
    return cell


def _header_hint(fmt):
    return DELIMITER.join(c.header for c in fmt.columns)


def _interpolate(term):
    """Without a request (in unit use): the German text with its values filled in."""
    return term.interpolate() if hasattr(term, "interpolate") else str(term)


def read_rows(data, fmt, translate=_interpolate):
    """Decode and split a file into ``(row number, {header: cell}, extra cells?)``.

    Raises CSVError for a file that is not a readable CSV of this format:
    empty, too large, not UTF-8, binary, not semicolon-separated, or with
    a header that does not name this format's columns. ``translate`` turns
    the parts of a composed message into text before they are combined.
    """
    if len(data) > MAX_UPLOAD:
        raise CSVError(_("Die Datei ist größer als ${mb} MB.", mapping={"mb": MAX_UPLOAD // 2**20}))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CSVError(_("Die Datei ist nicht im Zeichensatz UTF-8 gespeichert. Speichern Sie "
                         "sie in Excel als „CSV UTF-8 (durch Trennzeichen getrennt)“ oder in "
                         "LibreOffice mit dem Zeichensatz „Unicode (UTF-8)“ und dem Trennzeichen "
                         "Semikolon.")) from None
    if "\x00" in text:
        raise CSVError(_("Das ist keine CSV-Datei. Bitte laden Sie eine Textdatei mit durch "
                         "Semikolon getrennten Spalten hoch (z. B. aus Excel: „CSV UTF-8“)."))
    if not text.strip():
        raise CSVError(_("Die Datei ist leer."))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=DELIMITER, strict=True)
    try:
        header = [h.strip() for h in next(reader)]
        while header and not header[-1]:
            header.pop()  # trailing separators some spreadsheets write
        known = {c.header for c in fmt.columns}
        expected = translate(_("Erwartet wird die Kopfzeile: ${header}",
                               mapping={"header": _header_hint(fmt)}))
        if len(header) == 1 and ("," in header[0] or "\t" in header[0]):
            raise CSVError(_("Die Spalten sind nicht durch Semikolons getrennt. ${expected}",
                             mapping={"expected": expected}))
        unknown = [h for h in header if h not in known]
        missing = [c.header for c in fmt.columns if c.required and c.header not in header]
        doubled = sorted({h for h in header if header.count(h) > 1})
        if unknown or missing or doubled:
            parts = []
            if unknown:
                parts.append(translate(_("unbekannte Spalten: ${names}",
                                         mapping={"names": ", ".join(unknown)})))
            if missing:
                parts.append(translate(_("fehlende Spalten: ${names}",
                                         mapping={"names": ", ".join(missing)})))
            if doubled:
                parts.append(translate(_("doppelte Spalten: ${names}",
                                         mapping={"names": ", ".join(doubled)})))
            raise CSVError(_("Die Kopfzeile passt nicht (${problems}). ${expected}",
                             mapping={"problems": "; ".join(parts), "expected": expected}))
        rows = []
        for number, cells in enumerate(reader, start=2):
            if not any(c.strip() for c in cells):
                continue
            if len(rows) >= MAX_ROWS:
                raise CSVError(_("Die Datei hat mehr als ${n} Zeilen; bitte teilen Sie sie auf.",
                                 mapping={"n": MAX_ROWS}))
            extra = [c for c in cells[len(header):] if c.strip()]
            values = {h: _unescape(cells[i].strip()) if i < len(cells) else ""
                      for i, h in enumerate(header)}
            rows.append((number, values, bool(extra)))
    except csv.Error as exc:
        raise CSVError(_("Die Datei ist keine gültige CSV-Datei (Zeile ${line}: ${detail}).",
                         mapping={"line": reader.line_num, "detail": str(exc)})) from None
    return rows


# -- importing --------------------------------------------------------------------

@dataclass
class RowError:
    row: int
    label: str
    messages: list


@dataclass
class ImportReport:
    imported: list = field(default_factory=list)
    errors: list = field(default_factory=list)


def _error_messages(exc, translate):
    """ "Field title: message" for every failing field of a colander error."""
    messages = []
    for child in exc.children:
        title = translate(child.node.title)
        for msg in child.messages():
            messages.append(f"{title}: {translate(msg)}")
    if not messages:
        messages.extend(translate(m) for m in exc.messages())
    return messages


def import_csv(request, folder, fmt, data):
    """Import the rows of ``data`` (bytes) into ``folder``; return an ImportReport.

    Raises CSVError when the file as a whole is unusable (nothing is stored).
    Each good row is stored as soon as it is validated, so a later row with
    the same e-mail address or name is caught as a duplicate like any other.
    """
    translate = get_localizer(request).translate
    rows = read_rows(data, fmt, translate)
    register = request.root
    schema = guard_single_line(fmt.schema().bind(request=request, context=folder))
    report = ImportReport()
    for number, values, extra in rows:
        label = " ".join(values.get(c.header, "") for c in fmt.columns
                         if c.field in fmt.label_fields).strip()
        if extra:
            report.errors.append(RowError(number, label, [translate(
                _("Die Zeile hat mehr Spalten als die Kopfzeile."))]))
            continue
        cstruct = {c.field: c.read(values[c.header], register)
                   for c in fmt.columns if c.header in values}
        try:
            appstruct = schema.deserialize(cstruct)
        except colander.Invalid as exc:
            report.errors.append(RowError(number, label, _error_messages(exc, translate)))
            continue
        if "consent_method" in appstruct:  # a consent from a file is recorded as imported
            appstruct.update(consent_method="import", consent_by=request.authenticated_userid)
        record = getattr(folder, fmt.add)(appstruct)
        events.added(request, record)
        report.imported.append(record)
    return report


# -- exporting --------------------------------------------------------------------

def _escape(cell):
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def export_csv(records, fmt, register):
    """The records as CSV bytes (UTF-8 with byte-order mark, CRLF line ends)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=DELIMITER, lineterminator="\r\n")
    writer.writerow([c.header for c in fmt.columns])
    for record in records:
        writer.writerow([_escape(c.write(getattr(record, c.field), register)) for c in fmt.columns])
    return codecs.BOM_UTF8 + out.getvalue().encode("utf-8")
