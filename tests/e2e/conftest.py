"""Browser tests: a real ``pserve`` on 127.0.0.1 and Debian's chromium via Playwright.

``live_server`` starts the server once per run on a temp copy of
development.ini (own database with demo data, own mail directories) and
carries the administrator's one-time password read from the server's log;
``browser`` is one chromium for the run; ``page`` is a fresh context (no
cookies) with the server as base URL, so ``page.goto("/login")`` works.
"""
import pytest

from tests import judges


@pytest.fixture(scope="session")
def live_server():
    with judges.shared("live_server", judges.LiveServer) as server:
        yield server


@pytest.fixture(scope="session")
def browser():
    with judges.shared("browser", judges.Browser) as browser:
        yield browser


@pytest.fixture
def context(browser, live_server):
    context = browser.new_context(base_url=live_server.base_url)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()
