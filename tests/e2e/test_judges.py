"""The judges judged: they must catch known faults, or a clean result means nothing."""
from tests import judges


def test_the_nu_checker_reports_errors_per_document():
    good = ('<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Gut</title></head>'
            '<body><main><h1>Gut</h1></main></body></html>')
    bad = good.replace("<h1>Gut</h1>", "<h1>Kaputt<p></h1><img src=x.png>")
    errors = judges.check_html({"good": good, "bad": bad, "also good": good})
    assert list(errors) == ["bad"]
    text = judges.format_html_errors(errors)
    assert "alt" in text and "bad" in text


def test_axe_reports_violations(browser):
    context = browser.new_context(axe=True)
    try:
        page = context.new_page()
        page.set_content('<html><body><img src="x.png"><a href="/x"></a>'
                         '<p style="color:#aaa;background:#fff">blass</p></body></html>')
        ids = {v["id"] for v in browser.axe(page)}
    finally:
        context.close()
    assert {"image-alt", "html-has-lang", "document-title", "link-name", "color-contrast"} <= ids
