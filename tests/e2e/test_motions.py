"""In chromium: a board member drafts a motion, a second author edits it, and
the first author's outdated save is refused without losing her text."""
import re

import pytest
from playwright.sync_api import expect

from tests import judges
from tests.conftest import PASSWORD, ROLE_USERS
from tests.minutes import data as md

TITLE = "Sprachcafés in allen Stadtteilbibliotheken"


@pytest.fixture(scope="module")
def server():
    # the same server as the minutes' browser test: demo data plus the role users
    with judges.shared("minutes_live_server",
                       lambda: judges.LiveServer(prepare=md.prepare_live)) as server:
        yield server


def test_board_member_drafts_and_a_second_author_edits(new_page, server):
    aylin = new_page(ROLE_USERS["board"][0], PASSWORD)
    aylin.goto("/motions/")
    aylin.get_by_role("link", name="Antrag entwerfen").first.click()
    aylin.get_by_label(re.compile(r"^\s*Titel")).fill(TITLE)
    aylin.get_by_label(re.compile(r"^\s*Beschlussvorschlag")).fill(
        "Die Stadtbibliothek richtet in allen Stadtteilen Sprachcafés ein.")
    aylin.get_by_label(re.compile(r"^\s*Begründung")).fill("Viele wollen Deutsch üben.")
    aylin.get_by_role("button", name="Entwurf anlegen").click()
    expect(aylin.get_by_role("heading", level=1)).to_have_text(TITLE)
    motion = aylin.url
    aylin.goto(motion + "edit")  # she starts a change ...

    coordinator = new_page(server.admin_login, server.admin_password)
    coordinator.goto(motion + "edit")
    coordinator.get_by_label(re.compile(r"^\s*Begründung")).fill(
        "Viele wollen Deutsch üben, es fehlen aber Orte dafür.")
    coordinator.get_by_role("button", name="Speichern").click()
    expect(coordinator.locator(".flash")).to_contain_text("Fassung 2 gespeichert")

    # ... and saves after the coordinator: refused, her text kept in the form
    aylin.get_by_label(re.compile(r"^\s*Beschlussvorschlag")).fill(
        "Die Stadtbibliothek richtet in allen Stadtteilen wöchentliche Sprachcafés ein.")
    aylin.get_by_role("button", name="Speichern").click()
    expect(aylin.get_by_role("alert").first).to_contain_text("Fassung 2")
    expect(aylin.get_by_label(re.compile(r"^\s*Beschlussvorschlag"))).to_have_value(
        re.compile("wöchentliche"))
    aylin.get_by_role("button", name="Speichern").click()
    expect(aylin.locator(".flash")).to_contain_text("Fassung 3 gespeichert")

    aylin.goto(motion + "versions?a=1&b=3")
    expect(aylin.locator("table.diff ins").first).to_be_visible()
    expect(aylin.locator("table.diff")).to_contain_text("wöchentliche")
    expect(aylin.locator("table.diff")).to_contain_text("es fehlen aber Orte dafür")
