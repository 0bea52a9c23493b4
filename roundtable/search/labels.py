"""Names of the searchable types and their states, in the UI's words.

The catalog stores short English tokens; a token of a type this module does
not know is shown as it is rather than hidden. Features that come after
search in the layer order (follow, oparl, measures, privacy) name their types
and states with ``register_type`` instead of being imported here.
"""
from ..i18n import _
from ..meetings.resources import STATUSES
from ..minutes.workflow import minutes_workflow
from ..motions.workflow import STATES as MOTION_STATES

TYPES = [
    ("meeting", _("Sitzung")),
    ("agenda_item", _("Tagesordnungspunkt")),
    ("minutes", _("Protokoll")),
    ("motion", _("Antrag")),
    ("organisation", _("Organisation")),
    ("body", _("Gremium")),
    ("issue", _("Newsletter-Ausgabe")),
]
_REGISTERED_STATUSES = {}


def register_type(token, title, statuses=()):
    """A searchable type of a later feature: its title in the type filter and
    result lists, and the titles of its states (``(token, title)`` pairs)."""
    if token not in dict(TYPES):
        TYPES.append((token, title))
    _REGISTERED_STATUSES.update(dict(statuses))


def _statuses():
    # later entries win where tokens coincide ("draft" is Entwurf in both)
    titles = dict(STATUSES)
    titles.update(minutes_workflow.states)
    titles.update(MOTION_STATES)
    titles.update(active=_("aktiv"), dissolved=_("aufgelöst"), retired=_("ausgeschieden"))
    titles.update(_REGISTERED_STATUSES)
    return titles


def type_title(token):
    return dict(TYPES).get(token, token)


def status_title(token):
    return _statuses().get(token, token)
