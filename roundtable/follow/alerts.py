"""What is news for a follower, and the digest that tells them.

Changes reach this module through the content events (``roundtable.events``):
a motion that moved a step, a public session of a followed body that was
invited, its minutes published. Only what the public may read is news here
(anyone can follow, without an account). Saved searches are checked when
the digest job runs (``send_due``): whatever the search finds that it did
not find before is news. The digest goes through the mail queue, at most
once per follower per ``follow.batch_hours`` (default 24).
"""
from datetime import timedelta

from pyramid.authorization import ACLHelper, Everyone
from pyramid.traversal import find_root, resource_path
from webob.multidict import MultiDict

from .. import mail
from ..catalog import get_catalog
from ..catalog.indexes import query_words
from ..catalog.query import ranked_ids
from ..i18n import _
from ..meetings.resources import Meeting
from ..minutes.resources import Minutes
from ..motions.resources import Motion
from ..motions.workflow import STATES as MOTION_STATES
from ..newsletter.rendering import translator
from ..newsletter.tokens import sign
from ..schedule import in_request
from ..search.params import BadSearch, parse
from ..security import VIEW
from ..timeutil import format_date, now
from .resources import follows_of, key_for, split_key

BATCH_HOURS = 24
MAX_SEARCH_NEWS = 10


def is_public(obj):
    return bool(ACLHelper().permits(obj, [Everyone], VIEW))


# -- what a key stands for --------------------------------------------------

def target(portal, key):
    """``(title, path)`` of what ``key`` follows if the public may see it, else None."""
    kind, name = split_key(key)
    if kind == "motion":
        obj = portal["motions"].get(name) if "motions" in portal else None
        title = obj.label if obj is not None else None
    elif kind == "body":
        obj = portal["bodies"].get(name)
        title = obj.name if obj is not None else None
    elif kind == "search":
        follows = follows_of(portal)
        saved = follows.searches.get(name) if follows is not None else None
        return (saved.title, "/search") if saved is not None else None
    else:
        return None
    if obj is None or not is_public(obj):
        return None
    return title, resource_path(obj)


def _motion_marker(motion):
    return ("step", len(motion.history or ()))


def note_current(portal, follows, keys):
    """A new follower hears of what happens from now on: remember where the
    followed motions stand, so their next change is news and the past is not."""
    for key in keys:
        kind, name = split_key(key)
        if kind == "motion" and "motions" in portal and name in portal["motions"]:
            motion = portal["motions"][name]
            follows.seen.setdefault(resource_path(motion), _motion_marker(motion))


# -- the event subscriber --------------------------------------------------

def on_change(event):
    obj = event.object
    if not isinstance(obj, (Motion, Meeting, Minutes)):
        return
    follows = follows_of(find_root(obj))
    if follows is None:
        return
    if isinstance(obj, Motion):
        key = key_for("motion", obj.__name__)
        if follows.followed(key) and is_public(obj):
            follows.announce_once(resource_path(obj), _motion_marker(obj), key,
                                  {"kind": "motion_step", "state": obj.state}, obj.label)
        return
    meeting = obj if isinstance(obj, Meeting) else obj.meeting
    body = getattr(meeting, "body", None)
    if body is None or not meeting.public:
        return
    key = key_for("body", body.__name__)
    if not follows.followed(key):
        return
    if isinstance(obj, Meeting) and obj.status == "invited":
        follows.announce_once(resource_path(obj), ("invited", obj.start.isoformat()), key,
                              {"kind": "meeting_invited", "date": obj.start}, obj.title)
    elif isinstance(obj, Minutes) and obj.state == "published":
        follows.announce_once(resource_path(obj), "published", key,
                              {"kind": "minutes_published"}, meeting.title)


# -- saved searches --------------------------------------------------------

def search_paths(portal, form):
    """The paths a saved search finds for the public, newest matches included."""
    catalog = get_catalog(portal)
    try:
        params = parse(MultiDict(form), portal)
    except BadSearch:
        return None
    if catalog is None or params.empty:
        return []
    ids = ranked_ids(catalog, {Everyone}, query_words(params.text), params.filters)
    return [catalog.metadata[docid] for docid in ids]


