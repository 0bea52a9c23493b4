"""Atom feeds read from the catalog: newly published minutes, one feed per body.

Each is a catalog query plus ``roundtable.atom``; a later feature's feed is
the same few lines with its own filters, e.g. the motions::

    @view_config(context=Portal, name="motions.atom", permission=VIEW)
    def motions_feed(context, request):
        return catalog_feed(request, _("Anträge"), [{TYPE: "motion"}],
                            request.application_url + "/motions")

and the newsletter archive with ``[{TYPE: "issue"}]``. Entries are dated by
the ``updated`` (else ``date``) of each object's ``search_data`` and only what the reader may
see is listed.
"""
from pyramid.view import view_config

from .. import atom
from ..bodies.resources import Body
from ..catalog import get_catalog
from ..catalog.deferred import FRESHNESS as CATALOG
from ..catalog.indexes import BODY, STATUS, TYPE
from ..catalog.principals import searcher_principals
from ..catalog.query import latest
from ..freshness import body_section
from ..i18n import _
from ..portal import Portal
from ..security import VIEW
from .labels import type_title
from .views import result_url

FEED_SIZE = 30


def _dated(item):
    """An entry's date: when it became news (``updated``, e.g. minutes published),
    else its own date (a meeting's start). Metadata indexed before ``updated``
    existed has no such key."""
    return item.get("updated") or item["date"]


def catalog_feed(request, title, queries, site_url, subtitle=None):
    """A feed of the newest catalog documents matching any of ``queries`` (filter
    dicts), as far as the reader may see them."""
    portal = request.root
    catalog = get_catalog(portal)
    principals = searcher_principals(request, portal)
    items = []
    for query in queries if catalog is not None else ():
        items += latest(catalog, principals, query, FEED_SIZE)
    items.sort(key=lambda i: _dated(i).timestamp() if _dated(i) else 0, reverse=True)
    return atom.feed(request, title, [
        atom.Entry(i["title"], result_url(request, i["path"]), _dated(i), i["text"],
                   category=type_title(i["content_type"])) for i in items[:FEED_SIZE]],
        site_url=site_url, subtitle=subtitle)


# feeds read from the catalog depend on the catalog's counter (see catalog.deferred)
@view_config(context=Portal, name="minutes.atom", permission=VIEW,
             freshness=(CATALOG, "site"))
def minutes_feed(context, request):
    return catalog_feed(request, _("Veröffentlichte Protokolle"),
                        [{TYPE: "minutes", STATUS: "published"}],
                        request.application_url + "/meetings",
                        subtitle=context.title)


@view_config(context=Body, name="feed.atom", permission=VIEW,
             freshness=lambda context, request: (CATALOG, body_section(context), "site"))
def body_feed(context, request):
    """A body's sessions and its published minutes (and its motions, once they exist)."""
    body = context.__name__
    return catalog_feed(request, context.name, [
        {BODY: body, TYPE: "meeting"},
        {BODY: body, TYPE: "minutes", STATUS: "published"},
        {BODY: body, TYPE: "motion"},
    ], request.resource_url(context))


def feed_links(request):
    """The feeds a page offers in its head: the site's, plus the body's on its pages."""
    links = [(request.application_url + "/minutes.atom", _("Veröffentlichte Protokolle")),
             (request.application_url + "/motions/feed.atom", _("Anträge des Runden Tisches")),
             (request.application_url + "/newsletter/feed.atom", _("Newsletter-Archiv"))]
    context = getattr(request, "context", None)
    if isinstance(context, Body):
        links.append((request.resource_url(context, "feed.atom"), context.name))
    return links
