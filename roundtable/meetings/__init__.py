"""Meetings (Sitzungen): agenda, documents, attendance and minutes."""


def includeme(config):
    config.scan(".views")
    config.scan(".minutes_views")
