"""The register of persons and organisations."""
from ..i18n import _
from ..security import VIEW, VIEW_INTERNAL
from .actions import add_consent_source, add_person_action


def includeme(config):
    config.add_section("organisations", _("Organisationen"), "/organisations/", permission=VIEW,
                       order=42)
    config.add_section("people", _("Personen"), "/people/", permission=VIEW_INTERNAL, order=45)
    config.add_directive("add_person_action", add_person_action)
    config.add_directive("add_consent_source", add_consent_source)
    config.scan(".views")
