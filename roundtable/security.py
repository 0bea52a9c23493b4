"""Who may do what: the security policy, roles, permissions and local roles.

Principals are the user id, ``role:<name>`` for site-wide roles (set on the
account or derived from memberships, e.g. a member of the board body is
``role:board``) and ``local:<name>`` for roles a person holds only inside one
resource, e.g. the chair of a working group is ``local:chair`` on that group.

This module knows no feature. Features plug in through two small registries:
``config.set_user_lookup`` (accounts: the user record of a logged-in id) and
``config.add_role_provider`` (e.g. bodies: site-wide roles a person holds
through memberships). Local roles come from resources that have a
``local_roles_for(person_id)`` method (bodies), which a feature lists with
``config.add_local_role_holders`` for the search.
"""
from pyramid.authentication import SessionAuthenticationHelper
from pyramid.authorization import ACLHelper, Authenticated, Everyone
from pyramid.csrf import SessionCSRFStoragePolicy
from pyramid.traversal import lineage

# Permissions (defined in core, re-exported here). Every view names one of these.
from .permissions import ACCOUNT, ADD, EDIT, MANAGE, VIEW, VIEW_CONTACT, VIEW_INTERNAL  # noqa: F401

ROLES = ("admin", "board", "member")
LOCAL_ROLES = ("chair",)


IDENTITY_KEY = "_roundtable_identity"
IDENTITY_CACHE = "_roundtable_identity_cache"
_MISSING = object()


class SecurityPolicy:
    """Session-based identity, ACL authorisation with derived and local roles."""

    def __init__(self):
        self.helper = SessionAuthenticationHelper()
        self.acl = ACLHelper()

    def identity(self, request):
        """The logged-in user, computed once per request (and kept where the
        response headers can see that this answer is personal)."""
        # pyramid_tm asks before the route is matched, and a token route
        # decides the identity differently: the cache holds for one route only
        route = getattr(request, "matched_route", None)
        cached = request.__dict__.get(IDENTITY_CACHE, _MISSING)
        if cached is _MISSING or cached[0] is not route:
            cached = request.__dict__[IDENTITY_CACHE] = (route, self._identity(request))
            request.__dict__[IDENTITY_KEY] = cached[1]
        return cached[1]

    def _identity(self, request):
        resolver = _token_resolver(request)
        if resolver is not None:
            # this route carries its own credential; the session plays no part
            return resolver(request)
        userid = self.helper.authenticated_userid(request)
        if userid is None:
            return None
        lookup = request.registry.get(USER_LOOKUP)
        user = lookup(request, userid) if lookup is not None else None
        if user is None or not user.active or not user.session_is_current(request):
            return None
        return user

    def authenticated_userid(self, request):
        user = request.identity
        return user.__name__ if user is not None else None

    def principals(self, request, context):
        principals = [Everyone]
        user = request.identity
        if user is None:
            return principals
        principals += [Authenticated, user.__name__]
        principals += ["role:" + r for r in site_roles(request)]
        person_id = user.person_id
        if person_id:
            local = set()
            for res in lineage(context):
                local |= _local_roles(request, res, person_id)
            principals += ["local:" + r for r in sorted(local)]
        return principals

    def permits(self, request, context, permission):
        return self.acl.permits(context, self.principals(request, context), permission)

    def remember(self, request, userid, **kw):
        request.__dict__.pop(IDENTITY_CACHE, None)
        return self.helper.remember(request, userid, **kw)

    def forget(self, request, **kw):
        request.__dict__.pop(IDENTITY_CACHE, None)
        return self.helper.forget(request, **kw)


def _local_roles(request, resource, person_id):
    """The person's local roles on one resource, computed once per request:
    a listing asks for many permissions within the same body, and each
    answer would otherwise walk the body's memberships again."""
    roles_for = getattr(resource, "local_roles_for", None)
    if roles_for is None:
        return frozenset()
    cache = request.__dict__.setdefault("_roundtable_local_roles", {})
    key = id(resource)
    if key not in cache:
        cache[key] = (resource, frozenset(roles_for(person_id)))
    return cache[key][1]


TOKEN_ROUTES = "roundtable.token_routes"
USER_LOOKUP = "roundtable.user_lookup"
ROLE_PROVIDERS = "roundtable.role_providers"
LOCAL_ROLE_HOLDERS = "roundtable.local_role_holders"


def set_user_lookup(config, lookup):
    """``lookup(request, userid)`` returns the user record of a logged-in id (or None)."""
    config.registry[USER_LOOKUP] = lookup


def add_role_provider(config, provider):
    """``provider(request, user)`` returns site-wide roles the user holds beyond
    those on the account (e.g. ``board`` for a member of the board body)."""
    config.registry.setdefault(ROLE_PROVIDERS, []).append(provider)


def _token_resolver(request):
    route = getattr(request, "matched_route", None)
    if route is None:
        return None
    return request.registry.get(TOKEN_ROUTES, {}).get(route.name)


def add_local_role_holders(config, find):
    """``find(portal)`` returns the resources that grant local roles (they have
    ``local_roles_for(person_id)``), so a search can qualify a searcher's local
    roles by the resource that grants them (see catalog.principals)."""
    config.registry.setdefault(LOCAL_ROLE_HOLDERS, []).append(find)


def add_token_route(config, name, pattern, resolver):
    """A read-only route whose URL carries a secret that identifies the user.

    Calendar programs fetch feeds without cookies, so such a URL stands in for
    the login, but only on this route: ``resolver(request)`` returns the active
    user the secret names, or None (anonymous).
    """
    config.add_route(name, pattern)
    config.registry.setdefault(TOKEN_ROUTES, {})[name] = resolver


def site_roles(request):
    """Roles of the logged-in user: those on the account plus those the role
    providers add (memberships).

    Cached on the request: computing them walks the bodies' memberships.
    """
    cached = getattr(request, "_roundtable_roles", None)
    if cached is not None:
        return cached
    user = request.identity
    roles = set()
    if user is not None:
        roles |= set(user.roles)
        for provider in request.registry.get(ROLE_PROVIDERS, ()):
            roles |= set(provider(request, user))
    request._roundtable_roles = frozenset(roles)
    return request._roundtable_roles


def has_role(request, role):
    return role in site_roles(request)


def includeme(config):
    config.set_csrf_storage_policy(SessionCSRFStoragePolicy())
    config.set_default_csrf_options(require_csrf=True)
    config.set_security_policy(SecurityPolicy())
    config.add_directive("add_token_route", add_token_route)
    config.add_directive("set_user_lookup", set_user_lookup)
    config.add_directive("add_role_provider", add_role_provider)
    config.add_directive("add_local_role_holders", add_local_role_holders)
