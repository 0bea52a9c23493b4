"""Newsletter subscribers: no account needed, double opt-in, consent on record.

A subscriber is known by the e-mail address (folded for comparison) and by a
random id that the signed links carry. Lists become active only after the
confirmation click (``pending`` until then); unconfirmed sign-ups expire after
``CONFIRM_DAYS``. Imported addresses are confirmed on the coordinator's word,
and the source and date of that consent are kept with them.
"""
import re
import secrets
from datetime import timedelta

from BTrees.Length import Length
from BTrees.OOBTree import OOBTree
from persistent import Persistent
from persistent.list import PersistentList

from .. import freshness
from ..timeutil import now

CONFIRM_DAYS = 7
RESEND_AFTER = timedelta(minutes=10)
LANGUAGES = ("de", "en")
MAX_EMAIL = 254

# Deliberately plain: one @, no white space or control characters (no header
# injection), a dotted domain. Anything stricter refuses real addresses.
_EMAIL = re.compile(r"^[^@\s\x00-\x1f\x7f<>()\[\],;:\"\\]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$")


def valid_email(value):
    return isinstance(value, str) and len(value) <= MAX_EMAIL and bool(_EMAIL.match(value))


def email_key(value):
    return (value or "").strip().casefold()


def one_line(value, max_length=200):
    """Names and subjects end up in mail headers: never a line break in them."""
    return " ".join(str(value or "").split())[:max_length]


class Subscriber(Persistent):
    __name__ = None
    __parent__ = None

    # the Subscribers container it was added to, which counts its reach (a
    # leading underscore: no personal datum, so no part of a subject's export)
    _roll = None

    def __init__(self, email, name="", language="de", source="signup"):
        self.id = secrets.token_hex(8)
        self.email = email.strip()
        self.name = one_line(name)
        self.language = language if language in LANGUAGES else "de"
        self.lists = frozenset()
        self.pending = frozenset()
        self.pending_since = None
        self.confirmed = None
        self.created = now()
        self.source = source
        self.consent_source = ""
        self.consent_date = None
        self.history = PersistentList()

    def note(self, what, at=None):
        self.history.append({"at": at or now(), "what": what})

    def subscribed_to(self, list_name):
        return self.confirmed is not None and list_name in self.lists

    def expired(self, at=None):
        """An unconfirmed request older than ``CONFIRM_DAYS``."""
        since = self.pending_since or self.created
        return (at or now()) - since > timedelta(days=CONFIRM_DAYS)

    def set_lists(self, names, why, at=None):
        had = bool(self.lists)
        self.lists = frozenset(names)
        self.note(why + ": " + ", ".join(sorted(self.lists)), at)
        roll = self._roll
        if roll is not None and bool(self.lists) != had:
            roll.note_reach(1 if self.lists else -1)


