"""Error pages inside the layout: 404, 403, 400.

An anonymous visitor who hits a protected page gets exactly the 404 of a page
that does not exist: a redirect to the login would confirm that a hidden
person is in the register or that a closed meeting falls on that date. The
404 page offers members the login with the address to come back to. A
logged-in person gets a 403 page. Bad CSRF tokens get a 400.
"""
import re
from urllib.parse import urlencode

from pyramid.exceptions import BadCSRFToken
from pyramid.httpexceptions import HTTPBadRequest
from pyramid.view import exception_view_config, forbidden_view_config, notfound_view_config

from ..i18n import _


def guess_query(path):
    """Words from the missing address as a starting point for the search:
    ``/bodies/ag-wohnnen/`` suggests "ag wohnnen"."""
    last = [part for part in path.split("/") if part][-1:] or [""]
    words = re.findall(r"[^\W\d_]+", last[0].rsplit(".", 1)[0])
    return " ".join(words)[:100]


@notfound_view_config(renderer="roundtable:templates/site/error.pt")
def not_found(request):
    request.response.status = 404
    page = {"page_title": _("Seite nicht gefunden"),
            "message": _("Diese Seite gibt es nicht (mehr). Prüfen Sie die Adresse, suchen "
                         "Sie oder beginnen Sie auf der Startseite."),
            "search_query": guess_query(request.path)}
    if request.identity is None:
        came_from = request.path_qs if request.method == "GET" else "/"
        page["login_url"] = f"{request.application_url}/login?{urlencode({'came_from': came_from})}"
    return page


@forbidden_view_config(renderer="roundtable:templates/site/error.pt")
def forbidden(request):
    if request.identity is None:
        return not_found(request)
    request.response.status = 403
    return {"page_title": _("Kein Zugriff"),
            "message": _("Sie haben keine Berechtigung für diese Seite.")}


@exception_view_config(BadCSRFToken, renderer="roundtable:templates/site/error.pt")
def bad_csrf(request):
    request.response.status = 400
    return {"page_title": _("Formular abgelaufen"),
            "message": _("Das Formular war abgelaufen oder ungültig. Bitte laden Sie die "
                         "Seite neu und senden Sie es erneut.")}


@exception_view_config(HTTPBadRequest, renderer="roundtable:templates/site/error.pt")
def bad_request(exc, request):
    request.response.status = 400
    return {"page_title": _("Ungültige Anfrage"),
            "message": exc.detail or _("Die Anfrage war ungültig.")}
