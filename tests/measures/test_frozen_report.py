"""A published implementation report is frozen: page, PDF and ODT show what
went to the council even after measures, indicators and the introduction
change; it cannot be edited, only withdrawn to a draft (recorded), and a
draft shows the live data. Older databases get the snapshot by evolve 0036."""
import io
import re
from datetime import date

from odf import opendocument, text as odftext
from pypdf import PdfReader
from roundtable.bootstrap import upgrade
from roundtable.db import ROOT_KEY
from roundtable.evolve import APPLIED_KEY
from roundtable.measures.resources import STOPPED
from tests.conftest import edit
from tests.measures.helpers import concept_path, csrf
from tests.measures.test_forms import fill
from tests.measures.test_report_files import _text

YEAR = date.today().year - 1
TITLE = "Umbenannte Maßnahme Quokka"
WHY = "Begründung Wombat nach der Veröffentlichung"
INTRO = "Neue Einleitung Kakapo"
VALUE = 913


def _change_everything(db):
    """After publication: a measure's title, status, progress and indicator value
    of the report's year, and the introduction's source. The measure's number."""
    with edit(db) as portal:
        concept = portal["concept"].current()
        measure = next(m for m in concept.measures()
                       if m.indicator is not None and m.indicator.value_in(YEAR)
                       and m.status != STOPPED)
        measure.title = TITLE
        measure.set_status(STOPPED, WHY, progress=37, round_year=YEAR)
        values = measure.indicator.values
        index = max(i for i, v in enumerate(values) if v["date"].year == YEAR)
        values[index] = dict(values[index], value=VALUE)
        concept["reports"].report(YEAR).introduction = INTRO
        return measure.number


def _article(html, number):
    return next(a for a in re.findall(r'<article class="report-measure">.*?</article>', html,
                                      re.S) if f"{number} " in a)


def _pdf_text(body):
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(body)).pages)


def _odt_text(body):
    doc = opendocument.load(io.BytesIO(body))
    return " ".join(_text(p) for p in doc.getElementsByType(odftext.P))


def _views(client, url):
    return (client.get(url).text, _pdf_text(client.get(url + "report.pdf").body),
            _odt_text(client.get(url + "report.odt").body))


def test_published_report_stays_as_published_and_a_draft_is_live(app, db, anonymous, admin):
    url = concept_path(anonymous) + f"reports/{YEAR}/"
    page_before = anonymous.get(url).text
    number = _change_everything(db)
    article_before = _article(page_before, number)
    page, pdf, odt = _views(anonymous, url)
    assert _article(page, number) == article_before
    assert "Der Umsetzungsbericht" in page and "Der Umsetzungsbericht" in pdf
    for text in (page, pdf, odt):
        for new in (TITLE, WHY, INTRO, "Fortschritt 37 %"):
            assert new not in text, new
    assert f"{VALUE}" not in pdf and f"{VALUE}" not in odt
    assert "Der Umsetzungsbericht" in odt
    # the coordinator sees the same frozen report and cannot edit it
    assert _article(admin.get(url).text, number) == article_before
    refused = admin.get(url + "edit", status=303).follow()
    assert "Ein veröffentlichter Bericht kann nicht geändert werden." in refused.text
    # withdrawn to a draft: live again, hidden from the public, and on record
    admin.post(url + "withdraw", {"csrf_token": csrf(admin, url)}, status=303)
    assert "Kakapo" not in anonymous.get(url, status=(303, 403, 404)).text
    page, pdf, odt = _views(admin, url)
    assert "Entwurf, nicht veröffentlicht" in page and "Zurückgezogen am" in page
    article = _article(page, number)
    assert TITLE in article and WHY in article and "eingestellt" in article
    assert "913" in article and "37" in article
    for text in (pdf, odt):
        for new in (TITLE, WHY, INTRO, "Fortschritt 37 %", f"{VALUE}"):
            assert new in text, new
    # published again: the new state is frozen and public
    admin.post(url + "publish", {"csrf_token": csrf(admin, url)}, status=303)
    assert TITLE in anonymous.get(url).text and WHY in _pdf_text(
        anonymous.get(url + "report.pdf").body)


def test_withdraw_and_publish_need_the_coordinator_and_a_token(app, anonymous, admin, clients):
    url = concept_path(anonymous) + f"reports/{YEAR}/"
    for role in ("anonymous", "member"):
        clients[role].post(url + "withdraw", {"csrf_token": "x"}, status=(303, 400, 403, 404))
    admin.post(url + "withdraw", {"csrf_token": "falsch"}, status=400)
    assert "Entwurf" not in anonymous.get(url).text
    # publishing twice is refused with a message, not a second snapshot
    response = admin.post(url + "publish", {"csrf_token": csrf(admin, url)}, status=303)
    assert "bereits veröffentlicht" in response.follow().text


def test_draft_introduction_too_long_gets_a_german_message(app, admin, anonymous):
    url = concept_path(anonymous) + f"reports/{YEAR}/"
    admin.post(url + "withdraw", {"csrf_token": csrf(admin, url)}, status=303)
    response = fill(admin, url + "edit", {"introduction": "x" * 20001})
    assert "Länger als erlaubt" in response.text


def test_evolve_0036_freezes_reports_published_before_snapshots(app, db, anonymous):
    url = concept_path(anonymous) + f"reports/{YEAR}/"
    with db.transaction() as conn:
        root = conn.root()
        report = root[ROOT_KEY]["concept"].current()["reports"].report(YEAR)
        assert report.snapshot is not None and report.history[0]["action"] == "published"
        del report.snapshot, report.history   # as published by the previous version
        del root[APPLIED_KEY]["0036-frozen-reports"]
    assert "Der Umsetzungsbericht" in anonymous.get(url).text   # live until the step ran
    assert upgrade(db) == ["0036-frozen-reports"]
    number = _change_everything(db)
    page, pdf, _odt = _views(anonymous, url)
    assert TITLE not in page and WHY not in pdf and INTRO not in page
    assert _article(page, number)
    assert upgrade(db) == []
