"""Upgrade step 0003: a portal made before newsletters gets the container."""
from ZODB import DB
from ZODB.FileStorage import FileStorage

from roundtable.bootstrap import make_portal, upgrade
from roundtable.db import ROOT_KEY
from roundtable.evolve import APPLIED_KEY, applied
from roundtable.newsletter.resources import Newsletter


def test_newsletter_step_on_an_old_database(tmp_path):
    db = DB(FileStorage(str(tmp_path / "Data.fs")))
    try:
        with db.transaction() as conn:
            portal = make_portal("Runder Tisch")
            portal.remove("newsletter")  # as it was before this step
            conn.root()[ROOT_KEY] = portal
            applied(conn.root())["0001-meetings-folders"] = True
        assert "0003-newsletter" in upgrade(db)
        with db.transaction() as conn:
            assert isinstance(conn.root()[ROOT_KEY]["newsletter"], Newsletter)
            assert "0003-newsletter" in conn.root()[APPLIED_KEY]
        assert upgrade(db) == []
    finally:
        db.close()
