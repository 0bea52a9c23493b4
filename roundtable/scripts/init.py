"""``roundtable-init INI``: create the database (and demo data if configured).

The app does the same on its first start; this command lets an operator do it
ahead of time and read the printed administrator credentials.
"""
from . import ini_settings, open_db
from ..bootstrap import bootstrap


def main(argv=None):
    _args, settings = ini_settings(__doc__, argv)
    db = open_db(settings)
    try:
        if bootstrap(db, settings) is None:
            print("The database exists already; nothing to do.")
    finally:
        db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
