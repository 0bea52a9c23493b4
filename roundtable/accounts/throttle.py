"""Login throttling that slows guessing down without locking anyone out.

Failures are counted per login (whether an account exists or not, so the
answers tell nothing) and per client address, in the database so that every
application process sees them. After a few failures the next try for that
login must wait a delay that doubles with each further failure, up to a
minute; a try within the delay is refused without looking at the password.
The address counter starts far later, so a few dozen wrong tries from a
town hall's shared address do not slow down anyone else behind it.

A browser in which a person logged in successfully keeps a signed *device
cookie* for that login; its tries skip both delays (OWASP's device cookie),
so an attacker hammering someone's address cannot keep them out of their
own computer.
"""
import hashlib
import hmac
import random
import time

from pyramid.settings import asbool

from .sessions import root_tree

ROOT_KEY = "roundtable.throttle"
WINDOW = 15 * 60          # failures older than this are forgotten
LOGIN_FREE = 3            # failures per login before delays start
ADDRESS_FREE = 50         # failures per client address before delays start
MAX_DELAY = 60            # seconds
DEVICE_COOKIE = "roundtable_device"
DEVICE_MAX_AGE = 180 * 24 * 3600


def _keys(request, login):
    digest = hashlib.sha256((login or "").strip().lower().encode("utf-8")).hexdigest()
    return ("login:" + digest, LOGIN_FREE), ("addr:" + str(request.client_addr), ADDRESS_FREE)


def _tree(request, create=False):
    return root_tree(request, ROOT_KEY, create)


def delay(failures, free):
    """Seconds to wait after ``failures`` recent failures: none for the first
    ``free``, then 1, 2, 4, ... up to MAX_DELAY."""
    if failures < free:
        return 0
    return min(2 ** (failures - free), MAX_DELAY)


def wait_seconds(request, login, now=None):
    """How long this client must still wait before trying ``login`` again (0: go)."""
    if has_device_cookie(request, login):
        return 0
    tree = _tree(request)
    if tree is None:
        return 0
    now = now or time.time()
    wait = 0
    for key, free in _keys(request, login):
        count, last = tree.get(key, (0, 0))
        if now - last < WINDOW:
            wait = max(wait, last + delay(count, free) - now)
    return max(0, int(wait + 0.999))


def record_failure(request, login, now=None):
    tree = _tree(request, create=True)
    now = now or time.time()
    for key, _free in _keys(request, login):
        count, last = tree.get(key, (0, 0))
        tree[key] = ((count if now - last < WINDOW else 0) + 1, now)
    if random.random() < 0.01:  # now and then forget stale entries
        forget_stale(tree, now, limit=1000)


def forget_stale(tree, now, limit=None):
    """Drop the counters whose last failure no longer counts (older than WINDOW):
    login hashes and client addresses are kept no longer than they slow anyone
    down (privacy retention calls this on every run). Returns how many."""
    if tree is None:
        return 0
    stale = [k for k, (_c, last) in tree.items() if now - last >= WINDOW][:limit]
    for key in stale:
        del tree[key]
    return len(stale)


def record_success(request, login):
    """A correct password clears the login's count (not the address's)."""
    tree = _tree(request)
    key = _keys(request, login)[0][0]
    if tree is not None and key in tree:
        del tree[key]


def _device_token(request, login):
    secret = request.registry.settings["roundtable.secret"].encode("utf-8")
    return hmac.new(secret, b"device:" + login.strip().lower().encode("utf-8"),
                    hashlib.sha256).hexdigest()[:32]


def has_device_cookie(request, login):
    tokens = request.cookies.get(DEVICE_COOKIE, "").split(".")
    return bool(login) and _device_token(request, login) in tokens


def remember_device(request, response, login):
    """Add ``login`` to the browser's device cookie (a few logins at most)."""
    tokens = [t for t in request.cookies.get(DEVICE_COOKIE, "").split(".") if t]
    token = _device_token(request, login)
    tokens = ([t for t in tokens if t != token] + [token])[-5:]
    secure = asbool(request.registry.settings.get("roundtable.secure_cookies", False))
    response.set_cookie(DEVICE_COOKIE, ".".join(tokens), max_age=DEVICE_MAX_AGE, httponly=True,
                        samesite="Lax", secure=secure)
