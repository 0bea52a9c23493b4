"""Finding things: the search page and its feed, feeds of minutes and bodies,
and the hints for machines (sitemap, robots.txt, OpenSearch)."""


def includeme(config):
    config.scan(__name__)
