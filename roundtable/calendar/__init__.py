"""Calendar feeds (iCalendar, RFC 5545) of the public meetings."""


def includeme(config):
    config.scan(".views")
