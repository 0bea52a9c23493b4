"""``roundtable-reindex INI``: rebuild the search catalog from the whole tree.

The catalog follows changes through events; objects created by scripts or
imports without a request, or a damaged catalog, are put right with this.
"""
from . import ini_settings
from ..db import open_db, reindex_catalog


def main(argv=None):
    _args, settings = ini_settings(__doc__, argv)
    db = open_db(settings)
    try:
        count = reindex_catalog(db)
    finally:
        db.close()
    print(f"indexed: {count} documents")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
