"""Hints for machines: sitemap.xml and robots.txt.

The sitemap lists what the public may read (asked of the catalog with the
anonymous principals), so it never names a non-public page; search result
pages are kept out of crawlers' way, they are endless permutations.
"""
from xml.etree import ElementTree as ET

from pyramid.authorization import Everyone
from pyramid.response import Response
from pyramid.view import view_config

from ..catalog import get_catalog
from ..catalog.deferred import FRESHNESS as CATALOG
from ..catalog.indexes import TYPE
from ..catalog.query import ranked_ids
from ..portal import Portal
from ..security import VIEW
from .views import result_url

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
# pages of their own; agenda items are parts of their meeting's page
SITEMAP_TYPES = ("body", "meeting", "minutes", "organisation", "person", "committee", "motion",
                 "issue", "concept", "measure", "report")
FIXED_PAGES = ("/", "/bodies/", "/meetings", "/members", "/organisations/", "/imprint", "/privacy")
MAX_URLS = 50000  # the sitemap protocol's limit for one file


def public_urls(request):
    urls = [request.application_url + path for path in FIXED_PAGES]
    catalog = get_catalog(request.root)
    if catalog is None:
        return urls
    for content_type in SITEMAP_TYPES:
        for docid in ranked_ids(catalog, {Everyone}, (), {TYPE: content_type}):
            urls.append(result_url(request, catalog.metadata[docid]["path"]))
    return urls[:MAX_URLS]


# the sitemap lists what the catalog finds public: the catalog's counter, which
# moves when the index does (after the request's commit), besides any change
@view_config(context=Portal, name="sitemap.xml", permission=VIEW,
             freshness=("all", CATALOG))
def sitemap(context, request):
    root = ET.Element("urlset", {"xmlns": SITEMAP_NS})
    for url in public_urls(request):
        ET.SubElement(ET.SubElement(root, "url"), "loc").text = url
    response = Response(ET.tostring(root, encoding="utf-8", xml_declaration=True),
                        content_type="application/xml", charset="utf-8")
    response.cache_control = "public, max-age=3600"
    return response


@view_config(context=Portal, name="robots.txt", permission=VIEW, freshness=("site",))
def robots(context, request):
    lines = ["User-agent: *", "Disallow: /search", "Disallow: /search.atom", "Disallow: /login",
             "Disallow: /language/", "Disallow: /password-reset", "Disallow: /invitation/",
             "Disallow: /account", "", f"Sitemap: {request.application_url}/sitemap.xml", ""]
    return Response("\n".join(lines), content_type="text/plain", charset="utf-8")
