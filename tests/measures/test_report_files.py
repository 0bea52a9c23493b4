"""The implementation report as files: the PDF read back with pypdf (text and
the indicator charts present), the .odt opened with odfpy."""
import io
import re
from datetime import date
from xml.dom import Node

from odf import draw, opendocument, text as odftext
from odf.element import Element
from pypdf import PdfReader

from tests.measures.helpers import csrf, start_round

YEAR = date.today().year - 1
CHARTED = ("Sprachkitas", "Kurslotsen", "Kinderbetreuung", "Anerkennungsberatung",
           "Praktikumsbörse", "Wohnungslotsen", "Sprachmittlerpool")


def report_url(anonymous):
    page = anonymous.get("/concept/")
    return page.click(href=rf"/reports/{YEAR}/$", index=0).request.path


def test_pdf_has_the_report_text_and_a_chart_per_indicator(anonymous):
    url = report_url(anonymous)
    response = anonymous.get(url + "report.pdf")
    assert response.content_type == "application/pdf"
    assert "attachment" in response.headers["Content-Disposition"]
    reader = PdfReader(io.BytesIO(response.body))
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert f"Umsetzungsbericht {YEAR}" in text
    assert "Handlungsfeld: Wohnen und Zusammenleben" in text
    assert "Mietführerschein" in text and "Das Landesprogramm zur Finanzierung" in text
    # the charts: each draws its target line's label and a polyline of paths
    targets = re.findall(r"Zielwert \d+", text)
    assert len(targets) == len(CHARTED), targets
    drawing = b"".join(p.get_contents().get_data() for p in reader.pages)
    assert drawing.count(b" l\n") + drawing.count(b" l ") > 5 * len(CHARTED)
    assert reader.metadata.title.startswith(f"Umsetzungsbericht {YEAR}")


def _text(element):
    out = []
    for child in element.childNodes:
        if child.nodeType == Node.TEXT_NODE:
            out.append(child.data)
        elif isinstance(child, Element):
            out.append(_text(child))
    return "".join(out)


def test_odt_opens_with_odfpy_with_headings_text_and_chart_images(anonymous):
    url = report_url(anonymous)
    response = anonymous.get(url + "report.odt")
    assert response.content_type == "application/vnd.oasis.opendocument.text"
    doc = opendocument.load(io.BytesIO(response.body))
    headings = [_text(h) for h in doc.getElementsByType(odftext.H)]
    assert headings[0].startswith(f"Umsetzungsbericht {YEAR}")
    assert "Handlungsfeld: Sprache und Bildung" in headings
    body = " ".join(_text(p) for p in doc.getElementsByType(odftext.P))
    assert "Wohnungslotsen für Geflüchtete" in body and "Rathaus" not in body
    images = doc.getElementsByType(draw.Image)
    assert len(images) == len(CHARTED)
    svg = doc.Pictures[images[0].getAttribute("href")][1]
    assert svg.startswith(b"<svg") and b"<title>" in svg


def test_a_draft_report_and_its_files_are_hidden_from_the_public(anonymous, admin):
    url = report_url(anonymous)
    concept = url.split("reports/")[0]
    this_year = YEAR + 1
    round_url = start_round(admin, concept, this_year)
    admin.post(round_url + "report", {"csrf_token": csrf(admin, round_url)}, status=303)
    draft = concept + f"reports/{this_year}/"
    assert "Entwurf, nicht veröffentlicht" in admin.get(draft).text
    assert admin.get(draft + "report.pdf").content_type == "application/pdf"
    for path in (draft, draft + "report.pdf", draft + "report.odt", round_url):
        response = anonymous.get(path, status=(303, 403, 404))
        assert b"%PDF" not in response.body
    assert f"Umsetzungsbericht {this_year}" not in anonymous.get("/concept/").text
