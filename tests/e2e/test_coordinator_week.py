"""In chromium, the coordinator's and the board's week (issue 15): a meeting
cancelled with a reason and reinstated, a member's reply with a note shown as
the current reply, attendance refused before the start, text typed with line
breaks kept on the page, and a newsletter issue arranged, sent at once and
followed by the progress bar that polls its JSON status.
"""
import re
from types import SimpleNamespace

import pytest
from playwright.sync_api import expect

from tests import judges
from tests.conftest import PASSWORD, ROLE_USERS
from tests.minutes import data as md
from tests.meetings.helpers import add_meeting, next_sunday, url

PATHS = SimpleNamespace()


def prepare(settings):
    """The minutes test's live data plus an upcoming AG Wohnen meeting of our own."""
    import ZODB
    from zodburi import resolve_uri

    from tests.conftest import edit

    password = md.prepare_live(settings)
    factory, dbkw = resolve_uri(settings["zodbconn.uri"])
    db = ZODB.DB(factory(), **dbkw)
    try:
        with edit(db) as portal:
            meeting = add_meeting(portal, "ag-wohnen", next_sunday(12), title="Wohnen: Woche 15",
                                  items=[("1", "Begrüßung", True), ("2", "Mietspiegel", True)])
            PATHS.meeting = url(meeting)
            PATHS.delegate_link = _delegate_and_deputy(portal, settings)
    finally:
        db.close()
    return password


def _delegate_and_deputy(portal, settings):
    """A delegate of an organisation in AG Wohnen with the organisation's deputy,
    invited to a meeting; returns the delegate's personal reply link (path)."""
    from datetime import date

    from pyramid.traversal import resource_path

    from roundtable.meetings.tokens import make_token

    body = portal["bodies"]["ag-wohnen"]
    org = next(iter(portal["organisations"].listing())).__name__
    members = {m.person_id for m in body.current_memberships()}
    deputy = next(p for p in portal["people"].listing() if p.email and p.__name__ not in members)
    PATHS.deputy = deputy.title
    body.add_membership(person_id="mahmoud-al-hassan", organisation_id=org, role="delegate",
                        voting=True, start=date(2020, 1, 1), end=None, note="")
    body.add_membership(person_id=deputy.__name__, organisation_id=org, role="deputy",
                        voting=False, start=date(2020, 1, 1), end=None, note="")
    meeting = add_meeting(portal, "ag-wohnen", next_sunday(19), title="Wohnen: Vertretung")
    meeting.mark_invited()
    token = make_token(settings["roundtable.secret"], resource_path(meeting), "mahmoud-al-hassan",
                       meeting.reply_expiry())
    return f"{resource_path(meeting)}/reply/mahmoud-al-hassan/{token}"


@pytest.fixture(scope="module")
def server():
    with judges.shared("issue15_live_server", lambda: judges.LiveServer(prepare=prepare)) as server:
        yield server


def test_board_cancels_with_a_reason_and_reinstates(new_page):
    aylin = new_page(ROLE_USERS["board"][0], PASSWORD)
    aylin.goto(PATHS.meeting)
    aylin.get_by_role("link", name="Sitzung absagen").click()
    expect(aylin.get_by_role("heading", level=1)).to_contain_text("Sitzung absagen")
    aylin.get_by_role("button", name="Sitzung absagen").click()   # no reason yet
    expect(aylin.locator("#form")).to_contain_text("Bitte geben Sie eine Begründung an")
    aylin.get_by_label(re.compile(r"Begründung für die Mitglieder")).fill(
        "Der Saal wird renoviert.\nWir melden uns mit einem neuen Termin.")
    aylin.get_by_role("button", name="Sitzung absagen").click()
    expect(aylin.locator(".flash")).to_contain_text("Die Sitzung ist abgesagt")
    notice = aylin.locator(".alert-danger[role=note]")
    expect(notice).to_contain_text("Der Saal wird renoviert.")
    assert notice.locator("br").count() == 1   # the line break survived
    aylin.get_by_role("link", name="Sitzung wieder ansetzen").click()
    aylin.get_by_role("button", name="Sitzung wieder ansetzen").click()
    expect(aylin.locator(".flash")).to_contain_text("Die Absage ist aufgehoben")
    expect(aylin.get_by_role("link", name="Sitzung absagen")).to_be_visible()


