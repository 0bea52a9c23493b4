"""In chromium, as a visitor would: sign in, add a person, move by keyboard."""
import re
import uuid

import pytest
from playwright.sync_api import expect


def by_label(page, text):
    """The field whose label is exactly ``text`` (a required field's label ends in " *")."""
    return page.get_by_label(re.compile(rf"^\s*{re.escape(text)}\s*\*?\s*$"))


def sign_in(page, live_server):
    page.goto("/")
    page.get_by_role("link", name="Anmelden").click()
    expect(page).to_have_url(re.compile(r"/login(\?|$)"))
    by_label(page, "E-Mail-Adresse").fill(live_server.admin_login)
    by_label(page, "Passwort").fill(live_server.admin_password)
    page.get_by_role("button", name="Anmelden").click()


def test_admin_signs_in_from_the_home_page(page, live_server):
    sign_in(page, live_server)
    header = page.locator("header.site-header")
    expect(header.get_by_role("link", name=live_server.admin_login)).to_be_visible()
    expect(header.get_by_role("button", name="Abmelden")).to_be_visible()
    expect(header.get_by_role("link", name="Anmelden")).to_have_count(0)
    expect(page).to_have_url(live_server.base_url + "/")


def test_admin_adds_a_person(page, live_server):
    sign_in(page, live_server)
    expect(page.get_by_role("button", name="Abmelden")).to_be_visible()
    response = page.goto("/people/add")
    if response.status == 404:
        pytest.skip("/people/add answers 404: the register's add view is not there yet")
    assert response.status == 200, f"/people/add answered {response.status}"
    by_label(page, "Vorname").fill("Malin")
    by_label(page, "Nachname").fill("Brodersen-Okafor")
    by_label(page, "E-Mail").fill(f"malin.brodersen.{uuid.uuid4().hex[:8]}@example.org")
    page.get_by_role("button", name="Speichern").click()
    expect(page).to_have_url(re.compile(r"/people/[^/?#]+/?$"))
    expect(page.locator("h1")).to_contain_text("Malin Brodersen-Okafor")


def test_first_tab_reaches_the_visible_skip_link(page):
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.locator("a.skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_have_attribute("href", "#main")
    box = skip.bounding_box()
    viewport = page.viewport_size
    assert box and box["width"] > 0 and box["height"] > 0
    assert 0 <= box["x"] and box["x"] + box["width"] <= viewport["width"], box
    assert 0 <= box["y"] and box["y"] + box["height"] <= viewport["height"], box
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
