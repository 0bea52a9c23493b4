"""The generator at a tiny scale: counts, shape, reuse."""
import json

from ZODB import DB
from ZODB.FileStorage import FileStorage

from roundtable.bench import dataset
from roundtable.db import ROOT_KEY
from roundtable.evolve import pending

from .conftest import SCALE


def open_portal(directory):
    db = DB(FileStorage(str(directory / dataset.DATA_FILE), read_only=True))
    return db, db.open()


def test_counts_follow_the_scale(tiny):
    _directory, info = tiny
    counts = info["counts"]
    assert counts["meetings"] == round(600 * SCALE)
    assert counts["agenda_items"] == round(3000 * SCALE)
    assert counts["persons"] == round(2000 * SCALE)
    assert counts["organisations"] == round(300 * SCALE)
    assert counts["minutes"] == round(150 * SCALE)
    assert counts["memberships"] > counts["bodies"]


def test_the_database_holds_what_the_counts_say(tiny):
    directory, info = tiny
    db, conn = open_portal(directory)
    try:
        root = conn.root()
        portal = root[ROOT_KEY]
        assert pending(root) == []  # made in the current shape: no upgrade at start-up
        assert len(portal["people"]) == info["counts"]["persons"]
        assert len(portal["organisations"]) == info["counts"]["organisations"]
        meetings = [m for b in portal["bodies"].values() for m in b["meetings"].values()]
        assert len(meetings) == info["counts"]["meetings"]
        assert all(m.public for m in meetings)  # all of them in the site feed
        assert sum(len(m.agenda) for m in meetings) == info["counts"]["agenda_items"]
        assert all(3 <= len(m.agenda) <= 7 for m in meetings)
        minutes = [m.minutes for m in meetings if m.minutes is not None]
        assert len(minutes) == info["counts"]["minutes"]
        assert {mi.state for mi in minutes} <= {"review", "published"}
        starts = sorted(m.start.date() for m in meetings)
        assert (starts[-1] - starts[0]).days > 6 * 365  # spread over the years
        assert any(m.status == "held" for m in meetings)
        assert any(m.start.date().isoformat() > info["today"] for m in meetings)
        assert all(m.start.month != 8 for m in meetings)  # summer break
    finally:
        conn.close()
        db.close()


def test_sample_meeting_exists(tiny):
    directory, info = tiny
    db, conn = open_portal(directory)
    try:
        from pyramid.traversal import find_resource

        meeting = find_resource(conn.root()[ROOT_KEY], info["paths"]["meeting"])
        assert meeting.body.kind == "plenary"
    finally:
        conn.close()
        db.close()


def test_the_same_seed_gives_the_same_data(tmp_path, tiny):
    again = dataset.generate(tmp_path, scale=SCALE, today=dataset.date.fromisoformat(tiny[1]["today"]))
    assert again["counts"] == tiny[1]["counts"]
    assert again["paths"] == tiny[1]["paths"]


def test_a_complete_dataset_is_reused(tmp_path):
    first = dataset.load_or_generate(tmp_path, scale=0.01)
    assert dataset.load_or_generate(tmp_path, scale=0.01)["created"] == first["created"]
    # another scale or an older version is made anew
    assert dataset.load_or_generate(tmp_path, scale=0.011)["created"] != first["created"]
    info = json.loads((tmp_path / dataset.INFO_FILE).read_text())
    info["version"] = 0
    (tmp_path / dataset.INFO_FILE).write_text(json.dumps(info))
    assert dataset.load_or_generate(tmp_path, scale=0.011)["version"] == dataset.VERSION
    # a dataset made before an upgrade step the code now has is made anew
    info = json.loads((tmp_path / dataset.INFO_FILE).read_text())
    assert info["steps"] == dataset.step_names() and info["steps"]
    created = info["created"]
    info["steps"] = info["steps"][:-1]
    (tmp_path / dataset.INFO_FILE).write_text(json.dumps(info))
    again = dataset.load_or_generate(tmp_path, scale=0.011)
    assert again["created"] != created and again["steps"] == dataset.step_names()
