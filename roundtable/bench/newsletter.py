"""Sending one newsletter issue to every subscriber (5,000), measured as the
coordinator and the worker meet it, against raw smtplib to the same sink.

- **The send request**: the coordinator's confirmed POST on the issue's send
  form, a real request through the app (WebTest: routing, security, CSRF,
  the transaction and its commit, which writes the job), timed until the
  response. Best of ``ROUNDS``, each on a fresh draft.
- **Delivery**: one run of the ``roundtable-mailqueue`` worker's code over
  that job (log every recipient queued, make each message from the compiled
  template, hand it over on one SMTP connection, log handed and sent), against
  raw smtplib sending the very same messages, made beforehand, over one
  connection to the same aiosmtpd sink (in a process of its own, as a real
  server is). The two alternate, ``ROUNDS`` times each; ``ratio`` is
  raw_s / ours_s of the best runs, ``ratio_median`` and ``ratio_spread`` those
  of the rounds (on a loaded machine the waits for the server dominate both
  sides and vary from round to round).

All of it runs on a copy of the benchmark's database, so the dataset is not
changed by the measurement (issues, a coordinator account, jobs, logs).
"""
import json
import multiprocessing
import os
import shutil
import smtplib
import statistics
import tempfile
import time
from pathlib import Path

import transaction
from aiosmtpd.controller import Controller
from webtest import TestApp

from ..accounts.resources import User
from ..db import ROOT_KEY
from ..mail.deliverylog import log_dir
from ..mail.worker import QueueWorker
from ..newsletter import jobs
from ..newsletter.assembly import Links, assemble
from ..newsletter.compiled import CompiledIssue
from ..newsletter.demo import WEEKLY
from ..newsletter.resources import Issue
from ..timeutil import now
from . import portal
from .server import free_port

ROUNDS = 5
ITEMS_PER_SECTION = 6
COORDINATOR, PASSWORD = "bench-koordination@example.org", "bench password, thrown away"


class CountingSink:
    """An SMTP server that accepts and counts messages and connections, storing
    nothing; the counters are shared with the process that measures."""

    def __init__(self, count, sessions):
        self.count, self.sessions, self.seen = count, sessions, set()

    async def handle_DATA(self, server, session, envelope):
        with self.count.get_lock():
            self.count.value += len(envelope.rcpt_tos)
        if id(session) not in self.seen:
            self.seen.add(id(session))
            with self.sessions.get_lock():
                self.sessions.value += 1
        return "250 OK"


def _serve(port, count, sessions, ready, stop):
    controller = Controller(CountingSink(count, sessions), hostname="127.0.0.1", port=port)
    controller.start()
    ready.set()
    stop.wait()
    controller.stop()


class Sink:
    """The aiosmtpd sink in a process of its own, as a real SMTP server is: in
    this one its thread would compete with the measured code for the GIL."""

    def __init__(self):
        context = multiprocessing.get_context("fork")
        self.port = free_port()
        self._count, self._sessions = context.Value("l", 0), context.Value("l", 0)
        self._ready, self._stop = context.Event(), context.Event()
        self.process = context.Process(target=_serve, daemon=True, args=(
            self.port, self._count, self._sessions, self._ready, self._stop))

    def __enter__(self):
        self.process.start()
        if not self._ready.wait(30):
            raise RuntimeError("the SMTP sink did not start")
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self.process.join(30)

    @property
    def count(self):
        return self._count.value


def weekly_sections(portal_root):
    """An issue of the size a weekly one has: the assembled sections, each cut
    to a few items. (The generated data was all written "now", so the draft
    would report every organisation and motion as new.)"""
    _period, sections = assemble(portal_root, portal_root["newsletter"][WEEKLY], Links())
    return [dict(s, items=list(s["items"])[:ITEMS_PER_SECTION]) for s in sections]


def _copy_app(app, directory):
    """The portal app on a copy of ``app``'s database in ``directory``."""
    source = Path(app.registry.settings["zodbconn.uri"].split("://", 1)[1].split("?", 1)[0])
    for name in ("Data.fs", "Data.fs.index"):
        if (source.parent / name).exists():
            shutil.copy(source.parent / name, Path(directory) / name)
    return portal.make_app(directory)


