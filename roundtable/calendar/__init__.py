"""Calendar feeds (iCalendar, RFC 5545): public, filtered and personal."""
from . import personal


def includeme(config):
    config.add_token_route(personal.ROUTE, "/calendar/{token}.ics", personal.token_identity)
    config.scan(".views")
    config.scan(".subscribe_views")
