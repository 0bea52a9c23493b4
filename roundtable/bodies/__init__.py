"""Bodies (Gremien) and memberships."""

from ..i18n import _


def includeme(config):
    config.add_section("bodies", _("Gremien"), "/bodies/", order=20)
    config.scan(".views")
