"""Workflows as plain data: states, allowed transitions, and who may take them.

One ``transition()`` checks that the step is allowed from the current state and
that the user holds the permission, records who and when, and notifies.
"""
from persistent.list import PersistentList

from .i18n import _
from .timeutil import now


class WorkflowError(ValueError):
    """A transition that is not allowed; the message is shown to the user."""


class Workflow:
    def __init__(self, states, transitions, initial):
        # transitions: name -> (from_states, to_state, permission, title)
        self.states = dict(states)
        self.transitions = transitions
        self.initial = initial

    def title(self, state):
        return self.states.get(state, state)

    def available(self, obj, request=None):
        """Transitions possible from the object's state (for this request's user)."""
        names = []
        for name, (sources, _target, permission, _title) in self.transitions.items():
            if obj.state in sources and (request is None or request.has_permission(permission, obj)):
                names.append(name)
        return names

    def transition(self, obj, name, request=None, userid=None, note=""):
        if name not in self.transitions:
            raise WorkflowError(_("Unbekannter Arbeitsschritt."))
        sources, target, permission, _title = self.transitions[name]
        if obj.state not in sources:
            raise WorkflowError(_("Dieser Schritt ist im Zustand „${state}“ nicht möglich.",
                                  mapping={"state": self.title(obj.state)}))
        if request is not None and not request.has_permission(permission, obj):
            raise WorkflowError(_("Sie dürfen diesen Schritt nicht ausführen."))
        if userid is None and request is not None and request.identity is not None:
            userid = request.identity.__name__
        check = getattr(obj, "check_transition", None)
        if check is not None:
            check(name, target)
        previous = obj.state
        obj.state = target
        if getattr(obj, "history", None) is None:
            obj.history = PersistentList()
        obj.history.append({"transition": name, "from": previous, "to": target,
                            "by": userid, "at": now(), "note": note})
        after = getattr(obj, "after_transition", None)
        if after is not None:
            after(name, previous, target)
        return target
