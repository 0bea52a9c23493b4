"""Newsletters: lists, subscribers (double opt-in), issues assembled from the
portal, delivery through the mail queue, and the public archive."""
from ..i18n import _
from . import motions_section  # noqa: F401 (registers the section on motions with assembly)


from .home_panels import stay_informed, year_in_numbers


def includeme(config):
    # Signed links are not objects in the tree, so they are routes (ARCHITECTURE.md).
    config.add_route("newsletter_confirm", "/newsletter/confirm/{sid}/{sig}")
    config.add_route("newsletter_preferences", "/newsletter/preferences/{sid}/{sig}")
    config.add_route("newsletter_unsubscribe", "/newsletter/unsubscribe/{sid}/{list}/{sig}")
    config.add_route("account_newsletter", "/account/newsletter")
    config.add_section("newsletter", _("Newsletter"), "/newsletter", order=40)
    config.add_home_panel("stay-informed", "roundtable:templates/newsletter/home_follow.pt",
                          stay_informed, order=16)
    config.add_home_panel("year", "roundtable:templates/newsletter/home_year.pt",
                          year_in_numbers, order=18)
    config.scan(".signup_views")
    config.scan(".archive_views")
    config.scan(".manage_views")
    config.scan(".issue_views")
    config.scan(".progress_views")
    config.scan(".feeds")
