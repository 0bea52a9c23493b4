"""Knowing in O(1) whether a public page or feed has changed (issue 20).

Before, a feed's freshness check read every stored object it was built from,
so a poll cost more the longer the round table existed. Now every change
already announced by an event (``roundtable.events``: added, modified,
removed) bumps a few *change counters*: ``all``, the sections the object
lies in (``meetings``, ``minutes``, ``motions``, ``newsletter``,
``register``, ``site`` ... declared by the resource classes as
``freshness_section``) and, for anything inside a body, ``body:<name>``.
The counters are ``BTrees.Length`` objects, whose concurrent increments
never conflict, kept in one tree under the database root.

A view states the counters its output depends on with the view option
``freshness=`` (a tuple of names, or a callable ``(context, request) ->
names``). For an anonymous GET the view deriver below then

- derives an ETag from those counters, the URL, the language, the host and
  the hour (what is "upcoming" moves with the clock),
- answers a matching ``If-None-Match`` with 304 without rendering,
- serves the bytes of an earlier anonymous rendering with that ETag from a
  bounded in-process cache (``PageCache``), or renders and keeps them.

"Anonymous" means the request carries no session cookie: whoever is logged
in, or has a flash message or a CSRF token waiting, has a session, and their
pages are rendered for them alone and never stored. A response that sets a
cookie, is not a 200, or is marked private is never stored either.
"""
import hashlib
import threading
from collections import OrderedDict

from BTrees.Length import Length
from BTrees.OOBTree import OOBTree
from pyramid.response import Response
from pyramid.settings import asbool
from pyramid.traversal import lineage
from pyramid_zodbconn import get_connection

from .events import ObjectAdded, ObjectModified, ObjectRemoved
from .timeutil import now

ROOT_KEY = "roundtable.freshness"
ALL = "all"
EVERYTHING = "everything"   # bumped only by bump_everything; part of every stamp
SESSION_COOKIE = "roundtable"
# response headers a cached rendering keeps (everything else is added again
# by the tweens, e.g. the security headers, on every answer)
KEPT_HEADERS = ("Content-Disposition", "Link", "Access-Control-Allow-Origin",
                "Content-Language", "Last-Modified")
DEFAULT_ENTRIES = 512
DEFAULT_MEGABYTES = 64
MEMO_SIZE = 4096


# -- the counters -----------------------------------------------------------

def counters_tree(jar):
    """The tree of counters by name (None before the first change)."""
    return jar.root().get(ROOT_KEY)


def _tree(jar, create=False):
    tree = counters_tree(jar)
    if tree is None and create:
        tree = jar.root()[ROOT_KEY] = OOBTree()
    return tree


def _jar_of(obj):
    """The connection ``obj`` is stored in (a new object is not yet: its parent is)."""
    for item in lineage(obj):
        jar = getattr(item, "_p_jar", None)
        if jar is not None:
            return jar
    return None


def sections_of(obj):
    """The counters a change to ``obj`` bumps: ``all``, every section declared
    along its lineage, and ``body:<name>`` of the body it lies in.

    The root's own section (``site``: title, texts, settings) counts only for a
    change to the root itself: every object lies below the root, so counting
    it for all of them would make ``site`` a second ``all`` and every page,
    which all show the site's title and menu, stale on any change."""
    names = [ALL]
    for item in lineage(obj):
        if item is not obj and getattr(item, "__parent__", None) is None:
            break   # the root: its section is for its own changes only
        section = getattr(item, "freshness_section", None)
        if section and section not in names:
            names.append(section)
        if getattr(item, "freshness_body", False) and getattr(item, "__name__", None):
            names.append(body_section(item))
    return names


def body_section(body):
    return "body:" + body.__name__


def body_of(context):
    """The body ``context`` lies in (or is), or None."""
    for item in lineage(context):
        if getattr(item, "freshness_body", False) and getattr(item, "__name__", None):
            return item
    return None


