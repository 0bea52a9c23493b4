"""In chromium: search from the home page with the header box, open a result;
the search box and its button are reached by keyboard with a visible focus."""
import re

from playwright.sync_api import expect


def test_search_from_the_home_page_and_open_a_result(page):
    page.goto("/")
    box = page.get_by_role("searchbox", name="Suche auf dieser Website")
    box.fill("wohnungsmarkt")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/search\?q=wohnungsmarkt"))
    expect(page.locator("h1")).to_have_text("Suche")
    results = page.locator(".search-results h3 a")
    expect(results.first).to_contain_text("Wohnungsmarkt")
    expect(page.locator(".search-results mark").first).to_have_text(re.compile("Wohnungsmarkt", re.I))
    title = results.first.inner_text()
    results.first.click()
    expect(page).to_have_url(re.compile(r"/bodies/ag-wohnen/meetings/"))
    expect(page.locator("main")).to_contain_text(title)


def test_search_box_by_keyboard_with_visible_focus(page):
    page.goto("/")
    box = page.get_by_role("searchbox", name="Suche auf dieser Website")
    for _ in range(12):
        page.keyboard.press("Tab")
        if box.evaluate("el => el === document.activeElement"):
            break
    expect(box).to_be_focused()
    outline = box.evaluate("el => getComputedStyle(el).outlineStyle + ' ' + getComputedStyle(el).outlineWidth")
    assert outline.startswith("solid") and not outline.endswith(" 0px"), outline
    page.keyboard.type("Sprache")
    page.keyboard.press("Enter")
    expect(page.locator(".search-results li").first).to_be_visible()
