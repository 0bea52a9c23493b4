"""``roundtable-mailqueue INI``: deliver queued mail, once or continuously.

Messages are written to the queue by committed transactions only; this worker
moves them to the SMTP server (or the development outbox Maildir).
"""
import argparse
import logging

from pyramid.paster import get_appsettings, setup_logging

from ..mail import process_queue, run_worker


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("config_uri", help="the ini file, e.g. development.ini")
    parser.add_argument("--once", action="store_true", help="deliver what is queued, then stop")
    parser.add_argument("--interval", type=float, default=5.0, help="seconds between queue runs")
    args = parser.parse_args(argv)
    setup_logging(args.config_uri)
    settings = get_appsettings(args.config_uri)
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
