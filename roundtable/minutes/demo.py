"""Demo minutes: every session held has its record, as a coordination office keeps it.

Minutes of a session are approved at the same body's next session held and
published a few days later; the minutes of a body's latest session await
approval. Each motion item records the round table's decision with the votes
the motion itself carries, so minutes, agenda and register tell one story.
"""
from datetime import timedelta

from pyramid.traversal import resource_path

from ..timeutil import now
from .resources import Minutes
from .workflow import minutes_workflow

GENERAL = ("Die Vorsitzende eröffnet die Sitzung, begrüßt die Anwesenden und stellt die "
           "ordnungsgemäße Einladung fest.")
DISCUSSION = {
    "Begrüßung": "Die Sitzungsleitung begrüßt die Anwesenden; die Beschlussfähigkeit wird "
                 "festgestellt.",
    "Genehmigung": "Die Tagesordnung wird ohne Änderungen angenommen; das Protokoll der "
                   "letzten Sitzung wird genehmigt.",
    "Verschiedenes": "Hinweise auf Veranstaltungen in den nächsten Wochen; keine weiteren "
                     "Wortmeldungen.",
}
DEFAULT_DISCUSSION = ("{title}: Bericht und Aussprache. Die Anwesenden tauschen Erfahrungen aus "
                      "ihren Organisationen aus; offene Fragen nimmt die Koordinierungsstelle "
                      "auf und berichtet in der nächsten Sitzung.")


def _discussion(item):
    for start, text in DISCUSSION.items():
        if item.title.startswith(start):
            return text
    return DEFAULT_DISCUSSION.format(title=item.title)


def _decisions(portal, item):
    register = portal.get("motions")
    decisions = []
    for name in item.motion_ids:
        motion = register.get(name) if register is not None else None
        decision = getattr(motion, "decision", None)
        if decision:
            decisions.append({"text": decision.get("text", ""), "yes": decision.get("yes"),
                              "no": decision.get("no"), "abstain": decision.get("abstain"),
                              "result": "accepted" if motion.adopted_on else "rejected"})
    return decisions


def _dated(minutes, at):
    entry = dict(minutes.history[-1])
    entry["at"] = at
    minutes.history[-1] = entry


def populate_minutes(portal, at=None):
    """Minutes for every session held before ``at``; returns how many were published."""
    at = at or now()
    published = 0
    for body in portal["bodies"].values():
        held = [m for m in body["meetings"].ordered() if m.status == "held" and m.end <= at]
        for index, meeting in enumerate(held):
            minutes = meeting.minutes or meeting.add(Minutes(), "minutes")
            minutes.set_general(GENERAL)
            for item in meeting.agenda.ordered():
                minutes.set_entry(item.__name__, _discussion(item), _decisions(portal, item))
            minutes_workflow.transition(minutes, "submit", userid=None)
            _dated(minutes, meeting.end + timedelta(days=5))
            later = held[index + 1] if index + 1 < len(held) else None
            if later is None:
                continue
            minutes.approved_at_meeting = resource_path(later)
            minutes.approved_on = later.start
            minutes_workflow.transition(minutes, "approve", userid=None)
            _dated(minutes, later.end)
            minutes_workflow.transition(minutes, "publish", userid=None)
            _dated(minutes, min(later.end + timedelta(days=2), at))
            published += 1
    return published
