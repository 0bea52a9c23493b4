"""``roundtable-evolve INI``: apply pending database upgrade steps.

The application also applies them at start-up; this command lets an operator
upgrade (and see what was applied) before starting new code.
"""
import argparse

from pyramid.paster import get_appsettings, setup_logging

from ..db import open_db, upgrade


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("config_uri")
    args = parser.parse_args(argv)
    setup_logging(args.config_uri)
    settings = get_appsettings(args.config_uri)
    db = open_db(settings)
    try:
        names = upgrade(db)
    finally:
        db.close()
    print("applied: " + ", ".join(names) if names else "The database is up to date.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