def _prepare(db, drafts):
    """A coordinator account and ``drafts`` new issues of the weekly list; their paths."""
    tm = transaction.TransactionManager()
    conn = db.open(transaction_manager=tm)
    try:
        with tm:
            root = conn.root()[ROOT_KEY]
            if root["users"].find_by_login(COORDINATOR) is None:
                user = User(COORDINATOR, roles={"admin"})
                user.set_password(PASSWORD)
                root["users"].add_user(user)
            mailing_list = root["newsletter"][WEEKLY]
            sections = weekly_sections(root)
            paths = []
            for number in range(drafts):
                issue = mailing_list.add_issue(Issue(f"Benchmark-Ausgabe {number + 1}", now(), now(),
                                                     sections))
                paths.append(f"/newsletter/{WEEKLY}/{issue.__name__}/")
        return paths
    finally:
        conn.close()


def _login(app):
    client = TestApp(app, extra_environ={"HTTP_HOST": "127.0.0.1:6543"})
    form = client.get("/login").forms["form"]
    form["login"], form["password"] = COORDINATOR, PASSWORD
    response = form.submit("submit")
    if response.status_int != 303:
        raise RuntimeError(f"bench login refused: {response.status}")
    return client


def time_send_request(client, path):
    """Seconds from the confirmed POST to its response; the recipients' count."""
    form = client.get(path + "send").forms["form"]
    expected = int(form["expected"].value)
    start = time.perf_counter()
    response = form.submit("send")
    seconds = time.perf_counter() - start
    if response.status_int != 303:
        raise RuntimeError(f"send refused: {response.status}")
    return seconds, expected


def raw_send(port, messages):
    with smtplib.SMTP("127.0.0.1", port) as smtp:
        for sender, recipients, data in messages:
            smtp.sendmail(sender, recipients, data)


def _messages(job, secret):
    compiled = CompiledIssue(job, secret)
    sender = job["fields"]["sender_email"]
    return [(sender, [row["email"]], compiled.message(row)) for row in job["recipients"]]


def _deliver_once(settings, job_path, job_data):
    """One worker run over the job as the request wrote it, from a clean log."""
    shutil.rmtree(log_dir(settings), ignore_errors=True)
    os.makedirs(os.path.dirname(job_path), exist_ok=True)
    Path(job_path).write_bytes(job_data)
    worker = QueueWorker(settings)
    start = time.perf_counter()
    worker.run_once()
    seconds = time.perf_counter() - start
    if os.path.exists(job_path):
        raise RuntimeError("the worker left part of the job undelivered")
    return seconds, worker.transport.connections


def compare(app, base_url, info):
    with tempfile.TemporaryDirectory() as directory:
        copy = _copy_app(app, directory)
        db = copy.registry._zodb_databases[""]
        try:
            return _measure(copy, db, directory)
        finally:
            db.close()


def _measure(app, db, directory):
    settings = app.registry.settings
    paths = _prepare(db, ROUNDS)
    client = _login(app)
    requests = []
    for path in paths:
        seconds, recipients = time_send_request(client, path)
        requests.append(seconds)
    job_paths = jobs.pending_jobs(settings)
    job_path = job_paths[0]
    job_data = Path(job_path).read_bytes()
    for path in job_paths:
        os.unlink(path)
    job = json.loads(job_data)
    messages = _messages(job, settings["roundtable.secret"])
    ours, raw, connections = [], [], 0
    delivered, raw_delivered = set(), set()   # received by the sink per round
    with Sink() as sink:
        smtp = dict(settings, **{"mail.host": "127.0.0.1", "mail.port": str(sink.port),
                                 "mail.rate": "0"})
        for _round in range(ROUNDS):
            before = sink.count
            seconds, connections = _deliver_once(smtp, job_path, job_data)
            ours.append(seconds)
            delivered.add(sink.count - before)
            before = sink.count
            start = time.perf_counter()
            raw_send(sink.port, messages)
            raw.append(time.perf_counter() - start)
            raw_delivered.add(sink.count - before)
    count = len(messages)
    ours_s, raw_s = min(ours), min(raw)
    pairs = sorted(r / o for o, r in zip(ours, raw))   # each round's ratio: load moves both
    return {"recipients": recipients, "send_request_s": round(min(requests), 3),
            "send_request_max_s": round(max(requests), 3), "messages": count,
            "delivered": min(delivered), "raw_delivered": min(raw_delivered), "ours_s": round(ours_s, 2),
            "raw_s": round(raw_s, 2), "deliver_per_s": round(count / ours_s, 1),
            "raw_per_s": round(count / raw_s, 1), "connections": connections,
            "rounds": ROUNDS, "ratio_median": round(statistics.median(pairs), 2),
            "ratio_spread": [round(pairs[0], 2), round(pairs[-1], 2)],
            "ratio": round(raw_s / ours_s, 2)}
