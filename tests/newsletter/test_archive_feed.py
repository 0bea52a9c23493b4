"""The archive's Atom feed, and a scheduled issue reaching the search once its time has come."""
from datetime import timedelta

from roundtable.timeutil import now
from tests.conftest import edit
from tests.newsletter.helpers import add_subscribers, make_list, set_radio
from tests.newsletter.test_issues import _portal_news, create_issue
from tests.search.test_feeds import parsed
from tests.search.test_minutes_search import found


def scheduled_issue(admin, db, title):
    """An issue of the test list scheduled for tomorrow, 09:00 (its URL path)."""
    make_list(db)
    _portal_news(db)
    add_subscribers(db, "test-liste", ["leser@example.org"])
    issue_url = create_issue(admin, title=title)
    form = admin.get(issue_url + "send").forms["form"]
    set_radio(form, "later")
    form["date"] = (now() + timedelta(days=1)).strftime("%Y-%m-%d")
    form["time"] = "09:00"
    assert form.submit("send").status_int == 303
    return issue_url


def test_scheduled_issue_enters_feed_and_search_when_its_time_comes(admin, anonymous, db):
    issue_url = scheduled_issue(admin, db, "Ausgabe Zeitreise")
    titles = [e.title for e in parsed(anonymous.get("/newsletter/feed.atom")).entries]
    assert "Ausgabe Zeitreise" not in titles
    assert found(anonymous, "Zeitreise", type_="issue") == []
    with edit(db) as portal:   # the clock reaches the scheduled time
        issue = portal["newsletter"]["test-liste"][issue_url.rstrip("/").rsplit("/", 1)[1]]
        issue.send_at = now() - timedelta(minutes=1)
    feed = parsed(anonymous.get("/newsletter/feed.atom"))
    assert feed.entries[0].title == "Ausgabe Zeitreise"
    assert feed.entries[0].link == "http://localhost" + issue_url
    assert "Sprachcafé-Planung" in feed.entries[0].summary
    # the feed's visit told the catalog: the public now finds the issue
    assert found(anonymous, "Zeitreise", type_="issue") == ["http://localhost" + issue_url]
