"""Security headers on every response.

The Content-Security-Policy allows scripts, styles, fonts and images only from
the portal itself: no inline script or style attribute runs, so an injected
``<script>`` or ``onerror=`` that slipped past escaping would do nothing. No
site may frame the portal. Pages that only a logged-in person sees (their
identity was asked for) are marked ``private, no-store`` so no shared cache or
back button hands them to the next person at a library computer. HSTS only in
production, where the portal is served over HTTPS.
"""
from pyramid.tweens import INGRESS

from ..security import IDENTITY_KEY
from ..settings import is_production

CSP = "; ".join((
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
))
HSTS = "max-age=31536000; includeSubDomains"


def add_security_headers(headers, production):
    """The headers every answer carries (also the quick ones of ``fastanswer``)."""
    headers.setdefault("Content-Security-Policy", CSP)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    headers.setdefault("X-Frame-Options", "DENY")
    if production:
        headers.setdefault("Strict-Transport-Security", HSTS)


def security_headers_factory(handler, registry):
    production = is_production(registry.settings)

    def security_headers(request):
        response = handler(request)
        headers = response.headers
        add_security_headers(headers, production)
        # the policy keeps the identity on the request once a view or the layout asked for it
        if request.__dict__.get(IDENTITY_KEY) is not None:
            headers["Cache-Control"] = "private, no-store"
        return response

    return security_headers


def includeme(config):
    config.add_tween("roundtable.views.headers.security_headers_factory", under=INGRESS)
