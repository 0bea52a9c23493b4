"""German search: word forms (stems), typos with "Meinten Sie", ranking, the
status filter per type, committees and persons, pages past the end."""
import pytest

from roundtable.catalog import get_catalog, reindex
from roundtable.catalog.query import correction, exact_match, search
from roundtable.people.resources import Organisation, Person
from roundtable.words import near_misses, stem_text
from tests.conftest import edit
from tests.meetings.helpers import add_meeting, next_sunday, plain

PUBLIC = {"system.Everyone"}


def titles(catalog, text, principals=PUBLIC, **filters):
    return [i["title"] for i in search(catalog, principals, text, filters, per_page=500).items]


@pytest.fixture
def housing(db):
    """Meetings whose titles and items speak of housing in several word forms."""
    with edit(db) as portal:
        add_meeting(portal, "ag-wohnen", next_sunday(30), title="Die Wohnung am Hafen",
                    items=[("1", "Räumungsklage im Nordviertel", False)])
        add_meeting(portal, "ag-wohnen", next_sunday(60), title="Offene Sitzung",
                    items=[("1", "Bericht: neue Wohnungen für Familien", True)])
        add_meeting(portal, "ag-wohnen", next_sunday(90), title="Frühjahrsrunde",
                    items=[("1", "Unser Antrag zum Quartiersmanagement", True)])
        reindex(portal)


def test_word_forms_find_each_other(db, housing):
    with edit(db) as portal:
        catalog = get_catalog(portal)
        assert "Die Wohnung am Hafen" in titles(catalog, "Wohnungen")
        assert "Bericht: neue Wohnungen für Familien" in titles(catalog, "Wohnung")
        for query in ("Anträge", "Antraege", "Anträgen", "Antrags"):
            assert "Unser Antrag zum Quartiersmanagement" in titles(catalog, query), query
        assert "Bericht: neue Wohnungen für Familien" in titles(catalog, "Familie")
        assert titles(catalog, "Wohn")   # a word's beginning still finds it


def test_stems_are_marked_in_the_results(anonymous, housing):
    page = anonymous.get("/search", {"q": "Anträge"})
    assert "Unser Antrag zum Quartiersmanagement" in plain(page)
    assert "Antrag" in [m.get_text() for m in page.html.select(".search-results mark")]


def test_one_typo_is_corrected_with_did_you_mean(anonymous, housing):
    page = anonymous.get("/search", {"q": "Wohnnug"})   # two letters swapped
    suggestion = page.html.select_one(".search-corrected a")
    assert suggestion is not None and suggestion.get_text() == "Wohnung"
    assert "Meinten Sie" in plain(page) and "Die Wohnung am Hafen" in plain(page)
    assert anonymous.get(suggestion["href"]).html.select(".search-results h3 a")
    assert "Quartiersmanagement" in plain(anonymous.get("/search", {"q": "Quartiersmanagment"}))


def test_short_words_and_hidden_words_get_no_guess(db, housing):
    assert near_misses("Rat") == {} and near_misses("wohnnug")["wohnung"] == 0   # swapped
    with edit(db) as portal:
        catalog = get_catalog(portal)
        assert correction(catalog, PUBLIC, "Wohnnug") == "Wohnung"
        assert correction(catalog, PUBLIC, "neue wohnnug") == "neue wohnung"
        # the only "Räumungsklage" is a non-public item: no hint that it exists
        assert correction(catalog, PUBLIC, "Räumungsklgae") is None
        assert correction(catalog, {"system.Everyone", "role:admin"}, "Räumungsklgae") == \
            "Räumungsklage"
        assert correction(catalog, PUBLIC, "Zauberwald") is None


def test_title_hits_rank_before_text_hits(db):
    with edit(db) as portal:
        portal["organisations"].add(Organisation(
            name="Mieterverein Nord", description="Mietpreise, Nebenkosten, Beratung"), name="mvn")
        add_meeting(portal, "ag-wohnen", next_sunday(40), title="Mietpreise im Stadtteil",
                    items=[])
        add_meeting(portal, "ag-wohnen", next_sunday(80), title="Mietpreise im Umland",
                    items=[])
        reindex(portal)
        found = titles(get_catalog(portal), "Mietpreise")
    # every title hit first; the organisation that has the word only in its text after them
    assert len(found) == 3 and found[-1] == "Mieterverein Nord"


