"""Requests that cannot be read are refused with 400 before any view runs.

A path, query string or form body that is not valid UTF-8 would otherwise
raise deep inside traversal or parameter parsing and answer 500.
"""
from urllib.parse import unquote_to_bytes

from pyramid.httpexceptions import HTTPBadRequest

FORM = "application/x-www-form-urlencoded"


def _is_utf8(raw):
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def readable(request):
    """Whether path, query and (for plain forms) body decode as UTF-8."""
    environ = request.environ
    path = environ.get("PATH_INFO", "").encode("latin-1", "replace")
    query = environ.get("QUERY_STRING", "").encode("latin-1", "replace")
    if not (_is_utf8(path) and _is_utf8(unquote_to_bytes(query.replace(b"+", b" ")))):
        return False
    if request.method == "POST" and request.content_type == FORM:
        return _is_utf8(unquote_to_bytes(request.body.replace(b"+", b" ")))
    return True


def bad_input_factory(handler, registry):
    def refuse_unreadable(request):
        if not readable(request):
            return HTTPBadRequest(body=b"400 Bad Request: the address or form is not valid UTF-8.\n",
                                  content_type="text/plain", charset="utf-8")
        return handler(request)

    return refuse_unreadable


def includeme(config):
    # just inside the security headers, so the refusal carries them too
    config.add_tween("roundtable.views.guards.bad_input_factory",
                     under="roundtable.views.headers.security_headers_factory")
