"""Motions and committees pages judged by outsiders: the Nu HTML Checker on
pages rendered through WebTest, axe-core in chromium on the public pages of
the live server (demo data)."""
import re

from tests import judges
from tests.meetings.helpers import csrf_token
from tests.motions.helpers import REGISTER, create

PUBLIC = "/motions/sprachmittlung-in-arztpraxen/"
COMMITTEE = "/committees/ausschuss-fuer-soziales-und-gesundheit/"


def test_motions_pages_are_valid_html(clients, db):
    anonymous, member, board, admin = (clients[r] for r in ("anonymous", "member", "board", "admin"))
    draft = create(db, title="Entwurf <mit> Zeichen & Umlauten")
    consulted = create(db, title="In Beratung", state="in_consultation")
    pages = {}

    def take(name, response, status=200):
        assert response.status_int == status, name
        pages[name] = response.text

    for path in (REGISTER, REGISTER + "?status=done&year=2025", PUBLIC, "/committees/", COMMITTEE,
                 consulted):
        take("anonymous " + path, anonymous.get(path))
    take("bad filter", anonymous.get(REGISTER + "?year=abc&status=x", expect_errors=True), 400)
    take("member register", member.get(REGISTER))
    for path in (REGISTER, REGISTER + "dashboard", REGISTER + "add", draft, draft + "edit",
                 draft + "versions", draft + "schedule", draft + "upload", draft + "delete",
                 draft + "withdraw", consulted, consulted + "consultation",
                 consulted + "result?cid=1", PUBLIC):
        take("board " + path, board.get(path))
    for path in ("/committees/add", COMMITTEE + "edit", COMMITTEE, consulted + "note"):
        take("admin " + path, admin.get(path))
    form = board.get(REGISTER + "add").forms["form"]
    form["title"] = ""
    take("add with errors", form.submit("save"))
    # two authors: the stale save
    stale = board.get(draft + "edit").forms["form"]
    form = admin.get(draft + "edit").forms["form"]
    form["resolution"] = "Neue <b>Fassung</b>"
    form.submit("save")
    take("stale save", stale.submit("save", expect_errors=True), 409)
    take("versions with diff", board.get(draft + "versions"))
    form = board.get(consulted + "result?cid=1").forms["form"]
    take("result refused", form.submit("save", expect_errors=True), 200)
    take("refused step", board.post(draft + "submit", {"csrf_token": csrf_token(board),
                                                      "__formid__": "form", "save": "save"},
                                    expect_errors=True), 200)
    errors = judges.check_html(pages)
    assert not errors, judges.format_html_errors(errors)


def test_public_motion_pages_pass_axe(browser, live_server):
    context = browser.new_context(base_url=live_server.base_url)
    try:
        page = context.new_page()
        results = {}
        for path in (REGISTER, REGISTER + "?status=done", PUBLIC, "/committees/", COMMITTEE):
            assert page.goto(path).status == 200, path
            results[path] = browser.axe(page)
        assert not any(results.values()), judges.format_axe_violations(results)
    finally:
        context.close()


def test_board_motion_pages_pass_axe(browser, live_server):
    context = browser.new_context(base_url=live_server.base_url)
    try:
        page = context.new_page()
        judges.sign_in(page, live_server.admin_login, live_server.admin_password)
        results = {}
        page.goto(REGISTER + "dashboard")
        results["dashboard"] = browser.axe(page)
        hrefs = page.eval_on_selector_all("main a", "els => els.map(e => e.getAttribute('href'))")
        draft = next(h for h in hrefs if re.search(r"/motions/schutzkonzept", h or ""))
        for path in (draft, draft + "edit", draft + "versions", REGISTER + "add"):
            assert page.goto(path).status == 200, path
            results[path] = browser.axe(page)
        assert not any(results.values()), judges.format_axe_violations(results)
    finally:
        context.close()
