"""Finding things: the search page and its feed, feeds of minutes and bodies,
and the hints for machines (sitemap, robots.txt, OpenSearch)."""
from .feeds import feed_links


def includeme(config):
    config.set_feed_links(feed_links)
    config.scan(__name__)
