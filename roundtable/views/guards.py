"""Requests that cannot be read are refused with 400 before any view runs.

A path, query string or form body that is not valid UTF-8 would otherwise
raise deep inside traversal or parameter parsing and answer 500. A path that
cannot be decoded cannot be traversed either, so it is refused by a tween with
a plain 400; a bad query or form body is refused once the context is found,
so the visitor gets the usual error page inside the layout.
"""
from urllib.parse import unquote_to_bytes

from pyramid.events import ContextFound
from pyramid.httpexceptions import HTTPBadRequest

from ..i18n import _

FORM = "application/x-www-form-urlencoded"


def _is_utf8(raw):
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _form_decoded(raw):
    return unquote_to_bytes(raw.replace(b"+", b" "))


def path_readable(environ):
    return _is_utf8(environ.get("PATH_INFO", "").encode("latin-1", "replace"))


def params_readable(request):
    """Whether the query string and (for plain forms) the body decode as UTF-8."""
    query = request.environ.get("QUERY_STRING", "").encode("latin-1", "replace")
    if not _is_utf8(_form_decoded(query)):
        return False
    if request.method == "POST" and request.content_type == FORM:
        return _is_utf8(_form_decoded(request.body))
    return True


def bad_path_factory(handler, registry):
    def refuse_unreadable_path(request):
        if not path_readable(request.environ):
            return HTTPBadRequest(body=b"400 Bad Request: the address is not valid UTF-8.\n",
                                  content_type="text/plain", charset="utf-8")
        return handler(request)

    return refuse_unreadable_path


def refuse_unreadable_params(event):
    if not params_readable(event.request):
        raise HTTPBadRequest(_("Die Anfrage ist ungültig kodiert."))


def includeme(config):
    # just inside the security headers, so the refusal carries them too
    config.add_tween("roundtable.views.guards.bad_path_factory",
                     under="roundtable.views.headers.security_headers_factory")
    config.add_subscriber(refuse_unreadable_params, ContextFound)
