"""``roundtable-mailqueue INI``: deliver queued mail, once or continuously.

Messages are written to the queue by committed transactions only; this worker
moves them to the SMTP server (or the development outbox Maildir) at
``mail.rate`` messages per second, retries temporary failures with backoff,
keeps the newsletter's per-recipient delivery log, holds scheduled issues
until their time, and resumes after a crash without losing a message (see
``roundtable.mail.worker``). One worker runs per queue.

When the database is shared (ZEO or RelStorage; a FileStorage belongs to the
one application process) the worker also applies the search catalog's to-do
list: index updates that kept conflicting in the application.
"""
import logging

from . import ini_settings
from ..catalog.deferred import apply_pending
from ..db import open_db
from ..mail import process_queue, run_worker
from ..newsletter import jobs

# The newsletter's sent issues are delivered by this worker (the job source
# registers itself with the worker on import; named here so the import is not unused).
NEWSLETTER_JOBS = jobs.deliver_jobs

log = logging.getLogger(__name__)


class CatalogTodo:
    """The catalog's to-do list as a worker task; the database opened once."""

    def __init__(self, settings):
        uri = settings.get("zodbconn.uri", "")
        self.settings = settings
        self.enabled = bool(uri) and not uri.startswith("file://")
        self.db = None

    def __call__(self):
        if not self.enabled:
            return 0
        if self.db is None:
            self.db = open_db(self.settings)
        done = apply_pending(self.db)
        if done:
            log.info("search catalog: %d deferred update(s) applied", done)
        return done

    def close(self):
        if self.db is not None:
            self.db.close()
            self.db = None


def main(argv=None):
    def options(parser):
        parser.add_argument("--once", action="store_true", help="deliver what is queued, then stop")
        parser.add_argument("--interval", type=float, default=5.0, help="seconds between queue runs")

    args, settings = ini_settings(__doc__, argv, options)
    todo = CatalogTodo(settings)
    try:
        if args.once:
            process_queue(settings)
            todo()
            return 0
        log.info("mail queue worker started")
        try:
            run_worker(settings, interval=args.interval, tasks=(todo,))
        except KeyboardInterrupt:
            pass
        return 0
    finally:
        todo.close()


if __name__ == "__main__":
    raise SystemExit(main())
