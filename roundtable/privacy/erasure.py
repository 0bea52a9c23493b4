"""Erasure on request (Art. 17): remove what is personal, anonymise what is history.

Removed: the register entry with its consent records, the account (and its
calendar token), newsletter subscriptions and follow sign-ups under the
person's addresses and their delivery log lines. Kept but anonymised: memberships, attendance,
authorship, minutes, motion versions, histories and the audit log — the
round table's record must stay complete, so the name becomes "ehemaliges
Mitglied" (with the organisation they acted for, when there was one).

Anonymising is a scan of every stored object below the portal, not a list of
known fields: every string is searched for the person's name forms, address
and phone number, and identifiers (register id, account id) are replaced
wherever they occur, also as keys. So old versions and histories are covered
without each feature having to know about erasure. Uploaded files (PDF
attachments) are not rewritten; the preview lists none of them, and the
README tells the coordinator to check them.
"""
import logging
import os
import re
import secrets
from dataclasses import dataclass, field

from persistent import Persistent
from persistent.list import PersistentList
from persistent.mapping import PersistentMapping

from .. import events, freshness
from ..catalog import CATALOG_ATTR, reindex
from ..follow.resources import follows_of
from ..i18n import _
from .subject import holdings

log = logging.getLogger(__name__)

FORMER = "ehemaliges Mitglied"


def replacement_for(person):
    orgs = person.organisations()
    return f"{FORMER} ({orgs[0].name})" if orgs else FORMER


def name_forms(person):
    """The ways the person's name is written in texts, longest first."""
    given, family = person.given_name or "", person.family_name or ""
    forms = {person.title, f"{given} {family}", f"{family}, {given}"}
    if person.salutation in ("Frau", "Herr") and family:
        forms.add(f"{person.salutation} {family}")
    if person.academic_title and family:
        forms.add(f"{person.academic_title} {family}")
    return sorted((f.strip() for f in forms if f.strip() and len(f.strip()) > 3), key=len,
                  reverse=True)


class Scrubber:
    """Replaces a person's traces in every string of an object graph."""

    def __init__(self, person, account, replacement, new_id):
        self.replacement = replacement
        self.exact = {}
        self.patterns = []
        for text in (person.email, person.phone, getattr(account, "login", None)):
            if text:
                self.patterns.append((re.compile(re.escape(text), re.IGNORECASE), ""))
        names = "|".join(re.escape(n) for n in name_forms(person))
        if names:
            self.patterns.append((re.compile(names, re.IGNORECASE), replacement))
        ids = [person.__name__]
        if account is not None:
            self.exact[account.__name__] = replacement
            ids.append(account.__name__)
        self.exact[person.__name__] = new_id
        for ident in ids:
            self.patterns.append((re.compile(r"(?<![\w.])" + re.escape(ident) + r"(?![\w])"), new_id))
        self.seen = set()
        self.touched = []

    def text(self, value):
        if value in self.exact:
            return self.exact[value]
        for pattern, repl in self.patterns:
            value = pattern.sub(repl, value)
        return value

    def value(self, value):
        """(new value, changed) for a stored value; persistent objects are queued."""
        if isinstance(value, str):
            new = self.text(value)
            return new, new != value
        if isinstance(value, Persistent):
            self.queue.append(value)
            return value, False
        if isinstance(value, (tuple, list, set, frozenset)):
            pairs = [self.value(v) for v in value]
            if any(changed for _v, changed in pairs):
                items = [v for v, _c in pairs]
                if hasattr(value, "_fields"):  # a named tuple
                    return type(value)(*items), True
                return type(value)(items), True
            return value, False
        if isinstance(value, dict):
            new, changed = {}, False
            for k, v in value.items():
                nk, ck = self.value(k)
                nv, cv = self.value(v)
                new[nk] = nv
                changed = changed or ck or cv
            return (new, True) if changed else (value, False)
        if hasattr(value, "__dict__") and not isinstance(value, type):
            changed = self.attributes(value)   # a plain object kept inside a persistent one
            return value, changed
        return value, False

    def attributes(self, obj):
        changed = False
        for name, old in list(vars(obj).items()):
            if name == "__parent__":
                continue
            new, c = self.value(old)
            if c:
                setattr(obj, name, new)
                changed = True
        return changed

    def mapping(self, obj):
        changed = False
        for key, old in list(obj.items()):
            nk, ck = self.value(key)
            nv, cv = self.value(old)
            if ck:
                del obj[key]
            if ck or cv:
                obj[nk] = nv
                changed = True
        return changed

    def visit(self, obj):
        if id(obj) in self.seen:
            return
        self.seen.add(id(obj))
        obj._p_activate()
        if isinstance(obj, PersistentList):
            changed = False
            for i, old in enumerate(list(obj)):
                new, c = self.value(old)
                if c:
                    obj[i] = new
                    changed = True
        elif isinstance(obj, PersistentMapping) or type(obj).__module__.startswith("BTrees"):
            changed = self.mapping(obj) if hasattr(obj, "items") else False
        else:
            changed = self.attributes(obj)
        if changed:
            obj._p_changed = True
            self.touched.append(obj)

    def run(self, root, skip=()):
        self.seen.update(id(o) for o in skip)
        self.queue = [root]
        while self.queue:
            self.visit(self.queue.pop())
        return self.touched


