"""Atom feeds parse (feedparser, and an XML parser against the Atom namespace) and hold the
newest item; sitemap, robots.txt, OpenSearch and the 404 page that offers the search."""
import feedparser
from xml.etree import ElementTree as etree

from roundtable.catalog import reindex
from roundtable.minutes.resources import Minutes
from roundtable.minutes.workflow import PUBLISHED
from tests.conftest import edit
from tests.meetings.helpers import add_meeting, next_sunday

ATOM = "{http://www.w3.org/2005/Atom}"


def parsed(response):
    assert response.content_type == "application/atom+xml"
    feed = feedparser.parse(response.body)
    assert not feed.bozo, feed.bozo_exception
    root = etree.fromstring(response.body)
    assert root.tag == ATOM + "feed"
    for entry in root.iter(ATOM + "entry"):   # RFC 4287: id, title, updated in each entry
        assert entry.find(ATOM + "id") is not None and entry.find(ATOM + "updated") is not None
    return feed


def publish_minutes(db, days_ago, title, public=True, text="Beschluss"):
    with edit(db) as portal:
        meeting = add_meeting(portal, "ag-wohnen", next_sunday(-days_ago), title=title, public=public)
        minutes = meeting.add(Minutes(), "minutes")
        minutes.general = text
        minutes.state = PUBLISHED
        reindex(portal)


def test_minutes_feed_has_the_newest_published_minutes_first(anonymous, db):
    publish_minutes(db, 60, "Ältere Sitzung")
    publish_minutes(db, 7, "Neueste Sitzung", text="Mietspiegel beschlossen")
    publish_minutes(db, 3, "Geheime Sitzung", public=False)
    feed = parsed(anonymous.get("/minutes.atom"))
    titles = [e.title for e in feed.entries]
    assert titles[0] == "Neueste Sitzung" and "Ältere Sitzung" in titles
    assert "Geheime Sitzung" not in titles
    assert "Mietspiegel" in feed.entries[0].summary
    assert feed.entries[0].link.endswith("/minutes/")


def test_body_feed(anonymous, db):
    with edit(db) as portal:
        add_meeting(portal, "ag-wohnen", next_sunday(400), title="Ganz neue Sitzung")
        reindex(portal)
    feed = parsed(anonymous.get("/bodies/ag-wohnen/feed.atom"))
    assert feed.feed.title == "AG Wohnen"
    assert feed.entries[0].title == "Ganz neue Sitzung"
    assert all("/bodies/ag-wohnen/" in e.link for e in feed.entries)
    page = anonymous.get("/bodies/ag-wohnen/")
    assert page.html.find("link", {"rel": "alternate", "href": "http://localhost/bodies/ag-wohnen/feed.atom"})


def test_search_feed_and_private_caching(anonymous, member):
    feed = parsed(anonymous.get("/search.atom", {"q": "wohnungsmarkt"}))
    # the agenda items of that name, and the minutes that record them (titled by their session)
    assert feed.entries and any("Wohnungsmarkt" in e.title for e in feed.entries)
    assert all("Wohnungsmarkt" in e.title or e.tags[0].term == "Protokoll" for e in feed.entries)
    # anonymous: shareable, revalidated by the ETag of the change counters (roundtable.freshness)
    shared = anonymous.get("/search.atom", {"q": "x"})
    assert "private" not in shared.headers["Cache-Control"] and shared.headers["ETag"]
    assert "private" in member.get("/search.atom", {"q": "x"}).headers["Cache-Control"]
    anonymous.get("/search.atom", {"year": "nope"}, status=400)


def test_feed_in_english(anonymous, db):
    publish_minutes(db, 7, "Neueste Sitzung")
    anonymous.set_cookie("_LOCALE_", "en")
    feed = parsed(anonymous.get("/minutes.atom"))
    assert feed.feed.title == "Published minutes" and feed.entries[0].tags[0].term == "Minutes"


def test_sitemap_lists_public_pages_only(anonymous, db):
    with edit(db) as portal:
        add_meeting(portal, "vorstand", next_sunday(30), title="Klausur", public=False)
        reindex(portal)
    response = anonymous.get("/sitemap.xml")
    root = etree.fromstring(response.body)
    locs = [e.text for e in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert "http://localhost/bodies/ag-wohnen/" in locs
    assert any("/bodies/runder-tisch/meetings/" in u for u in locs)
    assert not any("/bodies/vorstand/meetings/" in u for u in locs)
    assert len(locs) == len(set(locs))


def test_robots_and_opensearch(anonymous):
    robots = anonymous.get("/robots.txt").text
    assert "Sitemap: http://localhost/sitemap.xml" in robots and "Disallow: /search" in robots
    home = anonymous.get("/")
    link = home.html.find("link", {"rel": "search"})
    description = anonymous.get(link["href"].replace("http://localhost", ""))
    root = etree.fromstring(description.body)
    urls = [u.get("template") for u in root.iter("{http://a9.com/-/spec/opensearch/1.1/}Url")]
    assert "http://localhost/search?q={searchTerms}" in urls
    assert home.html.find("link", {"rel": "canonical"})["href"] == "http://localhost/"
    assert home.html.find("meta", {"property": "og:title"})["content"]


def test_not_found_offers_the_search(anonymous):
    response = anonymous.get("/bodies/ag-wohnnen/", status=404)
    form = response.forms[1] if len(response.forms) > 1 else response.forms[0]
    assert response.html.find("input", {"id": "notfound-q"})["value"] == "ag wohnnen"
    assert form.action.endswith("/search")
    assert response.html.find("link", {"rel": "canonical"}) is None   # no canonical for an error
