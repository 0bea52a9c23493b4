"""Delivering the mail queue: rate, retries with backoff, the delivery log,
and crash safety. ``process_queue``/``run_worker`` below (the
``roundtable-mailqueue`` worker) run this for every queued mail.

Order of events for a newsletter message (key ``X-Roundtable-Delivery``):

1. the log says ``sent``/``failed``/``skipped`` for the key: the message was
   dealt with before a crash; its queue file is removed, nothing is sent;
2. ``handed`` is appended to the log (in flight, not delivered);
3. SMTP ``MAIL``, ``RCPT``, ``DATA``, the message and the final ``.``;
4. only the server's answer decides: 250 is logged ``sent`` (delivered),
   then the queue file is removed; anything else, including a connection
   lost before the answer, is a ``retry`` or ``failed``.

A kill at any moment before the ``sent`` entry leaves the queue file in place
and the message is sent again after the restart: nothing is lost and nothing
is counted as delivered that the server did not confirm. The price is that
the one message in flight at the kill may arrive twice.

Only one worker runs at a time (``flock`` on the queue), and a message may
carry ``X-Roundtable-Not-Before`` (scheduled issues): it waits until then.
"""
import email.header
import email.parser
import fcntl
import logging
import os
import re
import smtplib
import socket
import time
from datetime import datetime, timezone

from repoze.sendmail.maildir import Maildir

from .deliverylog import DONE, DeliveryLog, log_dir
from .queue import make_mailer, queue_path

log = logging.getLogger(__name__)

# Work to do before each delivery run, registered by features that put mail into
# the queue in the worker rather than in the request (the newsletter expands
# a sent issue into its personal messages): ``hook(settings, delivery_log)``.
BEFORE_RUN = []


def register_before_run(hook):
    if hook not in BEFORE_RUN:
        BEFORE_RUN.append(hook)
    return hook

INTERNAL = ("x-actually-from", "x-actually-to", "x-roundtable-delivery", "x-roundtable-not-before",
            "x-roundtable-list", "x-roundtable-queued")


class TemporaryFailure(Exception):
    pass


class PermanentFailure(Exception):
    pass


class ServerUnreachable(TemporaryFailure):
    """No connection at all: the rest of this run would fail the same way."""


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


def _quoted(data):
    data = re.sub(rb"(?m)^\.", b"..", data)
    return data if data.endswith(b"\r\n") else data + b"\r\n"


class SMTPTransport:
    """One SMTP connection, reused; ``send`` calls ``before_commit`` just before
    the final ``.`` (the message is then in flight)."""

    def __init__(self, settings):
        self.host = settings["mail.host"].strip()
        self.port = int(settings.get("mail.port", 25))
        self.tls = str(settings.get("mail.tls", "false")).lower() in ("1", "true", "yes", "on")
        self.username = settings.get("mail.username") or os.environ.get("ROUNDTABLE_SMTP_USER")
        self.password = settings.get("mail.password") or os.environ.get("ROUNDTABLE_SMTP_PASSWORD")
        self.smtp = None

    def _connect(self):
        if self.smtp is None:
            smtp = smtplib.SMTP(self.host, self.port, timeout=60)
            # The final "." goes out as a write of its own (see the module
            # docstring); without NODELAY, Nagle's algorithm would hold it
            # back until the server's delayed ACK, some 40 ms per message.
            smtp.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            smtp.ehlo()
            if self.tls:
                smtp.starttls()
                smtp.ehlo()
            if self.username:
                smtp.login(self.username, self.password or "")
            self.smtp = smtp
        return self.smtp

    def close(self):
        if self.smtp is not None:
            try:
                self.smtp.quit()
            except (smtplib.SMTPException, OSError):
                pass
            self.smtp = None

    def _check(self, code, answer, *expected):
        text = f"{code} {answer.decode('utf-8', 'replace') if isinstance(answer, bytes) else answer}"
        if code in expected:
            return text
        if 500 <= code <= 599:
            self._reset()
            raise PermanentFailure(text)
        self.close()
        raise TemporaryFailure(text)

    def _reset(self):
        try:
            self.smtp.rset()
        except (smtplib.SMTPException, OSError):
            self.close()

    def send(self, fromaddr, toaddrs, data, before_commit):
        try:
            smtp = self._connect()
        except (smtplib.SMTPException, OSError) as exc:
            self.close()
            raise ServerUnreachable(str(exc) or exc.__class__.__name__) from None
        try:
            self._check(*smtp.mail(fromaddr), 250)
            for to in toaddrs:
                self._check(*smtp.rcpt(to), 250, 251)
            self._check(*smtp.docmd("DATA"), 354)
            smtp.send(_quoted(data))
            before_commit()
            smtp.send(b".\r\n")
            return self._check(*smtp.getreply(), 250)
        except (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError, socket.timeout,
                ConnectionError, OSError) as exc:
            # No answer, no delivery: the message is tried again (the server
            # may have accepted it, so this one message may arrive twice).
            self.close()
            raise TemporaryFailure(str(exc) or exc.__class__.__name__) from None


class MailerTransport:
    """Any mailer with ``send(fromaddr, toaddrs, message)``: the development
    outbox (no SMTP configured) or a mailer handed in by a caller."""

    def __init__(self, mailer):
        self.mailer = mailer

    def send(self, fromaddr, toaddrs, data, before_commit):
        import email as email_pkg

        before_commit()
        self.mailer.send(fromaddr, toaddrs, email_pkg.message_from_bytes(data))
        return "250 stored"

    def close(self):
        pass


