"""Delivering the mail queue: rate, retries with backoff, the delivery log,
and crash safety. ``process_queue``/``run_worker`` below (the
``roundtable-mailqueue`` worker) run this for every queued mail.

Two kinds of mail pass through ``QueueWorker.attempt``: the files of the
Maildir queue (every transactional mail), and the messages of registered
*sources* (``register_source``: the newsletter renders each recipient's
message from its job just before handing it over, so 5,000 messages never
touch the disk). All of a run goes over one SMTP connection (``smtp.py``).

Order of events for a message with a delivery key (``<issue>/<subscriber>``):

1. the log says ``sent``/``failed``/``skipped`` for the key: the message was
   dealt with before a crash; nothing is sent;
2. MAIL, RCPT and DATA are accepted; ``handed`` is written to the log (in
   flight, not delivered);
3. the message and its final ``.`` in one write;
4. only the server's answer decides: 250 is logged ``sent`` (delivered);
   anything else, including a connection lost before the answer, is a
   ``retry`` or ``failed``.

Every log entry is written to the kernel (``os.write``) before the next step,
so a killed worker (kill -9) loses none; they are synced to disk in batches
(``DeliveryLog``). A kill at any moment before the ``sent`` entry leaves the
message to be sent again after the restart: nothing is lost and nothing is
counted as delivered that the server did not confirm. The price is that the
one message in flight at the kill may arrive twice.

Only one worker runs at a time (``flock`` on the queue), and a message may
carry ``X-Roundtable-Not-Before`` (scheduled issues): it waits until then.
"""
import email.header
import email.parser
import fcntl
import logging
import os
import re
import time
from datetime import datetime, timezone

from repoze.sendmail.maildir import Maildir

from .deliverylog import DONE, DeliveryLog, log_dir
from .queue import queue_path
from .smtp import PermanentFailure, ServerUnreachable, TemporaryFailure, make_transport

log = logging.getLogger(__name__)

# Mail that features deliver through the worker without the Maildir queue
# (the newsletter renders each recipient's message from its job):
# ``source(worker)`` calls ``worker.attempt`` for each message that is due
# (and ``worker.between()`` between them) and returns how many it handled.
SOURCES = []


def register_source(source):
    if source not in SOURCES:
        SOURCES.append(source)
    return source


INTERNAL = ("x-actually-from", "x-actually-to", "x-roundtable-delivery", "x-roundtable-not-before",
            "x-roundtable-list", "x-roundtable-queued")

# seconds between looks at the Maildir queue while a source delivers
QUEUE_EVERY = 5.0

# what ``attempt`` reports that leaves nothing to do for the message
SETTLED = ("sent", "failed", "skipped", "done")


def split_message(raw):
    """``(internal headers {lower name: value}, message bytes without them)``, CRLF line ends."""
    raw = re.sub(rb"\r?\n", b"\r\n", raw)
    head, sep, body = raw.partition(b"\r\n\r\n")
    parsed = email.parser.BytesHeaderParser().parsebytes(head + b"\r\n\r\n")
    headers = {}
    for name in INTERNAL:
        value = parsed.get(name)
        if value is not None:
            headers[name] = str(email.header.make_header(email.header.decode_header(str(value))))
    kept, skip = [], False
    for line in head.split(b"\r\n"):
        if line[:1] not in (b" ", b"\t"):
            skip = line.split(b":", 1)[0].strip().lower().decode("ascii", "replace") in INTERNAL
        if not skip:
            kept.append(line)
    return headers, b"\r\n".join(kept) + sep + body


