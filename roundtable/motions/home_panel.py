"""The motions' panel on the home page: those still on their way, with their step.

Only the most recently moved ones: motions in implementation stay "in
progress" for years, and a home page listing them all grew with the archive
(300 KB at five round tables' worth)."""
import heapq

from ..security import VIEW
from .workflow import ADOPTED, DECIDED, IMPLEMENTATION, IN_CONSULTATION, SUBMITTED

# adopted by the round table, not yet done with
IN_PROGRESS = (ADOPTED, SUBMITTED, IN_CONSULTATION, DECIDED, IMPLEMENTATION)
SHOWN = 8


def motions_in_progress(request):
    motions = request.root.get("motions")
    found = [m for m in (motions.values() if motions is not None else ())
             if m.state in IN_PROGRESS and request.has_permission(VIEW, m)]
    shown = heapq.nlargest(SHOWN, found, key=lambda m: m.modified)
    return {"motions": shown, "total": len(found)}
