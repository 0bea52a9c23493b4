"""Sending an issue in the background: the request plans, the worker expands.

"Send" must answer at once, also for 5,000 recipients. The request only marks
the issue queued and, once its transaction commits, writes one *job* file:
the issue's fields, the text and HTML rendered once per language and the
recipients (id, address, name, language). The ``roundtable-mailqueue`` worker
(``delivery.QueueWorker``) expands each job into the personal messages of the
mail queue before it delivers, logging each as ``queued`` in the delivery log,
and removes the job when all are queued. The worker needs no database (the
web server holds it), which is why the job carries everything.

Crash safety: a recipient whose delivery key is already in the log (not as
``failed``) or already in the queue is not queued again, so a worker killed
while expanding resumes without duplicates. A *retry* job for the failed
recipients is the same file with only them.
"""
import json
import logging
import os
import re
from datetime import datetime
from types import SimpleNamespace

import transaction
from pyramid_mailer.mailer import Mailer

from ..i18n import _
from ..timeutil import now
from ..mail.deliverylog import log_dir
from ..mail.worker import register_before_run
from .queueing import IssueMailer, build_message

log = logging.getLogger(__name__)

BATCH = 200  # messages per queue transaction while expanding
_KEY = re.compile(rb"^X-Roundtable-Delivery:\s*(\S+)", re.M | re.I)


def jobs_dir(settings):
    return os.path.join(log_dir(settings), "jobs")


def make_job(issue, registry, base_url, site_title, recipients, not_before=None, retry=False):
    """Everything the worker needs to write the issue's messages (plain data)."""
    builder = IssueMailer(issue, registry, base_url, site_title)
    languages = {}
    for subscriber in recipients:
        if subscriber.language not in languages:
            t, text, html = builder.rendered(subscriber.language)
            languages[subscriber.language] = {
                "text": text, "html": html, "hello": t(_("Guten Tag,")),
                "hello_name": t(_("Guten Tag ${name},", mapping={"name": "@@NAME@@"}))}
    return {"fields": builder.fields(), "languages": languages, "retry": retry,
            "not_before": not_before.isoformat() if not_before else None,
            "recipients": [{"id": s.id, "email": s.email, "name": s.name, "language": s.language}
                           for s in recipients]}


def plan(issue, registry, base_url, site_title, recipients, transaction_manager, send_at=None,
         userid=None):
    """Mark the issue queued and have its job written when the transaction
    commits (nothing if it aborts). Returns the number of recipients; raises
    ``WorkflowError`` as ``Issue.mark_queued`` does."""
    issue.mark_queued(len(recipients), send_at, userid)
    scheduled = issue.send_at if issue.send_at > issue.queued_at else None
    job = make_job(issue, registry, base_url, site_title, recipients, scheduled)
    transaction_manager.get().join(_WriteWhenCommitted(jobs_dir(registry.settings), job))
    return len(recipients)


def plan_retry(issue, registry, base_url, site_title, recipients, transaction_manager):
    """A job for recipients whose delivery failed (the issue is already sent)."""
    job = make_job(issue, registry, base_url, site_title, recipients, retry=True)
    transaction_manager.get().join(_WriteWhenCommitted(jobs_dir(registry.settings), job))
    return len(recipients)


def write_job(directory, job):
    """Write a job file atomically (a half-written job is never read)."""
    os.makedirs(directory, exist_ok=True)
    name = f"{now().strftime('%Y%m%dT%H%M%S%f')}-{job['fields']['uid']}.json"
    temporary = os.path.join(directory, "." + name)
    with open(temporary, "w", encoding="utf-8") as f:
        json.dump(job, f, ensure_ascii=False)
        f.flush()
        os.fsync(f.fileno())
    os.replace(temporary, os.path.join(directory, name))
    return name


def pending_jobs(settings):
    directory = jobs_dir(settings)
    try:
        names = sorted(n for n in os.listdir(directory) if n.endswith(".json") and not n.startswith("."))
    except FileNotFoundError:
        return []
    return [os.path.join(directory, n) for n in names]


def waiting_for(settings, uid):
    """Recipients of an issue still in a job (not yet in the queue)."""
    count = 0
    for path in pending_jobs(settings):
        if path.endswith(f"-{uid}.json"):
            try:
                with open(path, encoding="utf-8") as f:
                    count += len(json.load(f)["recipients"])
            except (OSError, ValueError):
                continue
    return count


def _queued_keys(queue):
    """Delivery keys of the messages in the queue now (read from their headers)."""
    keys = set()
    for sub in ("new", "cur"):
        directory = os.path.join(queue, sub)
        for name in os.listdir(directory) if os.path.isdir(directory) else ():
            try:
                with open(os.path.join(directory, name), "rb") as f:
                    head = f.read(8192).split(b"\n\n", 1)[0].split(b"\r\n\r\n", 1)[0]
            except OSError:
                continue
            keys.update(k.decode("ascii", "replace") for k in _KEY.findall(head))
    return keys


def expand_jobs(settings, delivery_log):
    """Expand every pending job into the mail queue; returns the messages queued."""
    total = 0
    for path in pending_jobs(settings):
        try:
            with open(path, encoding="utf-8") as f:
                job = json.load(f)
        except (OSError, ValueError):
            log.exception("unreadable newsletter job %s, moved aside", path)
            os.replace(path, path + ".broken")
            continue
        total += _expand(settings, delivery_log, job)
        os.unlink(path)
    return total


def _expand(settings, delivery_log, job):
    fields = job["fields"]
    uid = fields["uid"]
    latest = delivery_log.latest(uid)
    in_queue = _queued_keys(settings["mail.queue_path"]) if latest else set()
    not_before = job.get("not_before")
    not_before = not_before and datetime.fromisoformat(not_before)
    secret = settings["roundtable.secret"]
    tm = transaction.TransactionManager()
    mailer = Mailer(queue_path=settings["mail.queue_path"], transaction_manager=tm)
    count, batch = 0, []
    for row in job["recipients"]:
        key = f"{uid}/{row['id']}"
        known = latest.get(key)
        if key in in_queue or (known is not None and known["status"] != "failed"):
            continue   # queued before a crash, or delivered: never twice
        language = job["languages"][row["language"]]
        hello = (language["hello_name"].replace("@@NAME@@", row["name"]) if row["name"]
                 else language["hello"])
        subscriber = SimpleNamespace(**row)
        if not batch:
            tm.begin()
        mailer.send_to_queue(build_message(fields, secret, subscriber, language["text"],
                                           language["html"], hello, not_before=not_before))
        batch.append({"key": key, "to": row["email"], "status": "queued"})
        if len(batch) >= BATCH:
            count += _commit(tm, delivery_log, batch)
            batch = []
    if batch:
        count += _commit(tm, delivery_log, batch)
    return count


def _commit(tm, delivery_log, entries):
    tm.commit()   # the queue files are written now
    delivery_log.append(entries, sync=True)
    return len(entries)


class _WriteWhenCommitted:
    """A data manager writing the job file once the transaction is committed."""

    def __init__(self, directory, job):
        self.directory, self.job = directory, job

    def sortKey(self):
        return "~roundtable.newsletter.job"

    def tpc_finish(self, txn):
        write_job(self.directory, self.job)

    def abort(self, txn):
        pass

    tpc_begin = commit = tpc_vote = tpc_abort = abort


register_before_run(expand_jobs)   # the mail worker expands sent issues before delivering
