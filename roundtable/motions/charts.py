"""The register's pictures: where the motions stand, and what the committees decided.

Counted over the public motions only (from adoption on), so the figures are
the same for every visitor and match the register's rows.
"""
from ..charts import Chart
from ..i18n import _
from .queries import public_motions
from .workflow import PUBLIC_STATES, RESULTS, motion_workflow


def pipeline_chart(request):
    """How many public motions are at each step of their way; None without any."""
    motions = public_motions(request.root)
    if not motions:
        return None
    t = request.localizer.translate
    counts = {state: 0 for state in PUBLIC_STATES}
    for motion in motions:
        if motion.state in counts:
            counts[motion.state] += 1
    rows = [(t(motion_workflow.title(state)), (count,)) for state, count in counts.items()]
    summary = ", ".join(f"{label}: {values[0]}" for label, values in rows)
    return Chart("chart-pipeline", t(_("Wo die Anträge stehen")),
                 t(_("Anzahl der Anträge je Schritt, vom Beschluss des Runden Tisches bis zur "
                     "Erledigung (${summary}).", mapping={"summary": summary})),
                 [t(_("Anträge"))], rows, label_title=t(_("Stand")))


def outcomes_chart(request):
    """Results of the consultations per council committee; None before any result."""
    committees = request.root.get("committees") or {}
    per_committee = {}
    for motion in public_motions(request.root):
        for consultation in motion.consultations:
            if consultation.result:
                counts = per_committee.setdefault(consultation.committee_id, {})
                counts[consultation.result] = counts.get(consultation.result, 0) + 1
    if not per_committee:
        return None
    t = request.localizer.translate
    results = [(key, title) for key, title in RESULTS
               if any(key in counts for counts in per_committee.values())]
    rows = []
    for committee_id, counts in sorted(per_committee.items()):
        committee = committees.get(committee_id)
        name = committee.name if committee is not None else committee_id
        short = (committee.short_name or name) if committee is not None else committee_id
        rows.append((name, [counts.get(key, 0) for key, _title in results], short))
    total = sum(sum(r[1]) for r in rows)
    return Chart("chart-outcomes", t(_("Ergebnisse in den Ratsausschüssen")),
                 t(_("Ergebnisse der Beratungen je Ausschuss, nach Art des Ergebnisses "
                     "(${total} Beratungen mit Ergebnis).", mapping={"total": total})),
                 [t(title) for _key, title in results], rows, label_title=t(_("Ausschuss")))
