"""``roundtable-zeo FILE [--address HOST:PORT] [--blobs DIR]``: a ZEO server for
several application processes.

ZEO's ``runzeo`` takes the blob folder only from a configuration file; this
writes one beside the storage (``FILE.zeo.conf``) and runs ZEO's own server
with it, so ``make zeo`` and the tests start exactly the same server.
"""
import argparse
import os

from ZEO.runzeo import main as runzeo


def config_text(path, blobs, address):
    return (f"<zeo>\n  address {address}\n</zeo>\n"
            f"<filestorage>\n  path {path}\n  blob-dir {blobs}\n</filestorage>\n")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", help="the FileStorage, e.g. var/Data.fs")
    parser.add_argument("--address", default="127.0.0.1:8100", help="HOST:PORT to listen on")
    parser.add_argument("--blobs", help="the blob folder (default: blobs beside FILE)")
    args = parser.parse_args(argv)
    path = os.path.abspath(args.path)
    blobs = os.path.abspath(args.blobs or os.path.join(os.path.dirname(path), "blobs"))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    conf = path + ".zeo.conf"
    with open(conf, "w", encoding="utf-8") as f:
        f.write(config_text(path, blobs, args.address))
    runzeo(["-C", conf])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
