"""Killing the server (``kill -9``) in the middle of a stream of writes loses
nothing that was confirmed: after a restart every agenda item whose request
returned success is there, and the FileStorage verifies (fstest, references)."""
import threading

from roundtable.db import open_db
from roundtable.scripts import filestorage_path
from roundtable.scripts.verify import verify
from tests.judges import LiveServer
from tests.storage.helpers import add_item, agenda_titles, item_title, prepare_portal
from tests.storage.remote import client

CONFIRMED_BEFORE_KILL = 8


def write_until_refused(server, found, confirmed, enough):
    """Add items one after another until the server stops answering."""
    app = client(server, server.admin_login, found["password"])
    number = 1
    while number < 500:
        try:
            response = add_item(app, found["path"], number, "Strom")
        except Exception:  # the connection died with the server
            return
        assert response.status_int == 303, response.text
        confirmed.append(number)
        if len(confirmed) >= CONFIRMED_BEFORE_KILL:
            enough.set()
        number += 1


def test_kill_9_during_writes_loses_no_confirmed_change(tmp_path):
    found, confirmed, enough = {}, [], threading.Event()
    directory = tmp_path / "live"
    directory.mkdir()
    server = LiveServer(directory=directory, prepare=lambda s: prepare_portal(s, found))
    settings = server.settings
    try:
        errors = []

        def write():
            try:
                write_until_refused(server, found, confirmed, enough)
            except BaseException as exc:  # e.g. a refused write: reported below
                errors.append(exc)
                enough.set()

        writer = threading.Thread(target=write)
        writer.start()
        assert enough.wait(120), server.log()
        server.proc.kill()  # SIGKILL: no shutdown, no cleanup
        server.proc.wait(10)
        writer.join(60)
        assert not writer.is_alive()
        assert not errors, f"{errors!r}\n{server.log()[-4000:]}"
    finally:
        server.stop()
    assert len(confirmed) >= CONFIRMED_BEFORE_KILL
    restarted = LiveServer(directory=directory, prepare=lambda s: found["password"])
    try:
        app = client(restarted, restarted.admin_login, found["password"])
        page = app.get(found["path"])
        for number in confirmed:
            assert item_title(number, "Strom") in page.text
        next_number = max(confirmed) + 2  # the one in flight at the kill may or may not be there
        assert add_item(app, found["path"], next_number, "Strom").status_int == 303
    finally:
        restarted.stop()
    db = open_db(settings)
    try:
        verify(db, filestorage_path(settings))
        titles = agenda_titles(db, found["path"])
    finally:
        db.close()
    for number in confirmed + [next_number]:
        assert titles[str(number)] == item_title(number, "Strom")
    assert set(titles) <= {str(n) for n in confirmed + [max(confirmed) + 1, next_number]}
