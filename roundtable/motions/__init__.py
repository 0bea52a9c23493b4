"""Motions (Anträge) of the round table to the council committees.

Drafted by the board, adopted by the round table, submitted to the town's
department and followed through the committees to implementation.
Other features use ``queries`` (calendar feeds, newsletter) and the search
contract on ``resources.Motion``.
"""
from ..i18n import _


from .home_panel import motions_in_progress


def includeme(config):
    config.include("roundtable.committees")
    config.add_section("motions", _("Anträge"), "/motions/", order=30)
    config.add_home_panel("motions", "roundtable:templates/motions/home_panel.pt",
                          motions_in_progress, order=14)
    config.scan(".views")
    config.scan(".draft_views")
    config.scan(".step_views")
    config.scan(".dashboard_views")
    config.scan(".feeds")
    config.scan(".committee_views")
