"""Persistent classes that moved keep loading from databases made before the
move: minutes stored as ``roundtable.meetings.minutes.Minutes`` (their module
until issue 12) or ``roundtable.meetings.resources.Minutes`` (before that)
open as ``roundtable.minutes.resources.Minutes``, through the command-line
opener and through the running app's database."""
import os
import sys
import types

import pytest
import transaction

import roundtable
from roundtable.db import open_db
from roundtable.minutes.resources import Minutes
from tests.conftest import make_settings

KEY = "minutes-made-before-the-move"


def _store_under_old_name(db, module_name):
    """Commit a Minutes object whose class pickles under ``module_name``, as the
    code before the move did; afterwards that name no longer holds the class."""
    module = sys.modules.get(module_name)
    created = module is None
    if created:
        module = sys.modules[module_name] = types.ModuleType(module_name)
    module.Minutes = type("Minutes", (Minutes,), {"__module__": module_name})
    try:
        conn = db.open()
        with transaction.manager:
            conn.root()[KEY] = module.Minutes()
        oid = conn.root()[KEY]._p_oid
        conn.close()
        return db.storage.load(oid)[0]
    finally:
        del module.Minutes
        if created:
            del sys.modules[module_name]


@pytest.mark.parametrize("old_module", ["roundtable.meetings.minutes",
                                        "roundtable.meetings.resources"])
def test_minutes_pickled_under_the_old_module_still_load(tmp_path, old_module):
    settings = make_settings(tmp_path, **{"roundtable.demo_data": "false"})
    db = open_db(settings)
    try:
        raw = _store_under_old_name(db, old_module)
    finally:
        db.close()
    assert old_module.encode() in raw

    db = open_db(settings)
    try:
        conn = db.open()
        assert type(conn.root()[KEY]) is Minutes
        assert conn.root()[KEY].state == "draft"
        conn.close()
    finally:
        db.close()

    app = roundtable.main({}, **settings)
    conn = app.registry._zodb_databases[""].open()
    try:
        assert type(conn.root()[KEY]) is Minutes
    finally:
        conn.close()
        app.registry._zodb_databases[""].close()
    assert os.path.exists(settings["zodbconn.uri"][len("file://"):].split("?")[0])


@pytest.mark.parametrize("old, new", [
    ("roundtable.meetings.resources.Attendance", "roundtable.meetings.attendance.Attendance"),
])
def test_classes_split_into_their_own_module_load_by_their_old_name(old, new):
    """ZODB finds a stored object's class by the module and name it was pickled
    under; a class moved without a mapping in roundtable.db must stay importable
    there, as the same class."""
    from ZODB.broken import find_global

    found = find_global(*old.rsplit(".", 1), Broken=type(None))
    assert found is find_global(*new.rsplit(".", 1)) and found.__module__ + "." + "Attendance" == new
