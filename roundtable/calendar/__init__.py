"""Calendar feeds (iCalendar, RFC 5545): public, filtered and personal; and
the meeting's event attached to its invitation.

The package imports none of its modules itself (they import the package's
siblings): each part is included by its dotted name.
"""


def includeme(config):
    config.include(".personal")
    config.scan(".views")
    config.scan(".subscribe_views")
    config.include(".invitation")