class QueueWorker:
    """Delivers the Maildir queue and the registered sources once per
    ``run_once``; keeps backoff state between runs."""

    def __init__(self, settings, mailer=None, sleep=time.sleep):
        self.settings = settings
        self.queue = settings["mail.queue_path"]
        self.failed_dir = os.path.join(self.queue, "failed")
        self.log = DeliveryLog(log_dir(settings), keep_open=True)
        self.transport = make_transport(settings, mailer)
        self.rate = float(settings.get("mail.rate", 0) or 0)  # messages per second, 0: no limit
        self.retry_base = float(settings.get("mail.retry_base", 30))
        self.retry_max = float(settings.get("mail.retry_max", 3600))
        self.max_attempts = int(settings.get("mail.max_attempts", 10))
        self.sleep = sleep
        self.backoff = {}  # file name or delivery key -> (attempts, not before monotonic)
        self._suppressed, self._suppressed_stamp, self._suppressed_checked = {}, None, None
        self._last = 0.0
        self._queue_seen = 0.0

    def files(self):
        found = []
        for sub in ("new", "cur"):
            directory = os.path.join(self.queue, sub)
            try:
                found += [os.path.join(directory, n) for n in os.listdir(directory) if not n.startswith(".")]
            except FileNotFoundError:
                continue
        return sorted(found, key=os.path.basename)

    def run_once(self):
        """Deliver what is due in the queue, then what the registered sources
        have (e.g. newsletter issues sent since); returns the number handled."""
        done = 0
        try:
            done += self.deliver_queue()
            for source in SOURCES:
                done += source(self)
        except ServerUnreachable as exc:
            log.warning("SMTP server unreachable (%s); trying again on the next run", exc)
        finally:
            self.transport.close()
            self.log.close()
        return done

    def deliver_queue(self):
        """Every file of the Maildir queue that is due; returns the number handled."""
        self._queue_seen = time.monotonic()
        return sum(self.deliver(path) for path in self.files())

    def between(self):
        """Called by a source between its messages: mail queued meanwhile (a
        password reset, say) does not wait for the end of a long newsletter."""
        if time.monotonic() - self._queue_seen >= QUEUE_EVERY:
            return self.deliver_queue()
        return 0

    def _throttle(self):
        if self.rate > 0:
            wait = self._last + 1.0 / self.rate - time.monotonic()
            if wait > 0:
                self.sleep(wait)
        self._last = time.monotonic()

    def deliver(self, path):
        """One file of the Maildir queue; returns 1 when it is dealt with."""
        name = os.path.basename(path)
        if not self.due(name):
            return 0
        try:
            with open(path, "rb") as f:
                raw = f.read()
        except FileNotFoundError:
            return 0
        headers, data = split_message(raw)
        if not_yet(headers.get("x-roundtable-not-before")):
            return 0
        outcome = self.attempt(
            name, headers.get("x-roundtable-delivery"), headers.get("x-actually-from", ""),
            tuple(a.strip() for a in headers.get("x-actually-to", "").split(",") if a.strip()),
            data, headers.get("x-roundtable-list", ""), headers.get("x-roundtable-queued", ""))
        if outcome == "failed":
            os.makedirs(self.failed_dir, exist_ok=True)
            os.replace(path, os.path.join(self.failed_dir, name))
        elif outcome in SETTLED:
            _unlink(path)  # "done": went out before a crash; never twice
        return 1 if outcome in ("sent", "failed") else 0

    def due(self, ident):
        """Not held back by the backoff after a temporary failure."""
        entry = self.backoff.get(ident)
        return entry is None or time.monotonic() >= entry[1]

    def attempt(self, ident, key, fromaddr, toaddrs, data, list_name="", queued=""):
        """Hand one message to the server, with the log and retry accounting.

        ``ident`` names the message for the backoff (file name or delivery
        key), ``key`` is its delivery key (None for mail outside the log),
        ``data`` the message bytes or a function making them (not called for
        a message that is not sent). Returns ``"sent"``, ``"failed"``,
        ``"retry"``, ``"skipped"`` (unsubscribed since), ``"done"`` (settled
        before) or ``"wait"`` (backoff); raises ``ServerUnreachable`` after
        recording the retry, which ends the run.
        """
        attempts, not_before = self.backoff.get(ident, (0, 0.0))
        if time.monotonic() < not_before:
            return "wait"
        if key and self.log.state(key) in DONE:
            return "done"
        if key and self._unsubscribed_since(key, list_name, queued):
            self._record(key, toaddrs, "skipped", "unsubscribed")
            return "skipped"
        if key and not attempts:
            attempts = self.log.attempts(key)  # after a restart: retries before it
        if callable(data):
            data = data()
        self._throttle()

        def handed():
            if key:
                self.log.append([{"key": key, "to": ",".join(toaddrs), "status": "handed"}])

        try:
            answer = self.transport.send(fromaddr, toaddrs, data, handed)
        except PermanentFailure as exc:
            self._record(key, toaddrs, "failed", str(exc))
            self.backoff.pop(ident, None)
            log.error("mail to %s refused permanently: %s", ", ".join(toaddrs), exc)
            return "failed"
        except TemporaryFailure as exc:
            attempts += 1
            if attempts >= self.max_attempts:
                self._record(key, toaddrs, "failed", f"{exc} (after {attempts} attempts)")
                self.backoff.pop(ident, None)
                return "failed"
            self._record(key, toaddrs, "retry", str(exc), attempt=attempts)
            delay = min(self.retry_base * 2 ** (attempts - 1), self.retry_max)
            self.backoff[ident] = (attempts, time.monotonic() + delay)
            log.warning("mail to %s failed temporarily (%s); retry in %ss", ", ".join(toaddrs), exc, delay)
            if isinstance(exc, ServerUnreachable):
                raise
            return "retry"
        self._record(key, toaddrs, "sent", answer)
        self.backoff.pop(ident, None)
        return "sent"

    def _unsubscribed_since(self, key, list_name, queued):
        """Did the recipient leave the list after this message was queued?"""
        second = int(time.monotonic())
        if second != self._suppressed_checked:   # looked at once a second, not per message
            self._suppressed_checked = second
            try:
                stamp = os.stat(os.path.join(self.log.directory, "suppressed.jsonl")).st_mtime
            except FileNotFoundError:
                stamp = None
            if stamp != self._suppressed_stamp:
                self._suppressed = self.log.suppressed() if stamp is not None else {}
                self._suppressed_stamp = stamp
        since = self._suppressed.get((key.split("/", 1)[1], list_name))
        return since is not None and queued <= since

    def _record(self, key, toaddrs, status, answer, **extra):
        if key:
            self.log.append([dict({"key": key, "to": ",".join(toaddrs), "status": status,
                                   "answer": answer}, **extra)])


