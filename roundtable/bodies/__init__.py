"""Bodies (Gremien) and memberships."""

from ..db import get_portal_from_request
from ..i18n import _


def membership_roles(request, user):
    """Site roles from current memberships (``member``, ``board``), for the
    security policy's role providers."""
    if not user.person_id:
        return set()
    return get_portal_from_request(request)["bodies"].roles_of_person(user.person_id)


def includeme(config):
    config.add_role_provider(membership_roles)
    config.add_section("bodies", _("Gremien"), "/bodies/", order=20)
    config.scan(".views")
