"""The newsletter pages judged by outsiders: the Nu HTML Checker on pages
rendered through WebTest (public, coordinator, forms with errors, refusals)
and axe-core in chromium on the public pages of a live server."""
import configparser
import re

from roundtable.newsletter.tokens import sign
from tests import judges
from tests.conftest import edit
from tests.newsletter.helpers import SECRET, subscribed
from tests.newsletter.test_issues import _portal_news, create_issue

WEEKLY = "/newsletter/verteiler-zusammenleben/"


def _archived_issue(client):
    return re.search(r'href="http://localhost(/newsletter/[^"]+/[^"]+/)"', client.get("/newsletter").text).group(1)


def test_newsletter_pages_are_valid_html(clients, db):
    anonymous, admin, member = clients["anonymous"], clients["admin"], clients["member"]
    _portal_news(db)
    _sid, prefs, unsubscribe = subscribed(db, "valid@example.org")
    with edit(db) as portal:
        pending = portal["newsletter"].subscribers.request("offen@example.org", ["test-liste"])
        confirm = f"/newsletter/confirm/{pending.id}/{sign(SECRET, 'confirm', pending.id)}"
    pages = {}

    def take(name, response, status=200):
        assert response.status_int == status, name
        pages[name] = response.text

    for path in ("/newsletter", "/newsletter/signup", WEEKLY, _archived_issue(anonymous), prefs,
                 unsubscribe, confirm):
        take("anonymous " + path, anonymous.get(path))
    form = anonymous.get("/newsletter/signup").forms["form"]
    form["email"] = "kein-at"
    take("signup with errors", form.submit("subscribe"))
    take("unsubscribed", anonymous.post(unsubscribe, {"List-Unsubscribe": "One-Click"}))
    take("invalid link", anonymous.get(prefs[:-1] + "x", expect_errors=True), 404)
    take("member account newsletter", member.get("/account/newsletter"))
    issue = create_issue(admin)
    for path in ("/newsletter", "/newsletter/subscribers", "/newsletter/import", "/newsletter/add-list",
                 "/newsletter/test-liste/", "/newsletter/test-liste/edit", "/newsletter/test-liste/add-issue",
                 issue, issue + "section/0", issue + "add-section", issue + "send"):
        take("admin " + path, admin.get(path))
    form = admin.get("/newsletter/add-list").forms["form"]
    form["sender_email"] = "falsch"
    take("add list with errors", form.submit("save"))
    form = admin.get(issue + "send").forms["form"]
    form["expected"] = "999"
    take("send with changed count", form.submit("send", status=409), 409)
    errors = judges.check_html(pages)
    assert not errors, judges.format_html_errors(errors)


def test_public_newsletter_pages_pass_axe(browser, live_server):
    context = browser.new_context(base_url=live_server.base_url)
    try:
        page = context.new_page()
        results = {}
        for path in ("/newsletter", "/newsletter/signup", WEEKLY):
            assert page.goto(path).status == 200, path
            results[path] = browser.axe(page)
        page.goto("/newsletter")
        hrefs = page.eval_on_selector_all("main a", "els => els.map(e => e.getAttribute('href'))")
        issue = next(h for h in hrefs if re.search(r"/newsletter/[^/]+/[^/]+/$", h or ""))
        assert page.goto(issue).status == 200
        results["archived issue"] = browser.axe(page)
        page.goto("/newsletter/signup")
        page.get_by_role("button", name="Anmelden").last.click()
        page.wait_for_selector(".alert-danger, .field-error, [role=alert]")
        results["signup with errors"] = browser.axe(page)
        config = configparser.ConfigParser(interpolation=None)
        config.read(live_server.ini, encoding="utf-8")
        secret = config["app:main"]["roundtable.secret"]
        assert page.goto(f"/newsletter/preferences/0000/{sign(secret, 'preferences', '0000')}").status == 404
        results["invalid link"] = browser.axe(page)
        assert not any(results.values()), judges.format_axe_violations(results)
    finally:
        context.close()
