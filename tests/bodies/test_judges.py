"""The bodies pages judged by outsiders: the Nu HTML Checker and axe-core in chromium.

Valid HTML is checked on pages rendered through WebTest in every state worth
seeing (public and internal, forms fresh and with errors, a dissolved body);
accessibility is checked in a real browser against a real ``pserve`` with the
demo data, as an anonymous visitor and as the coordinator.
"""
from datetime import date


from tests import judges
from tests.bodies.test_views import GESUNDHEIT, SB, WOHNEN, set_dates


def test_bodies_pages_are_valid_html(clients):
    anonymous, member, chair, admin = (clients[r] for r in ("anonymous", "member", "chair", "admin"))
    pages = {}

    def take(name, response):
        assert response.status_int == 200, name
        pages[name] = response.text

    for url in ("/bodies/", "/bodies/runder-tisch/", SB, WOHNEN):
        take("anonymous " + url, anonymous.get(url))
    for url in ("/bodies/runder-tisch/", SB, SB + "memberships/", "/bodies/runder-tisch/memberships/"):
        take("member " + url, member.get(url))
    take("chair edit form", chair.get(SB + "edit"))
    take("chair memberships", chair.get(SB + "memberships/"))
    for url in ("/bodies/add", SB + "edit", SB + "memberships/add",
                SB + "memberships/birte-hansen/edit"):
        take("admin " + url, admin.get(url))
    form = admin.get("/bodies/add").forms["form"]
    form["name"] = ""
    take("admin add body with errors", form.submit("save"))
    form = admin.get(SB + "memberships/add").forms["form"]
    form["person_id"] = "kwame-mensah"
    set_dates(form, start=date(2026, 3, 1), end=date(2026, 2, 1))
    take("admin add membership with errors", form.submit("save"))
    # a dissolved body, its notice and the coordinator's list of dissolved bodies
    retire = next(f for f in admin.get(GESUNDHEIT).forms.values() if f.action.endswith("/retire"))
    retire.submit(status=303)
    take("admin list with dissolved", admin.get("/bodies/"))
    take("admin dissolved body", admin.get(GESUNDHEIT))
    take("anonymous dissolved body", anonymous.get(GESUNDHEIT))
    # an ended membership on the pages that show former members
    end = next(f for f in admin.get(SB + "memberships/").forms.values()
               if f.action.endswith("/birte-hansen/end"))
    end.submit(status=303)
    take("member with former", member.get(SB))
    take("admin memberships with former", admin.get(SB + "memberships/"))
    errors = judges.check_html(pages)
    assert not errors, judges.format_html_errors(errors)


# axe-core in chromium against a live server --------------------------------------------

PUBLIC = ["/bodies/", "/bodies/runder-tisch/", "/bodies/ag-sprache-und-bildung/", "/bodies/vorstand/"]
INTERNAL = ["/bodies/", "/bodies/ag-wohnen/", "/bodies/ag-wohnen/memberships/",
            "/bodies/ag-wohnen/memberships/add", "/bodies/ag-wohnen/edit", "/bodies/add",
            "/bodies/runder-tisch/", "/bodies/runder-tisch/memberships/"]


def test_public_bodies_pages_pass_axe(browser, live_server):
    context = browser.new_context(base_url=live_server.base_url)
    try:
        page = context.new_page()
        results = {}
        for url in PUBLIC:
            response = page.goto(url)
            assert response.status == 200, url
            results[url] = browser.axe(page)
        assert not any(results.values()), judges.format_axe_violations(results)
    finally:
        context.close()


def test_internal_bodies_pages_and_forms_pass_axe(browser, live_server):
    context = browser.new_context(base_url=live_server.base_url)
    try:
        page = context.new_page()
        judges.sign_in(page, live_server.admin_login, live_server.admin_password)
        results = {}
        for url in INTERNAL:
            response = page.goto(url)
            assert response.status == 200, url
            results[url] = browser.axe(page)
        # a form with its error messages (nothing is stored: the name is missing)
        page.goto("/bodies/add")
        page.get_by_role("button", name="Anlegen").click()
        page.wait_for_selector(".field-error")
        results["/bodies/add (errors)"] = browser.axe(page)
        assert not any(results.values()), judges.format_axe_violations(results)
    finally:
        context.close()
