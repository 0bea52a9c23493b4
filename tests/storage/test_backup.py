"""roundtable-backup (repozo full + incremental, blobs), roundtable-restore into
a new file compared with the original, and roundtable-pack keeping N days."""
import os

from ZODB.blob import is_blob_record

from roundtable.bootstrap import bootstrap
from roundtable.db import open_db
from roundtable.meetings.resources import AgendaItem, Document
from roundtable.scripts.backup import backup_main, restore_main
from roundtable.scripts.pack import main as pack_main
from roundtable.scripts.verify import main as verify_main, records
from tests.conftest import edit, make_settings
from tests.meetings.helpers import PDF, add_meeting, next_sunday


def settings_in(directory, **overrides):
    directory.mkdir()
    return make_settings(directory, **overrides)


def write_ini(path, settings):
    lines = ["[app:main]", "use = egg:roundtable"] + [f"{k} = {v}" for k, v in settings.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def contents(db):
    """Every reachable object's pickle, and the bytes of every blob."""
    found = {}
    for oid, data, serial in records(db.storage):
        blob = None
        if is_blob_record(data):
            with open(db.storage.loadBlob(oid, serial), "rb") as f:
                blob = f.read()
        found[oid] = (data, blob)
    return found


def test_backup_incremental_restore_gives_the_same_data(app, db, settings, tmp_path, capsys):
    ini = write_ini(tmp_path / "site.ini", settings)
    folder = tmp_path / "backup"
    assert backup_main([ini, str(folder)]) == 0
    assert "full backup" in capsys.readouterr().out
    first = sorted(os.listdir(folder / "filestorage"))[0].split(".")[0]
    with edit(db) as portal:
        portal.title = "Runder Tisch nach der Sicherung"
        meeting = add_meeting(portal, "ag-wohnen", next_sunday(20), title="Nach der Sicherung")
        item = meeting.agenda.add_item(AgendaItem("1", "Bericht"))
        item.add_document(Document("bericht.pdf", "application/pdf", PDF))
    assert backup_main([ini, str(folder)]) == 0
    assert "incremental backup" in capsys.readouterr().out
    assert any(n.endswith(".deltafsz") for n in os.listdir(folder / "filestorage"))

    restored = settings_in(tmp_path / "restored")
    restored_ini = write_ini(tmp_path / "restored.ini", restored)
    assert restore_main([restored_ini, str(folder)]) == 0
    assert "all references resolve" in capsys.readouterr().out
    assert restore_main([restored_ini, str(folder)]) == 1  # never over an existing database
    assert "exists" in capsys.readouterr().err
    copy = open_db(restored)
    try:
        original = contents(db)
        assert contents(copy) == original
        assert any(blob == PDF for _data, blob in original.values())
        with edit(copy) as portal:
            assert portal.title == "Runder Tisch nach der Sicherung"
    finally:
        copy.close()

    earlier = settings_in(tmp_path / "earlier")
    assert restore_main([write_ini(tmp_path / "earlier.ini", earlier), str(folder), "--date", first]) == 0
    copy = open_db(earlier)
    try:
        with edit(copy) as portal:
            assert portal.title == "Runder Tisch für Integration"
    finally:
        copy.close()
    assert verify_main([restored_ini]) == 0

    too_early = settings_in(tmp_path / "too-early")
    ini = write_ini(tmp_path / "too-early.ini", too_early)
    assert restore_main([ini, str(folder), "--date", "2000-01-01"]) == 1
    assert "repozo" in capsys.readouterr().err
    assert not (tmp_path / "too-early" / "var" / "Data.fs").exists()  # nothing half restored


def test_backup_needs_a_filestorage(tmp_path, capsys):
    ini = write_ini(tmp_path / "zeo.ini", {"zodbconn.uri": "zeo://127.0.0.1:1"})
    assert backup_main([ini, str(tmp_path / "backup")]) == 1
    assert "--file" in capsys.readouterr().err


def revisions(db, oid):
    return len(db.storage.history(oid, size=1000))


def test_pack_keeps_the_days_asked_for(tmp_path, capsys):
    settings = make_settings(tmp_path, **{"roundtable.demo_data": "false"})
    ini = write_ini(tmp_path / "site.ini", settings)
    db = open_db(settings)
    try:
        bootstrap(db, settings, out=open(os.devnull, "w"))
        for n in range(3):
            with edit(db) as portal:
                portal.title = f"Fassung {n}"
                oid = portal._p_oid
        assert revisions(db, oid) >= 4
    finally:
        db.close()

    def packed(days):
        assert pack_main([ini, "--days", str(days)]) == 0
        db = open_db(settings)
        try:
            with edit(db) as portal:
                assert portal.title == "Fassung 2"
            return revisions(db, oid)
        finally:
            db.close()

    assert packed(1) >= 4  # everything is younger than a day: all kept
    assert packed(0) == 1
    assert pack_main([ini, "--days", "-1"]) == 2
