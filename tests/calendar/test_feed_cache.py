"""Kept feeds are never stale, and an unchanged feed costs a 304.

Every feed takes its ETag from the change counters (roundtable.freshness);
its events come from a per-process cache keyed by the counter of their body
(roundtable.calendar.cache). Changes here are made through the app, as the
board would, or by a service call that announces itself with its event (a
direct edit would renew everything and prove nothing).
"""
from contextlib import contextmanager

import transaction
from webtest import TestApp

from roundtable.calendar import cache
from roundtable.db import ROOT_KEY
from roundtable.events import ObjectModified
from tests.calendar.test_feeds import SB_FEED, SITE, events, parse
from tests.calendar.test_personal_feed import address, issue
from tests.conftest import edit
from tests.meetings.helpers import cancel
from tests.motions.helpers import make_motion, path

SB = "ag-sprache-und-bildung"
FEEDS = (SITE, SB_FEED, f"{SITE}?body={SB}", f"{SITE}?field=language")
WOHNEN_FEED = "/bodies/ag-wohnen/calendar.ics"


@contextmanager
def announced(app, db, url):
    """The object at ``url``, changed in a transaction of its own and announced
    by ObjectModified, as a service does (no blanket renewal)."""
    tm = transaction.TransactionManager()
    conn = db.open(transaction_manager=tm)
    try:
        with tm:
            obj = conn.root()[ROOT_KEY]
            for part in filter(None, url.strip("/").split("/")):
                obj = obj[part]
            yield obj
            app.registry.notify(ObjectModified(obj))
    finally:
        conn.close()


def tags(client, paths):
    return {p: client.get(p).headers["ETag"] for p in paths}


def rename(board, meeting_url, title):
    form = board.get(meeting_url + "edit").forms["form"]
    form["title"] = title
    return form.submit("save", status=303)


def page_cache(app):
    return app.registry.roundtable_page_cache


def test_unchanged_feeds_answer_304_and_come_from_the_cache(app, anonymous, known):
    paths = FEEDS + (known["spring"] + "event.ics",)
    first = {p: anonymous.get(p) for p in paths}
    kept = len(page_cache(app))
    for p, response in first.items():
        assert response.etag, p
        again = anonymous.get(p)
        assert again.body == response.body and again.etag == response.etag, p
        anonymous.get(p, headers={"If-None-Match": f'"{response.etag}"'}, status=304)
    # the repeated requests were answered from the kept bytes, none added
    assert len(page_cache(app)) == kept
    for response in first.values():
        assert page_cache(app).get(response.etag) is not None


def test_a_renamed_meeting_renews_every_feed_showing_it_and_no_other(app, anonymous, board, known):
    paths = FEEDS + (known["spring"] + "event.ics",)
    before = tags(anonymous, paths + (WOHNEN_FEED,))
    rename(board, known["spring"], "Frühjahrsklausur")
    after = tags(anonymous, paths + (WOHNEN_FEED,))
    for p in paths:
        assert after[p] != before[p], p
        assert "Frühjahrsklausur" in anonymous.get(p).text, p
        assert "Frühjahrssitzung" not in anonymous.get(p).text, p
        anonymous.get(p, headers={"If-None-Match": before[p]}, status=200)
    # another body's feed is untouched: still a 304
    assert after[WOHNEN_FEED] == before[WOHNEN_FEED]
    anonymous.get(WOHNEN_FEED, headers={"If-None-Match": before[WOHNEN_FEED]}, status=304)


def test_a_cancelled_meeting_is_cancelled_in_every_feed(anonymous, board, known):
    for p in FEEDS:
        anonymous.get(p)   # its events are now kept
    cancel(board, known["spring"], status=303)
    for p in FEEDS + (known["spring"] + "event.ics",):
        [ev] = [e for s, e in events(parse(anonymous.get(p))).items()
                if s.startswith("Frühjahrssitzung")]
        assert str(ev["status"]) == "CANCELLED" and int(ev["sequence"]) == 1, p


def test_a_changed_agenda_item_alone_reaches_the_feeds(app, anonymous, known, db):
    for p in FEEDS:
        assert "TOP 1 Begrüßung" in anonymous.get(p).text
    before = tags(anonymous, FEEDS)
    with announced(app, db, known["spring"] + "agenda/top-1") as item:
        item.title = "Begrüßung und Vorstellungsrunde"   # the meeting itself is untouched
    for p in FEEDS:
        response = anonymous.get(p)
        assert response.etag != before[p] and "Vorstellungsrunde" in response.text, p


def test_a_renamed_body_reaches_its_events(app, anonymous, known, db):
    anonymous.get(SB_FEED)
    with announced(app, db, f"/bodies/{SB}/") as body:
        body.name = "AG Sprache"
    for p in FEEDS:
        assert "SUMMARY:Frühjahrssitzung (AG Sprache)" in anonymous.get(p).text, p


def consultation(client, name, url=SITE):
    [ev] = [e for e in parse(client.get(url)).walk("VEVENT")
            if str(e["url"]).endswith(f"/motions/{name}/")]
    return ev


def test_a_moved_consultation_renews_the_site_feed_not_a_body_feed(anonymous, board, db):
    with edit(db) as portal:
        motion = make_motion(portal, title="Sprachmittlung im Bürgeramt", state="in_consultation")
        url, name, cid = path(motion), motion.__name__, motion.consultations[0].id
    before = consultation(anonymous, name)
    tagged = tags(anonymous, (SITE, SB_FEED, f"{SITE}?body={SB}"))
    form = board.get(url + f"change-consultation?cid={cid}").forms["form"]
    form["document_ref"] = "DS 2026/457"
    form.submit("save", status=303)
    after = consultation(anonymous, name)
    assert "DS 2026/457" in str(after["description"])
    assert "DS 2026/457" not in str(before["description"])
    assert anonymous.get(SITE).etag != tagged[SITE]
    # feeds without council dates did not change
    assert tags(anonymous, (SB_FEED, f"{SITE}?body={SB}")) == {
        p: tagged[p] for p in (SB_FEED, f"{SITE}?body={SB}")}


