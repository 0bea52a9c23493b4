"""Templates, static assets and the page layout shared by every view.

Templates and assets live outside the package (top-level ``templates/`` and
``static/``); their locations come from the ini so an installed package and an
editable checkout behave the same.
"""
import os

from pyramid.events import BeforeRender, subscriber
from pyramid.renderers import get_renderer

from .forms import setup_renderer
from .i18n import LOCALES, _


class Section:
    """An entry of the main navigation, shown to those with the permission."""

    def __init__(self, key, title, path, permission="view", order=50):
        self.key, self.title, self.path = key, title, path
        self.permission, self.order = permission, order


def add_section(config, key, title, path, permission="view", order=50):
    config.registry.roundtable_sections.append(Section(key, title, path, permission, order))
    config.registry.roundtable_sections.sort(key=lambda s: s.order)


def navigation(request):
    """The sections this visitor may open, marking the current one."""
    portal = request.root
    items = []
    for section in request.registry.roundtable_sections:
        if request.has_permission(section.permission, portal):
            url = request.application_url + section.path
            current = request.path == section.path or (
                section.path != "/" and request.path.startswith(section.path))
            items.append({"title": section.title, "url": url, "current": current})
    return items


FEED_LINKS = "roundtable.feed_links"


def no_feeds(request):
    return []


def set_feed_links(config, feed_links):
    """``feed_links(request)`` → [(url, title)]: the Atom feeds every page
    announces in its head (registered by search, which knows the feeds)."""
    config.registry[FEED_LINKS] = feed_links


@subscriber(BeforeRender)
def add_layout_globals(event):
    request = event.get("request")
    if request is None or not str(event.get("renderer_name", "")).endswith(".pt"):
        return
    event.setdefault("layout", get_renderer("roundtable:templates/layout.pt").implementation())
    event.setdefault("_", _)
    event.setdefault("plain_text", get_renderer("roundtable:templates/text.pt").implementation())
    event.setdefault("layout_feeds", request.registry.get(FEED_LINKS, no_feeds))
    event.setdefault("charts", get_renderer("roundtable:templates/charts.pt").implementation())


def template_path(settings):
    return settings.get("roundtable.templates") or os.path.join(
        os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "templates")


def includeme(config):
    settings = config.registry.settings
    settings["roundtable.templates"] = template_path(settings)
    settings.setdefault("roundtable.static", os.path.join(
        os.path.dirname(settings["roundtable.templates"]), "static"))
    config.include("pyramid_chameleon")
    config.include(".compilation")
    config.override_asset("roundtable:templates/", settings["roundtable.templates"] + "/")
    config.add_static_view("static", settings["roundtable.static"], cache_max_age=3600)
    config.registry.roundtable_sections = []
    config.add_directive("add_section", add_section)
    config.add_directive("set_feed_links", set_feed_links)
    config.add_request_method(navigation, "navigation", reify=True)
    config.add_request_method(lambda r: LOCALES, "locales", reify=True)
    setup_renderer(settings)
    config.scan(__name__)
