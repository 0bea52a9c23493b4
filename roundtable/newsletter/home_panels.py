"""Two home page panels: how to stay informed (the latest issue, newsletter and
calendar sign-up) and the year in numbers (sessions held per body as a chart,
motions adopted and decided, the newsletter's reach). The newsletter comes after
meetings and motions in the layer order, so the year's figures are gathered here.
"""
from types import SimpleNamespace as Row

from ..charts import Chart
from ..i18n import _
from ..meetings.viewhelpers import may_view
from ..motions.queries import public_motions
from ..motions.workflow import DECIDED
from ..security import VIEW
from ..timeutil import DEFAULT_TZ, now, to_local


def stay_informed(request):
    newsletter = request.root.get("newsletter")
    issues = newsletter.sent_issues() if newsletter is not None else []
    return {"issue": next((i for i in issues if request.has_permission(VIEW, i)), None)}


def year_in_numbers(request):
    year = to_local(now(), DEFAULT_TZ).year
    t = request.localizer.translate
    per_body = []
    for body in request.root["bodies"].listing():
        meetings = body.get("meetings")
        held = [m for m in (meetings.values() if meetings is not None else ())
                if m.status == "held" and m.local_start.year == year and may_view(request, m)]
        if held:
            per_body.append((body.name, (len(held),), body.short_name or body.name))
    motions = public_motions(request.root)
    adopted = sum(1 for m in motions if m.adopted_on and m.adopted_on.year == year)
    decided_on = [m.step_date(DECIDED) for m in motions]
    decided = sum(1 for day in decided_on if day is not None and day.year == year)
    newsletter = request.root.get("newsletter")
    reach = newsletter.subscribers.reach() if newsletter is not None else 0
    held_total = sum(v[0] for _n, v, _s in per_body)
    chart = Chart("chart-year", t(_("Sitzungen ${year} je Gremium", mapping={"year": year})),
                  t(_("${count} Sitzungen durchgeführt, davon je Gremium wie im Bild.",
                      mapping={"count": held_total})),
                  [t(_("Sitzungen"))], per_body, label_title=t(_("Gremium"))) if per_body else None
    figures = [(held_total, t(_("Sitzungen durchgeführt"))),
               (adopted, t(_("Anträge beschlossen"))),
               (decided, t(_("Anträge im Rat entschieden"))),
               (reach, t(_("Abonnements des Newsletters")))]
    return {"year": Row(year=year, figures=figures, chart=chart)}