def test_a_renamed_site_renews_the_calendar_names(app, anonymous, known, db):
    before = tags(anonymous, FEEDS)
    with announced(app, db, "/") as portal:
        portal.title = "Runder Tisch Flensburg"
    for p in FEEDS:
        response = anonymous.get(p)
        assert response.etag != before[p] and "X-WR-CALNAME:Runder Tisch Flensburg" in response.text


def test_language_and_host_are_part_of_the_keys(app, known):
    german, english, other = TestApp(app), TestApp(app), TestApp(app, extra_environ={
        "HTTP_HOST": "kalender.example.org"})
    english.set_cookie("_LOCALE_", "en")
    for client in (german, english, other):   # twice: the second from the caches
        client.get(SITE)
    de, en, elsewhere = german.get(SITE), english.get(SITE), other.get(SITE)
    assert len({de.etag, en.etag, elsewhere.etag}) == 3
    assert "CATEGORIES:Ratsausschuss" in de.text and "CATEGORIES:Ratsausschuss" not in en.text
    assert "CATEGORIES:Council committee" in en.text
    # links follow the host asked for (the UIDs follow roundtable.base_url, set in the tests)
    assert "http://kalender.example.org/bodies/" in elsewhere.text
    assert "http://localhost/bodies/" in de.text and "kalender.example.org" not in de.text


def test_a_personal_feed_is_never_kept_for_others(app, anonymous, member):
    url = address(issue(member))
    kept = len(page_cache(app))
    first = anonymous.get(url)   # a calendar program: no cookie, the token in the URL
    second = anonymous.get(url)
    assert first.content_type == "text/calendar" and second.body == first.body
    assert "private" in first.headers["Cache-Control"]
    assert len(page_cache(app)) == kept and page_cache(app).get(first.etag) is None
    # the token is the credential: revoked, the same address is gone, not served from a cache
    issue(member, "revoke")
    anonymous.get(url, status=404)


def test_the_event_cache_is_emptied_and_filled_by_a_build(anonymous, known):
    cache.clear()
    assert len(cache.EVENTS) == 0
    anonymous.get(SB_FEED)
    filled = len(cache.EVENTS)
    assert filled > 0
    anonymous.get(f"{SITE}?body={SB}")   # the same events: reused, none built again
    assert len(cache.EVENTS) == filled


def test_a_poll_reads_no_stored_meeting(app, anonymous, known, db, monkeypatch):
    """The freshness check is O(1): a poll (304, or the kept bytes) loads a
    handful of objects (root, portal, counters), never the meetings behind
    the feed, which a rebuild has to read."""
    from ZODB.Connection import Connection

    loaded = []
    original = Connection.setstate
    monkeypatch.setattr(Connection, "setstate",
                        lambda self, obj: (loaded.append(type(obj).__name__), original(self, obj)))
    tag = anonymous.get(SITE).headers["ETag"]
    for answer in (lambda: anonymous.get(SITE, headers={"If-None-Match": tag}, status=304),
                   lambda: anonymous.get(SITE, status=200)):
        db.cacheMinimize()   # every object a ghost again: each read is a load
        del loaded[:]
        answer()
        assert len(loaded) < 15 and "Meeting" not in loaded, loaded
    cache.clear()
    app.registry.roundtable_page_cache.clear()
    db.cacheMinimize()
    del loaded[:]
    anonymous.get(SITE)   # a rebuild does read them
    assert loaded.count("Meeting") > 20


def test_a_members_download_with_hidden_items_is_private_and_never_kept(app, anonymous, board,
                                                                        known):
    path = known["spring"] + "event.ics"
    public = anonymous.get(path)
    assert "Personalakte" not in public.text and "private" not in public.headers["Cache-Control"]
    kept = len(page_cache(app))
    own = board.get(path)   # the board sees the non-public item too
    assert "Personalakte Müller" in own.text
    assert "private" in own.headers["Cache-Control"] and "public" not in own.headers["Cache-Control"]
    assert len(page_cache(app)) == kept
    assert "Personalakte" not in anonymous.get(path).text


def test_a_rebuild_lets_the_agendas_go_and_a_changed_one_is_kept(app, anonymous, db):
    """Writing the site feed turns each agenda read for it back into a ghost
    (memory stays flat over a long archive); an agenda changed in the same
    transaction is left as it is (persistent never drops a change)."""
    cache.clear()
    tm = transaction.TransactionManager()
    conn = db.open(transaction_manager=tm)
    try:
        with tm:
            portal = conn.root()[ROOT_KEY]
            meeting = next(m for b in portal["bodies"].values() for m in b["meetings"].values()
                           if m.public and len(m.agenda))
            items = list(meeting.agenda.values())
            assert all(i.title for i in items) and all(i._p_state == 0 for i in items)   # loaded
            meeting.agenda.release()
            assert meeting.agenda._p_state == -1 and all(i._p_state == -1 for i in items)
            assert [i.title for i in meeting.agenda.ordered()]   # loads again on use
            changed = items[0]
            changed.title = changed.title + " (geändert)"
            meeting.agenda.release()
            assert changed._p_changed and changed.title.endswith("(geändert)")
            tm.abort()
    finally:
        conn.close()
    # and the feed still carries every public event with its agenda
    assert "BEGIN:VEVENT" in anonymous.get(SITE).text
