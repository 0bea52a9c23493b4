"""The body page's picture: members present per session against the quorum.

Bodies come before meetings in the layer order, so the sessions are read
through the body's ``meetings`` folder and the meeting's own ``quorum()``
(no import of the meetings package). Only sessions the viewer may see count.
"""
from datetime import timedelta

from ..charts import Chart
from ..i18n import _
from ..security import VIEW
from ..timeutil import now, to_local

PERIOD = timedelta(days=730)


def attendance_chart(request, body, at=None):
    """Held sessions of the last two years with recorded presence; None if none."""
    at = at or now()
    meetings = body.get("meetings")
    held = [m for m in (meetings.values() if meetings is not None else ())
            if m.status == "held" and at - PERIOD <= m.start <= at
            and any(a.presence for a in m.attendance.values())
            and request.has_permission(VIEW, m)]
    if not held:
        return None
    held.sort(key=lambda m: m.start)
    rows, markers = [], []
    for meeting in held:
        present, voting, required, _reached = meeting.quorum()
        rows.append((to_local(meeting.start, meeting.tzname).strftime("%d.%m.%Y"), (present,)))
        markers.append(required)
    t = request.localizer.translate
    reached = sum(1 for (_l, (p,)), r in zip(rows, markers) if p >= r)
    return Chart(
        "chart-attendance",
        t(_("Anwesenheit in den Sitzungen der letzten zwei Jahre")),
        t(_("Stimmberechtigte Mitglieder anwesend je Sitzung (${count} Sitzungen) und die für "
            "die Beschlussfähigkeit nötige Zahl; beschlussfähig in ${reached} von ${count}.",
            mapping={"count": len(rows), "reached": reached})),
        [t(_("anwesend"))], rows, marker=t(_("nötig")), markers=markers,
        label_title=t(_("Sitzung")))
