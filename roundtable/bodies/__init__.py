"""Bodies (Gremien) and memberships."""

from ..db import get_portal_from_request
from ..i18n import _


def membership_roles(request, user):
    """Site roles from current memberships (``member``, ``board``), for the
    security policy's role providers."""
    if not user.person_id:
        return set()
    return get_portal_from_request(request)["bodies"].roles_of_person(user.person_id)


def home_bodies(request):
    """The home page's panel: the active bodies."""
    return {"bodies": request.root["bodies"].listing()}


def all_bodies(portal):
    """The bodies grant local roles (chair, member of a group)."""
    return list(portal["bodies"].values())


def includeme(config):
    config.add_role_provider(membership_roles)
    config.add_local_role_holders(all_bodies)
    config.add_home_panel("bodies", "roundtable:templates/bodies/home_panel.pt", home_bodies,
                          order=20)
    config.add_section("bodies", _("Gremien"), "/bodies/", order=20)
    config.scan(".views")
