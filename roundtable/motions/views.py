"""The public register of motions and a motion's page with its timeline.

The register lists only public motions (from adoption on), for every
viewer; drafts are found on the board's dashboard. Bad filter values give a
400 with the page and a message, never an error page.
"""
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.response import Response
from pyramid.view import view_config

from ..bodies.resources import FIELDS_OF_ACTION
from ..i18n import _, flash
from ..security import ADD, EDIT, VIEW
from ..timeutil import DEFAULT_TZ, format_local
from .charts import outcomes_chart, pipeline_chart
from .display import fmt_date, timeline, user_name, visible_people
from .pdf import letter_pdf
from .queries import PUBLIC_STATE_CHOICES, filter_register, register_years
from .register import Motions
from .resources import Motion

# the register and a motion's page show consultations (committees), the meetings
# that discussed it (bodies) and authors' names (consent: register)
PAGES = ("motions", "committees", "bodies", "register", "site")

TEMPLATES = "roundtable:templates/motions/"


def register_filters(request):
    """The validated filters, and a message for each value not understood."""
    params = request.GET
    committees = request.root.get("committees") or {}
    filters = {"status": params.get("status", ""), "committee": params.get("committee", ""),
               "year": params.get("year", ""), "field": params.get("field", "")}
    problems = []
    if filters["status"] and filters["status"] not in dict(PUBLIC_STATE_CHOICES):
        problems.append(_("Unbekannter Stand: ${v}", mapping={"v": filters["status"][:40]}))
        filters["status"] = ""
    if filters["committee"] and filters["committee"] not in committees:
        problems.append(_("Unbekannter Ausschuss: ${v}", mapping={"v": filters["committee"][:40]}))
        filters["committee"] = ""
    year = None
    if filters["year"]:
        text = filters["year"].strip()
        if text.isdigit() and len(text) == 4:
            year = int(text)
        else:
            problems.append(_("Das Jahr muss vierstellig sein, z. B. 2026."))
            filters["year"] = ""
    if filters["field"] and filters["field"] not in dict(FIELDS_OF_ACTION):
        problems.append(_("Unbekanntes Handlungsfeld: ${v}", mapping={"v": filters["field"][:40]}))
        filters["field"] = ""
    return filters, year, problems


@view_config(context=Motions, renderer=TEMPLATES + "register.pt", permission=VIEW,
             freshness=PAGES)
def register(context, request):
    filters, year, problems = register_filters(request)
    if problems:
        request.response.status = 400
        motions = []
    else:
        motions = filter_register(request.root, filters["status"], filters["committee"], year,
                                  filters["field"])
    committees = request.root.get("committees")
    return {
        "page_title": _("Antragsregister"),
        "motions": motions,
        "filters": filters,
        "problems": problems,
        "states": PUBLIC_STATE_CHOICES,
        "committees": committees.ordered() if committees is not None else [],
        "committee_names": {c.__name__: c.name for c in committees.values()} if committees else {},
        "years": register_years(request.root),
        "fields": [f for f in FIELDS_OF_ACTION if f[0]],
        "may_add": bool(request.has_permission(ADD, context)),
        "fmt_date": fmt_date,
        "charts_shown": [c for c in (pipeline_chart(request), outcomes_chart(request)) if c],
    }


@view_config(context=Motion, renderer=TEMPLATES + "motion.pt", permission=VIEW, freshness=PAGES)
def motion_page(context, request):
    may_edit = bool(request.has_permission(EDIT, context))
    authors, hidden_authors = visible_people(request, context.author_ids)
    organisations = [request.root["organisations"].get(o) for o in context.organisation_ids]
    committees = request.root.get("committees") or {}
    item = context.agenda_item()
    meeting = item.meeting if item is not None else None
    minutes = meeting.minutes if meeting is not None else None

    def visible(obj):
        return obj if obj is not None and request.has_permission(VIEW, obj) else None
    return {
        "page_title": context.label,
        "motion": context,
        "authors": authors,
        "hidden_authors": hidden_authors,
        "organisations": [o for o in organisations if o is not None],
        "committees": [committees[c] for c in context.committee_ids if c in committees],
        "committee_of": lambda cid: committees.get(cid),
        "item": visible(item),
        "meeting": visible(meeting),
        "minutes": visible(minutes),
        "timeline": timeline(request, context),
        "attachments": context.attachments(),
        "addenda": [dict(a, when=format_local(a["at"], DEFAULT_TZ)) for a in context.addenda],
        "may_edit": may_edit,
        "steps": context.available_steps(request) if may_edit else [],
        "step_title": context.step_title,
        "creator": user_name(request, context.created_by) if may_edit else "",
        "fmt_date": fmt_date,
        "fmt": lambda dt: format_local(dt, DEFAULT_TZ),
    }


@view_config(context=Motion, name="letter.pdf", permission=EDIT)
def letter(context, request):
    """The submission letter to the department, for printing and signing."""
    if not context.reference:
        flash(request, _("Ein Anschreiben gibt es erst für einen beschlossenen Antrag."))
        return HTTPSeeOther(location=request.resource_url(context))
    committee_id = request.params.get("committee") or (context.committee_ids or ("",))[0]
    committee = (request.root.get("committees") or {}).get(committee_id)
    data = letter_pdf(request, context, committee)
    filename = context.reference.replace("/", "-") + ".pdf"
    response = Response(body=data, content_type="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response
