"""The motions' Atom feed: each public step an entry, newest first, no drafts."""
from tests.conftest import edit
from tests.motions.helpers import make_motion
from tests.search.test_feeds import parsed


def test_feed_lists_the_newest_step_first_and_no_drafts(anonymous, db):
    with edit(db) as portal:
        motion = make_motion(portal, title="Dolmetschpool für Elternabende", state="submitted")
        make_motion(portal, title="Geheimer Entwurf zur Kita-Platzvergabe")
        name = motion.__name__
    feed = parsed(anonymous.get("/motions/feed.atom"))
    newest = feed.entries[0]
    assert "Dolmetschpool für Elternabende" in newest.title and "eingereicht" in newest.title
    assert newest.link == f"http://localhost/motions/{name}/"
    ids = [e.id for e in feed.entries]
    assert len(ids) == len(set(ids))   # one entry per step, each with its own id
    adopted = [e for e in feed.entries if "Dolmetschpool" in e.title and "beschlossen" in e.title]
    assert adopted and adopted[0].id != newest.id
    assert not any("Geheimer Entwurf" in e.title for e in feed.entries)
    page = anonymous.get("/motions/")
    assert "http://localhost/motions/feed.atom" in page.text   # offered in the page head
