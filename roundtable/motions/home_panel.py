"""The motions' panel on the home page: those still on their way, with their step."""
from ..security import VIEW
from .workflow import ADOPTED, DECIDED, IMPLEMENTATION, IN_CONSULTATION, SUBMITTED

# adopted by the round table, not yet done with
IN_PROGRESS = (ADOPTED, SUBMITTED, IN_CONSULTATION, DECIDED, IMPLEMENTATION)


def motions_in_progress(request):
    motions = request.root.get("motions")
    found = [m for m in (motions.values() if motions is not None else ())
             if m.state in IN_PROGRESS and request.has_permission(VIEW, m)]
    return {"motions": sorted(found, key=lambda m: m.modified, reverse=True)}
