"""The data export of one person: a zip with ``daten.json`` and ``uebersicht.html``.

JSON for portability (Art. 20: machine-readable), the HTML summary so the
person can read it without tools (Art. 15). The HTML is rendered from a page
template, so everything in it is escaped like on any page.
"""
import io
import json
import zipfile
from datetime import datetime, timezone

from pyramid.renderers import render

from .audit import office_of
from .subject import as_data, holdings

SECTIONS = (
    ("register_entry", "Registereintrag"),
    ("consent_records", "Einwilligungen"),
    ("memberships", "Mitgliedschaften in Gremien"),
    ("attendance", "Anwesenheit und Rückmeldungen zu Sitzungen"),
    ("authorship", "Anträge (Autorschaft)"),
    ("account", "Zugang"),
    ("subscriptions", "Newsletter-Abonnements"),
    ("delivery_log", "Versandprotokoll"),
    ("changes_to_register_entry", "Änderungen am Registereintrag"),
)


def export_data(portal, person, settings=None):
    office = office_of(person)
    path = "/people/" + person.__name__
    entries = [e for e in office.audit.newest_first() if e.path.rstrip("/") == path] if office else []
    data = as_data(portal, holdings(portal, person, settings), entries)
    data["generated"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
    data["portal"] = portal.title
    return data


def export_zip(request, person):
    """The zip as bytes: JSON plus the readable summary."""
    data = export_data(request.root, person, request.registry.settings)
    rows = [(title, data.get(key)) for key, title in SECTIONS]
    html = render("roundtable:templates/privacy/export_summary.pt",
                  {"person": person, "data": data, "sections": rows,
                   "is_list": lambda v: isinstance(v, list),
                   "is_dict": lambda v: isinstance(v, dict)}, request=request)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("daten.json", json.dumps(data, ensure_ascii=False, indent=2))
        archive.writestr("uebersicht.html", html)
    return out.getvalue()
