"""What the implementation report of a year says.

``freeze`` reads it from the concept and its round into plain data (dicts,
lists, strings, numbers, dates: no references to live objects); ``thaw``
turns that data into the structure the web page, the PDF and the ODT all
render, so the three never tell different stories. A draft is frozen afresh
on every view (it is live); publishing keeps one frozen copy on the report
(``Report.snapshot``), so what went to the council stays what it said even
when measures, indicators or the introduction change afterwards.
"""
from types import SimpleNamespace as NS

from ..i18n import _
from . import responsible
from .charts import indicator_svg
from .resources import DELAYED, DONE, STOPPED, status_title

SNAPSHOT_VERSION = 1


def _indicator(indicator, year):
    if indicator is None:
        return None
    return {"name": indicator.name, "unit": indicator.unit, "baseline": indicator.baseline,
            "target": indicator.target, "target_date": indicator.target_date,
            "values": [{"date": v["date"], "value": v["value"], "source": v.get("source", "")}
                       for v in indicator.values if v["date"].year <= year]}


def _measure(portal, measure, year):
    return {"name": measure.__name__, "number": measure.number, "title": measure.title,
            "status": measure.status, "progress": measure.progress,
            "responsible": str(responsible.title_of(portal, measure.responsible) or ""),
            "report": measure.year_reports.get(year, ""),
            "changes": [{"at": c["at"], "from": c["from"], "to": c["to"],
                         "justification": c["justification"]} for c in measure.changes_in(year)],
            "indicator": _indicator(measure.indicator, year)}


def freeze(portal, concept, year, introduction):
    """Everything the report of ``year`` shows, as plain data."""
    fields = []
    for field in concept.fields:
        goals = [{"title": goal.title, "progress": concept.progress_of(field.key, goal.key),
                  "measures": [_measure(portal, m, year)
                               for m in concept.measures_of(field.key, goal.key)]}
                 for goal in field.goals]
        fields.append({"title": field.title, "statement": field.statement,
                       "progress": concept.progress_of(field.key), "goals": goals})
    return {"version": SNAPSHOT_VERSION, "year": year, "introduction": introduction,
            "concept": {"title": concept.title, "period": concept.period},
            "progress": concept.progress_of(), "fields": fields}


def _chart(indicator, target_label):
    points = [(v["date"], v["value"]) for v in indicator["values"]]
    return indicator_svg(indicator["name"], indicator["unit"], points, indicator["baseline"],
                         indicator["target"], indicator["target_date"],
                         target_label=target_label)


def _entry(concept, item, target_label):
    indicator = item["indicator"]
    return NS(
        measure=concept.get(item["name"]) if concept is not None else None,
        number=item["number"], title=item["title"],
        status=item["status"], status_title=status_title(item["status"]),
        progress=item["progress"], responsible=item["responsible"], report=item["report"],
        changes=[NS(at=c["at"], from_title=status_title(c["from"]), to=c["to"],
                    to_title=status_title(c["to"]), justification=c["justification"])
                 for c in item["changes"]],
        indicator=NS(**{k: v for k, v in indicator.items() if k != "values"})
        if indicator is not None else None,
        values=indicator["values"] if indicator is not None else [],
        chart=_chart(indicator, target_label) if indicator is not None else "")


def thaw(snapshot, concept=None, target_label="Zielwert"):
    """The renderable report: per field of action its goals with their
    measures; and the measures finished, delayed or stopped during the year
    with their justification. ``concept`` (live, may be None) only supplies
    links to measures that still exist; ``target_label`` labels the charts'
    target line in the reader's language."""
    fields = []
    closing = {DONE: [], DELAYED: [], STOPPED: []}
    for field in snapshot["fields"]:
        goals = []
        for goal in field["goals"]:
            entries = [_entry(concept, m, target_label) for m in goal["measures"]]
            goals.append(NS(title=goal["title"], progress=goal["progress"], measures=entries))
            for entry in entries:
                for change in entry.changes:
                    if change.to in closing:
                        closing[change.to].append(NS(entry=entry, change=change))
        fields.append(NS(title=field["title"], statement=field["statement"],
                         progress=field["progress"], goals=goals))
    return NS(concept=NS(**snapshot["concept"]), year=snapshot["year"],
              introduction=snapshot["introduction"], fields=fields,
              progress=snapshot["progress"],
              closing=[(_("Abgeschlossen"), closing[DONE]), (_("Verzögert"), closing[DELAYED]),
                       (_("Eingestellt"), closing[STOPPED])])


def report_data(portal, report, target_label="Zielwert"):
    """What ``report`` shows: its snapshot once published, the live data while a draft
    (and for a report published before snapshots existed, until evolve step 0036)."""
    snapshot = report.snapshot if report.published else None
    if snapshot is None:
        snapshot = freeze(portal, report.concept, report.year, report.introduction)
    return thaw(snapshot, report.concept, target_label)