def test_member_replies_with_a_note_on_a_phone(new_page):
    kwame = new_page(ROLE_USERS["member"][0], PASSWORD, width=390)
    kwame.goto(PATHS.meeting)
    kwame.get_by_label("Notiz zur Rückmeldung (freiwillig)").fill("Ich brauche Kinderbetreuung.")
    kwame.get_by_role("button", name="Ich nehme teil").click()
    expect(kwame.locator(".flash")).to_contain_text("Ihre Rückmeldung ist gespeichert")
    current = kwame.locator('#reply button[aria-pressed="true"]')
    expect(current).to_have_count(1)
    expect(current).to_contain_text("✓ Ich nehme teil")
    expect(kwame.locator("#reply")).to_contain_text("Ihre Notiz: Ich brauche Kinderbetreuung.")
    assert kwame.evaluate("document.documentElement.scrollWidth") <= 390
    kwame.goto("/my-meetings")
    expect(kwame.locator('button[aria-pressed="true"]', has_text="Ich nehme teil").first).to_be_visible()


def test_attendance_waits_for_the_start(new_page):
    aylin = new_page(ROLE_USERS["board"][0], PASSWORD)
    aylin.goto(PATHS.meeting + "attendance")
    expect(aylin.locator(".notice")).to_contain_text("Die Sitzung hat noch nicht begonnen.")
    expect(aylin.get_by_role("button", name="Anwesenheit speichern")).to_have_count(0)


def test_coordinator_arranges_sends_and_watches_the_progress(new_page, server):
    admin = new_page(server.admin_login, server.admin_password)
    admin.goto("/newsletter/verteiler-zusammenleben/add-issue")
    admin.get_by_role("button", name="Entwurf erstellen").click()
    expect(admin.locator(".flash")).to_contain_text("zusammengestellt")
    issue = admin.url.split("#")[0]
    admin.get_by_role("link", name="Textabschnitt hinzufügen").click()
    admin.get_by_label(re.compile(r"^\s*Überschrift")).fill("Grußwort")
    admin.get_by_label(re.compile(r"^\s*Text")).fill("Liebe Leserinnen und Leser,\nschöne Feiertage!\n\n"
                                                     "Mehr unter https://example.org/feste")
    admin.get_by_role("button", name="Hinzufügen").click()
    greeting = admin.locator("section[id^=s]", has=admin.get_by_role("heading", name="Grußwort"))
    expect(greeting.locator("p").first).to_contain_text("Liebe Leserinnen und Leser,")
    expect(greeting.locator("a[href='https://example.org/feste']")).to_be_visible()
    # the greeting goes to the top, one click per place
    while admin.locator("section[id^=s] h2").first.inner_text() != "Grußwort":
        admin.locator("section[id^=s]", has=admin.get_by_role("heading", name="Grußwort")).get_by_role(
            "button", name=re.compile("Nach oben")).click()
    sections = admin.locator("section[id^=s] h2")
    expect(sections.first).to_have_text("Grußwort")
    # leave the first entry of the next section out, and bring it back
    second = admin.locator("section[id^=s]").nth(1)
    leave = second.get_by_role("button", name=re.compile("Weglassen")).first
    if leave.count():
        leave.click()
        expect(admin.locator(".flash")).to_contain_text("weggelassen")
        admin.locator("section[id^=s]").nth(1).get_by_role(
            "button", name=re.compile("Wieder aufnehmen")).first.click()
        expect(admin.locator(".flash")).to_contain_text("wieder aufgenommen")
    # send: the answer comes at once, the page polls progress.json
    admin.goto(issue + "send")
    with admin.expect_response(lambda r: r.url.endswith("/progress.json"), timeout=60000) as polled:
        admin.get_by_role("button", name="Jetzt verbindlich versenden").click()
        expect(admin.locator(".flash")).to_contain_text("Die Ausgabe geht an")
        expect(admin.locator("#progress progress")).to_be_visible()
    status = polled.value.json()
    assert status["total"] >= 1 and status["waiting"] + status["delivered"] >= 1
    # the worker expands and delivers; the page updates itself (reloads when done)
    from roundtable.mail import process_queue

    process_queue(dict(server.settings))
    expect(admin.locator("#progress-line strong")).to_have_text(str(status["total"]), timeout=60000)
    expect(admin.locator("#progress [data-field=waiting]")).to_have_text("0", timeout=60000)


