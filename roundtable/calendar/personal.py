"""The personal feed: a secret address that stands in for the login.

Calendar programs cannot log in, so a member's feed of their own bodies
(non-public meetings and items included, with their own reply) is reached by
an unguessable token in the URL, like the "secret address" other calendars
offer. The token is the credential for that one read-only route and nothing
else; it can be regenerated (the old address stops working) or revoked.
Only a hash of the token is indexed, so looking it up compares digests, and
the token itself is kept on the account to show its owner the address again.
"""
import hashlib
import secrets
from datetime import timedelta

from BTrees.OOBTree import OOBTree

from ..db import get_portal_from_request
from ..security import VIEW, has_role
from ..timeutil import now

ROUTE = "personal_calendar"
PAST = timedelta(days=365)


def _digest(token):
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _index(users):
    index = getattr(users, "feed_tokens", None)
    if index is None:
        index = users.feed_tokens = OOBTree()
    return index


def issue(users, user):
    """A new token for ``user``; any earlier one stops working."""
    revoke(users, user)
    token = secrets.token_urlsafe(24)
    _index(users)[_digest(token)] = user.__name__
    user.feed_token = token
    return token


def revoke(users, user):
    token = getattr(user, "feed_token", None)
    if token:
        _index(users).pop(_digest(token), None)
    user.feed_token = None


def current(user):
    return getattr(user, "feed_token", None)


def user_for(users, token):
    """The active account the token belongs to, else None."""
    if not token or len(token) > 200:
        return None
    index = getattr(users, "feed_tokens", None)
    name = index.get(_digest(token)) if index is not None else None
    user = users.get(name) if name else None
    if user is None or not user.active or current(user) != token:
        return None
    return user


def token_identity(request):
    """The identity of a personal-feed request (see security.TOKEN_ROUTES)."""
    return user_for(get_portal_from_request(request)["users"], request.matchdict.get("token"))


def bodies_of(request, portal, user):
    """The bodies whose meetings go into the user's feed: those they currently
    belong to; the coordinator, who runs every body, gets all of them."""
    bodies = portal["bodies"].listing(include_retired=True)
    if has_role(request, "admin"):
        return bodies
    if not user.person_id:
        return []
    return [b for b in bodies if b.local_roles_for(user.person_id)]


def meetings_of(request, bodies):
    since = now() - PAST
    for body in bodies:
        meetings = body.get("meetings")
        if meetings is None:
            continue
        for meeting in meetings.values():
            if meeting.end >= since and request.has_permission(VIEW, meeting):
                yield meeting


def includeme(config):
    """The personal feed's URL takes its identity from the token, not the session."""
    config.add_token_route(ROUTE, "/calendar/{token}.ics", token_identity)