def in_body(*names):
    """A ``freshness=`` callable for a page inside a body: that body's counter
    (``bodies`` when the context lies in none) and ``names``."""
    def depends(context, request):
        body = body_of(context)
        return (body_section(body) if body is not None else "bodies",) + names
    return depends


def bump_names(jar, names):
    """Count a change in each of ``names`` (in the transaction of ``jar``)."""
    tree = _tree(jar, create=True)
    for name in names:
        counter = tree.get(name)
        if counter is None:
            counter = tree[name] = Length()
        counter.change(1)


def bump(obj, *extra):
    """Count a change to ``obj`` (its sections) and to the ``extra`` names."""
    jar = _jar_of(obj)
    if jar is not None:
        bump_names(jar, sections_of(obj) + list(extra))


def bump_everything(jar):
    """Count a change in every counter: for changes made without events (an
    upgrade step, a script, a test's direct edit), which could touch anything.

    Also in the counters that do not exist yet (``site`` before the first
    settings change, a body's before its first event): every stamp includes
    ``EVERYTHING``, which only this bumps."""
    tree = _tree(jar, create=True)
    for name in (ALL, EVERYTHING):
        if name not in tree:
            tree[name] = Length()
    for counter in tree.values():
        counter.change(1)


def values(jar, names):
    """The current value of each counter in ``names`` (0 for one never bumped)."""
    tree = _tree(jar)
    if tree is None:
        return [0] * len(names)
    found = []
    for name in names:
        counter = tree.get(name)
        found.append(counter() if counter is not None else 0)
    return found


def stamp(request, names, counts=None):
    """A short string that changes whenever a counter in ``names`` changes
    (or ``bump_everything`` ran); ``counts`` when already read (their values,
    ``EVERYTHING``'s first)."""
    names = (EVERYTHING,) + tuple(names)
    if counts is None:
        counts = values(get_connection(request), names)
    return ",".join(f"{n}={c}" for n, c in zip(names, counts))


def on_change(event):
    bump(event.object)


def minute_by_minute(*names):
    """A ``freshness=`` callable for a page that changes with the clock at an
    exact moment no event announces (a newsletter issue scheduled for 10:30
    is public from then on): ``names`` and the current minute. A name that is
    no counter simply stays in the stamp as it is."""
    def depends(context, request):
        return names + ("minute:" + now().strftime("%H:%M"),)
    depends.volatile = True   # not for fastanswer's memo: the names change by themselves
    return depends


# -- the cache of anonymous renderings ----------------------------------------

class PageCache:
    """A bounded LRU of finished anonymous answers by ETag, shared by the
    threads of a process: at most ``entries`` answers and ``megabytes`` of
    bodies; the least recently used go first."""

    def __init__(self, entries=DEFAULT_ENTRIES, megabytes=DEFAULT_MEGABYTES):
        self.entries, self.limit = entries, int(megabytes * 1024 * 1024)
        self.size = 0
        self._items = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self):
        return len(self._items)

    def get(self, key):
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key, entry):
        body = entry[0]
        if len(body) > self.limit:
            return
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self.size -= len(old[0])
            self._items[key] = entry
            self.size += len(body)
            while len(self._items) > self.entries or self.size > self.limit:
                _key, dropped = self._items.popitem(last=False)
                self.size -= len(dropped[0])

    def clear(self):
        with self._lock:
            self._items.clear()
            self.size = 0


def page_cache(registry):
    return registry.roundtable_page_cache


def is_anonymous(request):
    return SESSION_COOKIE not in request.cookies


def etag(request, names, counts=None):
    """The ETag of this anonymous request's answer, given the counters it reads
    (and their values, when the caller read them already: ``fastanswer``)."""
    key = "\n".join((stamp(request, names, counts), request.host_url, request.path_qs,
                     request.locale_name, now().strftime("%Y-%m-%dT%H")))
    return hashlib.blake2b(key.encode("utf-8", "surrogateescape"), digest_size=12).hexdigest()


