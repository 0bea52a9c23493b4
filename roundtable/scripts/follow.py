"""``roundtable-follow INI``: send the due follow digests (run it hourly, e.g.
from cron or a systemd timer, beside ``roundtable-mailqueue``).

Checks the followed searches for new finds and puts one digest per follower
into the mail queue, at most one per ``follow.batch_hours`` (24 by default);
the queue worker delivers them. For ZEO/cron setups; with the default
FileStorage the application does this itself (``follow.digest_every_minutes``).
Runs in one transaction: nothing is queued
or marked as sent unless all of it is committed.
"""
from pyramid.paster import get_app

from . import ini_settings
from .. import schedule
from ..follow.alerts import run_digests


def main(argv=None):
    args, _settings = ini_settings(__doc__, argv)
    app = get_app(args.config_uri)
    schedule.stop(app.registry)   # this script is the job: no periodic thread beside it
    try:
        sent = run_digests(app.registry)
    finally:
        app.registry._zodb_databases[""].close()
    print(f"follow digests queued: {sent}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
