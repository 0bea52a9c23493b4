"""Motions (Anträge) of the round table to the council committees.

Drafted by the board, adopted by the round table, submitted to the town's
department and followed through the committees to implementation.
Other features use ``queries`` (calendar feeds, newsletter) and the search
contract on ``resources.Motion``.
"""
from ..i18n import _


def includeme(config):
    config.include("roundtable.committees")
    config.add_section("motions", _("Anträge"), "/motions/", order=30)
    config.scan(".views")
    config.scan(".draft_views")
    config.scan(".step_views")
    config.scan(".dashboard_views")
    config.scan(".feeds")
    config.scan(".committee_views")
