"""Names of the searchable types and their states, in the UI's words.

The catalog stores short English tokens; a token of a type this module does
not know (added by a later feature) is shown as it is rather than hidden.
"""
from ..i18n import _

TYPES = (
    ("meeting", _("Sitzung")),
    ("agenda_item", _("Tagesordnungspunkt")),
    ("minutes", _("Protokoll")),
    ("motion", _("Antrag")),
    ("organisation", _("Organisation")),
    ("body", _("Gremium")),
    ("issue", _("Newsletter-Ausgabe")),
)


def _statuses():
    from ..meetings.resources import STATUSES
    from ..meetings.workflow import minutes_workflow

    return dict(STATUSES, **minutes_workflow.states, active=_("aktiv"),
                dissolved=_("aufgelöst"), retired=_("ausgeschieden"))


def type_title(token):
    return dict(TYPES).get(token, token)


def status_title(token):
    return _statuses().get(token, token)
