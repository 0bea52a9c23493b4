"""Implementation reports published before reports were frozen get their
snapshot: the data as it stands when this step runs (the closest to what was
published that is still known). From then on they no longer follow the data."""
from ..measures.report import freeze


def evolve(portal):
    concepts = portal.get("concept")
    if concepts is None:
        return
    for concept in concepts.values():
        reports = concept.get("reports") if hasattr(concept, "get") else None
        if reports is None:
            continue
        for report in reports.values():
            if report.published and report.snapshot is None:
                report.snapshot = freeze(portal, concept, report.year, report.introduction)
