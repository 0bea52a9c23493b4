"""Public pages print cleanly: in print media the content shows, the screen's
navigation, search box, forms and buttons do not."""
import pytest

PAGES = ["/", "/bodies/", "/members", "/meetings", "/search?q=Wohnen", "/organisations/"]


@pytest.mark.parametrize("path", PAGES)
def test_page_prints_content_only(page, path):
    page.emulate_media(media="print")
    page.goto(path)
    assert page.locator("main h1").first.is_visible()
    for selector in ("header.site-header", "footer.site-footer", "form", "nav.main-nav", "button"):
        visible = [el for el in page.locator(selector).all() if el.is_visible()]
        assert not visible, f"{selector} visible when printing {path}"
    colour = page.evaluate("getComputedStyle(document.body).color")
    assert colour in ("rgb(0, 0, 0)",), colour
