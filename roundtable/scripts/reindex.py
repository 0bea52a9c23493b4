"""``roundtable-reindex INI``: rebuild the search catalog from the whole tree.

The catalog follows changes through events; objects created by scripts or
imports without a request, or a damaged catalog, are put right with this.
"""
from contextlib import closing

from . import ini_settings
from ..bootstrap import reindex_catalog
from ..db import open_db


def main(argv=None):
    _args, settings = ini_settings(__doc__, argv)
    with closing(open_db(settings)) as db:
        print(f"indexed: {reindex_catalog(db)} documents")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
