"""The parts of ``roundtable.freshness`` on their own: the bounded LRU of
renderings and which counters a change bumps."""
from roundtable import freshness
from roundtable.db import ROOT_KEY
from roundtable.freshness import PageCache, sections_of


def entry(size):
    return (b"x" * size, "text/html", "UTF-8", {})


def test_cache_is_bounded_by_entries_least_recently_used_first():
    cache = PageCache(entries=3, megabytes=1)
    for key in "abc":
        cache.put(key, entry(10))
    assert cache.get("a") is not None        # "a" is now the most recently used
    cache.put("d", entry(10))
    assert len(cache) == 3
    assert cache.get("b") is None            # the least recently used went
    assert [cache.get(k) is not None for k in "acd"] == [True, True, True]
    assert cache.size == 30


def test_cache_is_bounded_by_bytes():
    cache = PageCache(entries=100, megabytes=1)
    third = 1024 * 1024 // 3
    for key in "abc":
        cache.put(key, entry(third))
    cache.get("a")
    cache.put("d", entry(third))             # four thirds do not fit: "b" goes
    assert cache.get("b") is None
    assert cache.size <= 1024 * 1024 and len(cache) == 3
    cache.put("huge", entry(1024 * 1024 + 1))   # bigger than the whole cache: not kept
    assert cache.get("huge") is None and len(cache) == 3


def test_replacing_an_entry_counts_its_bytes_once():
    cache = PageCache(entries=10, megabytes=1)
    cache.put("a", entry(100))
    cache.put("a", entry(40))
    assert cache.size == 40 and len(cache) == 1
    cache.clear()
    assert cache.size == 0 and len(cache) == 0


def test_a_change_deep_in_the_tree_does_not_count_as_a_site_change(app):
    """Everything lies below the portal; its "site" counter (title, texts) must
    not move with every meeting, or every page would be renewed by any change."""
    db = app.registry._zodb_databases[""]
    conn = db.open()
    try:
        portal = conn.root()[ROOT_KEY]
        body = portal["bodies"]["runder-tisch"]
        meeting = next(iter(body["meetings"].values()))
        names = sections_of(meeting)
        assert names[0] == "all"
        assert {"meetings", "bodies", "body:runder-tisch"} <= set(names)
        assert "site" not in names
        assert sections_of(portal) == ["all", "site"]
        assert set(sections_of(portal["people"])) == {"all", "register"}
        # a body's pages read that body's counter
        page = freshness.in_body("motions", "site")
        assert page(meeting, None) == ("body:runder-tisch", "motions", "site")
        assert page(portal, None) == ("bodies", "motions", "site")
    finally:
        conn.close()
