"""The search page, the Atom feed of any search and the OpenSearch description."""
import functools
from urllib.parse import urlencode

from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config

from .. import atom
from ..bodies.resources import FIELDS_OF_ACTION
from ..bodies.schemas import format_date
from ..catalog import get_catalog
from ..catalog.deferred import FRESHNESS as CATALOG
from ..catalog.indexes import TYPE, YEAR, query_words
from ..catalog.principals import searcher_principals
from ..catalog.query import exact_match, latest, search
from ..i18n import _
from ..portal import Portal
from ..security import VIEW
from ..timeutil import to_local
from .labels import STATES, TYPES, states_of, status_title, type_title
from .params import PER_PAGE, BadSearch, parse
from .snippets import as_html, mark, snippet

TEMPLATE = "roundtable:templates/search/search.pt"


def result_url(request, path):
    return request.application_url + path.rstrip("/") + "/"


def _options(request, portal, catalog, chosen_type=""):
    """Choices of the filter form: what exists, not every value ever indexed.
    The states are grouped by type (a static script shows the chosen type's
    group only); once a type is chosen, only its states are offered."""
    years = sorted(catalog.catalog[YEAR].unique_values(), reverse=True) if catalog else []
    return dict(_fixed_options(request.localizer, chosen_type if chosen_type in STATES else "",
                               len(TYPES)),
                body=[(b.__name__, b.name) for b in portal["bodies"].listing(include_retired=True)],
                year=[(str(y), str(y)) for y in years])


@functools.lru_cache(maxsize=256)
def _fixed_options(localizer, chosen_type, _types):
    """The choices that do not change with the data (types, fields of action,
    states), translated once per language and chosen type instead of some
    hundred translations per rendering; ``_types`` renews them when a later
    feature registers a type."""
    t = localizer.translate
    types = [chosen_type] if chosen_type else [k for k, _t in TYPES if k in STATES]
    return {
        "type": [(k, t(title)) for k, title in TYPES],
        "field": [(k, t(title)) for k, title in FIELDS_OF_ACTION if k],
        "status": [(k, t(type_title(k)), [(s, t(title)) for s, title in states_of(k)])
                   for k in types],
    }


def _row(request, item, words, bodies):
    """A result as the template shows it: the marked title and snippet as
    escaped HTML, the date in the reader's language."""
    date = item["date"]
    body = bodies.get(item["body"]) if item["body"] else None
    title = item["title"] or request.localizer.translate(type_title(item["content_type"]))
    day = date and to_local(date).date()
    return {"url": result_url(request, item["path"]), "title": title,
            "title_html": as_html(mark(title, words)),
            "type": type_title(item["content_type"]), "status": item["status"] and
            status_title(item["status"], item["content_type"]),
            "date": day, "date_text": format_date(day, request) if day else "",
            "body": body.name if body is not None and item["content_type"] != "body" else "",
            "snippet_html": as_html(snippet(item["text"], words))}


# an anonymous search is a public page like any other: kept by the counters it
# reads (the catalog's, the bodies' names in the rows and filters, the site)
@view_config(context=Portal, name="search", renderer=TEMPLATE, permission=VIEW,
             freshness=(CATALOG, "bodies", "site"))
def search_page(context, request):
    catalog = get_catalog(context)
    values = {"page_title": _("Suche"), "options": _options(request, context, catalog), "error": None,
              "past_end": None,
              "params": None, "results": None, "rows": [], "feed_url": None,
              "corrected_url": None}
    try:
        params = parse(request.GET, context)
    except BadSearch as exc:
        request.response.status = 400
        values.update(error=exc.args[0], form={})
        return values
    values.update(params=params, form=params.form,
                  options=_options(request, context, catalog, params.filters.get(TYPE, "")))
    if params.empty or catalog is None:
        return values
    principals = searcher_principals(request, context)
    if params.page == 1 and not set(params.filters) - {TYPE}:
        # a motion's reference or an exact title goes straight to the object
        found = exact_match(catalog, principals, params.text)
        if found is not None and params.filters.get(TYPE) in (None, found["content_type"]):
            return HTTPSeeOther(location=result_url(request, found["path"]))
    results = search(catalog, principals, params.text, params.filters, params.page, PER_PAGE)
    link = request.application_url + "/search?"
    words = params.words
    if results.corrected:
        words = query_words(results.corrected)
        values["corrected_url"] = link + urlencode(params.query(q=results.corrected))
    if params.page > results.pages:
        # an empty page, as a list past its end is (not an error)
        values["past_end"] = _("Diese Seite der Ergebnisse gibt es nicht; die Suche hat "
                               "${pages} Seite(n).", mapping={"pages": results.pages})
        values["first_page"] = link + urlencode(params.query())
    bodies = context["bodies"]
    values.update(
        results=results,
        rows=[_row(request, item, words, bodies) for item in results.items],
        prev_url=1 < params.page <= results.pages and link + urlencode(
            params.query(page=params.page - 1)),
        next_url=params.page < results.pages and link + urlencode(params.query(page=params.page + 1)),
        feed_url=request.application_url + "/search.atom?" + urlencode(params.query()),
        follow_url=request.application_url + "/follow?" + urlencode(
            dict(params.query(), what="search")),
    )
    return values


# read from the catalog (its counter, see catalog.deferred); filters name bodies
@view_config(context=Portal, name="search.atom", permission=VIEW,
             freshness=(CATALOG, "bodies", "site"))
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
