"""The minutes pages judged by outsiders: the Nu HTML Checker and axe-core in chromium.

Valid HTML is checked on every minutes page as rendered through WebTest, in
each state and for public and internal viewers, forms fresh and with errors.
Accessibility is checked in a real browser against a real ``pserve`` whose
database is prepared with published minutes (tests.minutes.data).
"""

import pytest

from tests import judges
from tests.minutes import data as md
from tests.minutes.test_views import make_minutes, transition
from tests.minutes.test_views import paths  # noqa: F401  (the fixture)
from tests.people.helpers import form_with_action


def test_minutes_pages_are_valid_html(clients, db, paths):  # noqa: F811
    anonymous, member, chair, board = (clients[r] for r in ("anonymous", "member", "chair", "board"))
    pages = {}

    def take(name, response):
        assert response.status_int == 200, name
        pages[name] = response.text

    take("create minutes", board.get(paths.march + "create-minutes"))
    form_with_action(board.get(paths.march + "create-minutes"), "/create-minutes").submit()
    march = paths.march + "minutes/"
    take("empty draft", board.get(march))
    make_minutes(db, paths.march)
    take("draft (board)", board.get(march))
    take("edit item", board.get(march + "edit/top-2"))
    take("edit general", board.get(march + "edit"))
    form = board.get(march + "edit/top-2").forms["form"]
    form.fields["yes"][0].value = "-3"
    form.fields["date"][0].value = "2025-02-30"
    form.fields["responsible"][1].value = "ohne Aufgabe"
    take("edit item with errors", form.submit("save"))
    transition(board, march, "submit")
    take("review (board, approve form)", board.get(march))
    take("review (member)", member.get(march))
    transition(board, march, "approve", meeting=paths.april.split("/")[-2])
    transition(board, march, "publish")
    take("published (public)", anonymous.get(march))
    take("published (member)", member.get(march))
    take("published (board)", board.get(march))
    take("print (public)", anonymous.get(march + "print"))
    take("print (board)", board.get(march + "print"))
    take("correct item", board.get(march + "correct/top-3"))
    form = board.get(march + "correct/top-2").forms["form"]
    form["discussion"] = "Korrigierter Text."
    take("correct item with errors", form.submit("save"))
    form = board.get(march + "correct").forms["form"]
    form["reason"] = "nichts"
    take("correct general unchanged", form.submit("save"))
    form = board.get(march + "correct/top-2").forms["form"]
    form["discussion"] = "Korrigierter Text."
    form["reason"] = "Tippfehler"
    form.submit("save")
    take("corrected (public)", anonymous.get(march))
    take("versions", board.get(march + "versions"))
    take("version 1", board.get(march + "versions/1"))
    make_minutes(db, paths.may, "review")
    take("review (chair of the group)", chair.get(paths.may + "minutes/"))
    errors = judges.check_html(pages)
    assert not errors, judges.format_html_errors(errors)


# axe-core in chromium against a live server -------------------------------------------

@pytest.fixture(scope="module")
def minutes_server():
    with judges.shared("minutes_live_server",
                       lambda: judges.LiveServer(prepare=md.prepare_live)) as server:
        yield server


def test_public_minutes_pass_axe(browser, minutes_server):
    url = md.LIVE_PATHS.may + "minutes/"
    context = browser.new_context(base_url=minutes_server.base_url)
    try:
        page = context.new_page()
        results = {}
        for path in (url, url + "print"):
            response = page.goto(path)
            assert response.status == 200, path
            assert "Sprachkursangebote im Herbst" in page.content()
            assert md.SECRET not in page.content()
            results[path] = browser.axe(page)
        assert not any(results.values()), judges.format_axe_violations(results)
    finally:
        context.close()


def test_internal_minutes_pages_pass_axe(browser, minutes_server):
    from tests.conftest import PASSWORD, ROLE_USERS

    url = md.LIVE_PATHS.may + "minutes/"
    context = browser.new_context(base_url=minutes_server.base_url)
    try:
        page = context.new_page()
        judges.sign_in(page, ROLE_USERS["board"][0], PASSWORD)
        results = {}
        for path in (url, url + "correct/top-1", url + "versions"):
            response = page.goto(path)
            assert response.status == 200, path
            results[path] = browser.axe(page)
        page.goto(url + "correct/top-1")
        page.get_by_role("button", name="Korrektur speichern").click()
        page.wait_for_selector(".field-error")
        results["correct (errors)"] = browser.axe(page)
        assert not any(results.values()), judges.format_axe_violations(results)
    finally:
        context.close()
