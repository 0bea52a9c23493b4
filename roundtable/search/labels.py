"""Names of the searchable types and their states, in the UI's words.

The catalog stores short English tokens; a token of a type this module does
not know (added by a later feature) is shown as it is rather than hidden.
Each type has its own states: "draft" is an Entwurf of minutes or of a
motion, and the status filter offers only the states of the chosen type.
"""
from ..i18n import _
from ..meetings.resources import STATUSES as MEETING_STATES
from ..meetings.workflow import minutes_workflow
from ..motions.workflow import STATES as MOTION_STATES

TYPES = (
    ("meeting", _("Sitzung")),
    ("agenda_item", _("Tagesordnungspunkt")),
    ("minutes", _("Protokoll")),
    ("motion", _("Antrag")),
    ("organisation", _("Organisation")),
    ("person", _("Person")),
    ("body", _("Gremium")),
    ("committee", _("Ratsausschuss")),
    ("issue", _("Newsletter-Ausgabe")),
)


def _pairs(states):
    return tuple(states.items()) if isinstance(states, dict) else tuple(states)


STATES = {
    "meeting": tuple(MEETING_STATES),
    "minutes": _pairs(minutes_workflow.states),
    "motion": tuple(MOTION_STATES),
    "organisation": (("active", _("aktiv")), ("retired", _("ausgeschieden"))),
    "person": (("active", _("aktiv")), ("retired", _("ausgeschieden"))),
    "body": (("active", _("aktiv")), ("dissolved", _("aufgelöst"))),
    "issue": (("draft", _("Entwurf")), ("queued", _("zum Versand eingeplant")),
              ("sent", _("versendet"))),
}


def type_title(token):
    return dict(TYPES).get(token, token)


def states_of(content_type):
    """(token, title) of the states a type's documents can be in."""
    return STATES.get(content_type, ())


def status_title(token, content_type=None):
    """The title of a state, of ``content_type`` if given, else of any type."""
    if content_type is not None:
        found = dict(states_of(content_type)).get(token)
        if found is not None:
            return found
    for states in STATES.values():
        found = dict(states).get(token)
        if found is not None:
            return found
    return token
