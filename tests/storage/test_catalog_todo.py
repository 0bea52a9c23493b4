"""Two application processes on one ZEO server add agenda items to one
meeting at once, with the catalog's attempts cut to one so that index
updates do conflict: every item is searchable in the end, through the
persistent to-do list and the mail worker, without ``roundtable-reindex``."""
import subprocess
import sys
from pathlib import Path

from roundtable.catalog import deferred, get_catalog
from roundtable.db import ROOT_KEY, open_db
from tests.judges import LiveServer
from tests.search.test_catalog import titles
from tests.storage.helpers import add_item, item_title, prepare_portal, run_threads
from tests.storage.remote import client

APPS = 2
WORKERS_PER_APP = 2
ITEMS_PER_WORKER = 8
WORKER = Path(sys.executable).parent / "roundtable-mailqueue"


def test_no_index_update_is_lost_under_two_processes_on_zeo(zeo, tmp_path):
    found, servers, log = {}, [], []
    try:
        for n in range(APPS):
            # four writers on one agenda: on a loaded 2-core machine a request
            # can meet more conflicts than production's 5 attempts; what is
            # tested here is that no catalog update is lost, not the retries
            settings = {"zodbconn.uri": zeo.uri(tmp_path / f"blobcache{n}"),
                        deferred.ATTEMPTS_SETTING: "1", "retry.attempts": "10"}
            prepare = (lambda s: prepare_portal(s, found)) if n == 0 else (lambda s: found["password"])
            servers.append(LiveServer(settings=settings, prepare=prepare))
        workers = APPS * WORKERS_PER_APP

        def work(index):
            app = client(servers[index % APPS], servers[0].admin_login, found["password"])
            for round_ in range(ITEMS_PER_WORKER):
                number = str(index + 1 + round_ * workers)
                log.append((number, add_item(app, found["path"], number, f"Arbeiter {index}").status_int))

        errors = run_threads(workers, work)
        logs = "\n".join(s.log() for s in servers)
        assert not errors and all(status == 303 for _n, status in log), (errors, log, logs[-4000:])
        print(f"kept on the to-do list: {logs.count('kept on the to-do list')}")
    finally:
        for server in servers:
            server.stop()
    # the worker (as run beside the application) applies whatever is still on the list
    ini = tmp_path / "worker.ini"
    ini.write_text("[app:main]\nuse = egg:roundtable\n"
                   f"zodbconn.uri = {zeo.uri(tmp_path / 'blobcache-worker')}\n"
                   f"mail.queue_path = {tmp_path / 'mailqueue'}\nmail.outbox = {tmp_path / 'outbox'}\n")
    subprocess.run([str(WORKER), str(ini), "--once"], check=True, timeout=300)
    db = open_db({"zodbconn.uri": zeo.uri(tmp_path / "blobcache-check")})
    try:
        assert deferred.pending(db) == {}
        conn = db.open()
        try:
            found_titles = set(titles(get_catalog(conn.root()[ROOT_KEY]), "Punkt",
                                      principals={"system.Everyone", "role:admin"}))
        finally:
            conn.close()
    finally:
        db.close()
    expected = {item_title(n, f"Arbeiter {(int(n) - 1) % (APPS * WORKERS_PER_APP)}") for n, _s in log}
    assert len(expected) == APPS * WORKERS_PER_APP * ITEMS_PER_WORKER
    assert expected - found_titles == set()
