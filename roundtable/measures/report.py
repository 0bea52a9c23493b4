"""What the implementation report of a year says, read from the concept and
its round: one structure that the web page, the PDF and the ODT all render,
so the three never tell different stories."""
from datetime import date
from types import SimpleNamespace as NS

from ..i18n import _
from . import responsible
from .charts import measure_chart
from .resources import DELAYED, DONE, STOPPED, status_title


def _measure_entry(portal, measure, year, target_label):
    changes = measure.changes_in(year)
    indicator = measure.indicator
    return NS(
        measure=measure, number=measure.number, title=measure.title,
        status=measure.status, status_title=status_title(measure.status),
        progress=measure.progress,
        responsible=responsible.title_of(portal, measure.responsible),
        report=measure.year_reports.get(year, ""),
        changes=[NS(at=c["at"], from_title=status_title(c["from"]), to=c["to"],
                    to_title=status_title(c["to"]), justification=c["justification"])
                 for c in changes],
        indicator=indicator,
        chart=(measure_chart(indicator, date(year, 12, 31), target_label)
               if indicator is not None else ""),
        values=[v for v in indicator.values if v["date"].year <= year] if indicator else [],
    )


def report_data(portal, concept, year, target_label="Zielwert"):
    """Per field of action its goals with their measures; and the measures
    finished, delayed or stopped during the year with their justification.
    ``target_label`` labels the charts' target line in the reader's language."""
    fields = []
    closing = {DONE: [], DELAYED: [], STOPPED: []}
    for field in concept.fields:
        goals = []
        for goal in field.goals:
            entries = [_measure_entry(portal, m, year, target_label)
                       for m in concept.measures_of(field.key, goal.key)]
            goals.append(NS(goal=goal, title=goal.title, measures=entries,
                            progress=concept.progress_of(field.key, goal.key)))
            for entry in entries:
                for change in entry.changes:
                    if change.to in closing:
                        closing[change.to].append(NS(entry=entry, change=change))
        fields.append(NS(field=field, title=field.title, statement=field.statement, goals=goals,
                         progress=concept.progress_of(field.key)))
    round_ = concept["rounds"].get(str(year))
    return NS(concept=concept, year=year, fields=fields, progress=concept.progress_of(),
              closing=[(_("Abgeschlossen"), closing[DONE]), (_("Verzögert"), closing[DELAYED]),
                       (_("Eingestellt"), closing[STOPPED])],
              round=round_, counts=concept.status_counts())
