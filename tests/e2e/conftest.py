"""Browser tests: a real ``pserve`` on 127.0.0.1 and Debian's chromium via Playwright.

``live_server`` (tests/conftest.py) starts the server once per run on a temp copy of
development.ini (own database with demo data, own mail directories) and
carries the administrator's one-time password read from the server's log;
``browser`` (tests/conftest.py) is one chromium for the run; ``page`` is a fresh context (no
cookies) with the server as base URL, so ``page.goto("/login")`` works.
"""
import pytest


@pytest.fixture
def context(browser, live_server):
    context = browser.new_context(base_url=live_server.base_url)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()
