"""The per-recipient delivery log: one append-only JSON-lines file per issue.

It lives in the file system beside the mail queue, not in ZODB, because the
worker runs while the web server holds the database; the issue page reads it
for its progress ("143 von 305 versendet"). The latest entry per delivery key
(``<issue uid>/<subscriber id>``) is that recipient's state:

- ``queued``  the message entered the queue (the web request committed);
- ``handed``  the worker is about to send the message (in flight); NOT a
  delivery: if the worker dies before the server's final answer the message
  is sent again, so at most this one message arrives twice, none is lost;
- ``sent``    the server answered 250 (answer recorded): delivered;
- ``retry``   a temporary failure (4xx, connection lost); it will be tried again;
- ``failed``  a permanent failure (5xx), with the server's answer;
- ``skipped`` the recipient unsubscribed after the message was queued.

A key whose latest entry is ``sent``, ``failed`` or ``skipped`` is never sent
again; see ``worker`` for the order of log writes, SMTP and removing the
queue file.
"""
import json
import os
import re
import time

from ..timeutil import now

DONE = ("sent", "failed", "skipped")
_UID = re.compile(r"^[0-9a-f]{1,32}$")


def log_dir(settings):
    return settings.get("newsletter.log_path") or os.path.join(
        os.path.dirname(settings["mail.queue_path"].rstrip("/")), "deliverylog")


def issue_of(key):
    return key.split("/", 1)[0]


class DeliveryLog:
    """``keep_open`` (the worker): the files stay open for the run and are
    synced to disk every ``SYNC_EVERY`` entries and at ``close``. Each entry
    reaches the kernel at once, so a killed worker loses none; only a crash of
    the machine could cost the unsynced ones (their messages go out again)."""

    SYNC_EVERY = 500

    def __init__(self, directory, keep_open=False):
        self.directory = directory
        os.makedirs(directory, exist_ok=True)
        self._cache = {}  # issue uid -> {key: latest entry}, for the worker
        self.keep_open = keep_open
        self._fds = {}  # issue uid -> open file (keep_open)
        self._unsynced = 0
        self._second = (None, "")

    def path(self, issue_uid):
        if not _UID.match(issue_uid or ""):
            raise ValueError(issue_uid)
        return os.path.join(self.directory, issue_uid + ".jsonl")

    def _open(self, uid):
        fd = os.open(self.path(uid), os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o640)
        size = os.fstat(fd).st_size
        torn = bool(size) and os.pread(fd, 1, size - 1) != b"\n"
        return fd, torn   # a line torn by a crash stays apart from ours

    def append(self, entries, sync=False):
        """Append entries (dicts with ``key``); ``sync`` makes them durable before returning."""
        by_issue = {}
        stamp = self._stamp()
        for entry in entries:
            entry = dict(entry)
            entry.setdefault("at", stamp)
            by_issue.setdefault(issue_of(entry["key"]), []).append(entry)
        for uid, items in by_issue.items():
            data = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in items).encode("utf-8")
            fd = self._fds.get(uid)
            if fd is None:
                fd, torn = self._open(uid)
                if torn:
                    data = b"\n" + data
                if self.keep_open:
                    self._fds[uid] = fd
            try:
                os.write(fd, data)
                if sync:
                    os.fsync(fd)
            finally:
                if not self.keep_open:
                    os.close(fd)
            cached = self._cache.get(uid)
            if cached is not None:
                for e in items:
                    cached[e["key"]] = e
        if self.keep_open and not sync:
            self._unsynced += len(entries)
            if self._unsynced >= self.SYNC_EVERY:
                self.sync()

    def _stamp(self):
        """The time of an entry, to the second (made once per second: the
        worker writes thousands a minute)."""
        second = int(time.time())
        if second != self._second[0]:
            self._second = (second, now().isoformat(timespec="seconds"))
        return self._second[1]

    def sync(self):
        """Make every entry written so far durable (the batch commit)."""
        for fd in self._fds.values():
            os.fsync(fd)
        self._unsynced = 0

    def close(self):
        """Sync and close the files kept open (end of a worker run)."""
        try:
            self.sync()
        finally:
            for fd in self._fds.values():
                os.close(fd)
            self._fds = {}

    # -- unsubscribed while mail was queued ---------------------------------
    def suppress(self, subscriber_id, list_names, at=None):
        """Note an unsubscribe; queued mail of those lists to that subscriber,
        written before ``at``, is skipped by the worker."""
        at = (at or now()).isoformat(timespec="seconds")
        data = "".join(json.dumps({"sid": subscriber_id, "list": name, "at": at}) + "\n"
                       for name in sorted(list_names)).encode("utf-8")
        fd = os.open(os.path.join(self.directory, "suppressed.jsonl"), os.O_WRONLY | os.O_APPEND | os.O_CREAT,
                     0o640)
        try:
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)

    def suppressed(self):
        """``{(subscriber id, list): latest unsubscribe time (ISO)}``."""
        found = {}
        try:
            with open(os.path.join(self.directory, "suppressed.jsonl"), encoding="utf-8") as f:
                for line in f:
                    try:
                        entry = json.loads(line)
                    except ValueError:
                        continue
                    key = (entry["sid"], entry["list"])
                    found[key] = max(found.get(key, ""), entry["at"])
        except FileNotFoundError:
            pass
        return found

    def read(self, issue_uid):
        """All entries of an issue; a line torn by a crash mid-write is skipped."""
        try:
            with open(self.path(issue_uid), encoding="utf-8") as f:
                lines = f.readlines()
        except FileNotFoundError:
            return []
        entries = []
        for line in lines:
            try:
                entries.append(json.loads(line))
            except ValueError:
                continue
        return entries

    def latest(self, issue_uid):
        cached = self._cache.get(issue_uid)
        if cached is None:
            cached = {}
            for entry in self.read(issue_uid):
                cached[entry["key"]] = entry
            self._cache[issue_uid] = cached
        return cached

    def state(self, key):
        entry = self.latest(issue_of(key)).get(key)
        return entry["status"] if entry else None

    def attempts(self, key):
        """Temporary failures so far (kept in the latest ``retry`` entry)."""
        entry = self.latest(issue_of(key)).get(key)
        return entry.get("attempt", 0) if entry and entry["status"] == "retry" else 0

    def summary(self, issue_uid):
        """Counts by state of each recipient's latest entry, plus the failures."""
        counts = {"queued": 0, "handed": 0, "sent": 0, "retry": 0, "failed": 0, "skipped": 0}
        failures = []
        for entry in self.latest_fresh(issue_uid).values():
            counts[entry["status"]] = counts.get(entry["status"], 0) + 1
            if entry["status"] == "failed":
                failures.append(entry)
        counts["delivered"] = counts["sent"]  # only what the server confirmed
        return counts, sorted(failures, key=lambda e: e.get("to", ""))

    def latest_fresh(self, issue_uid):
        """The latest entries read from disk now (for the web process, which
        does not write this log and must not trust a cache)."""
        self._cache.pop(issue_uid, None)
        return self.latest(issue_uid)
