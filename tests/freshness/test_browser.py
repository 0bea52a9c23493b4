"""In chromium, against a real ``pserve``: the cached and revalidated pages
behave for a person as fresh ones do.

Anonymous and a member, on a phone (390 px) and a desk (1280 px): pages,
back and forward, the language switch; and a change the coordinator makes
shows at once on the page an anonymous visitor reloads (the browser
revalidates with ``If-None-Match`` and the server answers 304 until then).
"""
import re

import pytest
from playwright.sync_api import expect

from tests import judges
from tests.conftest import PASSWORD, ROLE_USERS
from tests.e2e.test_public_site import DESK, PHONE, a_meeting
from tests.minutes import data as md

@pytest.fixture(scope="module")
def server():
    """A server of its own: the coordinator's change below must not reach other tests."""
    with judges.shared("freshness_live_server",
                       lambda: judges.LiveServer(prepare=md.prepare_live)) as live:
        yield live


def follow_link(page, selector):
    """Go where a link leads (on the phone it sits in the closed menu)."""
    page.goto(page.locator(selector).first.get_attribute("href"))


@pytest.mark.parametrize("who", ["anonymous", "member"])
@pytest.mark.parametrize("viewport", [PHONE, DESK], ids=["390px", "1280px"])
def test_pages_back_forward_and_language(browser, server, who, viewport):
    context = browser.new_context(base_url=server.base_url, viewport=viewport)
    try:
        page = context.new_page()
        if who == "member":
            judges.sign_in(page, ROLE_USERS["member"][0], PASSWORD)
        meeting = a_meeting(page)
        for path in ("/meetings", meeting, "/motions/"):
            assert page.goto(path).status == 200
        page.go_back()
        expect(page).to_have_url(re.compile(re.escape(meeting) + "$"))
        page.go_back()
        expect(page).to_have_url(re.compile("/meetings$"))
        page.go_forward()
        expect(page).to_have_url(re.compile(re.escape(meeting) + "$"))
        expect(page.locator("h1")).to_be_visible()
        follow_link(page, "a[href*='/language/en']")
        expect(page.locator("html")).to_have_attribute("lang", "en")
        expect(page.get_by_role("heading", name="Agenda")).to_be_visible()
        page.go_back()   # the German page again, from the browser's cache or a 304
        page.reload()
        expect(page.locator("html")).to_have_attribute("lang", "en")   # the cookie decides
        follow_link(page, "a[href*='/language/de']")
        expect(page.locator("html")).to_have_attribute("lang", "de")
        expect(page.get_by_role("heading", name="Tagesordnung")).to_be_visible()
        account = page.locator("form.account")
        if who == "member":
            expect(account).to_contain_text(ROLE_USERS["member"][0])
        else:
            expect(account).to_have_count(0)
    finally:
        context.close()


def test_a_change_shows_at_once_for_anonymous(browser, server):
    visitor = browser.new_context(base_url=server.base_url, viewport=DESK)
    coordinator = browser.new_context(base_url=server.base_url, viewport=DESK)
    try:
        page = visitor.new_page()
        page.goto("/")
        page.reload()
        page.goto("/")
        expect(page.locator(".intro")).not_to_contain_text("Sommerfest am Hafen")

        admin = coordinator.new_page()
        judges.sign_in(admin, server.admin_login, server.admin_password)
        admin.goto("/settings")
        admin.locator("textarea[name=about]").fill("Sommerfest am Hafen: alle sind eingeladen.")
        admin.get_by_role("button", name="Speichern").click()
        expect(admin.locator(".flash")).to_be_visible()

        page.reload()
        expect(page.locator(".intro")).to_contain_text("Sommerfest am Hafen")
    finally:
        visitor.close()
        coordinator.close()
