"""The register's pages judged by outsiders: the Nu HTML Checker and axe-core.

Public pages (organisation list and page, a consenting person's page) and the
coordinator's pages (lists, forms blank and with errors, CSV import and its
report) are rendered by the real app through WebTest; vnu validates them all in
one Java run, and chromium loads them (served from the same WebTest client
through request interception, stylesheet included) for axe's WCAG 2.1 A/AA rules.
"""
from urllib.parse import urlsplit

from webtest import Upload

from tests import judges
from tests.people.helpers import NAMED, NAMED_ORG, UNNAMED, UNNAMED_ORG
from tests.people.test_csv import PERSONS_CSV

PUBLIC = [
    "/organisations/",
    "/organisations/?q=verein&kind=mso",
    f"/organisations/{NAMED_ORG}/",
    f"/organisations/{UNNAMED_ORG}/",
    f"/people/{NAMED}/",
]
ADMIN = [
    "/people/",
    "/people/?q=demir&retired=1",
    f"/people/{UNNAMED}/",
    f"/people/{NAMED}/edit",
    "/people/add",
    "/organisations/add",
    f"/organisations/{NAMED_ORG}/",
    f"/organisations/{NAMED_ORG}/edit",
    "/people/import",
    "/organisations/import",
]


def admin_documents(admin):
    """Pages only a POST produces: forms with errors, import report and import error."""
    docs = {}
    form = admin.get("/people/add").forms["form"]
    form["email"] = "kaputt@"
    docs["POST /people/add (errors)"] = form.submit("save").text
    form = admin.get("/organisations/add").forms["form"]
    form["website"] = "ftp://x"
    docs["POST /organisations/add (errors)"] = form.submit("save").text
    form = admin.get("/people/import").forms["form"]
    form["upload"] = Upload("liste.csv", PERSONS_CSV.encode("utf-8"), "text/csv")
    docs["POST /people/import (report)"] = form.submit("import").text
    form = admin.get("/people/import").forms["form"]
    form["upload"] = Upload("liste.csv", b"a,b,c\r\n1,2,3\r\n", "text/csv")
    docs["POST /people/import (bad file)"] = form.submit("import", status=400).text
    return docs


def test_pages_are_valid_html(anonymous, admin):
    documents = {f"anonymous {p}": anonymous.get(p).text for p in PUBLIC}
    documents.update({f"admin {p}": admin.get(p).text for p in ADMIN})
    documents.update(admin_documents(admin))
    errors = judges.check_html(documents)
    assert not errors, judges.format_html_errors(errors)


def serve(client):
    """A Playwright route handler answering from the WebTest client."""
    def handler(route):
        parts = urlsplit(route.request.url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        response = client.get(path, expect_errors=True)
        headers = {k: v for k, v in response.headers.items()
                   if k.lower() in ("content-type", "location")}
        route.fulfill(status=response.status_int, headers=headers, body=response.body)
    return handler


def axe_results(browser, client, paths):
    context = browser.new_context()
    try:
        context.route("http://localhost/**", serve(client))
        page = context.new_page()
        results = {}
        for path in paths:
            page.goto("http://localhost" + path)
            assert page.locator("h1").count() == 1, path
            results[path] = browser.axe(page)
        return results
    finally:
        context.close()


def test_public_pages_are_accessible(browser, anonymous):
    results = axe_results(browser, anonymous, PUBLIC)
    assert not any(results.values()), judges.format_axe_violations(results)


def test_coordinator_pages_are_accessible(browser, admin):
    results = axe_results(browser, admin, ADMIN)
    assert not any(results.values()), judges.format_axe_violations(results)
