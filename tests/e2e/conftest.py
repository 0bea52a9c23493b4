"""Browser tests: a real ``pserve`` on 127.0.0.1 and Debian's chromium via Playwright.

``live_server`` (tests/conftest.py) starts the server once per run on a temp copy of
development.ini (own database with demo data, own mail directories) and
carries the administrator's one-time password read from the server's log;
``browser`` (tests/conftest.py) is one chromium for the run; ``page`` is a fresh context (no
cookies) with the server as base URL, so ``page.goto("/login")`` works.
"""
import pytest

from tests import judges


@pytest.fixture
def context(browser, live_server):
    context = browser.new_context(base_url=live_server.base_url)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture
def new_page(browser, server):
    """``new_page(login, password, width=1280)``: a fresh context on the module's
    ``server`` fixture, signed in through the login form."""
    contexts = []

    def make(login, password, width=1280):
        context = browser.new_context(base_url=server.base_url,
                                      viewport={"width": width, "height": 900})
        contexts.append(context)
        page = context.new_page()
        judges.sign_in(page, login, password)
        return page

    yield make
    for context in contexts:
        context.close()
