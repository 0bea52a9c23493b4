"""Sessions: a small signed cookie, with what must be revocable kept on the server.

The cookie carries the user id, the account's *session generation* at login
and the login time. Logout, a password change and a password reset raise the
generation on the account (``User.end_sessions``), so every cookie issued
before — also one copied to another machine — stops identifying anyone. The
login time gives an absolute lifetime on top of the idle timeout.

Flash messages live in the database, keyed by a random id the cookie holds:
a client that never follows its redirects would otherwise grow the cookie
with every save until the browser's limit turns a committed write into an
error answer. Each session's messages are a record of their own, so that
concurrent requests of different people never write the same object.
"""
import secrets
import time

from BTrees.OOBTree import OOBTree
from persistent import Persistent
from pyramid.security import remember
from pyramid.session import SignedCookieSessionFactory
from pyramid.settings import asbool
from pyramid_zodbconn import get_connection

FLASH_ROOT_KEY = "roundtable.flash"
FLASH_KEY = "_flash_id"
# Messages nobody came back for are dropped after a day; a few per session at most.
FLASH_MAX_AGE = 24 * 3600
FLASH_MAX_MESSAGES = 10
PRUNE_BATCH = 20

# Idle timeout and absolute lifetime of a login, in seconds (settings
# roundtable.session_idle and roundtable.session_lifetime override them).
DEFAULT_IDLE = 2 * 3600
DEFAULT_LIFETIME = 12 * 3600

GENERATION = "auth.generation"
LOGIN_TIME = "auth.at"


class FlashBox(Persistent):
    """The messages of one session: its own record, so showing or adding a
    message writes only this object (the tree changes once per session)."""

    messages = ()


def root_tree(request, key, create=False):
    """A BTree kept directly in the database root under ``key`` (made on first
    use when ``create``): server-side state that is not part of the portal."""
    root = get_connection(request).root()
    tree = root.get(key)
    if tree is None and create:
        tree = root[key] = OOBTree()
    return tree


def _flash_tree(request, create=False):
    return root_tree(request, FLASH_ROOT_KEY, create)


def _prune(tree, now):
    """Drop a few messages older than a day; keys start with their creation time."""
    cutoff = f"{int(now - FLASH_MAX_AGE):011d}"
    for key in list(tree.keys(max=cutoff, excludemax=True))[:PRUNE_BATCH]:
        del tree[key]


def session_factory(settings):
    """The session class: pyramid's signed cookie session with flash on the server."""
    base = SignedCookieSessionFactory(
        settings["roundtable.secret"],
        cookie_name="roundtable",
        httponly=True,
        samesite="Lax",
        secure=asbool(settings.get("roundtable.secure_cookies", False)),
        timeout=int(settings.get("roundtable.session_idle", DEFAULT_IDLE)),
        reissue_time=600,
    )

    class Session(base):
        def _box(self, create=False):
            key = dict.get(self, FLASH_KEY)
            now = time.time()
            if create and (not key or key[:11] < f"{int(now - FLASH_MAX_AGE / 2):011d}"):
                # a new record, also for a long session whose old one is due for pruning
                key = self[FLASH_KEY] = f"{int(now):011d}.{secrets.token_urlsafe(16)}"
            tree = _flash_tree(self.request, create=create) if key else None
            if tree is None:
                return None
            box = tree.get(key)
            if box is None and create:
                box = tree[key] = FlashBox()
                _prune(tree, now)
            return box

        def flash(self, msg, queue="", allow_duplicate=True):
            box = self._box(create=True)
            if allow_duplicate or (queue, msg) not in box.messages:
                box.messages = (box.messages + ((queue, msg),))[-FLASH_MAX_MESSAGES:]

        def pop_flash(self, queue=""):
            box = self._box()
            found = [m for q, m in box.messages if q == queue] if box is not None else []
            if found:
                box.messages = tuple(e for e in box.messages if e[0] != queue)
            return found

        def peek_flash(self, queue=""):
            box = self._box()
            return [m for q, m in box.messages if q == queue] if box is not None else []

    return Session


def start(request, user):
    """Log ``user`` in on a fresh session (new id, so a planted one is useless)."""
    request.session.invalidate()
    headers = remember(request, user.__name__)
    request.session[GENERATION] = user.session_generation
    request.session[LOGIN_TIME] = int(time.time())
    return headers


def session_is_current(request, user):
    """Whether the request's session still speaks for ``user``: issued under the
    account's present generation and within the absolute lifetime."""
    session = request.session
    lifetime = int(request.registry.settings.get("roundtable.session_lifetime", DEFAULT_LIFETIME))
    started = session.get(LOGIN_TIME)
    return (session.get(GENERATION) == user.session_generation
            and isinstance(started, int) and time.time() - started < lifetime)
