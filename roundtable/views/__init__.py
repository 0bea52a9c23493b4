"""Site-wide views: home, member overview, legal pages, administration, errors."""

from ..i18n import _
from .site import add_home_panel


def includeme(config):
    config.add_directive("add_home_panel", add_home_panel)
    config.add_section("home", _("Start"), "/", order=0)
    config.add_section("members", _("Mitglieder"), "/members", order=40)
    config.add_section("admin", _("Verwaltung"), "/admin", permission="manage", order=90)
    config.include(".headers")
    config.include(".guards")
    config.scan(__name__)
