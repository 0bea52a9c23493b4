"""Changes that fired no event before issue 20, now counted: each renews the
cached anonymous page that shows it.

The attendance record (the quorum and the guests on the meeting page), a
motion put on an agenda (its new item), a withdrawn consent, an erasure
(the scrub of the name everywhere), and an upgrade step (no events at all).
"""
import re

import transaction
from webtest import TestApp

from roundtable import evolve
from roundtable.db import ROOT_KEY
from tests.freshness.helpers import public_site, submit
from tests.people.helpers import csrf_token


def test_the_attendance_record_renews_the_meeting_page(app, admin):
    site = public_site(app)
    anonymous = TestApp(app)
    before = anonymous.get(site.meeting)
    form = [f for f in admin.get(site.meeting + "attendance").forms.values()
            if "guests" in f.fields][0]
    form["guests"] = "37"
    form.submit(status=303)
    after = anonymous.get(site.meeting)
    assert after.headers["ETag"] != before.headers["ETag"]
    assert "Gäste: <span>37</span>" in after.text or re.search(r"Gäste:\s*37", after.text)
    assert "37" not in re.findall(r"Gäste:\D*(\d+)", before.text)


def test_a_motion_put_on_the_agenda_renews_the_meeting_page(app, admin):
    draft = "/motions/integrationslotsinnen-in-den-stadtteilbueros/"   # a draft of the demo
    title = admin.get(draft).html.h1.get_text(" ", strip=True)
    form = admin.get(draft + "schedule").forms["form"]
    meeting = [value for value, _selected, _text in form["meeting"].options if value][0]
    anonymous = TestApp(app)
    before = anonymous.get(meeting + "/" if not meeting.endswith("/") else meeting)
    form["meeting"] = meeting
    form.submit("save", status=303)
    after = anonymous.get(before.request.path)
    assert after.headers["ETag"] != before.headers["ETag"]
    assert after.text.count(title) > before.text.count(title)


def test_a_withdrawn_consent_takes_the_name_off_cached_pages(app, admin):
    site = public_site(app)
    anonymous = TestApp(app)
    name = anonymous.get(site.person).html.h1.get_text(strip=True)
    assert name in anonymous.get("/members").text
    submit(admin, site.person + "edit", public_consent=False)
    anonymous.get(site.person, status=404)
    assert name not in anonymous.get("/members").text


def test_an_erasure_leaves_no_cached_page_with_the_name(app, admin):
    site = public_site(app)
    anonymous = TestApp(app)
    family = anonymous.get(site.person).html.h1.get_text(strip=True).split()[-1]
    pages = ["/members", "/", "/meetings", "/sitemap.xml", "/organisations/"]
    for path in pages:
        anonymous.get(path)
    assert family in anonymous.get("/members").text
    admin.post(site.person + "erase", {"csrf_token": csrf_token(admin)}, status=303)
    anonymous.get(site.person, status=404)
    for path in pages:
        assert family not in anonymous.get(path).text, path


def test_an_upgrade_step_renews_every_page(app, monkeypatch):
    anonymous = TestApp(app)
    before = {path: anonymous.get(path) for path in ("/", "/imprint", "/bodies/")}

    def rename(portal):
        portal.title = "Runder Tisch nach dem Upgrade"
    monkeypatch.setattr(evolve, "steps", lambda: [("9999-freshness-test", rename)])
    db = app.registry._zodb_databases[""]
    conn = db.open()
    try:
        with transaction.manager:
            assert evolve.evolve(conn.root()) == ["9999-freshness-test"]
            assert conn.root()[ROOT_KEY].title == "Runder Tisch nach dem Upgrade"
    finally:
        conn.close()
    for path, page in before.items():
        after = anonymous.get(path)
        assert after.headers["ETag"] != page.headers["ETag"]
        assert "Runder Tisch nach dem Upgrade" in after.text
