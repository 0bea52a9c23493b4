"""The concept in the search and the sitemap (public parts only), and the
upgrade step that gives older databases the concept's folder."""
from datetime import date
from xml.etree import ElementTree as etree

from ZODB import DB
from ZODB.FileStorage import FileStorage

from roundtable.bootstrap import upgrade
from roundtable.catalog import reindex
from roundtable.db import ROOT_KEY
from roundtable.measures.resources import Concepts
from roundtable.tree import make_portal
from tests.conftest import edit

LOC = "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"
YEAR = date.today().year - 1


def sitemap(client):
    return [e.text for e in etree.fromstring(client.get("/sitemap.xml").body).iter(LOC)]


def test_public_finds_measures_and_reports_and_the_sitemap_lists_them(anonymous):
    page = anonymous.get("/search", {"q": "Wohnungslotsen"})
    assert "/concept/" in page.text and "Maßnahme" in page.text
    filtered = anonymous.get("/search", {"q": "Wohnungslotsen", "type": "measure"})
    assert "/3-1-1/" in filtered.text and 'value="measure"' in filtered.text
    page = anonymous.get("/search", {"q": "Umsetzungsbericht"})
    assert f"/reports/{YEAR}/" in page.text
    locs = sitemap(anonymous)
    assert any(u.endswith("/concept/2023-2027/") or u.endswith(f"/concept/{YEAR - 2}-{YEAR + 2}/")
               for u in locs)
    assert any(u.endswith("/3-1-1/") for u in locs)
    assert any(u.endswith(f"/reports/{YEAR}/") for u in locs)
    assert not any("/rounds/" in u for u in locs)


def test_an_unpublished_concept_is_neither_found_nor_listed(anonymous, admin, db):
    with edit(db) as portal:
        concept = portal["concept"].current()
        concept.published = False
        reindex(portal)
    assert "/3-1-1/" not in anonymous.get("/search", {"q": "Wohnungslotsen"}).text
    assert not any("/concept/" in u for u in sitemap(anonymous))
    assert "/3-1-1/" in admin.get("/search", {"q": "Wohnungslotsen"}).text


def test_upgrade_step_adds_the_concept_folder_once(tmp_path):
    db = DB(FileStorage(str(tmp_path / "Data.fs")))
    try:
        with db.transaction() as conn:
            portal = make_portal("Runder Tisch")
            portal.remove("concept")
            conn.root()[ROOT_KEY] = portal
        assert "0035-measures" in upgrade(db)
        with db.transaction() as conn:
            assert isinstance(conn.root()[ROOT_KEY]["concept"], Concepts)
        assert "0035-measures" not in upgrade(db)
    finally:
        db.close()
