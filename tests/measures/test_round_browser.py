"""In chromium against a real pserve: the yearly status round from the
coordinator's start through the real SMTP server and the personal link to the
accepted answer and the published report; and a spreadsheet import whose one
bad row stops the whole file.

The module has its own server (the round changes the demo's concept) and
delivers the server's mail queue to ``tests/mailserver.py``'s SMTP server.
"""
import io
import re
from datetime import date

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests import judges
from tests.conftest import deliver

YEAR = date.today().year


@pytest.fixture(scope="module")
def server():
    server = judges.LiveServer()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def smtp():
    from tests.mailserver import SMTPServer

    with SMTPServer() as smtp:
        yield smtp


def new_page(browser, server):
    context = browser.new_context(base_url=server.base_url)
    return context, context.new_page()


def sign_in(page, server):
    page.goto("/login")
    page.get_by_label(re.compile(r"^\s*E-Mail-Adresse")).fill(server.admin_login)
    page.get_by_label(re.compile(r"^\s*Passwort")).fill(server.admin_password)
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("button", name="Abmelden")).to_be_visible()


def open_concept(page):
    page.goto("/concept/")
    page.locator(".concept-entry h2 a").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Integrationskonzept")


def wait_for_mail(server, smtp, address, count=1, timeout=60):
    """Run the queue worker until ``address`` has ``count`` messages."""
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        deliver(server.settings, smtp)
        found = smtp.sink.to(address)
        if len(found) >= count:
            return found
        time.sleep(0.5)
    raise AssertionError(f"no mail for {address}: {[m[1] for m in smtp.messages]}")


def test_status_round_from_mail_to_published_report(browser, server, smtp):
    context, page = new_page(browser, server)
    sign_in(page, server)
    open_concept(page)
    concept_url = page.url
    page.get_by_role("link", name="Statusabfrage starten").click()
    page.get_by_label(re.compile(r"^\s*Berichtsjahr")).fill(str(YEAR))
    page.get_by_label(re.compile(r"^\s*Antwort erbeten bis")).fill(f"{YEAR + 1}-01-31")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Statusabfrage {YEAR}")
    expect(page.locator(".flash")).to_contain_text("verschickt")

    message = wait_for_mail(server, smtp, "wohnen@flensburg.example.org")[0]
    assert f"Statusabfrage {YEAR}" in message["Subject"]
    text = message.get_body(("plain",)).get_content()
    assert "Wohnungslotsen" in text
    link = re.search(r"(http://\S+/answer/\S+)", text).group(1)

    # the responsible answers without an account
    stranger, answer = new_page(browser, server)
    answer.goto(link)
    expect(answer.get_by_role("heading", level=1)).to_contain_text("Wohnraumversorgung")
    box = answer.locator("fieldset.measure-answer", has_text="Wohnungslotsen")
    box.get_by_label("Status", exact=True).select_option("done")
    box.get_by_label("Fortschritt in %").fill("100")
    answer.get_by_role("button", name="Antwort senden").click()
    # a change of status without a justification is refused, in German
    expect(answer.locator(".field-error").first).to_have_text(
        "Bitte begründen Sie die Änderung des Status.")
    box = answer.locator("fieldset.measure-answer", has_text="Wohnungslotsen")
    box.get_by_label("Begründung einer Statusänderung").fill(
        "Alle Stellen der Lotsen sind dauerhaft im Haushalt verankert.")
    box.get_by_label("Kurzer Bericht: Was ist im Jahr geschehen?").fill(
        "172 Haushalte sind in eigene Wohnungen gezogen.")
    box.get_by_label("Neuer Wert").fill("172")
    box.get_by_label("Stand vom").fill(f"{YEAR}-11-30")
    answer.get_by_role("button", name="Antwort senden").click()
    expect(answer.locator(".flash")).to_contain_text("Ihre Antwort ist gespeichert")
    stranger.close()

    # the coordinator accepts it and writes the report
    page.reload()
    section = page.locator("section.answer", has_text="Wohnraumversorgung")
    expect(section.locator(".badge")).to_have_text("beantwortet")
    section.get_by_role("button", name="Antwort übernehmen").click()
    expect(page.locator(".flash")).to_contain_text("übernommen")
    page.get_by_role("button", name="Umsetzungsbericht erstellen").click()
    page.get_by_label(re.compile(r"^\s*Einleitung des Berichts")).fill(
        f"Der Bericht {YEAR}: die Wohnungslotsen sind abgeschlossen.")
    page.get_by_role("button", name="Speichern").click()
    page.get_by_role("button", name="Veröffentlichen").click()
    expect(page.locator(".flash")).to_contain_text("veröffentlicht")
    report_url = page.url

    # the public reads it: finished with its justification, the new value in the chart's table
    public, reader = new_page(browser, server)
    reader.goto(report_url)
    closing = reader.locator("section", has_text="Abgeschlossen, verzögert, eingestellt")
    expect(closing).to_contain_text("Alle Stellen der Lotsen sind dauerhaft im Haushalt verankert.")
    expect(reader.locator("article", has_text="Wohnungslotsen").locator("table")).to_contain_text(
        "172")
    pdf = reader.request.get(report_url.rstrip("/") + "/report.pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    pdf_text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.body())).pages)
    assert "Wohnungslotsen" in " ".join(pdf_text.split())
    reader.goto(concept_url)
    expect(reader.get_by_role("link", name=f"Umsetzungsbericht {YEAR}")).to_be_visible()
    public.close()
    context.close()


BAD_CSV = (
    "Nummer;Handlungsfeld;Ziel;Maßnahme;Verantwortlich;Beginn geplant;Ende geplant;Status\n"
    "4.1.1;Gesundheit;Sprachmittlung im Krankenhaus;Dolmetschpool Klinikum;"
    "Koordinierungsstelle für Integration;01.03.2026;31.12.2027;in Umsetzung\n"
    "4.1.2;Gesundheit;Sprachmittlung im Krankenhaus;Gesundheitslotsen;"
    "Koordinierungsstelle für Integration;2026-05-01;32.13.2027;nicht begonnen\n"
)


def test_import_with_one_bad_row_imports_nothing_then_the_fixed_file(browser, server, tmp_path):
    context, page = new_page(browser, server)
    sign_in(page, server)
    open_concept(page)
    page.get_by_role("link", name="Tabelle importieren").click()
    bad = tmp_path / "konzept.csv"
    bad.write_text(BAD_CSV, encoding="utf-8")
    page.get_by_label("Datei").set_input_files(str(bad))
    page.get_by_role("button", name="Importieren").click()
    errors = page.locator(".alert-danger")
    expect(errors).to_contain_text("Zeile 3")
    expect(errors).to_contain_text("Ende geplant")
    expect(errors).not_to_contain_text("Zeile 2")
    open_concept(page)
    expect(page.get_by_text("Dolmetschpool Klinikum")).to_have_count(0)

    page.get_by_role("link", name="Tabelle importieren").click()
    good = tmp_path / "konzept-korrigiert.csv"
    good.write_text(BAD_CSV.replace("32.13.2027", "31.12.2027"), encoding="utf-8")
    page.get_by_label("Datei").set_input_files(str(good))
    page.get_by_role("button", name="Importieren").click()
    expect(page.locator(".flash")).to_contain_text("2 Maßnahmen importiert")
    expect(page.get_by_role("heading", name=re.compile("Handlungsfeld: Gesundheit"))).to_be_visible()
    expect(page.get_by_role("link", name="Gesundheitslotsen")).to_be_visible()
    context.close()
