"""Calendar feeds (iCalendar, RFC 5545): public, filtered and personal; and
the meeting's event attached to its invitation."""
from . import invitation, personal


def includeme(config):
    config.add_token_route(personal.ROUTE, "/calendar/{token}.ics", personal.token_identity)
    config.scan(".views")
    config.scan(".subscribe_views")
    invitation.register()
