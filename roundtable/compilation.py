"""Templates compiled before the first request, and never two at once.

Chameleon compiles a template into Python the first time it renders. Under
CPython 3.11 two threads compiling at the same moment can fail inside
``compile()`` ("AST constructor recursion depth mismatch"), so the first
concurrent requests after a start answered 500. So every compilation holds
one process-wide lock, and with ``roundtable.precompile_templates = true``
(production.ini) every page and form template is compiled when the
application is created, before the server takes requests. (Tests and
development create many short-lived applications and compile on demand.)
"""
import os
import threading

import deform
from chameleon.template import BaseTemplate
from pyramid.events import ApplicationCreated
from pyramid.renderers import get_renderer
from pyramid.settings import asbool

_lock = threading.RLock()
_cook = BaseTemplate.cook


def _serialised_cook(self, body):
    with _lock:
        return _cook(self, body)


BaseTemplate.cook = _serialised_cook


def template_files(directory):
    """Paths of the .pt files below ``directory``, relative to it."""
    for folder, _dirs, files in os.walk(directory):
        for name in sorted(files):
            if name.endswith(".pt"):
                yield os.path.relpath(os.path.join(folder, name), directory)


def page_templates(registry):
    """The page templates as the views name them (``roundtable:templates/…``)."""
    directory = registry.settings["roundtable.templates"]
    for relative in template_files(directory):
        if relative.split(os.sep)[0] != "deform":
            template = get_renderer("roundtable:templates/" + relative.replace(os.sep, "/"),
                                    registry=registry).implementation()
            yield template


def form_templates():
    """Deform's widget templates, ours first, as the form renderer loads them."""
    renderer = deform.Form.default_renderer
    names = set()
    for directory in renderer.loader.search_path:
        names |= {name[:-3] for name in template_files(directory)}
    for name in sorted(names):
        yield renderer.load(name)


def precompile(event):
    registry = event.app.registry
    for template in list(page_templates(registry)) + list(form_templates()):
        template.cook_check()


def includeme(config):
    if asbool(config.registry.settings.get("roundtable.precompile_templates", False)):
        config.add_subscriber(precompile, ApplicationCreated)
