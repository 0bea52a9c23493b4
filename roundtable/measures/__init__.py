"""The integration concept of the steering group: fields of action, goals,
measures with indicators, the yearly status round and the implementation
report. Comes after motions and the newsletter in the layer order; nothing
earlier imports it (the portal learns about ``/concept/`` through the
bootstrap, the catalog through the search contract on the resources)."""
from ..i18n import _
from ..search.labels import register_type
from .resources import STATUSES


def includeme(config):
    register_type("concept", _("Integrationskonzept"))
    register_type("measure", _("Maßnahme"), statuses=STATUSES)
    register_type("report", _("Umsetzungsbericht"))
    config.add_section("concept", _("Integrationskonzept"), "/concept/", order=35)
    config.scan(".views")
    config.scan(".edit_views")
    config.scan(".round_views")
    config.scan(".report_views")
    config.scan(".import_views")
