"""The board's dashboard: what needs doing with the motions, and when."""
from pyramid.view import view_config

from ..i18n import _
from ..security import ADD
from ..timeutil import DEFAULT_TZ, format_local, now
from .display import fmt_date
from .queries import dashboard
from .register import Motions

OVERDUE_TEXTS = {
    "result": _("Ergebnis der Beratung nachtragen"),
    "follow_up": _("Wiedervorlage fällig"),
    "no_consultation": _("Eingereicht, aber noch keine Beratung bekannt"),
    "not_submitted": _("Beschlossen, aber noch nicht eingereicht"),
}


@view_config(context=Motions, name="dashboard",
             renderer="roundtable:templates/motions/dashboard.pt", permission=ADD)
def board_dashboard(context, request):
    """Drafts, motions to submit, coming consultations, overdue follow-ups and
    the committees' submission deadlines (warned about when close or past)."""
    data = dashboard(request.root, now())
    committees = request.root.get("committees") or {}
    data.update({
        "page_title": _("Anträge: Übersicht des Vorstands"),
        "overdue_text": OVERDUE_TEXTS,
        "committee_name": lambda cid: committees[cid].name if cid in committees else cid,
        "fmt_date": fmt_date,
        "fmt": lambda dt: format_local(dt, DEFAULT_TZ),
    })
    return data
