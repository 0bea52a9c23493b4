"""In chromium: the board drafts, submits, approves and publishes minutes; the public reads them.

The live server's database is prepared before ``pserve`` starts
(``tests.minutes.data.prepare_live``): the demo data, the role users of
tests.conftest and two past sessions of the plenary, so the board member has
something to write minutes for and a later session to record the approval at.
"""
import re

import pytest
from playwright.sync_api import expect

from tests import judges
from tests.conftest import PASSWORD, ROLE_USERS
from tests.minutes import data as md

DISCUSSION = "Frau Demir berichtet über neue Wohnprojekte; die Aussprache ergibt breite Zustimmung."
DECISION = "Der Runde Tisch bittet die Stadt um ein Konzept für Wohnraum."


@pytest.fixture(scope="module")
def minutes_server():
    with judges.shared("minutes_live_server",
                       lambda: judges.LiveServer(prepare=md.prepare_live)) as server:
        yield server


@pytest.fixture
def new_context(browser, minutes_server):
    contexts = []

    def make():
        context = browser.new_context(base_url=minutes_server.base_url)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


def test_board_drafts_and_publishes_minutes_the_public_reads_them(browser, new_context):
    march, april = md.LIVE_PATHS.march, md.LIVE_PATHS.april
    page = new_context().new_page()
    page.goto("/login")
    page.get_by_label(re.compile(r"^\s*E-Mail-Adresse")).fill(ROLE_USERS["board"][0])
    page.get_by_label(re.compile(r"^\s*Passwort")).fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("button", name="Abmelden")).to_be_visible()

    # start the minutes of the March session
    page.goto(march + "create-minutes")
    page.get_by_role("button", name="Protokoll anlegen").click()
    expect(page).to_have_url(re.compile(re.escape(march + "minutes/") + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Protokoll: 61. Sitzung des Runden Tisches")
    expect(page.locator(".flash")).to_contain_text("als Entwurf angelegt")

    # TOP 2: discussion, a decision with votes, a task
    page.get_by_role("link", name="TOP 2 bearbeiten").click()
    page.get_by_label("Verlauf der Beratung").fill(DISCUSSION)
    first = page.get_by_role("group", name="Beschluss 1")
    first.get_by_label("Wortlaut des Beschlusses").fill(DECISION)
    first.get_by_label("Ja-Stimmen").fill("21")
    first.get_by_label("Nein-Stimmen").fill("0")
    first.get_by_label("Enthaltungen").fill("3")
    task = page.get_by_role("group", name="Aufgabe 1")
    task.get_by_label("Aufgabe").fill("Konzept anfordern")
    task.get_by_label("Verantwortlich").fill("Vorstand")
    task.get_by_label("Zu erledigen bis").fill("2025-06-30")
    page.get_by_role("button", name="Speichern", exact=True).click()
    expect(page).to_have_url(re.compile(r"/minutes/#top-2$"))
    item = page.locator("article#top-2")
    expect(item).to_contain_text(DISCUSSION)
    expect(item).to_contain_text("Ja 21 · Nein 0 · Enthaltung 3 — angenommen")
    expect(item).to_contain_text("30.06.2025")

    # TOP 3 is not public: its text must never reach the public page
    page.get_by_role("link", name="TOP 3 bearbeiten").click()
    page.get_by_label("Verlauf der Beratung").fill(md.SECRET)
    page.get_by_role("button", name="Speichern", exact=True).click()
    expect(page.locator("article#top-3")).to_contain_text(md.SECRET)

    # submit, approve at the April session, publish
    page.get_by_role("button", name="Zur Genehmigung vorlegen").click()
    expect(page.locator(".flash")).to_contain_text("zur Genehmigung")
    page.get_by_label("Genehmigt in der Sitzung").select_option(april.split("/")[-2])
    page.get_by_role("button", name="Als genehmigt eintragen").click()
    expect(page.locator(".flash")).to_contain_text("genehmigt")
    page.get_by_role("link", name="Veröffentlichen …").click()   # asked first
    expect(page.get_by_role("heading", level=1)).to_contain_text("Protokoll veröffentlichen")
    page.get_by_role("button", name="Veröffentlichen").click()
    expect(page.locator(".flash")).to_contain_text("veröffentlicht")
    history = page.locator("section.history")
    expect(history.locator("li")).to_have_count(3)
    expect(history).to_contain_text("Aylin Demir")

    # a visitor without login reads the published text, not the non-public item
    public = new_context().new_page()
    response = public.goto(march + "minutes/")
    assert response.status == 200
    expect(public.locator("article#top-2")).to_contain_text(DISCUSSION)
    expect(public.locator("main")).to_contain_text("Ja 21 · Nein 0 · Enthaltung 3 — angenommen")
    expect(public.locator("main")).to_contain_text("in der Sitzung vom 09.04.2025")
    expect(public.locator("article#top-3")).to_have_count(0)
    assert md.SECRET not in public.content()
    assert md.SECRET_TITLE not in public.content()
    expect(public.get_by_role("button", name="Veröffentlichen")).to_have_count(0)
    violations = browser.axe(public)
    assert not violations, judges.format_axe_violations({march + "minutes/": violations})
