"""Console entry points, and what they share: the ini and the database."""
import argparse
import os
from urllib.parse import parse_qs, unquote, urlsplit

from pyramid.paster import get_appsettings, setup_logging

from ..db import open_db  # noqa: F401  (re-exported for the commands)


def ini_settings(description, argv, extend=None):
    """Parse ``INI [options]``, set up logging from the ini, return (args, settings)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("config_uri", help="the ini file, e.g. development.ini")
    if extend is not None:
        extend(parser)
    args = parser.parse_args(argv)
    setup_logging(args.config_uri)
    return args, get_appsettings(args.config_uri)


def filestorage_path(settings):
    """The Data.fs of a ``file://`` URI, or None for ZEO, RelStorage and others."""
    parts = urlsplit(settings["zodbconn.uri"])
    if parts.scheme != "file":
        return None
    return os.path.abspath(unquote(parts.path))


def blob_dir(settings):
    """The blob folder of a ``file://`` URI (``blobstorage_dir``), or None."""
    parts = urlsplit(settings["zodbconn.uri"])
    if parts.scheme != "file":
        return None
    found = parse_qs(parts.query).get("blobstorage_dir")
    return os.path.abspath(found[0]) if found else None