def check_searches(portal, follows):
    """Alerts for what each followed search finds that it did not find before."""
    for sid, saved in list(follows.searches.items()):
        key = key_for("search", sid)
        if not follows.followed(key):
            continue
        found = search_paths(portal, saved.form) or []
        seen = set(saved.seen or ())
        if saved.seen is not None:
            new = [item for item in found if item["path"] not in seen]
            for item in new[:MAX_SEARCH_NEWS]:
                follows.alert(key, {"kind": "search_found", "search": saved.title},
                              item["title"], item["path"])
        saved.seen = tuple(sorted(seen | {item["path"] for item in found}))


# -- the digest ----------------------------------------------------------------

def base_url(request):
    return (request.registry.settings.get("roundtable.base_url") or request.application_url).rstrip("/")


def manage_url(request, follower):
    secret = request.registry.settings["roundtable.secret"]
    return f"{base_url(request)}/follow/manage/{follower.id}/{sign(secret, 'follow-manage', follower.id)}"


def unsubscribe_url(request, follower, key="*"):
    secret = request.registry.settings["roundtable.secret"]
    return (f"{base_url(request)}/follow/unsubscribe/{follower.id}/{key}/"
            f"{sign(secret, 'follow-unsubscribe', follower.id, key)}")


def _line(t, alert, locale):
    what = alert["kind"]
    if what["kind"] == "motion_step":
        state = dict(MOTION_STATES).get(what.get("state"), what.get("state"))
        return t(_("Neuer Stand des Antrags „${title}“: ${state}",
                   mapping={"title": alert["title"], "state": t(state)}))
    if what["kind"] == "meeting_invited":
        return t(_("Einladung zur Sitzung „${title}“ am ${date}",
                   mapping={"title": alert["title"], "date": format_date(what["date"], locale)}))
    if what["kind"] == "minutes_published":
        return t(_("Protokoll veröffentlicht: ${title}", mapping={"title": alert["title"]}))
    return t(_("Neu zu Ihrer Suche „${search}“: ${title}",
               mapping={"search": what.get("search", ""), "title": alert["title"]}))


def digest(request, follower, alerts):
    """Subject, text and headers of one follower's digest."""
    t = translator(request.registry, follower.language)
    site = request.root.title
    lines = [t(_("Guten Tag,")), "", t(_("es gibt Neues zu dem, dem Sie auf ${site} folgen:",
                                         mapping={"site": site})), ""]
    for alert in alerts:
        lines += ["- " + _line(t, alert, follower.language),
                  "  " + base_url(request) + alert["path"].rstrip("/") + "/", ""]
    lines += [t(_("Was Sie verfolgen ändern oder beenden: ${url}",
                  mapping={"url": manage_url(request, follower)})),
              t(_("Alles abbestellen: ${url}", mapping={"url": unsubscribe_url(request, follower)}))]
    subject = t(_("Neues von ${site}", mapping={"site": site}))
    headers = {"List-Unsubscribe": f"<{unsubscribe_url(request, follower)}>",
               "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
               "X-Roundtable-Follow": follower.id}
    return subject, "\n".join(lines) + "\n", headers


def send_due(request, at=None):
    """Check the saved searches and queue the digests that are due; returns
    how many. Runs in the caller's transaction (the mails join it)."""
    at = at or now()
    follows = follows_of(request.root)
    if follows is None:
        return 0
    check_searches(request.root, follows)
    every = timedelta(hours=float(request.registry.settings.get("follow.batch_hours",
                                                                BATCH_HOURS)))
    sent = 0
    for fid in list(follows.pending.keys()):
        follower = follows.followers.get(fid)
        last = follows.last_sent.get(fid)
        if follower is not None and last is not None and at - last < every:
            continue   # the next digest collects these too
        alerts = [a for a in follows.pending.pop(fid)
                  if follower is not None and follower.subscribed_to(a["key"])]
        if alerts:
            subject, text, headers = digest(request, follower, alerts)
            mail.send(request, follower.email, subject, text, headers=headers)
            follows.last_sent[fid] = at
            sent += 1
    return sent


def run_digests(registry, at=None):
    """``send_due`` outside a request (the periodic job, ``follow.digest_every_minutes``,
    and the ``roundtable-follow`` script)."""
    return in_request(registry, lambda request: send_due(request, at))
