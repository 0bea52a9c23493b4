"""The worker delivering a sent issue straight from its job (issue 20): the
request only plans; each message is made from the compiled template and is
the same mail the email package would build; one SMTP connection for the
whole issue, opened again when the server drops it, with nothing lost or
doubled; the per-recipient log after a crash (in process and kill -9), the
retry/failure accounting per recipient, and other mail not held up."""
import collections
import email.header
import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
import transaction
from aiosmtpd.controller import Controller
from pyramid_mailer.mailer import Mailer
from pyramid_mailer.message import Message

from roundtable.mail import worker as worker_module
from roundtable.mail.deliverylog import DeliveryLog, log_dir
from roundtable.mail.worker import QueueWorker
from roundtable.newsletter import jobs
from roundtable.newsletter.demo import generate_subscribers, plan_issue_to_list, queue_issue_to_list
from roundtable.newsletter.queueing import build_message
from tests.conftest import edit
from tests.mailserver import Sink, free_port
from tests.newsletter.test_delivery import Moody as RefusesSome
from tests.newsletter.helpers import add_subscribers, crash_in_flight, make_list, wait_for
from tests.newsletter.test_issues import create_issue, send_now, _portal_news

WORKER = Path(sys.executable).parent / "roundtable-mailqueue"
ADDRESSES = [f"abonnent{n:05d}@example.net" for n in range(400)]


class Server:
    """A real SMTP server (aiosmtpd) whose sink ``sink`` counts connections."""

    def __init__(self, sink):
        self.sink = sink
        self.controller = Controller(sink, hostname="127.0.0.1", port=free_port())

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()

    def settings(self, settings, **more):
        return dict(settings, **{"mail.host": "127.0.0.1", "mail.port": str(self.controller.port),
                                 "mail.retry_base": "0"}, **more)

    def received(self):
        return collections.Counter(to for _f, rcpts, _m in self.sink.messages for to in rcpts)


class CountingSink(Sink):
    def __init__(self):
        super().__init__()
        self.sessions = []   # kept, so no id is reused

    async def handle_DATA(self, server, session, envelope):
        if session not in self.sessions:
            self.sessions.append(session)
        return await super().handle_DATA(server, session, envelope)


class Drops(CountingSink):
    """Loses the first connection once, after ``after`` messages: at the next
    MAIL (with a 421, as a server's idle timeout or limit of messages per
    connection does), or at the next message's final dot (no answer)."""

    def __init__(self, after, at):
        super().__init__()
        self.after, self.at, self.dropped = after, at, False

    def _drops(self, server, at):
        if self.at != at or self.dropped or len(self.messages) < self.after:
            return False
        self.dropped = True
        server.transport.abort()
        return True

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if self._drops(server, "mail"):
            return "421 4.4.2 closing connection"
        envelope.mail_from = address
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self._drops(server, "data"):
            return "451 4.3.0 never seen"
        return await super().handle_DATA(server, session, envelope)


class Moody(RefusesSome):
    """Also keeps refusing one address for now."""

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address == "immer-spaeter@example.org":
            return "451 4.3.0 Try again later"
        return await super().handle_RCPT(server, session, envelope, address, rcpt_options)


def _planned(app, db, count, list_name="jobs"):
    make_list(db, list_name, "Jobtest")
    with edit(db) as portal:
        generate_subscribers(portal, count, list_name=list_name)
    uid, planned = plan_issue_to_list(db, app.registry, list_name, base_url="https://portal.example.org")
    assert planned == count
    return uid


def _sent_entries(settings, uid):
    return collections.Counter(e["key"] for e in DeliveryLog(log_dir(settings)).read(uid)
                               if e["status"] == "sent")


def test_the_send_request_only_plans(admin, db, settings, smtp_server):
    make_list(db)
    _portal_news(db)
    add_subscribers(db, "test-liste", ADDRESSES[:60])
    issue = create_issue(admin)
    assert send_now(admin, issue).status_int == 303
    [path] = jobs.pending_jobs(settings)
    with open(path, encoding="utf-8") as f:
        job = json.load(f)
    assert len(job["recipients"]) == 60 and not job.get("expanded")
    # nothing per recipient happened in the request: no log entry, no queue file, no mail
    assert not [n for n in os.listdir(log_dir(settings)) if n.endswith(".jsonl")]
    assert not os.listdir(os.path.join(settings["mail.queue_path"], "new"))
    assert smtp_server.messages == []
    assert admin.get(issue + "progress.json").json["waiting"] == 60


def test_one_connection_for_the_whole_issue(app, db, settings):
    uid = _planned(app, db, 50)
    with Server(CountingSink()) as server:
        worker = QueueWorker(server.settings(settings))
        worker.run_once()
        assert server.received() == {a: 1 for a in ADDRESSES[:50]}
        assert len(server.sink.sessions) == 1 and worker.transport.connections == 1
    assert not jobs.pending_jobs(settings)
    entries = DeliveryLog(log_dir(settings)).read(uid)
    by_key = collections.defaultdict(list)
    for entry in entries:
        by_key[entry["key"]].append(entry["status"])
    assert len(by_key) == 50 and all(s == ["queued", "handed", "sent"] for s in by_key.values())