class Memo:
    """The counters each URL's anonymous answer depended on, as the deriver
    found them (bounded), for ``fastanswer`` to check before traversal."""

    def __init__(self, size=MEMO_SIZE):
        self.size = size
        self._names = {}
        self._lock = threading.Lock()

    def get(self, key):
        return self._names.get(key)

    def put(self, key, names):
        with self._lock:
            if len(self._names) >= self.size:
                self._names.clear()   # rare: a crawl over more URLs than fit
            self._names[key] = tuple(names)


def url_key(request):
    return (request.host_url, request.path_qs, request.locale_name)


def _callbacks(request):
    """How many response callbacks the request has (without creating the list)."""
    return len(request.__dict__.get("response_callbacks") or ())


def _session_changed(request):
    """The rendering touched the session (a CSRF token, a flash): its cookie is
    set by a response callback *after* this deriver, so the response does not
    show it yet."""
    session = request.__dict__.get("session")
    return session is not None and bool(getattr(session, "_dirty", False))


def _storable(response, request, callbacks_before):
    """Only a complete, shareable 200: no cookie set (now or by a response
    callback the view added), nothing marked private."""
    cache_control = response.headers.get("Cache-Control", "")
    return (response.status_code == 200 and "Set-Cookie" not in response.headers
            and "private" not in cache_control and "no-store" not in cache_control
            and isinstance(response.app_iter, (list, tuple))
            and _callbacks(request) == callbacks_before and not _session_changed(request))


def answer(tag, entry):
    body, content_type, charset, headers = entry
    response = Response(body=body, content_type=content_type, charset=charset)
    response.headers.update(headers)
    _mark(response, tag)
    return response


def _mark(response, tag):
    response.etag = tag
    response.headers["Cache-Control"] = "no-cache"
    response.vary = tuple(dict.fromkeys(tuple(response.vary or ()) + ("Cookie",)))


def known_answer(request, tag, cache):
    """The answer under ``tag`` without rendering: 304 when the client holds
    it, the kept bytes when this process has them; None otherwise."""
    if tag in request.if_none_match:
        return not_modified(tag)
    entry = cache.get(tag)
    return answer(tag, entry) if entry is not None else None


def not_modified(tag):
    response = Response(status=304)
    _mark(response, tag)
    del response.content_type
    return response


def freshness_view(view, info):
    """The view deriver of the ``freshness=`` option (see the module's docstring)."""
    depends = info.options.get("freshness")
    if depends is None:
        return view
    registry = info.registry

    def fresh(context, request):
        if request.method not in ("GET", "HEAD") or not is_anonymous(request) \
                or not registry.roundtable_freshness:
            return view(context, request)
        names = depends(context, request) if callable(depends) else depends
        if not getattr(depends, "volatile", False):   # (a clock's minute is no counter)
            registry.roundtable_freshness_memo.put(url_key(request), names)
        tag = etag(request, names)
        cache = page_cache(registry)
        known = known_answer(request, tag, cache)
        if known is not None:
            return known
        callbacks_before = _callbacks(request)
        response = view(context, request)
        if response.status_code != 200:
            return response
        if _storable(response, request, callbacks_before):
            headers = {k: response.headers[k] for k in KEPT_HEADERS if k in response.headers}
            cache.put(tag, (response.body, response.content_type, response.charset, headers))
            _mark(response, tag)
        return response

    return fresh


freshness_view.options = ("freshness",)


def includeme(config):
    settings = config.registry.settings
    config.registry.roundtable_freshness = asbool(settings.get("roundtable.page_cache", True))
    config.registry.roundtable_freshness_memo = Memo()
    config.registry.roundtable_page_cache = PageCache(
        int(settings.get("roundtable.page_cache_entries", DEFAULT_ENTRIES)),
        float(settings.get("roundtable.page_cache_mb", DEFAULT_MEGABYTES)))
    config.add_view_deriver(freshness_view)
    for event in (ObjectAdded, ObjectModified, ObjectRemoved):
        config.add_subscriber(on_change, event)
