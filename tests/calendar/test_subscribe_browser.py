"""The subscribe page in chromium: build a selection, create the personal
address, and check both states with axe-core."""
import urllib.request

from tests import judges


def test_subscribe_page_flows_pass_axe(browser, live_server):
    context = browser.new_context(base_url=live_server.base_url)
    try:
        page = context.new_page()
        results = {}
        assert page.goto("/subscribe").status == 200
        results["/subscribe"] = browser.axe(page)
        page.get_by_label("AG Wohnen", exact=True).check()
        page.get_by_label("Sprache und Bildung", exact=True).check()
        page.get_by_role("button", name="Adresse erzeugen").click()
        built = page.locator("#feed-built").input_value()
        assert built.endswith("/calendar.ics?body=ag-wohnen&field=language")
        results["/subscribe (built)"] = browser.axe(page)
        with urllib.request.urlopen(built) as response:
            assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"

        judges.sign_in(page, live_server.admin_login, live_server.admin_password)
        page.goto("/subscribe")
        page.get_by_role("button", name="Persönliche Adresse erzeugen").click()
        personal = page.locator("#feed-personal").input_value()
        assert "/calendar/" in personal and personal.endswith(".ics")
        results["/subscribe (personal)"] = browser.axe(page)
        with urllib.request.urlopen(personal) as response:   # no cookies, like a calendar
            assert b"BEGIN:VCALENDAR" in response.read()
        assert not any(results.values()), judges.format_axe_violations(results)
    finally:
        context.close()
