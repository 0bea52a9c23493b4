"""The data export of one person: a zip with ``daten.json`` and ``uebersicht.html``.

JSON for portability (Art. 20: machine-readable), the HTML summary so the
person can read it without tools (Art. 15). The HTML is rendered from a page
template, so everything in it is escaped like on any page.
"""
import io
import json
import logging
import os
import re
import secrets
import threading
import zipfile
from datetime import datetime, timedelta, timezone

import transaction
from chameleon import PageTemplateFile
from pyramid.traversal import find_resource

from ..db import ROOT_KEY
from .audit import office_of
from .subject import as_data, holdings

log = logging.getLogger(__name__)

SECTIONS = (
    ("register_entry", "Registereintrag"),
    ("consent_records", "Einwilligungen"),
    ("memberships", "Mitgliedschaften in Gremien"),
    ("attendance", "Anwesenheit und Rückmeldungen zu Sitzungen"),
    ("authorship", "Anträge (Autorschaft)"),
    ("account", "Zugang"),
    ("subscriptions", "Newsletter-Abonnements"),
    ("follows", "Folgen per E-Mail"),
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


def export_zip(portal, person, settings):
    """The zip as bytes: JSON plus the readable summary (rendered with Chameleon
    directly, so a background thread without a request can do it too)."""
    data = export_data(portal, person, settings)
    rows = [(title, data.get(key)) for key, title in SECTIONS]
    template = PageTemplateFile(os.path.join(settings["roundtable.templates"], "privacy",
                                             "export_summary.pt"))
    html = template(person=person, data=data, sections=rows,
                    is_list=lambda v: isinstance(v, list), is_dict=lambda v: isinstance(v, dict))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("daten.json", json.dumps(data, ensure_ascii=False, indent=2))
        archive.writestr("uebersicht.html", html)
    return out.getvalue()


# -- large histories: prepared in the background ---------------------------------

INLINE_LIMIT = 2000  # records; above this the export is prepared in a thread
KEEP = timedelta(days=1)
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


def size(found):
    return (len(found.memberships) + len(found.attendance) + len(found.motions)
            + len(found.subscribers) + len(found.followers) + sum(len(v) for v in found.delivery_files.values()))


def export_dir(settings):
    return settings.get("privacy.export_path") or os.path.join(
        os.path.dirname(settings["mail.queue_path"].rstrip("/")), "exports")


def prepared_path(settings, token):
    """The file of a prepared export, or None for a malformed token."""
    return os.path.join(export_dir(settings), token + ".zip") if _TOKEN.match(token or "") else None


def owner_of(settings, token):
    """Who asked for the export ``token`` (only they may fetch it), or None."""
    path = prepared_path(settings, token)
    try:
        with open(path[:-4] + ".json", encoding="utf-8") as f:
            return json.load(f)["userid"]
    except (TypeError, OSError, ValueError, KeyError):
        return None


def prepare(db, settings, person_path, userid):
    """Start building the export of the person at ``person_path`` in a thread,
    with its own database connection; returns the token to fetch it with."""
    token = secrets.token_urlsafe(24)
    directory = export_dir(settings)
    os.makedirs(directory, exist_ok=True)
    path = prepared_path(settings, token)
    with open(path[:-4] + ".json", "w", encoding="utf-8") as f:
        json.dump({"userid": userid, "created": datetime.now(timezone.utc).isoformat()}, f)

    def build():
        tm = transaction.TransactionManager()
        conn = db.open(transaction_manager=tm)
        try:
            tm.begin()
            try:
                portal = conn.root()[ROOT_KEY]
                body = export_zip(portal, find_resource(portal, person_path), settings)
            finally:
                tm.abort()  # reading only
            with open(path + ".part", "wb") as f:
                f.write(body)
            os.replace(path + ".part", path)
        except Exception:  # noqa: BLE001 -- the page keeps saying "in preparation"; logged
            log.exception("preparing the export of %s failed", person_path)
        finally:
            conn.close()

    threading.Thread(target=build, name="roundtable-export", daemon=True).start()
    return token


def remove_old_exports(settings, now):
    """Prepared exports are kept one day (retention); how many files went."""
    directory = export_dir(settings) if settings and "mail.queue_path" in settings else None
    if not directory or not os.path.isdir(directory):
        return 0
    removed = 0
    for name in os.listdir(directory):
        path = os.path.join(directory, name)
        if now.timestamp() - os.path.getmtime(path) > KEEP.total_seconds():
            os.remove(path)
            removed += 1
    return removed
