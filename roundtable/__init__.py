"""Roundtable: the governance portal of a round table on integration."""
import os

from pyramid.config import Configurator

from .fastanswer import FastAnswer
from . import settings as checks
from .views.headers import add_security_headers


def main(global_config, **settings):
    """The WSGI application factory."""
    settings.setdefault("roundtable.secret", os.environ.get("ROUNDTABLE_SECRET", ""))
    checks.check(settings)
    settings.setdefault("tm.manager_hook", "pyramid_tm.explicit_manager")
    # several people saving into one meeting at once conflict on it; pyramid_retry's
    # default of 3 attempts ran out on a loaded 2-core machine with four writers
    settings.setdefault("retry.attempts", "5")
    with Configurator(settings=settings) as config:
        config.include("pyramid_retry")
        config.include("pyramid_tm")
        config.include(".layout")
        config.include(".security")
        config.include(".i18n")
        config.include(".mail")
        config.include(".db")
        config.include(".freshness")
        config.include(".schedule")
        config.include(".bootstrap")
        config.include(".views")
        config.include(".accounts")
        config.include(".people")
        config.include(".bodies")
        config.include(".meetings")
        config.include(".minutes")
        config.include(".calendar")
        config.include(".motions")
        config.include(".catalog")
        config.include(".search")
        config.include(".newsletter")
        config.include(".follow")
        config.include(".oparl")
        config.include(".measures")
        config.include(".privacy")
    production = checks.is_production(settings)
    return FastAnswer(config.make_wsgi_app(),
                                 lambda headers: add_security_headers(headers, production))
