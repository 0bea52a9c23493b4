"""``roundtable-pack INI --days N``: drop old revisions, keeping N days of history.

ZODB keeps every committed revision of every object (that is what undo and
a restore to a date rely on) until the database is packed. Packing removes
revisions older than N days that a newer one replaces, and objects no longer
reachable; the current state is never touched. Works on FileStorage, ZEO and
RelStorage alike (run it from cron, e.g. weekly, after the backup).
"""
from . import ini_settings, open_db


def pack(db, days):
    """Pack ``db`` keeping ``days`` days of history."""
    if days < 0:
        raise ValueError("days must not be negative")
    db.pack(days=days)


def main(argv=None):
    def options(parser):
        parser.add_argument("--days", type=float, default=30.0,
                            help="days of history to keep (default 30)")

    args, settings = ini_settings(__doc__.split("\n\n")[0], argv, options)
    if args.days < 0:
        print("roundtable-pack: --days must not be negative")
        return 2
    db = open_db(settings)
    try:
        pack(db, args.days)
    finally:
        db.close()
    print(f"packed, keeping {args.days:g} days of history")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
