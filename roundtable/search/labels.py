"""Names of the searchable types and their states, in the UI's words.

The catalog stores short English tokens; a token of a type this module does
not know is shown as it is rather than hidden. Each type has its own states:
"draft" is an Entwurf of minutes or of a motion, and the status filter offers
only the states of the chosen type. Features that come after search in the
layer order (follow, oparl, measures, privacy) name their types and states
with ``register_type`` instead of being imported here.
"""
from ..i18n import _
from ..meetings.resources import STATUSES as MEETING_STATES
from ..minutes.workflow import minutes_workflow
from ..motions.workflow import STATES as MOTION_STATES

TYPES = [
    ("meeting", _("Sitzung")),
    ("agenda_item", _("Tagesordnungspunkt")),
    ("minutes", _("Protokoll")),
    ("motion", _("Antrag")),
    ("organisation", _("Organisation")),
    ("person", _("Person")),
    ("body", _("Gremium")),
    ("committee", _("Ratsausschuss")),
    ("issue", _("Newsletter-Ausgabe")),
]


def _pairs(states):
    return tuple(states.items()) if isinstance(states, dict) else tuple(states)


# type token -> ((state token, title), ...)
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


def register_type(token, title, statuses=()):
    """A searchable type of a later feature: its title in the type filter and
    result lists, and the titles of its states (``(token, title)`` pairs)."""
    if token not in dict(TYPES):
        TYPES.append((token, title))
    if statuses:
        STATES[token] = tuple(statuses)


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
