"""Sending an issue in the background: the request plans, the worker delivers.

"Send" must answer at once, also for 5,000 recipients. The request only marks
the issue queued and, once its transaction commits, writes one *job* file:
the issue's fields, the text and HTML rendered once per language and the
recipients (id, address, name, language). The worker needs no database (the
web server holds it), which is why the job carries everything.

The ``roundtable-mailqueue`` worker takes each job as a source of mail
(``mail.worker.register_source``): it first logs every recipient as
``queued`` (the job is then marked ``expanded``), then, when the job is due,
makes each recipient's message from the compiled template (``compiled.py``)
just before handing it over, on the run's one SMTP connection. The job file
stays until every recipient is settled (sent, failed or skipped); retries
with backoff are the worker's.

Crash safety lies in the delivery log: a recipient whose latest entry is
``sent``, ``failed`` or ``skipped`` is passed over, so a worker killed half
way resumes with the rest (at most the one message in flight twice). A
*retry* job for the failed recipients is the same file with only them; its
expansion logs them ``queued`` again.
"""
import functools
import json
import logging
import os

from ..i18n import _
from ..timeutil import now
from ..mail.deliverylog import log_dir
from ..mail.worker import SETTLED, not_yet, register_source
from .compiled import CompiledIssue
from .queueing import IssueMailer

log = logging.getLogger(__name__)


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
            "queued": now().isoformat(timespec="seconds"),
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
    _replace(os.path.join(directory, name), job)
    return name


def _replace(path, job):
    directory, name = os.path.split(path)
    temporary = os.path.join(directory, "." + name)
    with open(temporary, "w", encoding="utf-8") as f:
        json.dump(job, f, ensure_ascii=False)
        f.flush()
        os.fsync(f.fileno())
    os.replace(temporary, path)


def pending_jobs(settings):
    directory = jobs_dir(settings)
    try:
        names = sorted(n for n in os.listdir(directory) if n.endswith(".json") and not n.startswith("."))
    except FileNotFoundError:
        return []
    return [os.path.join(directory, n) for n in names]


def _load(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        log.exception("unreadable newsletter job %s, moved aside", path)
        os.replace(path, path + ".broken")
        return None


def waiting_for(settings, uid):
    """Recipients of an issue still in a job the worker has not taken up
    (afterwards the delivery log counts them)."""
    count = 0
    for path in pending_jobs(settings):
        if path.endswith(f"-{uid}.json"):
            try:
                with open(path, encoding="utf-8") as f:
                    job = json.load(f)
            except (OSError, ValueError):
                continue
            if not job.get("expanded"):
                count += len(job["recipients"])
    return count


def _expand(delivery_log, job):
    """Log the job's recipients ``queued`` (a failed one too: a retry job), once."""
    uid = job["fields"]["uid"]
    latest = delivery_log.latest(uid)
    entries = []
    for row in job["recipients"]:
        key = f"{uid}/{row['id']}"
        known = latest.get(key)
        if known is None or known["status"] == "failed":
            entries.append({"key": key, "to": row["email"], "status": "queued"})
    delivery_log.append(entries, sync=True)


def deliver_jobs(worker):
    """The worker's source of newsletter mail: every pending job that is due,
    each message made just before it goes out. Returns the messages handled."""
    handled = 0
    for path in pending_jobs(worker.settings):
        job = _load(path)
        if job is None:
            continue
        if not job.get("expanded"):
            _expand(worker.log, job)
            job["expanded"] = now().isoformat(timespec="seconds")
            _replace(path, job)
        if not_yet(job.get("not_before")):
            continue
        handled_job, open_left = _deliver(worker, job)
        handled += handled_job
        if not open_left:
            os.unlink(path)
    return handled


def _deliver(worker, job):
    fields = job["fields"]
    # the links are signed with the app's secret: from the ini, or the
    # environment as roundtable.main takes it (never an empty one)
    secret = worker.settings.get("roundtable.secret") or os.environ["ROUNDTABLE_SECRET"]
    compiled = CompiledIssue(job, secret)
    queued = job.get("queued") or job["expanded"]
    sender, list_name, uid = fields["sender_email"], fields["list"], fields["uid"]
    handled = open_left = 0
    for row in job["recipients"]:
        key = f"{uid}/{row['id']}"
        outcome = worker.attempt(key, key, sender, (row["email"],),
                                 functools.partial(compiled.message, row), list_name, queued)
        if outcome in ("sent", "failed"):
            handled += 1
        elif outcome not in SETTLED:
            open_left += 1
        handled += worker.between()
    return handled, open_left


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


register_source(deliver_jobs)   # the mail worker delivers sent issues from their jobs
