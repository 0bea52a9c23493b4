"""``roundtable-evolve INI``: apply pending database upgrade steps.

The application also applies them at start-up; this command lets an operator
upgrade (and see what was applied) before starting new code.
"""
from . import ini_settings, open_db
from ..bootstrap import upgrade


def main(argv=None):
    _args, settings = ini_settings(__doc__, argv)
    db = open_db(settings)
    try:
        names = upgrade(db)
    finally:
        db.close()
    print("applied: " + ", ".join(names) if names else "The database is up to date.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