def make_transport(settings, mailer=None):
    if mailer is not None:
        return MailerTransport(mailer)
    if settings.get("mail.host", "").strip():
        return SMTPTransport(settings)
    return MailerTransport(make_mailer(settings))


class QueueWorker:
    """Delivers the Maildir queue once per ``run_once``; keeps backoff state."""

    def __init__(self, settings, mailer=None, sleep=time.sleep):
        self.settings = settings
        self.queue = settings["mail.queue_path"]
        self.failed_dir = os.path.join(self.queue, "failed")
        self.log = DeliveryLog(log_dir(settings))
        self.transport = make_transport(settings, mailer)
        self.rate = float(settings.get("mail.rate", 0) or 0)  # messages per second, 0: no limit
        self.retry_base = float(settings.get("mail.retry_base", 30))
        self.retry_max = float(settings.get("mail.retry_max", 3600))
        self.max_attempts = int(settings.get("mail.max_attempts", 10))
        self.sleep = sleep
        self.backoff = {}  # file name -> (attempts, not before monotonic)
        self._suppressed, self._suppressed_stamp = {}, None
        self._last = 0.0

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
        """Run the registered ``BEFORE_RUN`` hooks (e.g. expand newsletter issues
        sent since), then deliver what is due; returns the number of messages handled."""
        done = 0
        for hook in BEFORE_RUN:
            hook(self.settings, self.log)
        try:
            for path in self.files():
                done += self.deliver(path)
        except ServerUnreachable as exc:
            log.warning("SMTP server unreachable (%s); trying again on the next run", exc)
        finally:
            self.transport.close()
        return done

    def _throttle(self):
        if self.rate > 0:
            wait = self._last + 1.0 / self.rate - time.monotonic()
            if wait > 0:
                self.sleep(wait)
        self._last = time.monotonic()

    def deliver(self, path):
        name = os.path.basename(path)
        attempts, not_before = self.backoff.get(name, (0, 0.0))
        if time.monotonic() < not_before:
            return 0
        try:
            with open(path, "rb") as f:
                raw = f.read()
        except FileNotFoundError:
            return 0
        headers, data = split_message(raw)
        if _not_yet(headers.get("x-roundtable-not-before")):
            return 0
        key = headers.get("x-roundtable-delivery")
        if key and self.log.state(key) in DONE:
            _unlink(path)  # went out before a crash; never twice
            return 0
        if key and self._unsubscribed_since(key, headers):
            self._record(key, (headers.get("x-actually-to", ""),), "skipped", "unsubscribed")
            _unlink(path)
            return 0
        fromaddr = headers.get("x-actually-from", "")
        toaddrs = tuple(a.strip() for a in headers.get("x-actually-to", "").split(",") if a.strip())
        if key and not attempts:
            attempts = self.log.attempts(key)  # after a restart: retries before it
        self._throttle()

        def handed():
            if key:
                self.log.append([{"key": key, "to": ",".join(toaddrs), "status": "handed"}], sync=True)

        try:
            answer = self.transport.send(fromaddr, toaddrs, data, handed)
        except PermanentFailure as exc:
            self._record(key, toaddrs, "failed", str(exc))
            os.makedirs(self.failed_dir, exist_ok=True)
            os.replace(path, os.path.join(self.failed_dir, name))
            log.error("mail to %s refused permanently: %s", ", ".join(toaddrs), exc)
            return 1
        except TemporaryFailure as exc:
            attempts += 1
            if attempts >= self.max_attempts:
                self._record(key, toaddrs, "failed", f"{exc} (after {attempts} attempts)")
                os.makedirs(self.failed_dir, exist_ok=True)
                os.replace(path, os.path.join(self.failed_dir, name))
                return 1
            self._record(key, toaddrs, "retry", str(exc), attempt=attempts)
            delay = min(self.retry_base * 2 ** (attempts - 1), self.retry_max)
            self.backoff[name] = (attempts, time.monotonic() + delay)
            log.warning("mail to %s failed temporarily (%s); retry in %ss", ", ".join(toaddrs), exc, delay)
            if isinstance(exc, ServerUnreachable):
                raise
            return 0
        self._record(key, toaddrs, "sent", answer)
        self.backoff.pop(name, None)
        _unlink(path)
        return 1

    def _unsubscribed_since(self, key, headers):
        """Did the recipient leave the list after this message was queued?"""
        path = os.path.join(self.log.directory, "suppressed.jsonl")
        try:
            stamp = os.stat(path).st_mtime
        except FileNotFoundError:
            return False
        if stamp != self._suppressed_stamp:
            self._suppressed, self._suppressed_stamp = self.log.suppressed(), stamp
        since = self._suppressed.get((key.split("/", 1)[1], headers.get("x-roundtable-list", "")))
        queued = headers.get("x-roundtable-queued", "")
        return since is not None and queued <= since

    def _record(self, key, toaddrs, status, answer, **extra):
        if key:
            self.log.append([dict({"key": key, "to": ",".join(toaddrs), "status": status,
                                   "answer": answer}, **extra)])


def _not_yet(value):
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