def test_reference_and_exact_title_go_straight_to_the_object(anonymous, db):
    with edit(db) as portal:
        motion = next(m for m in portal["motions"].values()
                      if m.title == "Interkulturelle Öffnung der Stadtverwaltung")
        reference, path = motion.reference, "/motions/" + motion.__name__ + "/"
    assert reference
    for query in (reference, reference.lower().replace("-", " "),
                  "interkulturelle oeffnung der stadtverwaltung"):
        response = anonymous.get("/search", {"q": query}, status=303)
        assert response.location.endswith(path), query
    # a word of it is a normal search
    assert anonymous.get("/search", {"q": "Stadtverwaltung"}).status_int == 200
    with edit(db) as portal:
        assert exact_match(get_catalog(portal), PUBLIC, "Sitzung der AG Wohnen") is None  # many


def test_result_titles_never_start_with_an_ellipsis(anonymous, db):
    long_title = ("Gemeinsame Veranstaltung der Arbeitsgruppen mit den Migrantenorganisationen "
                  "und der Volkshochschule zum Thema Nachbarschaftshilfe")
    with edit(db) as portal:
        add_meeting(portal, "ag-wohnen", next_sunday(20), title=long_title)
        reindex(portal)
    page = anonymous.get("/search", {"q": "Nachbarschaftshilfe"})
    heads = [a.get_text() for a in page.html.select(".search-results h3 a")]
    assert long_title in heads and not any(h.startswith("…") for h in heads)


def test_status_filter_offers_the_chosen_types_states_translated(anonymous):
    page = anonymous.get("/search", {"type": "issue"})
    options = [o.get_text() for o in page.html.select("#search-status option") if o["value"]]
    assert options == ["Entwurf", "zum Versand eingeplant", "versendet"]
    motion = anonymous.get("/search", {"type": "motion"})
    states = [o.get_text() for o in motion.html.select("#search-status option") if o["value"]]
    assert "in Beratung" in states and "geplant" not in states and "veröffentlicht" not in states
    # without a type: one group per type
    groups = anonymous.get("/search").html.select("#search-status optgroup")
    assert [g["label"] for g in groups][:3] == ["Sitzung", "Protokoll", "Antrag"]
    anonymous.set_cookie("_LOCALE_", "en")
    english = anonymous.get("/search", {"type": "issue"})
    assert "sent" in [o.get_text() for o in english.html.select("#search-status option")]
    assert anonymous.get("/search", {"type": "meeting", "status": "submitted"},
                         status=400).html.find("form", {"role": "search"})


def test_committees_and_consenting_persons_are_found(anonymous, member, db):
    with edit(db) as portal:
        people = portal["people"]
        shy = Person(given_name="Henrike", family_name="Zurückhaltend", public_consent=False)
        open_ = Person(given_name="Henrike", family_name="Offenherzig", public_consent=True)
        people.add(shy, title="henrike-z")
        people.add(open_, title="henrike-o")
        reindex(portal)
    page = anonymous.get("/search", {"q": "Henrike"})
    assert [a.get_text() for a in page.html.select(".search-results h3 a")] == [
        "Henrike Offenherzig"]
    assert "Zurückhaltend" not in page.text
    seen = [a.get_text() for a in member.get("/search", {"q": "Henrike"}).html.select(
        ".search-results h3 a")]
    assert sorted(seen) == ["Henrike Offenherzig", "Henrike Zurückhaltend"]   # as on their pages
    committee = anonymous.get("/search", {"q": "Jugendhilfeausschuss"}, status=303)
    assert "/committees/" in committee.location
    found = anonymous.get("/search", {"q": "Ausschuss Soziales", "type": "committee"})
    assert [a.get_text() for a in found.html.select(".search-results h3 a")] == [
        "Ausschuss für Soziales und Gesundheit"]


def test_a_page_past_the_end_is_an_empty_page(anonymous):
    page = anonymous.get("/search", {"q": "Sitzung", "page": "5000"})
    assert page.status_int == 200 and not page.html.select(".search-results li")
    assert "Zur ersten Seite" in plain(page)


def test_stem_text_keeps_umlaut_folding():
    assert stem_text("Straße Strasse STRASSE") == ["strass"] * 3
    assert stem_text("Müll Muell") == ["mull", "mull"]
