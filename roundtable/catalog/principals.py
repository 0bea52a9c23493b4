"""Who may find a document: principals with VIEW, stored in the catalog.

Local roles (``local:member``, ``local:chair``) hold only inside the resource
that grants them (a body): a member of AG Wohnen is ``local:member`` there and
nowhere else. So the catalog stores them qualified by that resource's path
(``local:member@/bodies/ag-wohnen``), and a searcher's principals are expanded
the same way from their memberships. Unqualified, a member of one group would
find every other group's non-public items.
"""
from pyramid.authorization import ACLHelper, Everyone
from pyramid.interfaces import ISecurityPolicy
from pyramid.traversal import lineage, resource_path

from ..security import LOCAL_ROLE_HOLDERS, VIEW

LOCAL = "local:"


def qualified(role, holder_path):
    return f"{LOCAL}{role}@{holder_path}"


def allowed_to_view(obj):
    """Principals that have VIEW on ``obj``, with local roles qualified."""
    allowed = ACLHelper().principals_allowed_by_permission(obj, VIEW)
    holders = [resource_path(r) for r in lineage(obj) if hasattr(r, "local_roles_for")]
    result = set()
    for principal in allowed:
        if principal.startswith(LOCAL):
            # a local role with no resource granting it here is held by no one
            result |= {qualified(principal[len(LOCAL):], path) for path in holders}
        else:
            result.add(principal)
    return result


def local_role_holders(request, portal):
    """The resources that grant local roles (the bodies), from the features that
    registered them with ``config.add_local_role_holders``."""
    return [holder for find in request.registry.get(LOCAL_ROLE_HOLDERS, ())
            for holder in find(portal)]


def searcher_principals(request, portal):
    """The principals a search runs with: the site-wide ones from the security
    policy plus every local role, qualified by the body that grants it."""
    policy = request.registry.queryUtility(ISecurityPolicy)
    principals = set(policy.principals(request, portal)) if policy is not None else {Everyone}
    principals = {p for p in principals if not p.startswith(LOCAL)}
    user = getattr(request, "identity", None)
    person_id = getattr(user, "person_id", None)
    if person_id:
        for holder in local_role_holders(request, portal):
            for role in holder.local_roles_for(person_id):
                principals.add(qualified(role, resource_path(holder)))
    return principals
