"""``roundtable-verify INI``: check that the database is whole.

For any storage (FileStorage, ZEO, RelStorage) every object reachable from
the root is loaded and every reference it holds must resolve, blobs included
(what ZODB's ``fsrefs`` checks). For a FileStorage the file's transaction and
data records are checked first (ZODB's ``fstest``). Run it after a crash, a
restore or a move to another engine; it exits non-zero on the first damage.
"""
import sys

from ZODB.blob import is_blob_record
from ZODB.POSException import POSKeyError
from ZODB.scripts import fstest
from ZODB.serialize import referencesf
from ZODB.utils import oid_repr, z64

from . import filestorage_path, ini_settings, open_db


class DamagedDatabase(Exception):
    """The storage file or the object graph is broken; the message says where."""


def check_file(path):
    """The FileStorage's records are well formed (raises ``DamagedDatabase``)."""
    try:
        fstest.check(path)
    except fstest.FormatError as exc:
        raise DamagedDatabase(f"{path}: {exc}") from exc


def records(storage):
    """(oid, data, serial) of every object reachable from the root, each once."""
    seen, todo = {z64}, [z64]
    while todo:
        oid = todo.pop()
        try:
            data, serial = storage.load(oid)
        except POSKeyError as exc:
            raise DamagedDatabase(f"object {oid_repr(oid)} is referenced but missing") from exc
        yield oid, data, serial
        for ref in referencesf(data):
            if ref not in seen:
                seen.add(ref)
                todo.append(ref)


def check_references(storage):
    """Every object reachable from the root loads, with its blob; returns their number."""
    count = 0
    for oid, data, serial in records(storage):
        count += 1
        if is_blob_record(data):
            try:
                storage.loadBlob(oid, serial)
            except POSKeyError as exc:
                raise DamagedDatabase(f"the blob of {oid_repr(oid)} is missing") from exc
    return count


def verify(db, path=None):
    """Both checks; ``path`` is the FileStorage file when there is one."""
    if path is not None:
        check_file(path)
    return check_references(db.storage)


def main(argv=None):
    _args, settings = ini_settings(__doc__, argv)
    path = filestorage_path(settings)
    db = open_db(settings)
    try:
        count = verify(db, path)
    except DamagedDatabase as exc:
        print(f"DAMAGED: {exc}", file=sys.stderr)
        return 1
    finally:
        db.close()
    print(f"The database is whole: {count} objects reachable, all references resolve.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
