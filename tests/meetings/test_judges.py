"""The meetings pages judged by outsiders: the Nu HTML Checker and axe-core in chromium.

Valid HTML is checked on pages rendered through WebTest in every state worth
seeing (public and internal, forms fresh and with errors, refusals);
accessibility in a real browser against a real ``pserve`` with the demo data,
as an anonymous visitor, as a member following the personal reply link, and
as the coordinator.
"""
import configparser
import re


from roundtable.meetings.tokens import make_token
from tests import judges
from tests.meetings.helpers import SB, create_meetings, csrf_token


def test_meetings_pages_are_valid_html(clients, db):
    urls = create_meetings(db)
    sb, wohnen, past = urls["sb"], urls["wohnen"], urls["past"]
    anonymous, member, chair, admin = (clients[r] for r in ("anonymous", "member", "chair", "admin"))
    pages = {}

    def take(name, response, status=200):
        assert response.status_int == status, name
        pages[name] = response.text

    month = urls["sb_day"].strftime("%Y-%m")
    for path in ("/meetings", f"/meetings?body=runder-tisch&year={urls['sb_day'].year}",
                 "/meetings/calendar", "/meetings/calendar?month=" + month, sb, sb + "print"):
        take("anonymous " + path, anonymous.get(path))
    listing = anonymous.get("/meetings?body=runder-tisch").text
    earlier = listing[listing.index('id="h-past"'):]
    plenary = re.search(r'href="http://localhost(/bodies/runder-tisch/meetings/[\d-]+/)"', earlier).group(1)
    take("anonymous held plenary", anonymous.get(plenary))
    take("anonymous bad filter", anonymous.get("/meetings?year=abc", expect_errors=True), 400)
    take("member my meetings", member.get("/my-meetings"))
    take("member wohnen", member.get(wohnen))
    take("admin meetings", admin.get("/meetings"))
    take("admin my meetings", admin.get("/my-meetings"))
    take("chair sb", chair.get(sb))
    take("chair print", chair.get(sb + "print"))
    for form_path in ("meetings/add",):
        take("chair " + form_path, chair.get(SB + form_path))
    form = chair.get(SB + "meetings/add").forms["form"]
    form["title"] = ""
    form["place_name"] = ""
    take("chair add meeting with errors", form.submit("save"))
    take("chair edit", chair.get(sb + "edit"))
    take("chair agenda add", chair.get(sb + "agenda/add"))
    form = chair.get(sb + "agenda/add").forms["form"]
    form["number"] = "1"
    take("chair agenda add duplicate", form.submit("save"))
    take("chair item edit", chair.get(sb + "agenda/top-2/edit"))
    take("chair item delete", chair.get(sb + "agenda/top-1/delete"))
    take("chair upload", chair.get(sb + "agenda/top-1/upload"))
    take("chair upload refused", chair.post(
        sb + "agenda/top-1/upload", {"csrf_token": csrf_token(chair), "title": ""},
        upload_files=[("upload", "evil.exe", b"MZ\x90\x00", "application/x-msdownload")],
        expect_errors=True), 400)
    take("chair invite", chair.get(sb + "invite"))
    take("chair attendance", chair.get(sb + "attendance"))
    take("chair attendance refused", chair.post(
        sb + "attendance", {"csrf_token": csrf_token(chair), "guests": "-4"}, expect_errors=True), 400)
    take("admin invite refused", admin.get(past + "invite"))
    # the personal reply page
    invite_page = admin.get(wohnen + "invite")
    [f for f in invite_page.forms.values() if f.action.endswith("/invite")][0].submit(status=303)
    with_token = _reply_path(db, wohnen, "kwame-mensah", "test-secret")
    take("visitor reply page", anonymous.get(with_token))
    errors = judges.check_html(pages)
    assert not errors, judges.format_html_errors(errors)


def _reply_path(db, path, person_id, secret):
    from tests.meetings.helpers import opened

    with opened(db, path) as meeting:
        token = make_token(secret, path.rstrip("/"), person_id, meeting.reply_expiry())
    return f"{path}reply/{person_id}/{token}"


# axe-core in chromium against a live server --------------------------------------------

def _secret(live_server):
    config = configparser.ConfigParser(interpolation=None)
    config.read(live_server.ini, encoding="utf-8")
    return config["app:main"]["roundtable.secret"]


def _first_link(page, pattern):
    hrefs = page.eval_on_selector_all("main a", "els => els.map(e => e.getAttribute('href'))")
    return next(h for h in hrefs if re.search(pattern, h or ""))


def test_public_meetings_pages_pass_axe(browser, live_server):
    context = browser.new_context(base_url=live_server.base_url)
    try:
        page = context.new_page()
        results = {}
        for path in ("/meetings", "/meetings/calendar", "/meetings?body=runder-tisch"):
            assert page.goto(path).status == 200, path
            results[path] = browser.axe(page)
        page.goto("/meetings?body=runder-tisch")
        meeting = _first_link(page, r"/bodies/runder-tisch/meetings/[\d-]+/$")
        for path in (meeting, meeting + "print"):
            assert page.goto(path).status == 200, path
            results[path] = browser.axe(page)
        # the personal link from an invitation, as the member opens it
        path = meeting.replace(live_server.base_url, "").rstrip("/")
        from datetime import datetime, timedelta, timezone

        expires = datetime.now(timezone.utc) + timedelta(days=90)
        token = make_token(_secret(live_server), path, "kwame-mensah", expires)
        assert page.goto(f"{path}/reply/kwame-mensah/{token}").status in (200, 410)
        results["reply link"] = browser.axe(page)
        assert not any(results.values()), judges.format_axe_violations(results)
    finally:
        context.close()


def test_internal_meetings_pages_pass_axe(browser, live_server):
    context = browser.new_context(base_url=live_server.base_url)
    try:
        page = context.new_page()
        judges.sign_in(page, live_server.admin_login, live_server.admin_password)
        results = {}
        page.goto("/meetings?body=ag-wohnen")
        results["/meetings (coordinator)"] = browser.axe(page)
        meeting = _first_link(page, r"/bodies/ag-wohnen/meetings/[\d-]+/$")
        for path in (meeting, meeting + "attendance", meeting + "invite", meeting + "edit",
                     meeting + "agenda/add", meeting + "agenda/top-2/upload",
                     meeting + "agenda/top-2/delete", "/my-meetings", "/bodies/ag-wohnen/meetings/add"):
            response = page.goto(path)
            assert response.status == 200, path
            results[path] = browser.axe(page)
        # a form with its error messages (nothing is stored: the title is missing)
        page.goto("/bodies/ag-wohnen/meetings/add")
        page.get_by_label(re.compile(r"^\s*Titel")).fill("")
        page.get_by_role("button", name="Anlegen").click()
        page.wait_for_selector(".field-error")
        results["add meeting (errors)"] = browser.axe(page)
        assert not any(results.values()), judges.format_axe_violations(results)
    finally:
        context.close()
