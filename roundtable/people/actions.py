"""Links on the person page offered by later features (e.g. privacy's data
export and erasure), registered at start-up so the register knows none of them."""
from ..security import EDIT

PERSON_ACTIONS = "roundtable.person_actions"


def add_person_action(config, view_name, title, permission=EDIT):
    """Config directive: a link to the view ``view_name`` on a person, shown to
    those who hold ``permission`` on that person."""
    config.registry.setdefault(PERSON_ACTIONS, []).append((view_name, title, permission))


def person_actions(request, person):
    """(view name, title) of the registered links the viewer may follow."""
    return [(name, title) for name, title, permission in request.registry.get(PERSON_ACTIONS, ())
            if request.has_permission(permission, person)]
