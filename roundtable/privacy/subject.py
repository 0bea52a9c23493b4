"""Everything stored about one person (a "data subject"), found in one place.

Export (Art. 15/20) and erasure (Art. 17) must agree on what belongs to a
person, so both start from ``holdings``: the register entry, memberships,
attendance and replies, motions they (co-)authored, their account, newsletter
subscriptions and follow sign-ups (``portal.follows``) under their address,
and delivery log lines of those subscriptions.
"""
import json
import os
from dataclasses import dataclass, field
from datetime import date, datetime

from persistent import Persistent

from ..follow.alerts import target
from ..follow.resources import follows_of
from ..i18n import _
from ..mail.deliverylog import log_dir
from ..people.actions import ConsentLine
from ..newsletter.subscribers import email_key
from .audit import is_secret

PERSON_SECRET_FREE = ("salutation", "academic_title", "given_name", "family_name", "email",
                      "phone", "languages", "organisation_ids", "notes")


def plain(value):
    """A stored value as JSON can hold it (dates as ISO text)."""
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, dict) or hasattr(value, "items") and not isinstance(value, Persistent):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)) or type(value).__name__ == "PersistentList":
        items = [plain(v) for v in value]
        return sorted(items, key=str) if isinstance(value, (set, frozenset)) else items
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


@dataclass
class Holdings:
    """What the portal keeps about one person, as live objects."""

    person: object
    memberships: list = field(default_factory=list)   # (body, membership)
    attendance: list = field(default_factory=list)    # (meeting, attendance)
    motions: list = field(default_factory=list)       # motions naming them as author
    account: object = None
    subscribers: list = field(default_factory=list)
    followers: list = field(default_factory=list)      # follow sign-ups under their address
    delivery_files: dict = field(default_factory=dict)  # path -> lines about them


def meetings_of(portal):
    for body in portal["bodies"].values():
        meetings = body.get("meetings") if callable(getattr(body, "get", None)) else None
        if meetings is not None:
            yield from meetings.values()


def delivery_lines(settings, subscriber_ids):
    """Lines of the newsletter delivery log about these subscribers, by file."""
    found = {}
    if not subscriber_ids or not settings or "mail.queue_path" not in settings:
        return found
    directory = log_dir(settings)
    if not os.path.isdir(directory):
        return found
    suffixes = tuple("/" + sid for sid in subscriber_ids)
    for name in sorted(os.listdir(directory)):
        if not name.endswith(".jsonl"):
            continue
        path = os.path.join(directory, name)
        with open(path, encoding="utf-8") as f:
            for line in f:
                try:
                    entry = json.loads(line)
                except ValueError:
                    continue
                if str(entry.get("key", "")).endswith(suffixes) or entry.get("sid") in subscriber_ids:
                    found.setdefault(path, []).append(entry)
    return found


def subscribers_of(portal, person, account=None, subscribers=None):
    """Newsletter subscriptions (or entries of another ``Subscribers``, e.g. the
    follow sign-ups) under the person's address or account login."""
    if subscribers is None:
        subscribers = portal["newsletter"].subscribers
    addresses = {email_key(person.email)} | (
        {email_key(account.login)} if account is not None else set())
    return [s for s in (subscribers.find(a) for a in sorted(addresses) if a) if s is not None]


def followers_of(portal, person, account=None):
    """The person's follow sign-ups (``roundtable.follow``), by the same addresses."""
    follows = follows_of(portal)
    return [] if follows is None else subscribers_of(portal, person, account, follows.followers)


def following(portal, follower):
    """What a follower follows (confirmed and requested), with title and path where
    the public may still see it."""
    keys = sorted(set(follower.lists) | set(follower.pending or ()))
    found = []
    for key in keys:
        title, path = target(portal, key) or (None, None)
        found.append({"key": key, "title": title, "path": path,
                      "confirmed": key in follower.lists})
    return found


# How the newsletter notes a change of lists, as the consent history says it.
_NEWSLETTER_HOW = (("confirmed", _("Double-Opt-In")), ("account", _("Mein Zugang")),
                   ("preferences", _("Einstellungen")), ("unsubscribed", _("Abmeldung")),
                   ("import", _("Import")))


def newsletter_consents(request, person):
    """Consent source for the person page: each change of their newsletter lists."""
    portal = request.root
    account = portal["users"].find_by_person(person.__name__)
    for subscriber in subscribers_of(portal, person, account):
        for note in subscriber.history:
            why, _sep, lists = note["what"].partition(": ")
            if why == "requested":
                continue  # not yet consent: the confirmation click is
            how = next((title for key, title in _NEWSLETTER_HOW if why.startswith(key)), why)
            yield ConsentLine(note["at"], f"Newsletter: {lists or '—'}", bool(lists.strip()),
                              how, subscriber.email)


def holdings(portal, person, settings=None):
    pid = person.__name__
    found = Holdings(person)
    found.memberships = portal["bodies"].memberships_of_person(pid)
    for meeting in meetings_of(portal):
        entry = meeting.attendance.get(pid)
        if entry is not None:
            found.attendance.append((meeting, entry))
    found.motions = [m for m in portal["motions"].values() if pid in (m.author_ids or ())]
    found.account = portal["users"].find_by_person(pid)
    found.subscribers = subscribers_of(portal, person, found.account)
    found.followers = followers_of(portal, person, found.account)
    found.delivery_files = delivery_lines(settings, {s.id for s in found.subscribers})
    return found


def as_data(portal, found, audit_entries=()):
    """The export as a JSON-ready dict: one key per kind of record."""
    person = found.person
    account = found.account
    return {
        "register_entry": {name: plain(getattr(person, name, None)) for name in PERSON_SECRET_FREE}
        | {"public_consent": person.public_consent, "created": plain(person.created),
           "modified": plain(person.modified), "retired": plain(person.retired),
           "organisations": [o.name for o in person.organisations()]},
        "consent_records": [r.as_dict() for r in person.consent_records],
        "memberships": [{"body": body.name, "role": m.role, "organisation_id": m.organisation_id,
                         "start": plain(m.start), "end": plain(m.end), "note": m.note}
                        for body, m in found.memberships],
        "attendance": [{"meeting": meeting.title, "start": plain(meeting.start),
                        "reply": a.reply, "replied_at": plain(a.replied_at),
                        "replied_via": a.replied_via, "presence": a.presence, "note": a.note}
                       for meeting, a in found.attendance],
        "authorship": [{"motion": m.title, "reference": m.reference, "state": m.state}
                       for m in found.motions],
        "account": None if account is None else {
            name: plain(value) for name, value in vars_of(account).items()
            if not is_secret(name) and not name.startswith("_")},
        "subscriptions": [{name: plain(value) for name, value in vars_of(s).items()
                           if not name.startswith("_")} for s in found.subscribers],
        "follows": [{name: plain(value) for name, value in vars_of(f).items()
                     if not name.startswith("_")} | {"following": following(portal, f)}
                    for f in found.followers],
        "delivery_log": [entry for lines in found.delivery_files.values() for entry in lines],
        "changes_to_register_entry": [
            {"when": plain(e.when), "by": e.actor_login, "action": e.action,
             "fields": [list(c) for c in e.changes]} for e in audit_entries],
    }


def vars_of(obj):
    """An object's stored attributes (a ghost is loaded first)."""
    if isinstance(obj, Persistent):
        obj._p_activate()
    return {k: v for k, v in vars(obj).items() if k not in ("__parent__", "__name__")}
