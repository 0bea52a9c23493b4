"""Anonymous repeats answered before traversal (roundtable/fastanswer.py):
the same ETag and bytes as the full way, without finding a context, and
never an answer that a change has made stale."""
from pyramid.events import ContextFound

from roundtable import fastanswer
from tests.conftest import edit


def contexts_found(app):
    found = []
    app.registry.registerHandler(lambda event: found.append(event.request.path), (ContextFound,))
    return found


def test_a_repeat_is_answered_before_traversal_with_the_same_tag_and_bytes(app, anonymous):
    found = contexts_found(app)
    first = anonymous.get("/")
    assert found == ["/"]
    again = anonymous.get("/")
    unchanged = anonymous.get("/", headers={"If-None-Match": first.headers["ETag"]}, status=304)
    assert found == ["/"]   # neither went through traversal
    assert again.body == first.body and again.headers["ETag"] == first.headers["ETag"]
    assert unchanged.headers["ETag"] == first.headers["ETag"]
    # the security headers are on the quick answers too
    assert again.headers["Content-Security-Policy"] == first.headers["Content-Security-Policy"]


def test_a_change_committed_elsewhere_is_seen_at_once(app, anonymous, db):
    found = contexts_found(app)
    first = anonymous.get("/")
    with edit(db) as portal:   # another connection, as another process would
        portal.about = "Geändert in einer anderen Verbindung"
    after = anonymous.get("/", headers={"If-None-Match": first.headers["ETag"]})
    assert after.status_int == 200 and "Geändert in einer anderen Verbindung" in after.text
    assert found == ["/", "/"]


def test_members_and_posts_always_go_the_whole_way(app, anonymous, member):
    found = contexts_found(app)
    anonymous.get("/")
    member.get("/")
    member.get("/")
    assert found == ["/", "/", "/"]


def test_the_snapshot_reads_again_only_after_a_transaction_or_its_age(db):
    reads = []
    real = fastanswer.read_counters

    class Clock:
        now = 100.0

        def __call__(self):
            return self.now

    clock = Clock()
    snapshot = fastanswer.Snapshot(db, clock=clock)
    try:
        fastanswer.read_counters = lambda database: reads.append(1) or real(database)
        first = snapshot.values(["everything", "site"])
        assert snapshot.values(["everything", "site"]) == first and len(reads) == 1
        with edit(db) as portal:
            portal.about = "neu"
        second = snapshot.values(["everything", "site"])
        assert len(reads) == 2 and second != first
        clock.now += fastanswer.MAX_AGE + 0.1
        snapshot.values(["site"])
        assert len(reads) == 3
    finally:
        fastanswer.read_counters = real
