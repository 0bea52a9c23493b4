"""The SVG chart module: a picture with title and description, the same figures as a table."""
import xml.etree.ElementTree as ET

import pytest

from roundtable.charts import Chart

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
