"""Reading the concept: the list of concepts with the report archive, a
concept's fields, goals and measures, a measure with its indicator chart,
and the steering group's dashboard of flags."""
from pyramid.traversal import find_resource
from pyramid.view import view_config

from ..i18n import _
from ..security import EDIT, VIEW
from ..timeutil import format_date
from . import responsible
from .charts import measure_chart
from .resources import STATUSES, STEER, Concept, Concepts, Measure

# the concept's pages name responsible organisations and bodies
PAGES = ("concept", "register", "bodies", "site")

TEMPLATES = "roundtable:templates/measures/"


def formatter(request):
    return lambda value: format_date(value, request.locale_name)


def number(value):
    """A figure as people write it in German: 12,5 and 1.200."""
    if value is None:
        return "–"
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def _find(portal, path):
    """The resource at ``path``, or None when it is gone."""
    try:
        return find_resource(portal, path)
    except KeyError:
        return None


def concept_info(request, concept):
    """What the concept page needs, asked of the concept (no rules in the template)."""
    visible = [c for c in concept.measures()]
    return {
        "concept": concept,
        "fields": [{"field": f, "progress": concept.progress_of(f.key),
                    "goals": [{"goal": g, "progress": concept.progress_of(f.key, g.key),
                               "measures": [m for m in visible
                                            if m.field_key == f.key and m.goal_key == g.key]}
                              for g in f.goals]}
                   for f in concept.fields],
        "progress": concept.progress_of(),
        "counts": [(title, concept.status_counts().get(key, 0)) for key, title in STATUSES],
        "reports": [r for r in concept["reports"].published()
                    if request.has_permission(VIEW, r)],
        "may_edit": bool(request.has_permission(EDIT, concept)),
        "may_steer": bool(request.has_permission(STEER, concept)),
        "fmt": formatter(request),
    }


@view_config(context=Concepts, renderer=TEMPLATES + "concepts.pt", permission=VIEW,
             freshness=PAGES)
def concepts_page(context, request):
    concepts = [c for c in context.concepts() if request.has_permission(VIEW, c)]
    return {"page_title": _("Integrationskonzept"), "concepts": concepts,
            "reports": {c.__name__: [r for r in c["reports"].published()
                                     if request.has_permission(VIEW, r)] for c in concepts},
            "may_edit": bool(request.has_permission(EDIT, context)), "fmt": formatter(request)}


@view_config(context=Concept, renderer=TEMPLATES + "concept.pt", permission=VIEW,
             freshness=PAGES)
def concept_page(context, request):
    info = concept_info(request, context)
    info["page_title"] = context.title
    info["rounds"] = (sorted(context["rounds"].values(), key=lambda r: -r.year)
                      if info["may_steer"] else [])
    return info


@view_config(context=Measure, renderer=TEMPLATES + "measure.pt", permission=VIEW,
             freshness=PAGES)
def measure_page(context, request):
    portal = request.root
    orgs = portal["organisations"]
    motions = portal.get("motions") or {}
    body = portal["bodies"].get(context.body_id) if context.body_id else None
    linked_motions = [motions[m] for m in context.motion_ids
                      if m in motions and request.has_permission(VIEW, motions[m])]
    meetings = [m for m in (_find(portal, path) for path in context.meeting_paths)
                if m is not None and request.has_permission(VIEW, m)]
    return {
        "page_title": context.label,
        "measure": context,
        "concept": context.concept,
        "responsible": responsible.title_of(portal, context.responsible),
        "involved": [orgs[o] for o in context.involved if o in orgs],
        "body": body if body is not None and request.has_permission(VIEW, body) else None,
        "motions": linked_motions,
        "meetings": sorted(meetings, key=lambda m: m.start),
        "chart": (measure_chart(context.indicator,
                                target_label=request.localizer.translate(_("Zielwert")))
                  if context.indicator is not None else ""),
        "history": list(reversed(context.history)),
        "year_reports": sorted(context.year_reports.items(), reverse=True),
        "flags": context.flags(),
        "may_edit": bool(request.has_permission(EDIT, context)),
        "may_steer": bool(request.has_permission(STEER, context)),
        "status_title": dict(STATUSES),
        "fmt": formatter(request), "number": number,
    }


@view_config(context=Concept, name="dashboard", renderer=TEMPLATES + "dashboard.pt",
             permission=STEER)
def dashboard(context, request):
    """The steering group's overview: status counts, progress per field and every flag."""
    info = concept_info(request, context)
    info["page_title"] = _("Übersicht der Steuerungsgruppe: ${title}",
                           mapping={"title": context.title})
    info["flagged"] = context.flagged()
    info["responsible"] = lambda key: responsible.title_of(request.root, key)
    return info
