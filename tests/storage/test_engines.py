"""The same application on ZODB's distributed engines, chosen only by the URI."""
from webtest import TestApp

import roundtable
from roundtable.scripts.pack import pack
from roundtable.scripts.verify import verify
from tests.conftest import edit, make_settings


def test_relstorage_uri_works_unchanged(tmp_path, relstorage):
    settings = make_settings(tmp_path, **{"zodbconn.uri": relstorage.uri(tmp_path / "blobcache")})
    app = roundtable.main({}, **settings)
    db = app.registry._zodb_databases[""]
    try:
        assert type(db.storage).__name__ == "RelStorage"
        page = TestApp(app).get("/members")
        assert "Diakonisches Werk Flensburg" in page.text
        with edit(db) as portal:
            portal.title = "Runder Tisch im Kreis"
    finally:
        db.close()
    app = roundtable.main({}, **settings)
    db = app.registry._zodb_databases[""]
    try:
        assert "Runder Tisch im Kreis" in TestApp(app).get("/").text
        pack(db, days=0)  # packing and verifying work on RelStorage as on a FileStorage
        assert verify(db) > 100
        assert "Runder Tisch im Kreis" in TestApp(app).get("/").text
    finally:
        db.close()
