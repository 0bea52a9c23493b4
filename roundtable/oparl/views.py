"""The OParl endpoints (thin: find the entry or list, render JSON) and the
short page for developers that names the entry URL.

Every answer is JSON in UTF-8 with ``Access-Control-Allow-Origin: *`` and an
ETag (a repeated request with ``If-None-Match`` gets a 304); every failure is
an OParl error object (``type`` …/Error, ``message``, ``debug``) with a 4xx
status, never an HTML page and never a 500 for bad input.
"""
import json
import logging

from pyramid.httpexceptions import HTTPException, HTTPMovedPermanently
from pyramid.response import Response
from pyramid.view import exception_view_config, view_config

from ..i18n import _
from ..security import VIEW
from .api import BODY_KEY, OPARL, Api
from .lists import BadFilter, Query, page
from .registry import KINDS, LISTED

log = logging.getLogger(__name__)


def json_response(data, status=200):
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    response = Response(body=body, status=status)
    # WebOb leaves the charset off for JSON; the issue (and old clients) want it said
    response.headers["Content-Type"] = "application/json; charset=utf-8"
    response.headers["Access-Control-Allow-Origin"] = "*"
    if status == 200:
        response.md5_etag()
        response.conditional_response = True
        # always revalidate: the ETag makes that cheap, and nothing goes stale
        response.cache_control = "no-cache"
    return response


def error(status, message, debug=""):
    return json_response({"type": OPARL + "Error", "message": message, "debug": debug},
                         status=status)


def not_found(request):
    return error(404, "Dieses Objekt gibt es nicht (oder nicht öffentlich).",
                 f"no OParl object at {request.path}")


def list_response(request, api, url, entries):
    try:
        query = Query(request.GET)
    except BadFilter as problem:
        return error(400, "Ungültiger Filter.", str(problem))
    return json_response(page(api, url, entries, query))


@view_config(route_name="oparl_system", request_method="GET", permission=VIEW)
def system(request):
    api = Api(request, KINDS)
    return json_response(api.document(api.resolve("system", ())))


@view_config(route_name="oparl_list", request_method="GET", permission=VIEW)
def body_list(request):
    name = request.matchdict["list"]
    if request.matchdict["body"] != BODY_KEY or name not in LISTED:
        return not_found(request)
    api = Api(request, KINDS)
    return list_response(request, api, api.list_url(name), KINDS[name].collect(api))


@view_config(route_name="oparl_bodies", request_method="GET", permission=VIEW)
def bodies(request):
    """The system's list of bodies: the one round table."""
    api = Api(request, KINDS)
    return list_response(request, api, api.url("body"), KINDS["body"].collect(api))


@view_config(route_name="oparl_object", request_method="GET", permission=VIEW)
def oparl_object(request):
    name, key = request.matchdict["type"], tuple(request.matchdict["key"])
    kind = KINDS.get(name)
    if kind is None or name == "system":
        return not_found(request)
    api = Api(request, KINDS)
    sublist = getattr(kind, "sublist", None)
    entries = sublist(api, key) if sublist is not None else None
    if entries is not None:
        return list_response(request, api, api.url(name, *key), entries)
    entry = kind.resolve(api, key)
    return json_response(api.document(entry)) if entry is not None else not_found(request)


@view_config(route_name="oparl_developers_slash", permission=VIEW)
def developers_slash(request):
    return HTTPMovedPermanently(location=request.route_url("oparl_developers"))


@view_config(route_name="oparl_unknown", permission=VIEW)
def unknown(request):
    if request.path == "/oparl/v1":
        return HTTPMovedPermanently(location=request.route_url("oparl_system"))
    return not_found(request)


# the API reads; other methods are refused (no CSRF check: they change nothing)
@view_config(route_name="oparl_system", permission=VIEW, require_csrf=False)
@view_config(route_name="oparl_list", permission=VIEW, require_csrf=False)
@view_config(route_name="oparl_bodies", permission=VIEW, require_csrf=False)
@view_config(route_name="oparl_object", permission=VIEW, require_csrf=False)
@view_config(route_name="oparl_unknown", permission=VIEW, require_csrf=False,
             request_method=("POST", "PUT", "PATCH", "DELETE", "OPTIONS"))
def method_not_allowed(request):
    if request.method == "OPTIONS":   # a browser's CORS preflight (e.g. for If-None-Match)
        response = Response(status=204)
        response.headers.update({"Access-Control-Allow-Origin": "*",
                                 "Access-Control-Allow-Methods": "GET, HEAD",
                                 "Access-Control-Allow-Headers": "If-None-Match, If-Modified-Since",
                                 "Access-Control-Max-Age": "86400"})
        return response
    response = error(405, "Die OParl-Schnittstelle kann nur gelesen werden.",
                     f"method {request.method} not allowed")
    response.headers["Allow"] = "GET, HEAD"
    return response


@exception_view_config(Exception, route_name="oparl_object")
@exception_view_config(Exception, route_name="oparl_list")
@exception_view_config(Exception, route_name="oparl_system")
@exception_view_config(Exception, route_name="oparl_bodies")
def failure(exc, request):
    """An error of ours still answers in OParl's terms (and is logged)."""
    if isinstance(exc, UnicodeDecodeError):
        return error(400, "Ungültige Anfrage.", "the query string is not UTF-8")
    if isinstance(exc, HTTPException) and exc.code < 500:
        return error(exc.code, "Anfrage nicht möglich.", exc.title)
    log.exception("OParl request %s failed", request.path_qs)
    return error(500, "Interner Fehler.", type(exc).__name__)


@view_config(route_name="oparl_developers", renderer="roundtable:templates/oparl/developers.pt",
             permission=VIEW)
def developers(request):
    """For developers of council systems and apps: the entry URL and what it holds."""
    return {"page_title": _("Offene Daten: OParl-Schnittstelle"),
            "entry_url": request.route_url("oparl_system")}
