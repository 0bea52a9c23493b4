"""Accounts: login credentials, roles, one-time tokens and login throttling.

An account is separate from the register's Person: the coordinator may record
a person who never logs in, and an account links to at most one person.
"""
import hashlib
import secrets
from datetime import datetime, timedelta, timezone

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from BTrees.OOBTree import OOBTree
from persistent import Persistent
from pyramid.authorization import ALL_PERMISSIONS, Allow, Deny, Everyone

from ..folder import Folder
from . import sessions
from .throttle import WINDOW

_hasher = PasswordHasher()

# Failed logins are counted by the throttle (throttle.py), no longer on the
# account; accounts stored before keep a ``failures`` list, which the retention
# job empties after this window.
FAILURE_WINDOW = timedelta(seconds=WINDOW)

# The last login is kept to the minute, so simultaneous logins need not all write it.
LAST_LOGIN_PRECISION = timedelta(minutes=1)

# Reset mails per account: at most this many within the window, so the form
# cannot be used to flood someone's mailbox.
RESET_MAILS = 3
RESET_MAIL_WINDOW = timedelta(hours=1)

TOKEN_LIFETIMES = {
    "reset": timedelta(hours=2),
    "invite": timedelta(days=14),
}


def now():
    return datetime.now(timezone.utc)


def generate_password():
    return secrets.token_urlsafe(12)


def _digest(token):
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class User(Persistent):
    __name__ = None
    __parent__ = None
    # Raised to end every session of the account (logout, new password):
    # a session remembers the generation it was issued under.
    session_generation = 0
    reset_mails = ()

    def __init__(self, login, roles=(), person_id=None, active=True):
        self.login = login.strip().lower()
        self.roles = set(roles)
        self.person_id = person_id
        self.active = active
        self.password_hash = None
        self.created = now()
        self.last_login = None
        self.tokens = {}

    @property
    def __acl__(self):
        return [
            (Allow, "role:admin", ALL_PERMISSIONS),
            (Allow, self.__name__, ("view", "account")),
            (Deny, Everyone, ALL_PERMISSIONS),
        ]

    @property
    def title(self):
        return self.login

    # passwords and sessions -----------------------------------------------
    def set_password(self, password):
        self.password_hash = _hasher.hash(password)

    def change_password(self, password):
        """A new password by the person: outstanding reset links and every
        session opened with the old one stop working."""
        self.set_password(password)
        self.tokens = {k: v for k, v in self.tokens.items() if k != "reset"}
        self.end_sessions()

    def end_sessions(self):
        self.session_generation += 1

    def session_is_current(self, request):
        return sessions.session_is_current(request, self)

    def check_password(self, password):
        if not self.password_hash or not password:
            return False
        try:
            ok = _hasher.verify(self.password_hash, password)
        except (VerificationError, InvalidHashError):
            return False
        if ok and _hasher.check_needs_rehash(self.password_hash):
            self.set_password(password)
        return ok

    def record_login(self, at=None):
        """Note the time, writing only what changes.

        The same account logging in from several places at once (several
        application processes) would otherwise conflict on every login; a
        last-login time to the minute needs no write for each of them.
        """
        at = at or now()
        if self.last_login is None or abs(at - self.last_login) >= LAST_LOGIN_PRECISION:
            self.last_login = at

    # one-time tokens -----------------------------------------------------
    def may_send_reset(self, at=None):
        """Whether another reset mail may go out now; notes it if so."""
        at = at or now()
        recent = tuple(t for t in self.reset_mails if at - t < RESET_MAIL_WINDOW)
        if len(recent) >= RESET_MAILS:
            return False
        self.reset_mails = recent + (at,)
        return True

    def issue_token(self, purpose):
        """A fresh one-time token; only its hash is stored."""
        token = secrets.token_urlsafe(32)
        self.tokens = dict(self.tokens)
        self.tokens[purpose] = (_digest(token), now() + TOKEN_LIFETIMES[purpose])
        return token

    def check_token(self, purpose, token):
        """A valid, unexpired token of an active account: a locked account
        stays locked whatever links are still in someone's mailbox."""
        entry = self.tokens.get(purpose)
        if not entry or not token or not self.active:
            return False
        digest, expires = entry
        return secrets.compare_digest(digest, _digest(token)) and now() < expires

    def consume_token(self, purpose, token):
        if not self.check_token(purpose, token):
            return False
        self.tokens = {k: v for k, v in self.tokens.items() if k != purpose}
        return True


class Users(Folder):
    """Accounts by id, with a lookup by login (the e-mail address)."""

    __acl__ = [(Allow, "role:admin", ALL_PERMISSIONS), (Deny, Everyone, ALL_PERMISSIONS)]

    def __init__(self):
        super().__init__()
        self.by_login = OOBTree()
        self.by_person = OOBTree()

    def add_user(self, user):
        if user.login in self.by_login:
            raise ValueError("login exists")
        self.add(user, name=self.unique_name(user.login.split("@")[0], "user"))
        self.by_login[user.login] = user.__name__
        if user.person_id:
            self.by_person[user.person_id] = user.__name__
        return user

    def find_by_login(self, login):
        name = self.by_login.get((login or "").strip().lower())
        return self.get(name) if name else None

    def find_by_person(self, person_id):
        name = self.by_person.get(person_id)
        return self.get(name) if name else None

    def change_login(self, user, login):
        login = login.strip().lower()
        if login == user.login:
            return
        if login in self.by_login:
            raise ValueError("login exists")
        del self.by_login[user.login]
        user.login = login
        self.by_login[login] = user.__name__

    def link_person(self, user, person_id):
        if user.person_id and self.by_person.get(user.person_id) == user.__name__:
            del self.by_person[user.person_id]
        user.person_id = person_id
        if person_id:
            self.by_person[person_id] = user.__name__
