"""A tiny benchmark dataset (5 % of the real one), made once for these tests,
and a local HTTP server that records what the runner's wrk and probes send."""
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from webtest import TestApp

from roundtable.bench import dataset, portal

SCALE = 0.05


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    directory = tmp_path_factory.mktemp("bench")
    info = dataset.generate(directory, scale=SCALE)
    return directory, info


@pytest.fixture(scope="module")
def bench_app(tiny):
    """The Roundtable app with the benchmark's settings on the tiny dataset."""
    app = portal.make_app(tiny[0], 6543)
    yield app
    app.registry._zodb_databases[""].close()


@pytest.fixture(scope="module")
def browser_client(bench_app):
    return TestApp(bench_app, extra_environ={"HTTP_HOST": "127.0.0.1:6543"})


class Recorder(BaseHTTPRequestHandler):
    """Answers like the pages the runner meets: ``.../etag`` gives an ETag and
    a 304 on a match, ``.../stale`` an ETag but never a 304, ``.../missing``
    404, anything else 200 without an ETag. Records (path, If-None-Match)."""

    protocol_version = "HTTP/1.1"
    seen = None

    def do_GET(self):
        match = self.headers.get("If-None-Match")
        self.seen.append((self.path, match))
        status, headers = 200, {}
        if self.path.endswith(("/etag", "/stale")):
            headers["ETag"] = '"v1"'
            if self.path.endswith("/etag") and match == '"v1"':
                status = 304
        elif self.path.endswith("/missing"):
            status = 404
        body = b"" if status == 304 else b"ok"
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # wrk drops its connections when its time is up


@pytest.fixture
def recorder():
    """A local HTTP server on a free port: (base URL, list of requests seen)."""
    seen = []
    handler = type("Handler", (Recorder,), {"seen": seen})
    httpd = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", seen
    httpd.shutdown()
    httpd.server_close()