def test_queued_mail_shares_the_connection_too(app, db, settings):
    make_list(db, "alt", "Maildir")
    with edit(db) as portal:
        generate_subscribers(portal, 12, list_name="alt")
    queue_issue_to_list(db, app.registry, "alt")
    with Server(CountingSink()) as server:
        worker = QueueWorker(server.settings(settings))
        worker.run_once()
        assert server.received() == {a: 1 for a in ADDRESSES[:12]}
        assert len(server.sink.sessions) == 1


def test_compiled_message_is_the_mail_the_email_package_builds(admin, db, settings, smtp_server):
    make_list(db, title="Verteiler Zusammenleben – Größe", reply_to="antwort@example.org")
    _portal_news(db)
    add_subscribers(db, "test-liste", ["anna@example.org", "bert@example.org"])
    add_subscribers(db, "test-liste", ["carla@example.org"], language="en")
    with edit(db) as portal:
        portal["newsletter"].subscribers.find("anna@example.org").name = "Anna Öztürk-Łęcka"
    issue = create_issue(admin, "Ausgabe für Größere Runden – März")
    form = admin.get(issue + "add-section").forms["form"]
    form["title"] = "Hinweise & Umlaute"
    form["text"] = (".Punkt am Zeilenanfang\n\nEine lange Zeile " + "mit Wörtern äöü ß " * 20
                    + "\n\n<b>kein HTML</b> = Gleichheitszeichen  ")
    form["links"] = "Programm | https://example.org/programm?a=1&b=2"
    form.submit("save")
    send_now(admin, issue)
    [path] = jobs.pending_jobs(settings)
    with open(path, encoding="utf-8") as f:
        job = json.load(f)
    smtp = dict(settings, **{"mail.host": "127.0.0.1", "mail.port": str(smtp_server.port)})
    QueueWorker(smtp).run_once()
    received = {to[0]: m for _f, to, m in smtp_server.messages}
    assert sorted(received) == ["anna@example.org", "bert@example.org", "carla@example.org"]
    for row in job["recipients"]:
        language = job["languages"][row["language"]]
        hello = (language["hello_name"].replace("@@NAME@@", row["name"]) if row["name"]
                 else language["hello"])
        expected = build_message(job["fields"], settings["roundtable.secret"], SimpleNamespace(**row),
                                 language["text"], language["html"], hello).to_message()
        got = received[row["email"]]
        for name in ("Subject", "From", "To", "Reply-To", "List-Id", "List-Unsubscribe",
                     "List-Unsubscribe-Post"):
            assert " ".join(str(got[name]).split()) == " ".join(
                str(_decoded(expected[name])).split()), name
        assert got.get_content_type() == "multipart/alternative"
        for kind in ("plain", "html"):
            want = [p for p in expected.walk() if p.get_content_type() == "text/" + kind][0]
            # line ends as on the wire (CRLF) on one side, as stored (LF) on the other
            assert got.get_body((kind,)).get_content().replace("\r\n", "\n") == want.get_payload(
                decode=True).decode(want.get_content_charset()), (row["email"], kind)
    assert "Guten Tag Anna Öztürk-Łęcka," in received["anna@example.org"].get_body(("plain",)).get_content()
    assert ".Punkt am Zeilenanfang" in received["bert@example.org"].get_body(("plain",)).get_content()


def _decoded(value):
    return str(email.header.make_header(email.header.decode_header(str(value))))


@pytest.mark.parametrize("at, retried", [("mail", 0), ("data", 1)])
def test_a_lost_connection_is_opened_again_nothing_lost_or_doubled(app, db, settings, at, retried):
    """Lost at the next MAIL (an idle timeout, a limit of messages per
    connection): nothing of that message had gone out, it goes over a new
    connection at once, no retry. Lost before the answer to a final dot: that
    message is a retry, never counted delivered without the 250; the next run
    sends it. Either way every recipient gets the issue exactly once."""
    uid = _planned(app, db, 20)
    with Server(Drops(after=7, at=at)) as server:
        worker = QueueWorker(server.settings(settings))
        worker.run_once()
        assert server.sink.dropped and worker.transport.connections == 2
        statuses = [e["status"] for e in DeliveryLog(log_dir(settings)).read(uid)]
        assert (statuses.count("sent"), statuses.count("retry")) == (20 - retried, retried)
        worker.run_once()   # the retry, if any (backoff 0 here)
        assert server.received() == {a: 1 for a in ADDRESSES[:20]}
    counts, failures = DeliveryLog(log_dir(settings)).summary(uid)
    assert counts["delivered"] == 20 and counts["retry"] == 0 and not failures
    assert set(_sent_entries(settings, uid).values()) == {1}
    assert not jobs.pending_jobs(settings)


