"""A bare Pyramid hello-world app: the framework's limit on this machine.

Served by the same waitress settings as Roundtable (``server.SETTINGS``), so
each page's figure divided by this one says what our own code costs.
"""
import sys

from pyramid.config import Configurator
from pyramid.response import Response

from .server import serve


def hello(request):
    return Response("Hello World!", content_type="text/plain", charset="utf-8")


def make_app():
    with Configurator() as config:
        config.add_route("hello", "/")
        config.add_view(hello, route_name="hello")
    return config.make_wsgi_app()


if __name__ == "__main__":   # the baseline's server process: python -m roundtable.bench.hello PORT
    sys.exit(serve(make_app(), int(sys.argv[1])))
