"""Console entry points."""
import argparse

from pyramid.paster import get_appsettings, setup_logging


def ini_settings(description, argv, extend=None):
    """Parse ``INI [options]``, set up logging from the ini, return (args, settings)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("config_uri", help="the ini file, e.g. development.ini")
    if extend is not None:
        extend(parser)
    args = parser.parse_args(argv)
    setup_logging(args.config_uri)
    return args, get_appsettings(args.config_uri)
