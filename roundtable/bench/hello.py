"""A bare Pyramid hello-world app: the framework's limit on this machine.

Served by the same waitress settings as Roundtable (``server.SETTINGS``), so
each page's figure divided by this one says what our own code costs.
"""
from pyramid.config import Configurator
from pyramid.response import Response


def hello(request):
    return Response("Hello World!", content_type="text/plain", charset="utf-8")


def make_app():
    with Configurator() as config:
        config.add_route("hello", "/")
        config.add_view(hello, route_name="hello")
    return config.make_wsgi_app()
