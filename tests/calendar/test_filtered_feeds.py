"""The filtered site feed and the subscribe page that builds its address."""
from urllib.parse import parse_qs, urlsplit

from roundtable.calendar import links
from tests import judges
from tests.calendar.test_feeds import events, parse
from tests.calendar.test_icaljs import ical_js

SB, PLENARY, WOHNEN = "ag-sprache-und-bildung", "runder-tisch", "ag-wohnen"


def short_names(db, *names):
    """The bodies as ``prefixes`` reports them (their URL names)."""
    return set(names)


def prefixes(response):
    """The bodies whose meetings a feed lists, read from the events' URLs
    (the titles name bodies as people do, not by a code to split off)."""
    return {str(e["url"]).split("/bodies/", 1)[1].split("/", 1)[0]
            for e in events(parse(response)).values() if "/bodies/" in str(e["url"])}


def test_feed_of_several_bodies_lists_only_theirs(anonymous, known, db):
    response = anonymous.get(f"/calendar.ics?body={SB}&body={PLENARY}")
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert prefixes(response) == short_names(db, SB, PLENARY)
    cal = parse(response)
    name = str(cal["x-wr-calname"])
    assert "AG Sprache und Bildung" in name and "AG SB" not in name
    assert "Geheime Klausur" not in response.text and "Personalakte" not in response.text
    parsed = ical_js(response.body)
    assert {e["uid"] for e in parsed["events"]} == {str(e["uid"]) for e in cal.walk("VEVENT")}


def test_field_of_action_selects_its_groups_and_adds_to_bodies(anonymous, db):
    by_field = anonymous.get("/calendar.ics?field=language")
    assert prefixes(by_field) == short_names(db, SB)
    union = anonymous.get(f"/calendar.ics?field=language&body={WOHNEN}")
    assert prefixes(union) == short_names(db, SB, WOHNEN)
    # repeated values change nothing; the unfiltered feed still has everything
    assert prefixes(anonymous.get(f"/calendar.ics?body={SB}&body={SB}")) == short_names(db, SB)
    assert len(prefixes(anonymous.get("/calendar.ics"))) > 3


def test_bad_parameters_are_refused_with_a_readable_400(anonymous):
    cases = {
        "/calendar.ics?body=gibt-es-nicht": "Unbekanntes Gremium „gibt-es-nicht“",
        "/calendar.ics?field=astrologie": "Unbekanntes Handlungsfeld „astrologie“",
        "/calendar.ics?bodies=ag-wohnen": "Unbekannter Parameter „bodies“",
        "/calendar.ics?" + "&".join(["body=ag-wohnen"] * 41): "Zu viele Filterwerte",
        "/calendar.ics?body=" + "x" * 5000: "Unbekanntes Gremium",
        "/calendar.ics?body=%3Cscript%3E": "Unbekanntes Gremium „<script>“",
    }
    for path, message in cases.items():
        response = anonymous.get(path, status=400)
        assert response.content_type == "text/plain", path
        assert message in response.text, (path, response.text[:200])
        assert len(response.text) < 1000
    anonymous.set_cookie("_LOCALE_", "en")
    assert "Unknown body" in anonymous.get("/calendar.ics?body=nope", status=400).text


def test_subscribe_links_for_google_and_outlook():
    url = "https://rt.example/calendar.ics?body=ag-wohnen&field=language"
    assert links.webcal(url) == "webcal://rt.example/calendar.ics?body=ag-wohnen&field=language"
    google = urlsplit(links.google(url))
    assert google.netloc == "calendar.google.com"
    assert parse_qs(google.query) == {"cid": [links.webcal(url)]}
    outlook = urlsplit(links.outlook(url, "AG Wohnen & Sprache"))
    assert outlook.netloc == "outlook.live.com" and outlook.path == "/calendar/0/addfromweb"
    assert parse_qs(outlook.query) == {"url": [url], "name": ["AG Wohnen & Sprache"]}
    assert urlsplit(links.outlook(url, "x", links.OUTLOOK_365)).netloc == "outlook.office.com"


def test_subscribe_page_builds_the_filtered_address(anonymous):
    page = anonymous.get("/subscribe")
    [form] = [f for f in page.forms.values() if "body" in f.fields]
    for field in form.fields["body"] + form.fields["field"]:
        field.checked = field.id in (f"body-{WOHNEN}", "field-language")
    built = form.submit()
    expected = f"http://localhost/calendar.ics?body={WOHNEN}&field=language"
    address = built.html.find(id="feed-built")
    assert address is not None and address["value"] == expected
    hrefs = [a["href"] for a in built.html.find(id="built").find_all("a")]
    assert links.webcal(expected) in hrefs and links.google(expected) in hrefs
    assert any(h.startswith(links.OUTLOOK_COM) for h in hrefs)
    # the choices stay ticked, and the address it built works
    assert built.html.find(id=f"body-{WOHNEN}").has_attr("checked")
    assert anonymous.get(expected.replace("http://localhost", "")).status_int == 200
    errors = judges.check_html({"/subscribe?built": built.text})
    assert not errors, judges.format_html_errors(errors)


def test_subscribe_page_explains_a_bad_selection(anonymous):
    page = anonymous.get("/subscribe?body=gibt-es-nicht", status=400)
    assert "Unbekanntes Gremium" in page.html.find(role="alert").text
    assert page.html.find(id="feed-built") is None
