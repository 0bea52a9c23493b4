"""The concept's pages judged by outsiders: the Nu HTML Checker on every page
(public, steering group, coordinator's forms, the round's answer form), and
axe-core in chromium on the public pages and the answer form."""
from datetime import date

from tests import judges
from tests.measures.helpers import answer_links, concept_path, csrf, start_round

YEAR = date.today().year - 1


def test_concept_pages_are_valid_html(clients, settings, smtp_server):
    anonymous, board, admin = clients["anonymous"], clients["board"], clients["admin"]
    concept = concept_path(anonymous)
    measure = concept + "3-1-1/"
    report = concept + f"reports/{YEAR}/"
    pages = {}

    def take(name, response):
        assert response.status_int in (200, 400), name
        pages[name] = response.text

    for path in ("/concept/", concept, measure, concept + "2-2-2/", report):
        take("anonymous " + path, anonymous.get(path))
    for path in (concept + "dashboard", measure, concept + f"rounds/{YEAR}/"):
        take("steering " + path, board.get(path))
    take("admin published " + report, admin.get(report))
    # the introduction's form is the draft's: withdraw the published report first
    admin.post(report + "withdraw", {"csrf_token": csrf(admin, report)}, status=303).follow()
    for path in ("/concept/add", "/concept/add-unit", concept + "edit", concept + "add-field",
                 concept + "add-goal", concept + "add-measure", concept + "import",
                 concept + "start-round", concept + "revise", measure + "edit",
                 measure + "status", measure + "indicator", measure + "add-value",
                 report + "edit", concept + f"rounds/{YEAR}/", report):
        take("admin " + path, admin.get(path))
    form = admin.get(measure + "status").forms["form"]
    form["status"] = "done"
    take("status refused", form.submit("save", status=400))
    start_round(admin, concept, YEAR + 1)
    link = next(iter(answer_links(settings, smtp_server).values()))
    answer = anonymous.get(link)
    take("answer form", answer)
    first = next(n for n in answer.forms["answer-form"].fields if n and n.endswith("-progress"))
    form = answer.forms["answer-form"]
    form[first] = "viel"
    take("answer with errors", form.submit("save", status=400))
    take("round with an answer", admin.get(concept + f"rounds/{YEAR + 1}/"))
    errors = judges.check_html(pages)
    assert not errors, judges.format_html_errors(errors)


def test_public_concept_pages_pass_axe(browser, live_server):
    context = browser.new_context(base_url=live_server.base_url)
    try:
        page = context.new_page()
        page.goto("/concept/")
        concept = page.locator(".concept-entry h2 a").first.get_attribute("href")
        results = {}
        for path in ("/concept/", concept, concept + "3-1-1/", concept + f"reports/{YEAR}/"):
            assert page.goto(path).status == 200, path
            results[path] = browser.axe(page)
        assert not any(results.values()), judges.format_axe_violations(results)
    finally:
        context.close()


def test_coordinator_concept_pages_pass_axe(browser, live_server):
    context = browser.new_context(base_url=live_server.base_url)
    try:
        page = context.new_page()
        judges.sign_in(page, live_server.admin_login, live_server.admin_password)
        page.goto("/concept/")
        concept = page.locator(".concept-entry h2 a").first.get_attribute("href")
        results = {}
        for path in (concept + "dashboard", concept + f"rounds/{YEAR}/", concept + "add-measure",
                     concept + "import", concept + "3-1-1/status",
                     concept + f"rounds/{YEAR}/edit-answer?key="
                     "unit.koordinierungsstelle-fuer-integration"):
            assert page.goto(path).status == 200, path
            results[path] = browser.axe(page)
        assert not any(results.values()), judges.format_axe_violations(results)
    finally:
        context.close()
