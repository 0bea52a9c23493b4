"""Rendering never fails under several threads: template compilation is
serialised, and production compiles every template at start-up."""
import threading

from webtest import TestApp

import roundtable
from roundtable import compilation
from tests.conftest import make_settings

PAGES = ["/", "/members", "/meetings", "/bodies/", "/organisations/", "/imprint", "/privacy",
         "/login", "/password-reset", "/search?q=wohnen", "/minutes.atom", "/motions/", "/newsletter/",
         "/bodies/ag-wohnen/", "/no/such/page", "/subscribe"]


def test_concurrent_first_requests_compile_one_template_at_a_time(tmp_path, monkeypatch):
    """Many threads render pages no one has rendered yet; at most one of them
    may be compiling at any moment (CPython 3.11's compile() is not safe to
    run twice at once), and every answer is a success."""
    state = {"inside": 0, "most": 0}
    guard = threading.Lock()
    other_arrived = threading.Event()
    original = compilation._cook

    def watched_cook(self, body):
        with guard:
            state["inside"] += 1
            state["most"] = max(state["most"], state["inside"])
            if state["inside"] > 1:
                other_arrived.set()
        try:
            # the first compilation lingers a moment, so that an unserialised second one shows
            other_arrived.wait(0.5 if state["most"] == 1 and not other_arrived.is_set() else 0)
            return original(self, body)
        finally:
            with guard:
                state["inside"] -= 1

    monkeypatch.setattr(compilation, "_cook", watched_cook)
    wsgi = roundtable.main({}, **make_settings(tmp_path, **{"roundtable.demo_data": "false"}))
    try:
        start = threading.Barrier(len(PAGES))
        results = {}

        def fetch(path):
            client = TestApp(wsgi)
            start.wait(timeout=120)
            results[path] = client.get(path, expect_errors=True).status_int

        threads = [threading.Thread(target=fetch, args=(p,)) for p in PAGES]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=600)
        assert all(not t.is_alive() for t in threads)
        assert {p: s for p, s in results.items() if s >= 500} == {}
        assert len(results) == len(PAGES)
        assert state["most"] == 1
    finally:
        wsgi.registry._zodb_databases[""].close()


def test_production_compiles_every_template_at_start(tmp_path):
    settings = make_settings(tmp_path, **{"roundtable.precompile_templates": "true",
                                          "roundtable.demo_data": "false"})
    wsgi = roundtable.main({}, **settings)
    try:
        templates = list(compilation.page_templates(wsgi.registry)) + list(compilation.form_templates())
        assert len(templates) > 50
        assert all(t._cooked for t in templates)
        assert TestApp(wsgi).get("/").status_int == 200
    finally:
        wsgi.registry._zodb_databases[""].close()


def test_production_ini_precompiles():
    import configparser
    import os

    from tests.conftest import ROOT

    ini = configparser.ConfigParser(interpolation=None)
    ini.read(os.path.join(ROOT, "production.ini"))
    assert ini["app:main"]["roundtable.precompile_templates"] == "true"
