"""Privacy by design: consent evidence, data export, erasure, retention, audit log.

Consent records themselves live in ``roundtable.people.consent`` (the person
must read them); this package adds what acts on all data of a person and the
audit trail, which listens to the content events every feature sends.
"""
from ..events import ObjectAdded, ObjectModified, ObjectRemoved
from ..i18n import _
from ..security import MANAGE
from .audit import on_change
from .retention import scheduled_run
from .subject import newsletter_consents


def includeme(config):
    for event in (ObjectAdded, ObjectModified, ObjectRemoved):
        config.add_subscriber(on_change, event)
    config.add_route("account_export", "/account/data-export.zip")
    config.add_route("prepared_export", "/data-export/{token}.zip")
    config.add_person_action("data-export.zip", _("Datenauskunft herunterladen (ZIP)"), MANAGE)
    config.add_consent_source(newsletter_consents)
    config.add_person_action("erase", _("Person löschen (mit Vorschau)"), MANAGE)
    config.scan(".views")
    config.add_periodic_job("retention", scheduled_run, "privacy.retention_every_hours",
                            default=24, unit=3600)
