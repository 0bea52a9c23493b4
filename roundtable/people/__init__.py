"""The register of persons and organisations."""
from ..i18n import _
from ..security import VIEW, VIEW_INTERNAL


def includeme(config):
    config.add_section("organisations", _("Organisationen"), "/organisations/", permission=VIEW,
                       order=42)
    config.add_section("people", _("Personen"), "/people/", permission=VIEW_INTERNAL, order=45)
    config.scan(".views")
