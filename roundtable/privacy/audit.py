"""The audit trail: every change a logged-in person makes, kept as evidence.

Nothing in the views writes it: the privacy package subscribes to the content
events (``roundtable.events``) that views already send for the catalog, and
reads what changed by comparing the object with its last committed state in
the database (``Connection.oldstate``). So a new feature is audited as soon as
it sends the events, and the log cannot drift from the data.

Secret fields (passwords, tokens, hashes) are never written, not even as
"changed": their names are filtered here, once.
"""
import csv
import io
from datetime import date, datetime, timezone

from persistent import Persistent
from pyramid.traversal import find_root, resource_path

from ..events import ObjectAdded, ObjectModified, ObjectRemoved
from .resources import OFFICE, AuditEntry, PrivacyOffice

SECRET = ("password", "token", "secret", "hash", "salt", "failures")
ACTIONS = {ObjectAdded: "added", ObjectModified: "modified", ObjectRemoved: "removed"}
MAX_VALUE = 300
_SIMPLE = (str, int, float, bool, date, datetime, type(None))


def is_secret(field):
    field = field.lower()
    return any(word in field for word in SECRET)


def as_text(value):
    """A field value as the log shows it, or None when it is not a plain value
    (a persistent sub-object has its own entries)."""
    if isinstance(value, (set, frozenset, tuple, list)) and not isinstance(value, Persistent):
        items = [as_text(v) for v in value]
        if any(i is None for i in items):
            return None
        return ", ".join(sorted(items))  # order of choices is not a change worth logging
    if isinstance(value, Persistent) or not isinstance(value, _SIMPLE):
        return None
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    text = "" if value is None else str(value)
    return text if len(text) <= MAX_VALUE else text[:MAX_VALUE] + "…"


def _state(obj):
    state = obj.__getstate__() if isinstance(obj, Persistent) else dict(vars(obj))
    return state if isinstance(state, dict) else {}


def _old_state(obj):
    """The object's state as last committed, or {} for a new object."""
    jar, oid = getattr(obj, "_p_jar", None), getattr(obj, "_p_oid", None)
    if jar is None or oid is None:
        return {}
    try:
        state = jar.oldstate(obj, obj._p_serial)
    except Exception:  # noqa: BLE001 -- e.g. created in this transaction: nothing to compare
        return {}
    return state if isinstance(state, dict) else {}


def field_changes(old, new):
    """(field, old, new) for every plain, non-secret field that differs."""
    changes = []
    for field in sorted(set(old) | set(new)):
        if field.startswith("_") or is_secret(field) or field in ("modified", "__name__"):
            continue
        before = as_text(old[field]) if field in old else None
        after = as_text(new[field]) if field in new else None
        if field in old and before is None or field in new and after is None:
            continue  # a sub-object: it has entries of its own
        if before != after:
            changes.append((field, before, after))
    return changes


def consent_changes(obj):
    """Consent records added in this transaction, as changes of "consent:<purpose>"."""
    changes = []
    for record in getattr(obj, "consent_records", ()):
        if getattr(record, "_p_jar", None) is None:
            changes.append((f"consent:{record.purpose}", None,
                            f"{'given' if record.given else 'withdrawn'} ({record.method})"))
    return changes


def entry_for(event, when=None):
    """The audit entry an event stands for, or None (not by a logged-in person)."""
    request = event.request
    user = getattr(request, "identity", None) if request is not None else None
    if user is None:
        return None
    obj = event.object
    action = ACTIONS.get(type(event), "modified")
    if action == "removed":
        changes = []
    else:
        changes = field_changes(_old_state(obj) if action == "modified" else {}, _state(obj))
        changes += consent_changes(obj)
    return AuditEntry(
        when=when or datetime.now(timezone.utc), actor=user.__name__,
        actor_login=getattr(user, "login", ""), action=action, path=resource_path(obj),
        kind=type(obj).__name__, title=str(getattr(obj, "title", "") or ""), changes=changes)


def on_change(event):
    """Subscriber for added/modified/removed: append the entry to the log."""
    entry = entry_for(event)
    if entry is None:
        return
    office = office_of(event.object)
    if office is not None:
        office.audit.append(entry)


def office_of(resource):
    """The privacy office of the portal ``resource`` belongs to (None outside a portal)."""
    root = find_root(resource)
    office = root.get(OFFICE) if callable(getattr(root, "get", None)) else None
    return office if isinstance(office, PrivacyOffice) else None


def matching(log, actor="", kind="", path="", since=None, until=None):
    """Entries newest first, filtered by actor login, object kind and path prefix."""
    actor, kind, path = actor.strip().lower(), kind.strip(), path.strip()
    for entry in log.newest_first(since, until):
        if actor and actor not in (entry.actor_login or "").lower():
            continue
        if kind and entry.kind != kind:
            continue
        if path and not entry.path.startswith(path):
            continue
        yield entry


def _cell(value):
    """Spreadsheets run formulas; a cell that starts like one is quoted."""
    value = "" if value is None else str(value)
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def as_csv(entries):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["Zeit (UTC)", "Wer", "Aktion", "Art", "Objekt", "Titel", "Feld", "Alt", "Neu"])
    for e in entries:
        rows = e.changes or [("", "", "")]
        for field, old, new in rows:
            writer.writerow([_cell(v) for v in (e.when.isoformat(), e.actor_login, e.action, e.kind,
                                                  e.path, e.title, field, old, new)])
    return "\ufeff" + out.getvalue()
