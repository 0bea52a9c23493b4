"""The worker killed with SIGKILL in the middle of sending 300 mails resumes
after a restart: every recipient gets the issue exactly once."""
import collections
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from roundtable.mail.deliverylog import DeliveryLog, log_dir
from roundtable.newsletter.demo import generate_subscribers, queue_issue_to_list
from tests.conftest import edit
from tests.newsletter.helpers import make_list

WORKER = Path(sys.executable).parent / "roundtable-mailqueue"


def _ini(tmp_path, settings, smtp_server, rate):
    ini = tmp_path / "worker.ini"
    ini.write_text("[app:main]\nuse = egg:roundtable\n"
                   f"mail.queue_path = {settings['mail.queue_path']}\n"
                   f"mail.host = 127.0.0.1\nmail.port = {smtp_server.port}\n"
                   f"mail.rate = {rate}\nmail.retry_base = 0.1\n")
    return ini


def _wait_for(condition, timeout=120):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def _queue_left(settings):
    return [n for sub in ("new", "cur") for n in os.listdir(os.path.join(settings["mail.queue_path"], sub))
            if not n.startswith(".")]


def test_kill_9_mid_way_loses_nothing_and_sends_nothing_twice(app, db, settings, smtp_server, tmp_path):
    make_list(db, "crash", "Crashtest")
    with edit(db) as portal:
        generate_subscribers(portal, 300, list_name="crash")
    uid, count = queue_issue_to_list(db, app.registry, "crash", base_url="https://portal.example.org")
    assert count == 300
    ini = _ini(tmp_path, settings, smtp_server, rate=100)
    worker = subprocess.Popen([str(WORKER), str(ini), "--interval", "0.1"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        _wait_for(lambda: len(smtp_server.messages) >= 80)
    finally:
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(10)
    received_before = len(smtp_server.messages)
    assert received_before < 300, "the worker finished before it was killed"
    # restart: the worker delivers the rest and stops when the queue is empty
    worker = subprocess.Popen([str(WORKER), str(ini), "--interval", "0.1"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        _wait_for(lambda: not _queue_left(settings))
    finally:
        worker.terminate()
        worker.wait(10)
    received = collections.Counter(to for _f, rcpts, _m in smtp_server.messages for to in rcpts)
    expected = {f"abonnent{n:05d}@example.net" for n in range(300)}
    assert set(received) == expected
    duplicates = {a: n for a, n in received.items() if n != 1}
    assert not duplicates, duplicates
    counts, failures = DeliveryLog(log_dir(settings)).summary(uid)
    assert counts["delivered"] == 300 and not failures
