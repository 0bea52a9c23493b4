"""The Atom feeds on the change counters: an unchanged feed answers 304, a
change to anything it shows (through the app, or a service call announced by
its event) gives a new ETag and the new content.

Feeds read from the catalog depend on its own counter ("catalog"), bumped in
the transaction that updates the catalog (after the request's, see
roundtable.catalog.deferred)."""
import threading
from datetime import timedelta

import transaction
from webtest import TestApp

from roundtable import freshness
from roundtable.db import ROOT_KEY
from roundtable.timeutil import now
from roundtable.catalog import deferred
from roundtable.catalog.deferred import FRESHNESS as CATALOG
from tests.calendar.test_feed_cache import announced, rename
from tests.conftest import edit
from tests.meetings.helpers import add_meeting, next_sunday, url
from tests.motions.helpers import make_motion, path
from tests.newsletter.helpers import add_subscribers, make_list
from tests.newsletter.test_archive_feed import scheduled_issue
from tests.newsletter.test_issues import _portal_news, create_issue, send_now
from tests.search.test_feeds import parsed, publish_minutes


def catalog_counter(db):
    """The catalog's counter, read without writing (an edit would renew everything)."""
    tm = transaction.TransactionManager()
    conn = db.open(transaction_manager=tm)
    try:
        return freshness.values(conn, [CATALOG])[0]
    finally:
        tm.abort()
        conn.close()


def unchanged(client, feed_path):
    """The feed's ETag, after checking a poll with it answers 304."""
    tag = client.get(feed_path).headers["ETag"]
    client.get(feed_path, headers={"If-None-Match": tag}, status=304)
    return tag


def renewed(client, feed_path, tag, text):
    response = client.get(feed_path, headers={"If-None-Match": tag}, status=200)
    assert response.headers["ETag"] != tag
    assert text in response.text, feed_path
    return parsed(response)


def test_motions_feed(app, anonymous, db):
    with edit(db) as portal:
        motion = make_motion(portal, title="Dolmetschpool für Elternabende", state="submitted")
        motion_url = path(motion)
    tag = unchanged(anonymous, "/motions/feed.atom")
    with announced(app, db, motion_url) as motion:
        motion.title = "Dolmetschpool für Elternabende und Sprechstunden"
    renewed(anonymous, "/motions/feed.atom", tag, "und Sprechstunden")


def test_minutes_feed(app, anonymous, db):
    publish_minutes(db, 7, "Neueste Sitzung", text="Mietspiegel beschlossen")
    with edit(db) as portal:
        meeting = [m for m in portal["bodies"]["ag-wohnen"]["meetings"].values()
                   if m.title == "Neueste Sitzung"][0]
        minutes_url = url(meeting) + "minutes/"
    tag = unchanged(anonymous, "/minutes.atom")
    with announced(app, db, minutes_url) as minutes:
        minutes.general = "Mietspiegel beschlossen, Wohnberechtigungsschein erklärt"
    feed = renewed(anonymous, "/minutes.atom", tag, "Wohnberechtigungsschein")
    assert "Wohnberechtigungsschein" in feed.entries[0].summary


def test_body_feed_and_search_feed_follow_a_change_made_through_the_app(app, anonymous, board, db):
    with edit(db) as portal:
        meeting = add_meeting(portal, "ag-sprache-und-bildung", next_sunday(40), title="Planung")
        meeting_url = url(meeting)
    body_feed, search_feed = "/bodies/ag-sprache-und-bildung/feed.atom", "/search.atom?q=Zeitreise"
    tags = {p: unchanged(anonymous, p) for p in (body_feed, search_feed)}
    before = catalog_counter(db)
    # the catalog is updated in a transaction of its own after the request's
    rename(board, meeting_url, "Planung der Zeitreise")
    assert catalog_counter(db) > before
    for p in (body_feed, search_feed):
        feed = renewed(anonymous, p, tags[p], "Planung der Zeitreise")
        assert any(e.title == "Planung der Zeitreise" for e in feed.entries), p


def test_newsletter_feed(app, admin, anonymous, db):
    make_list(db)
    _portal_news(db)
    add_subscribers(db, "test-liste", ["leser@example.org"])
    issue_url = create_issue(admin, title="Ausgabe Frühling")
    tag = unchanged(anonymous, "/newsletter/feed.atom")
    send_now(admin, issue_url)
    renewed(anonymous, "/newsletter/feed.atom", tag, "Ausgabe Frühling")
    tag = unchanged(anonymous, "/newsletter/feed.atom")
    with announced(app, db, issue_url) as issue:
        issue.title = "Ausgabe Frühling (berichtigt)"
    renewed(anonymous, "/newsletter/feed.atom", tag, "Ausgabe Frühling (berichtigt)")


def test_a_scheduled_issue_enters_the_feed_in_the_minute_it_is_due(app, admin, anonymous, db,
                                                                   monkeypatch):
    issue_url = scheduled_issue(admin, db, "Ausgabe Zeitreise")
    tag = unchanged(anonymous, "/newsletter/feed.atom")
    assert "Ausgabe Zeitreise" not in anonymous.get("/newsletter/feed.atom").text
    # the clock reaches the time: nothing is stored, no event, no counter moves ...
    tm = transaction.TransactionManager()
    conn = db.open(transaction_manager=tm)
    with tm:
        issues = conn.root()[ROOT_KEY]["newsletter"]["test-liste"]
        issue = issues[issue_url.rstrip("/").rsplit("/", 1)[1]]
        issue.send_at = now() - timedelta(seconds=1)
    conn.close()
    # ... but the next minute has a stamp of its own
    later = now() + timedelta(minutes=1)
    monkeypatch.setattr(freshness, "now", lambda: later)
    renewed(anonymous, "/newsletter/feed.atom", tag, "Ausgabe Zeitreise")


def test_a_poll_between_the_request_and_the_catalog_commit_is_not_kept(app, anonymous, board, db,
                                                                       monkeypatch):
    """The catalog is updated after the request has committed; a feed reader
    polling in between sees the old listing under the request's counters, and
    that must not stay: the catalog's own commit renews the feed."""
    with edit(db) as portal:
        meeting = add_meeting(portal, "ag-sprache-und-bildung", next_sunday(40), title="Planung")
        meeting_url = url(meeting)
    feed_path = "/bodies/ag-sprache-und-bildung/feed.atom"
    anonymous.get(feed_path)
    between = []
    original = deferred.apply

    def apply_after_a_poll(db_, ops, attempts=deferred.ATTEMPTS):
        # another reader's poll (own thread: own transaction) before the catalog's commit
        poll = threading.Thread(target=lambda: between.append(TestApp(app).get(feed_path).text))
        poll.start()
        poll.join()
        return original(db_, ops, attempts)

    monkeypatch.setattr(deferred, "apply", apply_after_a_poll)
    rename(board, meeting_url, "Planung der Zeitreise")
    assert between and "Planung der Zeitreise" not in between[0]   # the old listing, in between
    assert "Planung der Zeitreise" in anonymous.get(feed_path).text