def not_yet(value):
    """Is ``value`` (ISO time, naive = UTC) still in the future?"""
    if not value:
        return False
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        return False
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return when > datetime.now(timezone.utc)



def _unlink(path):
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


class WorkerLock:
    """One worker at a time per queue (released by the kernel if it is killed)."""

    def __init__(self, queue_path):
        self.path = os.path.join(queue_path, ".worker.lock")
        self.fd = None

    def acquire(self, blocking=False):
        self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o640)
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
        except BlockingIOError:
            os.close(self.fd)
            self.fd = None
            return False
        return True

    def release(self):
        if self.fd is not None:
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None


def process_queue(settings, mailer=None):
    """Deliver everything currently due in the queue once (see
    the module docstring: rate, retries, delivery log, crash safety).
    Returns False when another worker holds the queue."""
    path = queue_path(settings)
    Maildir(path, create=True)
    lock = WorkerLock(path)
    if not lock.acquire():
        return False
    try:
        QueueWorker(settings, mailer).run_once()
    finally:
        lock.release()
    return True


def run_worker(settings, interval=5.0, stop=lambda: False, tasks=()):
    """The ``roundtable-mailqueue`` loop: one worker per queue; a second one
    waits until the first stops (or is killed: the lock dies with it).
    ``tasks`` are further callables run after each queue run (background
    work the site hands the worker, e.g. the search catalog's to-do list)."""
    path = queue_path(settings)
    Maildir(path, create=True)
    lock = WorkerLock(path)
    lock.acquire(blocking=True)
    worker = QueueWorker(settings)
    try:
        while not stop():
            try:
                worker.run_once()
            except Exception:  # keep the worker alive; the message stays queued
                log.exception("mail queue run failed")
            for task in tasks:
                try:
                    task()
                except Exception:
                    log.exception("worker task %r failed", task)
            time.sleep(interval)
    finally:
        lock.release()
