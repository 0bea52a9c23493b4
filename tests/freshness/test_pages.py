"""Every kind of public page: a change the coordinator makes (her form, posted
through the app) to something the page shows gives the page a new ETag and
the new content at once; until then the page answers ``If-None-Match`` with
304 and repeats come from the anonymous page cache.

One row per page type: the page, the change, and the text the change puts on
the page. The demo's public pages are found through the sitemap.
"""
import re

import pytest
from webtest import TestApp

from tests.freshness.helpers import cached, public_site, submit
from tests.meetings.helpers import PDF

NEW = "Frischetest"   # plain ASCII, so it reads the same escaped or not


def change(form_url, shows=None, **fields):
    """The coordinator posts ``fields`` to the form at ``form_url(site)``; the
    page then shows ``shows`` (by default the value posted)."""
    def run(admin, site):
        submit(admin, form_url(site), **fields)
        return shows or next(iter(fields.values()))
    return run


def settings_change(field):
    return change(lambda s: "/settings", **{field: f"{NEW} {field}"})


def document_upload(admin, site):
    """A document added to an agenda item (this fired no event before issue 20)."""
    item = re.findall(r'/agenda/([^/"]+)/edit"', admin.get(site.meeting).text)[0]
    page = admin.get(site.meeting + f"agenda/{item}/upload")
    form = [f for f in page.forms.values() if f.action.endswith("/upload")][0]
    form["upload"] = ("anlage.pdf", PDF, "application/pdf")
    form["title"] = f"{NEW} Anlage"
    form.submit(status=303)
    return f"{NEW} Anlage"


meeting_title = change(lambda s: s.meeting + "edit", title=f"{NEW} Sitzung")
body_name = change(lambda s: s.body + "edit", name=f"{NEW} Gremium")
motion_note = change(lambda s: s.motion + "note", text=f"{NEW} Vermerk")
committee_name = change(lambda s: s.committee + "edit", name=f"{NEW} Ausschuss")
committee_added = change(lambda s: "/committees/add", name=f"{NEW} Neuer Ausschuss",
                         shows="/committees/frischetest-neuer-ausschuss/")
person_name = change(lambda s: s.person + "edit", family_name=NEW)
organisation_name = change(lambda s: s.organisation + "edit", name=f"{NEW} Verein")
list_title = change(lambda s: s.mailing_list + "edit", title=f"{NEW} Verteiler")
concept_title = change(lambda s: s.concept + "edit", title=f"{NEW} Konzept")
measure_title = change(lambda s: s.measure + "edit", title=f"{NEW} Massnahme")


def searched_meeting(admin, site):
    """A meeting renamed: a search for its new word finds it (the catalog is
    renewed in its own transaction after the form's)."""
    submit(admin, site.meeting + "edit", title=f"{NEW} Sitzung")
    return f'href="http://localhost{site.meeting}"'


PAGES = [
    ("home", lambda s: "/", settings_change("about")),
    ("imprint", lambda s: "/imprint", settings_change("imprint")),
    ("privacy", lambda s: "/privacy", settings_change("privacy")),
    ("meetings list", lambda s: "/meetings", meeting_title),
    ("meetings calendar", lambda s: f"/meetings/calendar?month={s.month}", meeting_title),
    ("meeting", lambda s: s.meeting, meeting_title),
    ("meeting, a document", lambda s: s.meeting, document_upload),
    ("meeting print", lambda s: s.meeting + "print", meeting_title),
    ("minutes", lambda s: s.minutes, meeting_title),
    ("minutes print", lambda s: s.minutes + "print", meeting_title),
    ("minutes list", lambda s: "/minutes", meeting_title),
    ("bodies", lambda s: "/bodies/", body_name),
    ("body", lambda s: s.body, body_name),
    ("motions register", lambda s: "/motions/", committee_name),
    ("motion", lambda s: s.motion, motion_note),
    ("committees", lambda s: "/committees/", committee_name),
    ("committee", lambda s: s.committee, committee_name),
    ("person", lambda s: s.person, person_name),
    ("members", lambda s: "/members", person_name),
    ("organisations", lambda s: "/organisations/", organisation_name),
    ("organisation", lambda s: s.organisation, organisation_name),
    ("newsletter archive", lambda s: "/newsletter/", list_title),
    ("mailing list", lambda s: s.mailing_list, list_title),
    ("newsletter issue", lambda s: s.issue, list_title),
    ("concepts", lambda s: "/concept/", concept_title),
    ("concept", lambda s: s.concept, concept_title),
    ("measure", lambda s: s.measure, measure_title),
    # a published report is frozen; what still changes on it is the site around it
    ("report", lambda s: s.report, settings_change("title")),
    ("sitemap", lambda s: "/sitemap.xml", committee_added),
    ("search", lambda s: f"/search?q={NEW}", searched_meeting),
    ("search, a body's name in the rows", lambda s: "/search?q=Sitzung", body_name),
]


@pytest.mark.parametrize("url, change", [p[1:] for p in PAGES], ids=[p[0] for p in PAGES])
def test_a_change_renews_the_page(app, admin, url, change):
    site = public_site(app)
    url = url(site)
    anonymous = TestApp(app)
    first = anonymous.get(url)
    tag = first.headers["ETag"]
    assert "Set-Cookie" not in first.headers
    # unchanged: 304 without a body, and a repeat comes from the cache
    unchanged = anonymous.get(url, headers={"If-None-Match": tag}, status=304)
    assert unchanged.body == b"" and unchanged.headers["ETag"] == tag
    stored = cached(app)
    again = anonymous.get(url)
    assert again.body == first.body and again.headers["ETag"] == tag
    assert cached(app) == stored

    text = change(admin, site)
    assert text not in first.text

    after = anonymous.get(url)
    assert after.headers["ETag"] != tag
    assert text in after.text
    # the old tag no longer matches: the whole new page comes
    assert anonymous.get(url, headers={"If-None-Match": tag}).status_int == 200


def test_robots_answers_304(anonymous):
    first = anonymous.get("/robots.txt")
    assert anonymous.get("/robots.txt", headers={"If-None-Match": first.headers["ETag"]},
                         status=304).body == b""


DOWNLOADS = [
    ("minutes.pdf", lambda s: s.minutes + "minutes.pdf", meeting_title),
    ("report.pdf", lambda s: s.report + "report.pdf", settings_change("title")),
    ("report.odt", lambda s: s.report + "report.odt", settings_change("title")),
]


@pytest.mark.parametrize("url, change", [d[1:] for d in DOWNLOADS], ids=[d[0] for d in DOWNLOADS])
def test_a_download_is_kept_whole_and_renewed(app, admin, url, change):
    """PDF and ODT files come from the cache with their file name, and a change
    to what they are made of gives a new tag (their text is compressed, so the
    test compares tags and bytes, not text)."""
    site = public_site(app)
    url = url(site)
    anonymous = TestApp(app)
    first = anonymous.get(url)
    tag = first.headers["ETag"]
    anonymous.get(url, headers={"If-None-Match": tag}, status=304)
    again = anonymous.get(url)
    assert again.body == first.body
    assert again.headers["Content-Disposition"] == first.headers["Content-Disposition"]
    assert again.content_type == first.content_type
    change(admin, site)
    after = anonymous.get(url, headers={"If-None-Match": tag})
    assert after.status_int == 200 and after.headers["ETag"] != tag
