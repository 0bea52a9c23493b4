"""``roundtable-backup INI FOLDER`` and ``roundtable-restore INI FOLDER``.

The backup is ZODB's ``repozo``: the first run (or ``--full``) copies the
whole Data.fs, later runs only what was appended since, gzip-compressed, into
``FOLDER/filestorage``; it is safe while the application runs (repozo copies
up to the last committed transaction). Blob files never change once written,
so ``FOLDER/blobs`` is brought up to date by copying the new ones.

The restore rebuilds the Data.fs named by the ini (as of ``--date``, UTC, if
given) and its blobs, refuses to overwrite an existing database, and verifies
the result (``roundtable-verify``). A ZEO server's Data.fs is backed up the same
way with ``--file``/``--blobs``; RelStorage is backed up by PostgreSQL's own
tools (``pg_dump``).
"""
import os
import shutil
import sys
import time

from ZODB.scripts import repozo

from . import blob_dir, filestorage_path, ini_settings, open_db
from .verify import DamagedDatabase, verify


class BackupError(Exception):
    """A clear reason for the operator; the command prints it and exits 1."""


def _repozo(*args):
    try:
        repozo.main(list(args))
    except SystemExit as exc:  # repozo exits on its errors
        if exc.code not in (None, 0):
            raise BackupError(f"repozo: {exc.code}") from exc


def _wait_for_a_new_second(repository):
    """repozo names files by the second: two backups must not share a name."""
    stamp = time.strftime("%Y-%m-%d-%H-%M-%S", time.gmtime())
    while any(name.startswith(stamp) for name in os.listdir(repository)):
        time.sleep(0.1)
        stamp = time.strftime("%Y-%m-%d-%H-%M-%S", time.gmtime())


def copy_new_files(source, target):
    """Copy the files of ``source`` missing in ``target`` (blob files are immutable)."""
    copied = 0
    for folder, dirs, files in os.walk(source):
        dirs[:] = [d for d in dirs if d != "tmp"]
        relative = os.path.relpath(folder, source)
        os.makedirs(os.path.join(target, relative), exist_ok=True)
        for name in files:
            destination = os.path.join(target, relative, name)
            if not os.path.exists(destination):
                shutil.copy2(os.path.join(folder, name), destination + ".part")
                os.replace(destination + ".part", destination)
                copied += 1
    return copied


def backup(path, blobs, folder, full=False):
    """One backup run; returns (kind, number of blob files copied)."""
    if not path or not os.path.exists(path):
        raise BackupError(f"no FileStorage at {path!r}; give the Data.fs with --file")
    repository = os.path.join(folder, "filestorage")
    os.makedirs(repository, exist_ok=True)
    _wait_for_a_new_second(repository)
    before = set(os.listdir(repository))
    _repozo("-B", "-z", "-r", repository, "-f", path, *(["-F"] if full else []))
    written = {n for n in set(os.listdir(repository)) - before if n.endswith("fsz")}
    kind = ("unchanged" if not written else
            "incremental" if all(n.endswith(".deltafsz") for n in written) else "full")
    copied = copy_new_files(blobs, os.path.join(folder, "blobs")) if blobs and os.path.isdir(blobs) else 0
    return kind, copied


def restore(folder, path, blobs, date=None):
    """Rebuild ``path`` (and ``blobs``) from the backup ``folder``."""
    repository = os.path.join(folder, "filestorage")
    if not os.path.isdir(repository) or not os.listdir(repository):
        raise BackupError(f"no backup in {folder!r}")
    if os.path.exists(path):
        raise BackupError(f"{path} exists; move it aside first, a restore never overwrites")
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    try:
        _repozo("-R", "-r", repository, "-o", path, *(["-D", date] if date else []))
    except BaseException:
        for leftover in (path, path + ".index"):  # no half-restored file blocks the next try
            if os.path.exists(leftover):
                os.remove(leftover)
        raise
    if blobs and os.path.isdir(os.path.join(folder, "blobs")):
        copy_new_files(os.path.join(folder, "blobs"), blobs)


def _paths(args, settings):
    path = args.file or filestorage_path(settings)
    if path is None:
        raise BackupError("zodbconn.uri is not a file:// URI; give the Data.fs with --file "
                          "(on the ZEO server), or use pg_dump for RelStorage")
    return os.path.abspath(path), args.blobs or blob_dir(settings)


def _options(parser):
    parser.add_argument("folder", help="the backup folder")
    parser.add_argument("--file", help="the Data.fs (default: from zodbconn.uri)")
    parser.add_argument("--blobs", help="the blob folder (default: from zodbconn.uri)")


def backup_main(argv=None):
    def options(parser):
        _options(parser)
        parser.add_argument("--full", action="store_true", help="a full backup, not incremental")

    args, settings = ini_settings(__doc__.split("\n\n")[0], argv, options)
    try:
        path, blobs = _paths(args, settings)
        kind, copied = backup(path, blobs, args.folder, full=args.full)
    except BackupError as exc:
        print(f"roundtable-backup: {exc}", file=sys.stderr)
        return 1
    print(f"{kind} backup of {path} in {args.folder}; {copied} new blob file(s)")
    return 0


def restore_main(argv=None):
    def options(parser):
        _options(parser)
        parser.add_argument("--date", help="the state as of this UTC time: YYYY-MM-DD[-HH[-MM[-SS]]]")

    args, settings = ini_settings(__doc__.split("\n\n")[0], argv, options)
    try:
        path, blobs = _paths(args, settings)
        restore(args.folder, path, blobs, args.date)
        uri = settings["zodbconn.uri"]
        if args.file:
            uri = f"file://{path}" + (f"?blobstorage_dir={blobs}" if blobs else "")
        db = open_db({"zodbconn.uri": uri})
        try:
            count = verify(db, path)
        finally:
            db.close()
    except (BackupError, DamagedDatabase) as exc:
        print(f"roundtable-restore: {exc}", file=sys.stderr)
        return 1
    print(f"restored {path} from {args.folder}: {count} objects, all references resolve")
    return 0
