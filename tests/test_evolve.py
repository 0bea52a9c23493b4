"""Upgrade steps run once, on databases made before them."""
from ZODB import DB
from ZODB.FileStorage import FileStorage

from roundtable.bootstrap import make_portal, upgrade
from roundtable.db import ROOT_KEY
from roundtable.evolve import APPLIED_KEY, mark_all_applied, pending, steps
from roundtable.bodies.resources import Body
from roundtable.scripts.evolve import main as evolve_main


def old_database(path):
    """A database as it was before meetings existed: bodies without the folder."""
    db = DB(FileStorage(str(path)))
    with db.transaction() as conn:
        portal = make_portal("Runder Tisch")
        body = portal["bodies"].add(Body(kind="plenary", name="Runder Tisch"), name="runder-tisch")
        body.remove("meetings")
        conn.root()[ROOT_KEY] = portal
    return db


def test_meetings_folder_step_on_an_old_database(tmp_path):
    db = old_database(tmp_path / "Data.fs")
    try:
        assert "0001-meetings-folders" in upgrade(db)  # later steps may follow
        with db.transaction() as conn:
            assert "meetings" in conn.root()[ROOT_KEY]["bodies"]["runder-tisch"]
            assert "0001-meetings-folders" in conn.root()[APPLIED_KEY]
        assert upgrade(db) == []  # each step once
    finally:
        db.close()


def test_new_database_needs_no_steps(tmp_path):
    db = DB(FileStorage(str(tmp_path / "Data.fs")))
    try:
        with db.transaction() as conn:
            conn.root()[ROOT_KEY] = make_portal("Runder Tisch")
            mark_all_applied(conn.root())
            assert pending(conn.root()) == []
        assert len(steps()) >= 1
    finally:
        db.close()


def test_evolve_command(tmp_path, capsys):
    old_database(tmp_path / "Data.fs").close()
    ini = tmp_path / "test.ini"
    ini.write_text(f"[app:main]\nuse = egg:roundtable\nzodbconn.uri = file://{tmp_path}/Data.fs\n")
    assert evolve_main([str(ini)]) == 0
    assert "0001-meetings-folders" in capsys.readouterr().out
    assert evolve_main([str(ini)]) == 0
    assert "up to date" in capsys.readouterr().out


def test_init_command_creates_the_database_once(tmp_path, capsys):
    from roundtable.scripts.init import main as init_main

    ini = tmp_path / "init.ini"
    ini.write_text("[app:main]\nuse = egg:roundtable\n"
                   f"zodbconn.uri = file://{tmp_path}/Data.fs\nroundtable.admin_email = c@example.org\n")
    assert init_main([str(ini)]) == 0
    assert "login:    c@example.org" in capsys.readouterr().err
    assert init_main([str(ini)]) == 0
    captured = capsys.readouterr()
    assert "exists already" in captured.out and "password" not in captured.err


def test_motions_step_on_a_database_without_committees(tmp_path):
    db = old_database(tmp_path / "Data.fs")
    try:
        with db.transaction() as conn:
            portal = conn.root()[ROOT_KEY]
            portal.remove("committees")
            portal.remove("motions")
            from BTrees.OOBTree import OOBTree

            from roundtable.evolve import steps

            # every other step applied: this test is about 0002 alone
            conn.root()[APPLIED_KEY] = OOBTree(
                {name: True for name, _step in steps() if name != "0002-motions-committees"})
        assert upgrade(db) == ["0002-motions-committees"]
        with db.transaction() as conn:
            portal = conn.root()[ROOT_KEY]
            assert "committees" in portal and "motions" in portal
            assert portal["motions"].next_reference(2026) == "RT-2026/01"
        assert upgrade(db) == []
    finally:
        db.close()
