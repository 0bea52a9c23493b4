"""Kept feeds are never stale: any stored change behind a feed rebuilds it."""
from roundtable.calendar import cache
from tests.calendar.test_feeds import SB_FEED, SITE
from tests.meetings.helpers import opened


def test_unchanged_feed_is_served_from_the_cache(anonymous, known):
    cache.FEEDS.clear()
    first = anonymous.get(SITE)
    assert len(cache.FEEDS._entries) == 1
    again = anonymous.get(SITE)
    assert again.body == first.body and again.headers["ETag"] == first.headers["ETag"]
    assert len(cache.FEEDS._entries) == 1
    anonymous.get(SITE + "?body=ag-wohnen")
    assert len(cache.FEEDS._entries) == 2


def test_a_change_to_an_agenda_item_alone_reaches_the_feeds(anonymous, known, db):
    for path in (SITE, SB_FEED):
        assert "TOP 1 Begrüßung" in anonymous.get(path).text
    with opened(db, known["spring"]) as meeting:
        item = meeting.agenda.ordered()[0]
        item.title = "Begrüßung und Vorstellungsrunde"   # the meeting itself is untouched
    for path in (SITE, SB_FEED):
        assert "Vorstellungsrunde" in anonymous.get(path).text, path
    with opened(db, known["spring"]) as meeting:
        meeting.agenda.remove(meeting.agenda.ordered()[0].__name__)
    for path in (SITE, SB_FEED):
        assert "Vorstellungsrunde" not in anonymous.get(path).text, path


def test_a_renamed_body_reaches_the_feeds(anonymous, known, db):
    anonymous.get(SB_FEED)
    with opened(db, known["spring"]) as meeting:
        meeting.body.name = "AG Sprache"
    assert "SUMMARY:Frühjahrssitzung (AG Sprache)" in anonymous.get(SB_FEED).text