@dataclass
class Preview:
    """What an erasure will do, for the coordinator to confirm."""

    erased: list = field(default_factory=list)      # (kind, text)
    anonymised: list = field(default_factory=list)  # (kind, text)
    replacement: str = ""


def preview(portal, person, settings=None):
    found = holdings(portal, person, settings)
    result = Preview(replacement=replacement_for(person))
    result.erased.append((_("Registereintrag"), person.title))
    for record in person.consent_records:
        result.erased.append((_("Einwilligung"), f"{record.when:%d.%m.%Y} {record.purpose}"))
    if found.account is not None:
        result.erased.append((_("Zugang"), found.account.login))
    for s in found.subscribers:
        result.erased.append((_("Newsletter-Abonnement"), s.email))
    for f in found.followers:
        result.erased.append((_("Folgen per E-Mail"), f.email))
    lines = sum(len(v) for v in found.delivery_files.values())
    if lines:
        result.erased.append((_("Versandprotokoll"), str(lines)))
    for body, m in found.memberships:
        result.anonymised.append((_("Mitgliedschaft"), f"{body.name} ({m.role_title})"))
    for meeting, _a in sorted(found.attendance, key=lambda ma: ma[0].start):
        result.anonymised.append((_("Anwesenheit"), f"{meeting.title} ({meeting.start:%d.%m.%Y})"))
    for motion in found.motions:
        result.anonymised.append((_("Antrag"), motion.title))
    return result


def erase(request, person):
    """Erase ``person``; returns the number of anonymised objects. The caller's
    transaction commits it all or nothing."""
    portal = request.root
    settings = request.registry.settings
    found = holdings(portal, person, settings)
    scrubber = Scrubber(person, found.account, replacement_for(person),
                        "ehemalig-" + secrets.token_hex(4))
    people, users = portal["people"], portal["users"]
    events.removed(request, person)
    people.remove(person.__name__)
    account = found.account
    if account is not None:
        events.removed(request, account)
        _remove_account(users, account)
    subscribers = portal["newsletter"].subscribers
    for s in found.subscribers:
        subscribers.remove(s)
    for f in found.followers:
        follows_of(portal).forget(f)
    _drop_delivery_lines(found)
    # the removal events above are audited (and then anonymised by the scan);
    # the scan's own changes are not sent as events: their old values are
    # exactly what must not be written anywhere again
    touched = scrubber.run(portal, skip=[getattr(portal, CATALOG_ATTR, None)])
    reindex(portal)
    # the name may have stood on any page: renew every cached page and feed
    freshness.bump_everything(portal._p_jar)
    return len(touched)


def drop_old_revisions(db):
    """Pack the database to now: earlier revisions of the anonymised objects
    still hold the name until the database is packed (backups hold it until
    they expire; see the README)."""
    try:
        db.pack(days=0)
    except Exception:  # noqa: BLE001 -- the erasure stands; the weekly pack will follow
        log.exception("packing after an erasure failed")


def _remove_account(users, account):
    users.remove(account.__name__)
    users.by_login.pop(account.login, None)
    if account.person_id:
        users.by_person.pop(account.person_id, None)
    tokens = getattr(users, "feed_tokens", None)
    if tokens is not None:
        for digest, userid in list(tokens.items()):
            if userid == account.__name__:
                del tokens[digest]


def _drop_delivery_lines(found):
    """Rewrite each delivery log file without the erased subscribers' lines
    (write a new file, then rename, so a crash leaves one or the other)."""
    ids = {s.id for s in found.subscribers}
    for path in found.delivery_files:
        with open(path, encoding="utf-8") as f:
            lines = f.readlines()
        keep = [line for line in lines if not any(f"/{sid}\"" in line or f"\"{sid}\"" in line
                                                  for sid in ids)]
        tmp = path + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            f.writelines(keep)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
