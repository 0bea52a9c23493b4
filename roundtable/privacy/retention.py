"""Retention: personal data is kept only as long as it serves its purpose.

``apply(portal, settings, now)`` is one run; ``now`` is passed in, so a test
(or an operator checking the effect) can move the clock. Each run is logged in
``office.runs`` with what it removed. Periods are in the office's settings
(``resources.PERIODS`` holds the defaults):

- unconfirmed newsletter and follow sign-ups after ``signups`` days;
- newsletter delivery log files whose newest line is older than ``delivery_log``;
- expired one-time tokens (password reset, invitation) and login-failure
  times (throttle data) as soon as they no longer count;
- contact data (e-mail, phone) of persons who left the round table (retired,
  or all memberships ended) ``former_contact`` days ago: first a notice to the
  coordinator (listed on the privacy page), ``notice`` days later the data is
  blanked;
- audit log entries older than ``audit`` days.
"""
import json
import logging
import os
from datetime import datetime, time

from .. import freshness
from ..accounts import throttle
from ..accounts.resources import FAILURE_WINDOW
from ..db import ROOT_KEY
from ..follow.resources import follows_of
from ..mail.deliverylog import log_dir
from ..schedule import in_transaction
from .audit import office_of
from .export import remove_old_exports
from .resources import AuditEntry

log = logging.getLogger(__name__)


def _as_aware(day, now):
    """A stored date (membership end, retirement) as a UTC datetime of that day."""
    return datetime.combine(day, time(), tzinfo=now.tzinfo)


def left_since(portal, person, now):
    """When the person left the round table, or None while they are part of it."""
    if person.retired:
        return _as_aware(person.retired, now)
    memberships = [m for _b, m in portal["bodies"].memberships_of_person(person.__name__)]
    if not memberships or any(m.end is None or m.end >= now.date() for m in memberships):
        return None
    return _as_aware(max(m.end for m in memberships), now)


def _unconfirmed(subscribers, office, now):
    return [s for s in list(subscribers.values())
            if s.confirmed is None and now - (s.pending_since or s.created) > office.period("signups")]


def expire_signups(portal, office, now):
    """Unconfirmed newsletter sign-ups and follow sign-ups (``roundtable.follow``)."""
    subscribers = portal["newsletter"].subscribers
    expired = _unconfirmed(subscribers, office, now)
    for s in expired:
        subscribers.remove(s)
    follows = follows_of(portal)
    if follows is not None:
        for follower in _unconfirmed(follows.followers, office, now):
            follows.forget(follower)
            expired.append(follower)
    return len(expired)


def expire_delivery_logs(settings, office, now):
    directory = log_dir(settings) if settings and "mail.queue_path" in settings else None
    if not directory or not os.path.isdir(directory):
        return 0
    cutoff = (now - office.period("delivery_log")).isoformat(timespec="seconds")
    removed = 0
    for name in os.listdir(directory):
        if not name.endswith(".jsonl") or name == "suppressed.jsonl":
            continue
        path = os.path.join(directory, name)
        newest = ""
        with open(path, encoding="utf-8") as f:
            for line in f:
                try:
                    newest = max(newest, json.loads(line).get("at", ""))
                except ValueError:
                    continue
        if newest and newest < cutoff:
            os.remove(path)
            removed += 1
    return removed


def expire_tokens(portal, now):
    removed = 0
    for user in portal["users"].values():
        tokens = getattr(user, "tokens", None) or {}
        live = {k: v for k, v in tokens.items() if v[1] > now}
        if len(live) != len(tokens):
            removed += len(tokens) - len(live)
            user.tokens = live
        stale = [t for t in getattr(user, "failures", ()) if now - t >= FAILURE_WINDOW]
        if stale:
            user.failures[:] = [t for t in user.failures if now - t < FAILURE_WINDOW]
            removed += len(stale)
    return removed


def former_contacts(portal, office, now):
    """Notices first, blanking after the notice period: (noticed, blanked)."""
    noticed = blanked = 0
    for person in portal["people"].values():
        if not (person.email or person.phone):
            continue
        left = left_since(portal, person, now)
        if left is None:  # back on the round table: no more notice
            office.notices.pop(person.__name__, None)
            continue
        if now - left < office.period("former_contact"):
            continue
        told = office.notices.get(person.__name__)
        if told is None:
            office.notices[person.__name__] = now
            noticed += 1
        elif now - told >= office.period("notice"):
            person.update(email="", phone="")
            freshness.bump(person)   # no event: the old values must not be audited again
            del office.notices[person.__name__]
            office.audit.append(AuditEntry(now, "", "retention", "modified",
                                           "/people/" + person.__name__, "Person", person.title,
                                           [("email", "…", ""), ("phone", "…", "")]))
            blanked += 1
    return noticed, blanked


def apply(portal, settings, now, root=None):
    """One retention run at time ``now``; returns and logs what it did. With the
    database ``root`` also the login throttle's counters beside the portal."""
    office = office_of(portal["people"])
    noticed, blanked = former_contacts(portal, office, now)
    counts = {
        "signups": expire_signups(portal, office, now),
        "delivery_logs": expire_delivery_logs(settings, office, now),
        "tokens": expire_tokens(portal, now),
        "former_contact_notices": noticed,
        "former_contact_blanked": blanked,
        "audit": office.audit.prune(now - office.period("audit")),
        "exports": remove_old_exports(settings, now),
        "throttle": throttle.forget_stale(
            root.get(throttle.ROOT_KEY) if root is not None else None, now.timestamp()),
    }
    office.runs.append({"at": now, "counts": counts})
    del office.runs[:-100]
    log.info("retention run at %s: %s", now.isoformat(), counts)
    return counts


def run(db, settings, now):
    """One run in its own transaction (retried on a write conflict with the web
    processes); returns the counts."""
    return in_transaction(db, lambda conn, _tm: apply(conn.root()[ROOT_KEY], settings, now,
                                                      conn.root()))


def scheduled_run(registry, now):
    """The periodic job (``privacy.retention_every_hours``, see ``roundtable.schedule``)."""
    return run(registry._zodb_databases[""], registry.settings, now)
