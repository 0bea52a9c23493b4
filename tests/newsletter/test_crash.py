"""The worker killed with SIGKILL in the middle of sending 300 mails resumes
after a restart: every recipient gets the issue, at most the one message in
flight at the kill twice; a message cut off before the server's final answer
is sent again and never counted as delivered."""
import collections
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

from roundtable.mail.deliverylog import DeliveryLog, log_dir
from roundtable.mail.worker import QueueWorker
from roundtable.newsletter.demo import generate_subscribers, queue_issue_to_list
from tests.conftest import edit
from tests.newsletter.helpers import crash_in_flight, make_list, wait_for

WORKER = Path(sys.executable).parent / "roundtable-mailqueue"


def _ini(tmp_path, settings, smtp_server, rate):
    ini = tmp_path / "worker.ini"
    ini.write_text("[app:main]\nuse = egg:roundtable\n"
                   f"mail.queue_path = {settings['mail.queue_path']}\n"
                   f"mail.host = 127.0.0.1\nmail.port = {smtp_server.port}\n"
                   f"mail.rate = {rate}\nmail.retry_base = 0.1\n")
    return ini


def _queue_left(settings):
    return [n for sub in ("new", "cur") for n in os.listdir(os.path.join(settings["mail.queue_path"], sub))
            if not n.startswith(".")]


def test_kill_9_mid_way_loses_nothing_and_duplicates_at_most_one(app, db, settings, smtp_server, tmp_path):
    make_list(db, "crash", "Crashtest")
    with edit(db) as portal:
        generate_subscribers(portal, 300, list_name="crash")
    uid, count = queue_issue_to_list(db, app.registry, "crash", base_url="https://portal.example.org")
    assert count == 300
    ini = _ini(tmp_path, settings, smtp_server, rate=100)
    worker = subprocess.Popen([str(WORKER), str(ini), "--interval", "0.1"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        wait_for(lambda: len(smtp_server.messages) >= 80)
    finally:
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(10)
    received_before = len(smtp_server.messages)
    assert received_before < 300, "the worker finished before it was killed"
    # restart: the worker delivers the rest and stops when the queue is empty
    worker = subprocess.Popen([str(WORKER), str(ini), "--interval", "0.1"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        wait_for(lambda: not _queue_left(settings))
    finally:
        worker.terminate()
        worker.wait(10)
    received = collections.Counter(to for _f, rcpts, _m in smtp_server.messages for to in rcpts)
    expected = {f"abonnent{n:05d}@example.net" for n in range(300)}
    assert set(received) == expected
    duplicates = {a: n for a, n in received.items() if n != 1}
    assert len(duplicates) <= 1 and all(n == 2 for n in duplicates.values()), duplicates
    counts, failures = DeliveryLog(log_dir(settings)).summary(uid)
    assert counts["delivered"] == 300 and not failures


def test_message_cut_off_before_the_final_answer_is_sent_again(app, db, settings, smtp_server, admin):
    """kill -9 after the message was handed to SMTP but before the server's
    250: the message is not lost, and the issue page never counts it as sent."""
    make_list(db, "cut", "Abbruchtest")
    with edit(db) as portal:
        generate_subscribers(portal, 3, list_name="cut")
    uid, count = queue_issue_to_list(db, app.registry, "cut", base_url="https://portal.example.org")
    smtp = dict(settings, **{"mail.host": "127.0.0.1", "mail.port": str(smtp_server.port)})
    crash_in_flight(QueueWorker(smtp))
    counts, _failures = DeliveryLog(log_dir(settings)).summary(uid)
    assert counts["delivered"] == 0 and counts["handed"] == 1
    assert len(_queue_left(settings)) == 3
    # the restarted worker sends all three, the cut one included
    QueueWorker(smtp).run_once()
    wait_for(lambda: len(smtp_server.messages) >= 3)
    received = collections.Counter(to for _f, rcpts, _m in smtp_server.messages for to in rcpts)
    assert received == {f"abonnent{n:05d}@example.net": 1 for n in range(3)}
    counts, failures = DeliveryLog(log_dir(settings)).summary(uid)
    assert counts["delivered"] == 3 and counts["handed"] == 0 and not failures
    assert not _queue_left(settings)


def test_connection_lost_before_the_answer_is_retried_not_counted(app, db, settings, smtp_server):
    make_list(db, "lost", "Verbindungstest")
    with edit(db) as portal:
        generate_subscribers(portal, 1, list_name="lost")
    uid, count = queue_issue_to_list(db, app.registry, "lost", base_url="https://portal.example.org")
    smtp = dict(settings, **{"mail.host": "127.0.0.1", "mail.port": str(smtp_server.port),
                             "mail.retry_base": "0"})
    worker = QueueWorker(smtp)
    real_send = worker.transport.send

    def connection_drops(fromaddr, toaddrs, data, before_commit):
        def then_drop():
            before_commit()
            worker.transport.smtp.sock.shutdown(socket.SHUT_RDWR)
        return real_send(fromaddr, toaddrs, data, then_drop)

    worker.transport.send = connection_drops
    worker.run_once()
    counts, _failures = DeliveryLog(log_dir(settings)).summary(uid)
    assert (counts["delivered"], counts["retry"]) == (0, count)
    worker.transport.send = real_send
    worker.run_once()
    counts, _failures = DeliveryLog(log_dir(settings)).summary(uid)
    assert counts["delivered"] == count
