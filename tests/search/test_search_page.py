"""The search page as each role sees it; bad input gives a friendly page."""
import pytest

from roundtable.catalog import reindex
from tests.conftest import edit
from tests.meetings.helpers import add_meeting, next_sunday, plain


@pytest.fixture
def secret(db):
    """Public meetings with non-public items in AG Wohnen (Kwame Mensah is a member,
    Agnieszka Nowak a guest), AG Sprache und Bildung (she chairs it, he is not in
    it) and AG Gesundheit (neither is)."""
    with edit(db) as portal:
        add_meeting(portal, "ag-wohnen", next_sunday(20), title="Offene Sitzung Wohnen",
                    items=[("1", "Räumungsklage Familie <b>X</b>", False),
                           ("2", "Straßenfest im Quartier", True)])
        add_meeting(portal, "ag-sprache-und-bildung", next_sunday(20), title="Sitzung Sprache",
                    items=[("1", "Räumungsklage im Sprachkurs", False)])
        add_meeting(portal, "ag-gesundheit", next_sunday(20), title="Sitzung Gesundheit",
                    items=[("1", "Räumungsklage in der Klinik", False)])
        reindex(portal)


def result_titles(response):
    return [a.get_text() for a in response.html.select(".search-results h3 a")]


def test_header_search_box_on_every_page(anonymous):
    for path in ("/", "/bodies/", "/search"):
        form = anonymous.get(path).html.find("form", {"role": "search"})
        assert form["action"].endswith("/search") and form.find("input", {"name": "q"})


def test_search_from_the_header_finds_and_marks(anonymous, secret):
    form = anonymous.get("/").forms["site-search"]
    form["q"] = "strassenfest quart"
    response = form.submit()
    assert result_titles(response) == ["Straßenfest im Quartier"]
    assert [m.get_text() for m in response.html.select(".search-results mark")] == [
        "Straßenfest", "Quartier"]


def test_members_find_what_they_may_see_and_never_more(anonymous, member, chair, board, secret):
    assert result_titles(anonymous.get("/search", {"q": "Räumungsklage"})) == []
    assert result_titles(member.get("/search", {"q": "raeumungsklage"})) == [
        "Räumungsklage Familie <b>X</b>"]   # escaped text, not markup
    assert sorted(result_titles(chair.get("/search", {"q": "Räumungsklage"}))) == [
        "Räumungsklage Familie <b>X</b>", "Räumungsklage im Sprachkurs"]
    assert sorted(result_titles(board.get("/search", {"q": "Räumungsklage"}))) == [
        "Räumungsklage Familie <b>X</b>", "Räumungsklage im Sprachkurs",
        "Räumungsklage in der Klinik"]


def test_filters_and_pagination(anonymous):
    response = anonymous.get("/search", {"type": "meeting", "body": "ag-wohnen"})
    assert len(result_titles(response)) == 20
    assert "Nächste Seite" in plain(response)
    second = anonymous.get(response.html.find("a", rel="next")["href"])
    assert second.status_int == 200 and result_titles(second)
    assert "Vorherige Seite" in plain(second)


@pytest.mark.parametrize("params, status", [
    ({"q": ""}, 200),
    ({"q": "x" * 201}, 400),
    ({"q": "\"(AND) OR* NOT ?<script>"}, 200),
    ({"q": "*"}, 200),
    ({"q": "\x00\x1b"}, 200),
    ({"q": "wohn", "page": "999"}, 200),
    ({"q": "wohn", "page": "-1"}, 400),
    ({"q": "wohn", "page": "1e9"}, 400),
    ({"type": "<x>"}, 400),
    ({"body": "gibt-es-nicht"}, 400),
    ({"year": "20266"}, 400),
    ({"field": "mond"}, 400),
    ({"status": "ä"}, 400),
])
def test_bad_input_gives_a_friendly_page(anonymous, params, status):
    response = anonymous.get("/search", params, status=status)
    assert response.html.find("form", {"role": "search"})
    assert "<script>" not in response.text.split("<main", 1)[1]


def test_english_page(anonymous):
    anonymous.set_cookie("_LOCALE_", "en")
    response = anonymous.get("/search", {"q": "wohnungsmarkt"})
    text = plain(response)
    assert "Search term" in text and "results" in text and "Agenda item" in text


def test_punctuation_alone_is_no_search(anonymous):
    response = anonymous.get("/search", {"q": "*?!"})
    assert not response.html.select(".search-results") and "Geben Sie einen Suchbegriff" in plain(response)
