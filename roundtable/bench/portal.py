"""The Roundtable app under the benchmark's settings: the portal's server process
(``python -m roundtable.bench.portal PORT DATA_DIR``) and the in-process checks."""
import sys

import roundtable

from .server import app_settings, serve


def make_app(data_dir, port=0):
    return roundtable.main({}, **app_settings(data_dir, port))


if __name__ == "__main__":
    port = int(sys.argv[1])
    sys.exit(serve(make_app(sys.argv[2], port), port))
