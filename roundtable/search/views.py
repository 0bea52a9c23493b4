"""The search page, the Atom feed of any search and the OpenSearch description."""
from urllib.parse import urlencode

from pyramid.view import view_config

from .. import atom
from ..bodies.resources import FIELDS_OF_ACTION
from ..bodies.schemas import format_date
from ..catalog import get_catalog
from ..catalog.indexes import STATUS, YEAR
from ..catalog.principals import searcher_principals
from ..catalog.query import latest, search
from ..i18n import _
from ..portal import Portal
from ..security import VIEW
from ..timeutil import to_local
from .labels import TYPES, status_title, type_title
from .params import PER_PAGE, BadSearch, parse
from .snippets import snippet

TEMPLATE = "roundtable:templates/search/search.pt"


def result_url(request, path):
    return request.application_url + path.rstrip("/") + "/"


def _options(portal, catalog):
    """Choices of the filter form: what exists, not every value ever indexed."""
    years = sorted(catalog.catalog[YEAR].unique_values(), reverse=True) if catalog else []
    statuses = sorted(catalog.catalog[STATUS].unique_values()) if catalog else []
    return {
        "type": [(k, t) for k, t in TYPES],
        "body": [(b.__name__, b.name) for b in portal["bodies"].listing(include_retired=True)],
        "year": [(str(y), str(y)) for y in years],
        "field": [(k, t) for k, t in FIELDS_OF_ACTION if k],
        "status": [(s, status_title(s)) for s in statuses],
    }


def _row(request, item, words, bodies):
    date = item["date"]
    body = bodies.get(item["body"]) if item["body"] else None
    title = item["title"] or request.localizer.translate(type_title(item["content_type"]))
    return {"url": result_url(request, item["path"]), "title": title,
            "title_pieces": snippet(title, words, width=len(title) + 1),
            "type": type_title(item["content_type"]), "status": item["status"] and
            status_title(item["status"]), "date": date and to_local(date).date(),
            "body": body.name if body is not None and item["content_type"] != "body" else "",
            "snippet": snippet(item["text"], words)}


@view_config(context=Portal, name="search", renderer=TEMPLATE, permission=VIEW)
def search_page(context, request):
    catalog = get_catalog(context)
    values = {"page_title": _("Suche"), "options": _options(context, catalog), "error": None,
              "format_date": lambda d: format_date(d, request),
              "params": None, "results": None, "rows": [], "feed_url": None}
    try:
        params = parse(request.GET, context)
    except BadSearch as exc:
        request.response.status = 400
        values.update(error=exc.args[0], form={})
        return values
    values.update(params=params, form=params.form)
    if params.empty or catalog is None:
        return values
    results = search(catalog, searcher_principals(request, context), params.text,
                     params.filters, params.page, PER_PAGE)
    if params.page > results.pages:
        request.response.status = 404
        values["error"] = _("Diese Seite der Ergebnisse gibt es nicht; die Suche hat "
                            "${pages} Seite(n).", mapping={"pages": results.pages})
        values["first_page"] = request.application_url + "/search?" + urlencode(params.query())
        return values
    words = params.words
    bodies = context["bodies"]
    link = request.application_url + "/search?"
    values.update(
        results=results,
        rows=[_row(request, item, words, bodies) for item in results.items],
        prev_url=params.page > 1 and link + urlencode(params.query(page=params.page - 1)),
        next_url=params.page < results.pages and link + urlencode(params.query(page=params.page + 1)),
        feed_url=request.application_url + "/search.atom?" + urlencode(params.query()),
    )
    return values


@view_config(context=Portal, name="search.atom", permission=VIEW)
def search_feed(context, request):
    """The newest items matching a search, for a feed reader."""
    try:
        params = parse(request.GET, context)
    except BadSearch as exc:
        from pyramid.httpexceptions import HTTPBadRequest

        raise HTTPBadRequest(exc.args[0])
    catalog = get_catalog(context)
    principals = searcher_principals(request, context)
    if params.words:
        items = search(catalog, principals, params.text, params.filters, 1, 30).items
        items.sort(key=lambda i: (i["date"] is not None, i["date"] and i["date"].timestamp()),
                   reverse=True)
    else:
        items = latest(catalog, principals, params.filters, 30)
    title = _("Suche: ${q}", mapping={"q": params.text}) if params.words else _("Suche")
    site = request.application_url + "/search?" + urlencode(params.query())
    return atom.feed(request, title, [
        atom.Entry(i["title"], result_url(request, i["path"]), i["date"], i["text"],
                   category=type_title(i["content_type"])) for i in items],
        site_url=site)


OPENSEARCH = "http://a9.com/-/spec/opensearch/1.1/"


@view_config(context=Portal, name="opensearch.xml", permission=VIEW)
def opensearch(context, request):
    """Lets browsers offer the site's search in their address bar."""
    from xml.etree import ElementTree as ET

    from pyramid.response import Response

    root = ET.Element("OpenSearchDescription", {"xmlns": OPENSEARCH})
    ET.SubElement(root, "ShortName").text = context.title[:16]
    ET.SubElement(root, "Description").text = request.localizer.translate(
        _("Suche: ${title}", mapping={"title": context.title}))
    ET.SubElement(root, "InputEncoding").text = "UTF-8"
    ET.SubElement(root, "Language").text = request.locale_name
    base = request.application_url
    ET.SubElement(root, "Url", {"type": "text/html", "template": base + "/search?q={searchTerms}"})
    ET.SubElement(root, "Url", {"type": atom.CONTENT_TYPE,
                                "template": base + "/search.atom?q={searchTerms}"})
    return Response(ET.tostring(root, encoding="utf-8", xml_declaration=True), charset="utf-8",
                    content_type="application/opensearchdescription+xml")