def test_board_creates_a_series_with_a_holiday_flagged(new_page):
    aylin = new_page(ROLE_USERS["board"][0], PASSWORD)
    aylin.goto("/bodies/ag-wohnen/")
    aylin.get_by_role("link", name="Sitzungsreihe anlegen").click()
    aylin.get_by_label(re.compile(r"^\s*Titel")).fill("AG Wohnen: Freitagsrunde")
    aylin.get_by_label(re.compile(r"^\s*Erster Termin")).fill("2026-12-18")
    aylin.get_by_label(re.compile(r"^\s*Beginn")).fill("17:00")
    aylin.get_by_label(re.compile(r"^\s*Ende")).fill("19:00")
    aylin.get_by_label("jede Woche").check()
    aylin.get_by_label(re.compile(r"^\s*Für wie viele Monate")).fill("1")
    aylin.get_by_role("button", name="Termine prüfen").click()
    dates = aylin.locator("ol.series-dates li")
    expect(dates).to_have_count(5)
    expect(aylin.locator("ol.series-dates")).to_contain_text("Feiertag: Erster Weihnachtstag")
    aylin.get_by_role("button", name="Serie anlegen").click()
    expect(aylin.locator(".flash")).to_contain_text("3 Sitzungen angelegt")


def test_standing_items_start_every_new_meeting(new_page):
    aylin = new_page(ROLE_USERS["board"][0], PASSWORD)
    aylin.goto("/bodies/ag-wohnen/edit")
    aylin.get_by_label("Ständige Tagesordnungspunkte").fill(
        "Begrüßung\nProtokoll der letzten Sitzung\nVerschiedenes")
    aylin.get_by_role("button", name="Speichern").click()
    expect(aylin.locator(".flash")).to_contain_text("Gremium gespeichert")
    aylin.goto("/bodies/ag-wohnen/meetings/add")
    aylin.get_by_label(re.compile(r"^\s*Titel")).fill("AG Wohnen: mit ständigen Punkten")
    aylin.locator("input[name=date]").fill("2027-03-07")
    aylin.locator("input[name=time]").nth(0).fill("17:00")
    aylin.locator("input[name=time]").nth(1).fill("19:00")
    aylin.get_by_role("button", name="Anlegen").click()
    expect(aylin.locator(".flash")).to_contain_text("angelegt")
    for number, title in ((1, "Begrüßung"), (2, "Protokoll der letzten Sitzung"), (3, "Verschiedenes")):
        expect(aylin.get_by_role("heading", name=f"TOP {number} {title}")).to_be_visible()


def test_delegate_names_the_deputy_on_a_phone(browser, server):
    context = browser.new_context(base_url=server.base_url, viewport={"width": 390, "height": 900})
    try:
        page = context.new_page()
        page.goto(PATHS.delegate_link)
        expect(page.get_by_role("heading", name="Stellvertretung bitten")).to_have_count(0)
        page.get_by_role("button", name="Ich bin verhindert").click()
        expect(page.get_by_role("heading", name="Stellvertretung bitten")).to_be_visible()
        page.get_by_label("Ihre Stellvertretung").select_option(label=PATHS.deputy)
        page.get_by_role("button", name="Link an die Stellvertretung senden").click()
        expect(page.locator(".flash")).to_contain_text(
            f"{PATHS.deputy} erhält den persönlichen Link zur Rückmeldung per E-Mail")
        expect(page.locator("body")).to_contain_text(f"Gebeten: {PATHS.deputy}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()
