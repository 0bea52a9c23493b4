"""The newsletter's section on motions: what became of them since the last issue.

Readers of the weekly list follow the round table's motions through the
council; each motion whose state changed in the period appears once, with
its newest state and the date of that step.
"""
from ..i18n import _
from ..motions.queries import status_changes_between
from ..motions.workflow import motion_workflow
from ..timeutil import format_date
from .assembly import register_provider, section


@register_provider
def motion_changes(portal, period, links):
    newest = {}
    for motion, step in status_changes_between(portal, period.since, period.at):
        newest[motion.__name__] = (motion, step)   # oldest first: the last one wins
    items = []
    for motion, step in sorted(newest.values(), key=lambda pair: pair[1]["at"]):
        state = str(motion_workflow.title(step["to"]))
        items.append({"title": motion.label, "url": links.url(motion),
                      "text": state, "date": format_date(step.get("date") or step["at"]),
                      "links": []})
    return section("motions", _("Anträge: neuer Stand"), items) if items else None
