"""The SVG chart module: a picture with title and description, the same figures as a table."""
import xml.etree.ElementTree as ET

import pytest

from roundtable.charts import Chart
from tests.conftest import edit

SVG = "{http://www.w3.org/2000/svg}"


def attendance():
    return Chart("chart-x", "Anwesenheit <2026>", "Anwesend je Sitzung & Quorum",
                 ["anwesend"], [("12.03.2026", (9,)), ("14.05.2026", (5,))],
                 marker="nötig", markers=[7, 7], label_title="Sitzung")


def test_the_picture_names_itself_for_screen_readers():
    svg = ET.fromstring(attendance().svg())
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "chart-x-title chart-x-desc"
    assert svg.find(SVG + "title").text == "Anwesenheit <2026>"   # escaped in the markup, intact parsed
    assert svg.find(SVG + "desc").text == "Anwesend je Sitzung & Quorum"
    assert svg.find(SVG + "title").get("id") == "chart-x-title"


def test_bars_are_as_long_as_their_figures():
    svg = ET.fromstring(attendance().svg())
    bars = [float(r.get("width")) for r in svg.iter(SVG + "rect") if r.get("class") == "bar"]
    assert len(bars) == 2 and bars[0] / bars[1] == pytest.approx(9 / 5, rel=1e-3)
    texts = [t.text for t in svg.iter(SVG + "text")]
    assert "12.03.2026" in texts and "9" in texts and "5" in texts


def test_the_table_has_the_same_figures_with_total_and_marker():
    chart = Chart("c", "T", "D", ["angenommen", "abgelehnt"],
                  [("Hauptausschuss", (2, 1), "HA"), ("Ratsversammlung", (0, 3), "RV")],
                  label_title="Ausschuss")
    assert chart.columns == ["angenommen", "abgelehnt", None]   # None: the total
    assert chart.table_rows() == [("Hauptausschuss", [2, 1, 3]), ("Ratsversammlung", [0, 3, 3])]
    texts = [t.text for t in ET.fromstring(chart.svg()).iter(SVG + "text")]
    assert "HA" in texts and "Hauptausschuss" not in texts   # the picture writes the short label
    assert attendance().table_rows() == [("12.03.2026", [9, 7]), ("14.05.2026", [5, 7])]


def test_user_text_is_escaped():
    chart = Chart("c", "<script>alert(1)</script>", "d", ["s"], [("<b>x</b>", (1,))])
    markup = chart.svg()
    assert "<script>" not in markup and "&lt;script&gt;" in markup
    assert "<b>" not in markup
    ET.fromstring(markup)  # well-formed


def test_an_empty_chart_is_said_to_be_empty():
    assert Chart("c", "t", "d", ["s"], []).empty
    assert not attendance().empty


# the pictures on the pages ---------------------------------------------------------

def figures(page, ident):
    """(svg markup, table rows as lists of cell texts) of the chart ``ident`` on a page."""
    figure = page.html.select_one(f"figure#{ident}")
    assert figure is not None, f"no chart {ident}"
    rows = [[c.get_text(strip=True) for c in tr.select("th, td")] for tr in figure.select("tbody tr")]
    return figure.select_one("svg"), rows


def test_a_body_page_shows_attendance_against_the_quorum(anonymous, db):
    with edit(db) as portal:
        held = sorted((m for m in portal["bodies"]["runder-tisch"]["meetings"].values()
                       if m.status == "held"), key=lambda m: m.start)
        expected = [[m.local_start.strftime("%d.%m.%Y"), str(m.quorum()[0]), str(m.quorum()[2])]
                    for m in held]
    svg, rows = figures(anonymous.get("/bodies/runder-tisch/"), "chart-attendance")
    assert rows == expected and len(rows) >= 8
    assert svg["role"] == "img" and svg.select_one("title").get_text().startswith("Anwesenheit")
    # the board meets in private: the public sees no chart of its sessions
    assert anonymous.get("/bodies/vorstand/").html.select_one("figure#chart-attendance") is None


def test_the_register_shows_its_pipeline_and_the_committees_results(anonymous, db):
    with edit(db) as portal:
        states = {}
        for motion in portal["motions"].values():
            if motion.is_public:
                states[str(motion.state_title)] = states.get(str(motion.state_title), 0) + 1
    page = anonymous.get("/motions/")
    _svg, rows = figures(page, "chart-pipeline")
    assert {label: int(n) for label, n in rows if int(n)} == states
    _svg, rows = figures(page, "chart-outcomes")
    assert rows and all(int(row[-1]) == sum(int(n) for n in row[1:-1]) for row in rows)
