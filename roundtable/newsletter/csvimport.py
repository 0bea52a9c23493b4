"""Importing an existing address list (CSV) into a newsletter list.

Columns (header row, ``;`` or ``,``): ``email`` (required), ``name``,
``language`` (de/en). The coordinator states where the consent comes from
and when it was given; both are recorded on every imported subscriber.
A bad row is reported with its line number and skipped; the others are taken.
"""
import csv
import io

from ..i18n import _
from .subscribers import LANGUAGES, one_line, valid_email

MAX_UPLOAD = 2 * 1024 * 1024
HEADERS = {"email": "email", "e-mail": "email", "e-mail-adresse": "email", "name": "name",
           "language": "language", "sprache": "language"}


class ImportError_(ValueError):
    """The file as a whole cannot be read; the message says why."""


def read_rows(data):
    if len(data) > MAX_UPLOAD:
        raise ImportError_(_("Die Datei ist zu groß (höchstens 2 MB)."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportError_(_("Die Datei ist nicht in UTF-8 gespeichert.")) from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = list(reader)
    except csv.Error:
        raise ImportError_(_("Die Datei ist keine lesbare CSV-Datei.")) from None
    if not rows:
        raise ImportError_(_("Die Datei ist leer."))
    columns = [HEADERS.get(h.strip().casefold()) for h in rows[0]]
    if "email" not in columns:
        raise ImportError_(_("Die erste Zeile braucht eine Spalte „email“."))
    for number, row in enumerate(rows[1:], 2):
        if any(cell.strip() for cell in row):
            yield number, {c: cell.strip() for c, cell in zip(columns, row) if c}


def import_subscribers(subscribers, data, list_name, consent_source, consent_date):
    """``(imported, already, errors)``; errors are ``(line, message)`` pairs."""
    imported, already, errors = 0, 0, []
    for number, row in read_rows(data):
        email = row.get("email", "")
        if not valid_email(email):
            errors.append((number, _("ungültige E-Mail-Adresse")))
            continue
        language = row.get("language") or "de"
        if language not in LANGUAGES:
            errors.append((number, _("unbekannte Sprache (de oder en)")))
            continue
        existing = subscribers.find(email)
        if existing is not None and existing.subscribed_to(list_name):
            already += 1
            continue
        subscribers.subscribe_confirmed(email, [list_name], name=one_line(row.get("name", "")),
                                        language=language, source="import",
                                        consent_source=consent_source, consent_date=consent_date)
        imported += 1
    return imported, already, errors
