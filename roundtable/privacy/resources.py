"""The privacy office: the audit log, the retention periods and their runs.

It sits at ``/data-protection/`` in the tree and only the coordinator may open it:
the audit log names who changed what, and that is personal data too.
"""
from datetime import timedelta

from BTrees.LOBTree import LOBTree
from persistent import Persistent
from persistent.list import PersistentList
from persistent.mapping import PersistentMapping
from pyramid.authorization import ALL_PERMISSIONS, Allow, Deny, Everyone

from ..i18n import _

# Its name in the portal: "/privacy" is the public privacy statement.
OFFICE = "data-protection"

# Retention periods in days: (key, title, default). Chosen after what a town's
# data protection officer usually accepts for such records.
PERIODS = (
    ("signups", _("Unbestätigte Anmeldungen (Newsletter, Folgen per E-Mail)"), 30),
    ("delivery_log", _("Versandprotokolle der Newsletter"), 365),
    ("audit", _("Einträge des Änderungsprotokolls"), 3 * 365),
    ("former_contact", _("Kontaktdaten ausgeschiedener Personen (nach Hinweis)"), 2 * 365),
    ("notice", _("Frist zwischen Hinweis und Löschung der Kontaktdaten"), 30),
)
DEFAULT_PERIODS = {key: days for key, _title, days in PERIODS}


class AuditEntry:
    """One change, written once: who, when, what object, which fields.

    ``changes`` is a tuple of (field, old, new) with values as text; secret
    fields never get here (see ``audit.SECRET``).
    """

    def __init__(self, when, actor, actor_login, action, path, kind, title, changes=()):
        self.when = when
        self.actor = actor
        self.actor_login = actor_login
        self.action = action
        self.path = path
        self.kind = kind
        self.title = title
        self.changes = tuple(changes)


def _key(when):
    return int(when.timestamp() * 1_000_000)


class AuditLog(Persistent):
    """Entries by time (microseconds since the epoch): append, read, prune.

    There is no method to change an entry; erasure of a person replaces the
    entries about them by anonymised copies (``anonymise``), retention drops
    whole old entries.
    """

    def __init__(self):
        self.entries = LOBTree()

    def append(self, entry):
        key = _key(entry.when)
        while key in self.entries:
            key += 1
        self.entries[key] = entry
        return key

    def __len__(self):
        return len(self.entries)

    def newest_first(self, since=None, until=None):
        lo = _key(since) if since else None
        hi = _key(until) if until else None
        keys = list(self.entries.keys(lo, hi))
        for key in reversed(keys):
            yield self.entries[key]

    def prune(self, before):
        """Drop entries older than ``before``; how many went."""
        old = list(self.entries.keys(None, _key(before), excludemax=True))
        for key in old:
            del self.entries[key]
        return len(old)

    def rewrite(self, change):
        """Replace entries for which ``change(entry)`` returns a new entry
        (used only by erasure); how many were replaced."""
        count = 0
        for key, entry in list(self.entries.items()):
            new = change(entry)
            if new is not None:
                self.entries[key] = new
                count += 1
        return count


class PrivacyOffice(Persistent):
    __name__ = None
    __parent__ = None
    title = _("Datenschutz")

    __acl__ = [
        (Allow, "role:admin", ALL_PERMISSIONS),
        (Deny, Everyone, ALL_PERMISSIONS),
    ]

    def __init__(self):
        self.audit = AuditLog()
        self.periods = PersistentMapping()
        self.runs = PersistentList()          # what each retention run did
        self.notices = PersistentMapping()    # person id -> when the coordinator was told

    def period(self, key):
        return timedelta(days=int(self.periods.get(key, DEFAULT_PERIODS[key])))