class Subscribers(Persistent):
    """All subscribers of the portal, by id and by folded address.

    ``reached`` counts the subscribers with at least one list (the home page's
    "reach"), kept by ``Subscriber.set_lists`` through the subscriber's
    ``_roll`` (this container), so that the figure does not load every
    subscriber: a conflict-free counter, as two sign-ups may land at once.
    """

    # whether a public page shows the reach (the newsletter's, on the home
    # page): then a change of it renews the cached pages
    reach_shown = False

    def __init__(self, reach_shown=False):
        self.by_id = OOBTree()
        self.by_email = OOBTree()
        self.reached = Length()
        self.reach_shown = reach_shown

    def reach(self):
        """How many subscribers have at least one list."""
        return self.reached()

    def note_reach(self, delta):
        """A subscriber gained its first list (1) or lost its last (-1)."""
        self.reached.change(delta)
        if self.reach_shown:
            freshness.bump(self, "newsletter")

    def recount(self):
        """Give every subscriber its ``_roll`` and count the reach anew (the
        upgrade of a container made before the counter)."""
        self.reached = Length()
        for subscriber in self.by_id.values():
            subscriber._roll = self
            if subscriber.lists:
                self.reached.change(1)

    def __len__(self):
        return len(self.by_id)

    def get(self, subscriber_id):
        return self.by_id.get(subscriber_id) if isinstance(subscriber_id, str) else None

    def find(self, email):
        sid = self.by_email.get(email_key(email))
        return self.by_id.get(sid) if sid else None

    def values(self):
        return self.by_id.values()

    def add(self, subscriber):
        key = email_key(subscriber.email)
        if key in self.by_email:
            raise KeyError(subscriber.email)
        self.by_id[subscriber.id] = subscriber
        self.by_email[key] = subscriber.id
        subscriber._roll = self
        if subscriber.lists:
            self.note_reach(1)
        return subscriber

    def remove(self, subscriber):
        del self.by_id[subscriber.id]
        del self.by_email[email_key(subscriber.email)]
        if subscriber.lists and subscriber._roll is self:
            self.note_reach(-1)
        subscriber._roll = None

    def recipients(self, list_name):
        """Confirmed subscribers of a list, in address order (stable counts and logs)."""
        found = [s for s in self.by_id.values() if s.subscribed_to(list_name)]
        return sorted(found, key=lambda s: email_key(s.email))

    def count(self, list_name):
        return sum(1 for s in self.by_id.values() if s.subscribed_to(list_name))

    # -- sign-up with double opt-in --------------------------------------
    def request(self, email, lists, name="", language="de", at=None):
        """Record a sign-up request; returns the subscriber to send a confirmation to,
        or None when every list asked for is subscribed already.

        Data of a confirmed subscriber are not changed by an unconfirmed request:
        anybody can type anybody's address into the form.
        """
        at = at or now()
        subscriber = self.find(email)
        if subscriber is None:
            subscriber = self.add(Subscriber(email, name, language))
        elif subscriber.confirmed is None:
            subscriber.name = one_line(name) or subscriber.name
            subscriber.language = language if language in LANGUAGES else subscriber.language
        wanted = frozenset(lists) - (subscriber.lists if subscriber.confirmed else frozenset())
        if not wanted:
            return None
        if subscriber.pending == wanted and subscriber.pending_since and \
                at - subscriber.pending_since < RESEND_AFTER:
            return None  # the mail is on its way; typing the form again sends no flood
        subscriber.pending = frozenset(wanted)
        subscriber.pending_since = at
        subscriber.note("requested: " + ", ".join(sorted(wanted)), at)
        return subscriber

    def confirm(self, subscriber, at=None):
        """``"confirmed"``, ``"already"`` (a second click changes nothing) or ``"expired"``."""
        at = at or now()
        if not subscriber.pending:
            return "already" if subscriber.confirmed else "expired"
        if subscriber.expired(at):
            return "expired"
        subscriber.confirmed = subscriber.confirmed or at
        subscriber.consent_source = subscriber.consent_source or "double opt-in"
        subscriber.consent_date = subscriber.consent_date or at.date()
        subscriber.set_lists(subscriber.lists | subscriber.pending, "confirmed", at)
        subscriber.pending = frozenset()
        subscriber.pending_since = None
        return "confirmed"

    def subscribe_confirmed(self, email, lists, name="", language="de", source="account",
                            consent_source="", consent_date=None, at=None):
        """Add lists for an address whose owner is known (own account, CSV import)."""
        at = at or now()
        subscriber = self.find(email)
        if subscriber is None:
            subscriber = self.add(Subscriber(email, name, language, source=source))
        if subscriber.confirmed is None:
            subscriber.confirmed = at
            subscriber.consent_source = consent_source or source
            subscriber.consent_date = consent_date or at.date()
        subscriber.set_lists(subscriber.lists | frozenset(lists), source, at)
        return subscriber

    def purge_expired(self, at=None):
        """Forget unconfirmed sign-ups after ``CONFIRM_DAYS`` (data minimisation);
        confirmed subscribers only lose the stale request."""
        at = at or now()
        removed = 0
        for subscriber in list(self.by_id.values()):
            if not subscriber.pending or not subscriber.expired(at):
                continue
            if subscriber.confirmed is None:
                self.remove(subscriber)
                removed += 1
            else:
                subscriber.pending = frozenset()
                subscriber.pending_since = None
        return removed