def test_temporary_and_permanent_failures_per_recipient(app, db, settings):
    make_list(db)
    add_subscribers(db, "test-liste", ["gut@example.org", "gibtsnicht@example.org", "spaeter@example.org",
                                       "immer-spaeter@example.org"])
    uid, _count = plan_issue_to_list(db, app.registry, "test-liste")
    log = DeliveryLog(log_dir(settings))
    with Server(Moody()) as server:
        worker = QueueWorker(server.settings(settings, **{"mail.max_attempts": "3"}))
        worker.run_once()
        counts, failures = log.summary(uid)
        assert (counts["sent"], counts["retry"], counts["failed"]) == (1, 2, 1)
        assert failures[0]["to"] == "gibtsnicht@example.org" and failures[0]["answer"].startswith("550")
        assert worker.transport.connections == 1   # refusals do not cost the connection
        worker.run_once()
        counts, _failures = log.summary(uid)
        assert (counts["sent"], counts["retry"], counts["failed"]) == (2, 1, 1)
        worker.run_once()   # the third temporary failure of the same recipient is final
        counts, failures = log.summary(uid)
        assert (counts["sent"], counts["retry"], counts["failed"]) == (2, 0, 2)
        assert [f["to"] for f in failures] == ["gibtsnicht@example.org", "immer-spaeter@example.org"]
        assert "after 3 attempts" in failures[1]["answer"]
        assert not jobs.pending_jobs(settings)
        worker.run_once()   # a failed recipient is not tried again by itself
        assert server.received() == {"gut@example.org": 1, "spaeter@example.org": 1}


def test_log_after_a_crash_in_flight(app, db, settings):
    """kill -9 with the third message handed over but not answered: two are
    logged sent, the third handed (not delivered), the rest queued; the
    restarted worker sends the rest and the cut one, each exactly once."""
    uid = _planned(app, db, 6)
    with Server(CountingSink()) as server:
        smtp = server.settings(settings)
        crash_in_flight(QueueWorker(smtp), after=2)
        counts, _failures = DeliveryLog(log_dir(settings)).summary(uid)
        assert (counts["delivered"], counts["handed"], counts["queued"]) == (2, 1, 3)
        assert jobs.pending_jobs(settings)
        QueueWorker(smtp).run_once()
        wait_for(lambda: sum(server.received().values()) >= 6)
        assert server.received() == {a: 1 for a in ADDRESSES[:6]}
    counts, failures = DeliveryLog(log_dir(settings)).summary(uid)
    assert counts["delivered"] == 6 and counts["handed"] == 0 and not failures
    assert not jobs.pending_jobs(settings)


def test_kill_9_mid_job_loses_nothing_and_duplicates_at_most_one(app, db, settings, tmp_path):
    uid = _planned(app, db, 300)
    with Server(CountingSink()) as server:
        ini = tmp_path / "worker.ini"
        ini.write_text("[app:main]\nuse = egg:roundtable\n"
                       f"mail.queue_path = {settings['mail.queue_path']}\n"
                       f"roundtable.secret = {settings['roundtable.secret']}\n"
                       f"mail.host = 127.0.0.1\nmail.port = {server.controller.port}\n"
                       "mail.rate = 100\nmail.retry_base = 0.1\n")
        command = [str(WORKER), str(ini), "--interval", "0.1"]
        worker = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_for(lambda: len(server.sink.messages) >= 80)
        finally:
            os.kill(worker.pid, signal.SIGKILL)
            worker.wait(10)
        assert len(server.sink.messages) < 300, "the worker finished before it was killed"
        worker = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_for(lambda: not jobs.pending_jobs(settings))
        finally:
            worker.terminate()
            worker.wait(10)
        received = server.received()
    assert set(received) == set(ADDRESSES[:300])
    duplicates = {a: n for a, n in received.items() if n != 1}
    assert len(duplicates) <= 1 and all(n == 2 for n in duplicates.values()), duplicates
    counts, failures = DeliveryLog(log_dir(settings)).summary(uid)
    assert counts["delivered"] == 300 and not failures
    assert set(_sent_entries(settings, uid).values()) == {1}   # each counted delivered once


def test_mail_queued_meanwhile_does_not_wait_for_the_newsletter(app, db, settings, monkeypatch):
    _planned(app, db, 20)
    monkeypatch.setattr(worker_module, "QUEUE_EVERY", 0.0)
    with Server(CountingSink()) as server:
        worker = QueueWorker(server.settings(settings))
        real_attempt, calls = worker.attempt, []

        def attempt(*args, **kw):
            calls.append(1)
            if len(calls) == 5:   # a password reset is asked for while the issue goes out
                tm = transaction.TransactionManager()
                with tm:
                    Mailer(queue_path=settings["mail.queue_path"], transaction_manager=tm).send_to_queue(
                        Message(subject="Passwort", sender="portal@example.org",
                                recipients=["eilig@example.org"], body="Link"))
            return real_attempt(*args, **kw)

        worker.attempt = attempt
        worker.run_once()
        order = [rcpts[0] for _f, rcpts, _m in server.sink.messages]
    assert sorted(order) == sorted(ADDRESSES[:20] + ["eilig@example.org"])
    assert order.index("eilig@example.org") < 10
