"""Languages: German first, English second; the negotiator and the switch.

Message ids are the German UI texts, so an untranslated string still shows
in the primary language; ``locale/en`` carries the English translations.
"""
from urllib.parse import urlsplit

from pyramid.httpexceptions import HTTPSeeOther
from pyramid.i18n import TranslationStringFactory, get_localizer
from pyramid.threadlocal import get_current_request
from pyramid.view import view_config

from .permissions import VIEW

_ = TranslationStringFactory("roundtable")

LOCALES = (("de", "Deutsch"), ("en", "English"))
DEFAULT_LOCALE = "de"
COOKIE = "_LOCALE_"


def locale_negotiator(request):
    code = request.cookies.get(COOKIE)
    return code if code in dict(LOCALES) else DEFAULT_LOCALE


def translate(term, request=None):
    """Translate a TranslationString (or pass through plain text)."""
    request = request or get_current_request()
    if request is None:
        return term
    return get_localizer(request).translate(term)


def flash(request, message):
    """Flash a message translated now: the session stores plain text (JSON),
    which would drop a TranslationString's mapping."""
    request.session.flash(get_localizer(request).translate(message))


def safe_return_path(value, default="/"):
    """Only same-site paths, so the switch cannot be used as an open redirect;
    nothing with control characters (a CR/LF would split the Location header)."""
    if not value or any(ord(c) < 32 or 127 <= ord(c) < 160 for c in value) or "\\" in value:
        return default
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or not value.startswith("/") or value.startswith("//"):
        return default
    return value


@view_config(route_name="language", permission=VIEW, request_method="GET")
def switch_language(request):
    code = request.matchdict["code"]
    target = safe_return_path(request.params.get("came_from"))
    response = HTTPSeeOther(location=request.application_url + target)
    if code in dict(LOCALES):
        response.set_cookie(COOKIE, code, max_age=365 * 24 * 3600, samesite="Lax", httponly=True)
    return response


def includeme(config):
    config.add_translation_dirs("colander:locale/", "deform:locale/", "roundtable:locale/")
    config.set_locale_negotiator(locale_negotiator)
    config.add_route("language", "/language/{code}")
    config.scan(__name__)
