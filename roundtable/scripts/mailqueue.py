"""``roundtable-mailqueue INI``: deliver queued mail, once or continuously.

Messages are written to the queue by committed transactions only; this worker
moves them to the SMTP server (or the development outbox Maildir) at
``mail.rate`` messages per second, retries temporary failures with backoff,
keeps the newsletter's per-recipient delivery log, holds scheduled issues
until their time, and resumes after a crash without sending anything twice
(see ``roundtable.mail.worker``). One worker runs per queue.
"""
import logging

from . import ini_settings
from ..mail import process_queue, run_worker
from ..newsletter import jobs

# The newsletter's expansion of sent issues runs in this worker (it registers
# itself with the worker on import; named here so the import is not unused).
NEWSLETTER_JOBS = jobs.expand_jobs


def main(argv=None):
    def options(parser):
        parser.add_argument("--once", action="store_true", help="deliver what is queued, then stop")
        parser.add_argument("--interval", type=float, default=5.0, help="seconds between queue runs")

    args, settings = ini_settings(__doc__, argv, options)
    if args.once:
        process_queue(settings)
        return 0
    logging.getLogger(__name__).info("mail queue worker started")
    try:
        run_worker(settings, interval=args.interval)
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
