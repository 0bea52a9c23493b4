"""Indexing after the commit, in a transaction of its own (catalog/deferred.py)."""
import threading

import transaction

from roundtable.catalog import deferred, get_catalog
from roundtable.db import ROOT_KEY
from tests.conftest import edit
from tests.meetings.helpers import add_meeting, next_sunday
from tests.search.test_catalog import titles


def catalog_titles(db, text):
    conn = db.open()
    try:
        return titles(get_catalog(conn.root()[ROOT_KEY]), text)
    finally:
        conn.close()


def test_apply_indexes_changed_paths_and_drops_vanished_ones(db):
    with edit(db) as portal:
        meeting = add_meeting(portal, "ag-wohnen", next_sunday(30), title="Zeltlager",
                              items=[("1", "Zeltaufbau", True), ("2", "Zeltabbau", True)])
        path = f"/bodies/ag-wohnen/meetings/{meeting.__name__}"
    assert catalog_titles(db, "Zelt") == []            # made without a request: not yet known
    assert deferred.apply(db, {path: "index"})
    assert sorted(catalog_titles(db, "Zelt")) == ["Zeltabbau", "Zeltaufbau", "Zeltlager"]
    with edit(db) as portal:
        agenda = portal["bodies"]["ag-wohnen"]["meetings"][meeting.__name__].agenda
        agenda.remove(agenda.ordered()[1].__name__)
    assert deferred.apply(db, {path: "index"})         # the item below is gone: dropped
    assert sorted(catalog_titles(db, "Zelt")) == ["Zeltaufbau", "Zeltlager"]
    assert deferred.apply(db, {path: "unindex"})
    assert catalog_titles(db, "Zelt") == []


def test_a_conflicting_index_transaction_is_retried(db):
    """Another writer commits to the catalog while the indexer works: the
    indexer's first commit conflicts, its retry succeeds."""
    with edit(db) as portal:
        meeting = add_meeting(portal, "ag-wohnen", next_sunday(31), title="Kanutour")
        path = f"/bodies/ag-wohnen/meetings/{meeting.__name__}"
    calls = []
    real = deferred.sync_tree

    def interfering(catalog, obj):
        calls.append(1)
        if len(calls) == 1:   # a concurrent commit that touches the same document map
            def other():
                tm = transaction.TransactionManager()
                conn = db.open(transaction_manager=tm)
                with tm:
                    get_catalog(conn.root()[ROOT_KEY]).docids["/elsewhere"] = 1
                conn.close()
            thread = threading.Thread(target=other)
            thread.start()
            thread.join()
            get_catalog(obj).docids["/elsewhere"] = 2
        return real(catalog, obj)

    deferred.sync_tree = interfering   # the name deferred.apply calls
    try:
        assert deferred.apply(db, {path: "index"})
    finally:
        deferred.sync_tree = real
    assert len(calls) == 2 and catalog_titles(db, "Kanutour") == ["Kanutour"]


def test_an_update_that_keeps_conflicting_goes_to_the_todo_list_not_only_the_log(db, monkeypatch):
    """Every attempt conflicts: the paths are kept in the database and applied
    later (by the next request or the worker), never just logged."""
    from ZODB.POSException import ConflictError

    with edit(db) as portal:
        meeting = add_meeting(portal, "ag-wohnen", next_sunday(32), title="Floßbau")
        path = f"/bodies/ag-wohnen/meetings/{meeting.__name__}"
    real = deferred._apply_in

    def always_conflicts(root, ops):
        raise ConflictError("busy")

    monkeypatch.setattr(deferred, "_apply_in", always_conflicts)
    monkeypatch.setattr(deferred, "BACKOFF", 0)
    deferred.apply_after_commit(True, db, {path: "index"}, attempts=2)
    assert [ops for ops in deferred.pending(db).values()] == [{path: "index"}]
    assert catalog_titles(db, "Floßbau") == []
    monkeypatch.setattr(deferred, "_apply_in", real)
    assert deferred.apply_pending(db) == 1
    assert catalog_titles(db, "Floßbau") == ["Floßbau"]
    assert deferred.pending(db) == {}


def test_the_next_request_applies_the_todo_list(db, admin):
    with edit(db) as portal:
        meeting = add_meeting(portal, "ag-wohnen", next_sunday(33), title="Schnitzeljagd")
        path = f"/bodies/ag-wohnen/meetings/{meeting.__name__}"
    deferred.keep_for_later(db, {path: "index"})
    assert catalog_titles(db, "Schnitzeljagd") == []
    form = admin.get(path + "/agenda/add").forms["form"]
    form["number"], form["title"] = "9", "Anderer Punkt"
    assert form.submit("save").status_int == 303
    assert "Schnitzeljagd" in catalog_titles(db, "Schnitzeljagd")
    assert deferred.pending(db) == {}
