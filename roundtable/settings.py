"""Checks on the ini settings that must hold before the portal serves anyone.

A production instance (``roundtable.production = true``) refuses to start with
a session secret that is short or published (the development one), and
without the public address that links in e-mails are built from.
"""

# Secrets shipped in this repository or its documentation: never for production.
KNOWN_SECRETS = frozenset({
    "development-secret-not-for-production",
    "test-secret",
    "secret",
    "changeme",
})
MIN_SECRET_LENGTH = 32


def is_production(settings):
    return str(settings.get("roundtable.production", "")).strip().lower() in ("true", "yes", "on", "1")


def check(settings):
    """Raise RuntimeError with the reason when the settings are unfit to serve."""
    secret = settings.get("roundtable.secret") or ""
    if not secret:
        raise RuntimeError("Set roundtable.secret or the ROUNDTABLE_SECRET environment variable")
    if not is_production(settings):
        return
    if secret in KNOWN_SECRETS or len(secret) < MIN_SECRET_LENGTH or len(set(secret)) < 10:
        raise RuntimeError(
            f"Production needs a random roundtable.secret of at least {MIN_SECRET_LENGTH} characters "
            "(e.g. python3 -c 'import secrets; print(secrets.token_urlsafe(48))'), "
            "not a short or published one")
    if not str(settings.get("roundtable.base_url", "")).startswith("https://"):
        raise RuntimeError("Production needs roundtable.base_url with https://: links in mails use it")
