"""Names of the searchable types and their states, in the UI's words.

The catalog stores short English tokens; a token of a type this module does
not know (added by a later feature) is shown as it is rather than hidden.
"""
from ..i18n import _
from ..meetings.resources import STATUSES
from ..minutes.workflow import minutes_workflow
from ..motions.workflow import STATES as MOTION_STATES

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

    # later entries win where tokens coincide ("draft" is Entwurf in both)
    titles = dict(STATUSES)
    titles.update(minutes_workflow.states)
    titles.update(MOTION_STATES)
    titles.update(active=_("aktiv"), dissolved=_("aufgelöst"), retired=_("ausgeschieden"))
    return titles


def type_title(token):
    return dict(TYPES).get(token, token)


def status_title(token):
    return _statuses().get(token, token)
