"""``roundtable-init INI``: create the database (and demo data if configured).

The app does the same on its first start; this command lets an operator do it
ahead of time and read the printed administrator credentials.
"""
import argparse

from pyramid.paster import get_appsettings, setup_logging

from ..db import bootstrap, open_db


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("config_uri")
    args = parser.parse_args(argv)
    setup_logging(args.config_uri)
    settings = get_appsettings(args.config_uri)
    db = open_db(settings)
    try:
        if bootstrap(db, settings) is None:
            print("The database exists already; nothing to do.")
    finally:
        db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
