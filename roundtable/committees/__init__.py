"""Council committees (Ratsausschüsse): the town's bodies that motions go to."""
from ..i18n import _


def includeme(config):
    config.add_section("committees", _("Ratsausschüsse"), "/committees/", order=32)
    config.scan(".views")
