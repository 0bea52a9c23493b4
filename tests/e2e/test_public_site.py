"""In chromium, on a phone (390 × 844) and a desk (1280 px): the home page, a meeting,
the minutes list and the motion register, as an anonymous visitor and as a member.

Each page: nothing scrolls sideways; on the phone the header and navigation
take at most a fifth of the first screen and the menu opens behind one
button, also without JavaScript; the pictures are shown with their figures.
"""
import re

import pytest
from playwright.sync_api import expect

from tests import judges
from tests.conftest import PASSWORD, ROLE_USERS
from tests.minutes import data as md
from tests.test_public_pages import SIDEWAYS

PHONE = {"width": 390, "height": 844}
DESK = {"width": 1280, "height": 900}
PAGES = ["/", "/minutes/", "/motions/"]


@pytest.fixture(scope="module")
def member_server():
    """The server with the role users of tests.conftest (shared with the minutes tests)."""
    with judges.shared("minutes_live_server",
                       lambda: judges.LiveServer(prepare=md.prepare_live)) as server:
        yield server


def a_meeting(page):
    """The first public session on the home page: the meeting every visitor may open."""
    page.goto("/")
    href = page.locator("#h-sessions ~ ul a").first.get_attribute("href")
    return re.sub(r"^https?://[^/]+", "", href)


def check_pages(page, paths, viewport):
    problems = {}
    for path in paths:
        page.goto(path)
        wide = page.evaluate(SIDEWAYS)
        if wide:
            problems[path] = wide
        header = page.locator("header.site-header").bounding_box()
        if viewport is PHONE and header["height"] > PHONE["height"] / 5:
            problems[path] = [f"header {header['height']}px high"]
    return problems


@pytest.mark.parametrize("viewport", [PHONE, DESK], ids=["390px", "1280px"])
def test_anonymous_visitor(browser, live_server, viewport):
    context = browser.new_context(base_url=live_server.base_url, viewport=viewport)
    try:
        page = context.new_page()
        paths = PAGES + [a_meeting(page)]
        assert not check_pages(page, paths, viewport)
        page.goto("/")
        expect(page.get_by_role("heading", name="Nächste öffentliche Sitzungen")).to_be_visible()
        expect(page.get_by_role("heading", name="Neue Protokolle")).to_be_visible()
        expect(page.locator("#chart-year svg[role=img]")).to_be_visible()
        page.goto("/motions/")
        expect(page.locator("#chart-pipeline svg")).to_be_visible()
        page.get_by_text("Die Zahlen als Tabelle").first.click()
        expect(page.locator("#chart-pipeline table")).to_be_visible()
        page.goto(paths[-1])
        expect(page.get_by_role("link", name="Google Kalender")).to_be_visible()
        menu = page.get_by_role("link", name="Menü", exact=True)
        nav = page.get_by_role("navigation", name="Hauptnavigation")
        if viewport is PHONE:
            expect(menu).to_be_visible()
            expect(nav).to_be_hidden()
            menu.click()
            expect(nav.get_by_role("link", name="Protokolle")).to_be_visible()
        else:
            expect(menu).to_be_hidden()
            expect(nav.get_by_role("link", name="Protokolle")).to_be_visible()
    finally:
        context.close()


def test_the_menu_opens_without_javascript(browser, live_server):
    context = browser.new_context(base_url=live_server.base_url, viewport=PHONE,
                                  java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/minutes/")
        nav = page.get_by_role("navigation", name="Hauptnavigation")
        expect(nav).to_be_hidden()
        page.get_by_role("link", name="Menü", exact=True).click()
        expect(nav.get_by_role("link", name="Anträge")).to_be_visible()
        expect(page.get_by_role("searchbox")).to_be_visible()
        nav.get_by_role("link", name="Anträge").click()
        expect(page).to_have_url(re.compile(r"/motions/$"))
        expect(page.get_by_role("heading", level=1)).to_have_text("Antragsregister")
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESK], ids=["390px", "1280px"])
def test_member(browser, member_server, viewport):
    context = browser.new_context(base_url=member_server.base_url, viewport=viewport)
    try:
        page = context.new_page()
        page.goto("/login")
        page.get_by_label(re.compile(r"^\s*E-Mail-Adresse")).fill(ROLE_USERS["member"][0])
        page.get_by_label(re.compile(r"^\s*Passwort")).fill(PASSWORD)
        page.get_by_role("button", name="Anmelden").click()
        page.wait_for_url(re.compile(r"/$"))
        expect(page.get_by_role("heading", name="Ihre nächsten Sitzungen")).to_be_visible()
        paths = PAGES + [a_meeting(page)]
        assert not check_pages(page, paths, viewport)
    finally:
        context.close()
