"""The home page shows the round table's current business, to each visitor what they may see.

Demo data (tests.conftest): the member user is Kwame Mensah (plenary, steering
group, AG Wohnen); the board's sessions are not public.
"""
import re
from datetime import timedelta


from roundtable.timeutil import now
from tests.conftest import edit


def section(page, heading_id):
    """The HTML of the <section> labelled by ``heading_id``."""
    match = re.search(r'<section[^>]*aria-labelledby="%s".*?</section>' % heading_id, page.text, re.S)
    assert match, f"no section {heading_id} on the page"
    return match.group(0)


def test_the_home_page_shows_what_is_happening(anonymous, db):
    page = anonymous.get("/")
    sessions = section(page, "h-sessions")
    with edit(db) as portal:
        upcoming = sorted((m for b in portal["bodies"].values() for m in b["meetings"].values()
                           if m.public and m.status != "cancelled" and m.end > now()),
                          key=lambda m: m.start)[:5]
        urls = ["http://localhost" + "/".join(["", "bodies", m.body.__name__, "meetings", m.__name__, ""])
                for m in upcoming]
        names = {m.body.name for m in upcoming}
    assert len(urls) == 5
    for url in urls:   # each: its page and its calendar entry
        assert f'href="{url}"' in sessions and f'href="{url}event.ics"' in sessions
    assert all(name in sessions for name in names)
    assert "Vorstandssitzung" not in sessions      # not public
    minutes = section(page, "h-minutes")
    assert minutes.count("/minutes/") >= 5 and 'href="http://localhost/minutes/"' in minutes
    motions = section(page, "h-motions")
    assert "RT-2026/01" in motions and "in Beratung" in motions
    assert "Schutzkonzept für Frauen" not in motions   # a draft
    follow = section(page, "h-follow")
    assert "/newsletter/signup" in follow and "/subscribe" in follow
    assert "Aktueller Newsletter" in follow
    year = section(page, "h-year")
    assert "Sitzungen durchgeführt" in year and "Anträge beschlossen" in year
    assert 'role="img"' in year and "Die Zahlen als Tabelle" in year
    assert 'aria-labelledby="h-mine"' not in page.text


def test_a_member_sees_their_next_sessions_and_open_replies_first(member, db):
    with edit(db) as portal:
        body = portal["bodies"]["ag-wohnen"]
        meeting = min((m for m in body["meetings"].values() if m.start > now() + timedelta(days=2)
                       and m.status != "cancelled"), key=lambda m: m.start)
        record = meeting.attendance_for("kwame-mensah")
        if record is not None:
            record.reply = None
        title = meeting.title
    page = member.get("/")
    mine = section(page, "h-mine")
    assert page.text.index('aria-labelledby="h-mine"') < page.text.index('aria-labelledby="h-sessions"')
    assert title in mine and "Rückmeldung offen" in mine and "#reply" in mine
    assert "Vorstandssitzung" not in mine   # not on the board


def test_the_coordinator_edits_the_text_about_the_round_table(admin, anonymous):
    form = admin.get("/settings").forms["form"]
    form["about"] = "Wir sind 24 Einzelmitglieder und 20 Organisationen.\n\n<b>Seit 2010</b>."
    assert form.submit("save").status_int == 303
    page = anonymous.get("/")
    assert "<p>Wir sind 24 Einzelmitglieder und 20 Organisationen.</p>" in page.text
    assert "&lt;b&gt;Seit 2010&lt;/b&gt;" in page.text


def test_favicon_and_link_preview(anonymous):
    page = anonymous.get("/")
    assert 'rel="icon" href="http://localhost/static/img/favicon.svg"' in page.text
    assert 'property="og:image" content="http://localhost/static/img/og-image.png"' in page.text
    icon = anonymous.get("/favicon.ico")
    assert icon.content_type == "image/vnd.microsoft.icon" and icon.body[:4] == b"\0\0\1\0"
    og = anonymous.get("/static/img/og-image.png")
    assert og.body[:8] == b"\x89PNG\r\n\x1a\n"
    assert anonymous.get("/static/img/favicon.svg").text.count("<circle") == 9
