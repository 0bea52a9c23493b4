"""Driving a real server process with WebTest.

``TestApp(Remote(base_url))`` forwards every request over HTTP to a running
``pserve``, so tests keep WebTest's forms, cookies and CSRF handling while the
application runs in processes of its own (several on one database, or one
that is killed).
"""
import http.client
from urllib.parse import quote, urlsplit

from webtest import TestApp


HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade",
              "proxy-authenticate", "proxy-authorization"}


class Remote:
    """A WSGI application that is a real server elsewhere."""

    def __init__(self, base_url, timeout=120):
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port
        self.timeout = timeout

    def __call__(self, environ, start_response):
        path = quote((environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")).encode("latin-1"),
                     safe="/:@!$&'()*+,;=-._~%")
        if environ.get("QUERY_STRING"):
            path += "?" + environ["QUERY_STRING"]
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else None
        headers = {key[5:].replace("_", "-").title(): value for key, value in environ.items()
                   if key.startswith("HTTP_")}
        if environ.get("CONTENT_TYPE"):
            headers["Content-Type"] = environ["CONTENT_TYPE"]
        connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            connection.request(environ["REQUEST_METHOD"], path, body, headers)
            response = connection.getresponse()
            data = response.read()
        finally:
            connection.close()
        start_response(f"{response.status} {response.reason}",
                       [(k, v) for k, v in response.getheaders() if k.lower() not in HOP_BY_HOP])
        return [data]


def client(server, login=None, password=None):
    """A WebTest client of ``server`` (a ``tests.judges.LiveServer``), logged in if asked."""
    app = TestApp(Remote(server.base_url))
    if login is not None:
        form = app.get("/login").forms["form"]
        form["login"], form["password"] = login, password
        response = form.submit("submit")
        assert response.status_int == 303, response.text
    return app
