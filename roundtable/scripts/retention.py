"""``roundtable-retention INI [--now ISO-DATETIME]``: apply the retention periods once.

Run it daily (cron or a systemd timer, like the backup). It removes
unconfirmed newsletter sign-ups, old delivery logs, expired tokens and login
throttle data, old audit entries, and — after a notice on the privacy page —
contact data of persons who left the round table; every run is logged on
/data-protection/. ``--now`` moves the clock (to see what a later run would do on a
copy of the database). With a FileStorage the web server must be stopped
meanwhile (or use ZEO, as the backup does).
"""
from contextlib import closing
from datetime import datetime, timezone

from . import ini_settings, open_db
from ..privacy.retention import run


def main(argv=None):
    def options(parser):
        parser.add_argument("--now", help="the time to apply the periods at (ISO 8601, UTC)")

    args, settings = ini_settings(__doc__.split("\n\n")[0], argv, options)
    now = datetime.now(timezone.utc)
    if args.now:
        try:
            now = datetime.fromisoformat(args.now)
        except ValueError:
            print("roundtable-retention: --now must be an ISO date and time, e.g. 2027-01-31T03:00")
            return 2
        now = now if now.tzinfo else now.replace(tzinfo=timezone.utc)
    with closing(open_db(settings)) as db:
        counts = run(db, settings, now)
    print("retention: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
