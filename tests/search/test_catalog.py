"""The catalog: German folding, prefixes, events, permissions, reindex and upgrade."""
from ZODB import DB
from ZODB.FileStorage import FileStorage

from roundtable.catalog import CATALOG_ATTR, get_catalog, reindex
from roundtable.catalog.indexes import query_words
from roundtable.catalog.query import search
from roundtable.bootstrap import make_portal, upgrade
from roundtable.db import ROOT_KEY
from roundtable.meetings.resources import AgendaItem
from roundtable.people.resources import Organisation
from roundtable.scripts.reindex import main as reindex_main
from tests.conftest import edit
from tests.meetings.helpers import add_meeting, next_sunday

PUBLIC = {"system.Everyone"}


def titles(catalog, text, principals=PUBLIC, **filters):
    return [i["title"] for i in search(catalog, principals, text, filters, per_page=500).items]


def fresh(portal):
    """The catalog after a full reindex (helpers here add objects without a request)."""
    reindex(portal)
    return get_catalog(portal)


def test_query_words_fold_and_drop_syntax():
    assert query_words('  "Müll" AND (Straße*) ') == ["muell", "and", "strasse"]
    assert query_words("x" * 500) == ["x" * 40]
    assert query_words("*?()") == []


def test_umlaut_variants_and_prefixes(db):
    with edit(db) as portal:
        add_meeting(portal, "ag-wohnen", next_sunday(20), title="Müllabfuhr in der Hauptstraße")
        catalog = fresh(portal)
        for query in ("Müllabfuhr", "MÜLLABFUHR", "muellabfuhr", "Müll", "muell", "MUELL"):
            assert "Müllabfuhr in der Hauptstraße" in titles(catalog, query), query
        for query in ("Hauptstrasse", "HAUPTSTRASSE", "hauptstraße", "Hauptstr"):
            assert "Müllabfuhr in der Hauptstraße" in titles(catalog, query), query
        assert titles(catalog, "Müllabfuhr Rathausplatz")  # every word, in any field
        assert not titles(catalog, "Müllabfuhr Zauberwald")


def test_views_keep_the_catalog_current(db, admin):
    """An organisation added through the form is found; renamed, the old name is gone."""
    page = admin.get("/organisations/add")
    form = page.forms["form"]
    form["name"] = "Förderverein Süderhof"
    form["kind"] = "club"
    form.submit("save")
    with edit(db) as portal:
        assert titles(get_catalog(portal), "Suederhof") == ["Förderverein Süderhof"]
        org = portal["organisations"]["foerderverein-suederhof"]
    page = admin.get("/organisations/foerderverein-suederhof/edit")
    form = page.forms["form"]
    form["name"] = "Nachbarschaftsverein Nord"
    form.submit("save")
    with edit(db) as portal:
        assert titles(get_catalog(portal), "Süderhof") == []
        assert "Nachbarschaftsverein Nord" in titles(get_catalog(portal), "Nachbarschaftsv")
    assert org is not None


def test_members_find_what_they_may_see_and_never_more(db):
    """Kwame Mensah is a member of AG Wohnen, not of AG Sprache und Bildung."""
    from roundtable.catalog.principals import qualified

    with edit(db) as portal:
        add_meeting(portal, "ag-wohnen", next_sunday(20), title="Sitzung Wohnen",
                    items=[("1", "Zwangsräumung Einzelfall", False)])
        add_meeting(portal, "ag-sprache-und-bildung", next_sunday(20), title="Sitzung Sprache",
                    items=[("1", "Zwangsräumung Sprachkurs", False)])
        add_meeting(portal, "vorstand", next_sunday(20), title="Zwangsräumung Vorstand", public=False)
        catalog = fresh(portal)
    wohnen_member = PUBLIC | {"system.Authenticated", "role:member",
                              qualified("member", "/bodies/ag-wohnen")}
    sprache_chair = PUBLIC | {"system.Authenticated", "role:member",
                              qualified("member", "/bodies/ag-sprache-und-bildung"),
                              qualified("chair", "/bodies/ag-sprache-und-bildung")}
    assert titles(catalog, "Zwangsräumung") == []
    assert titles(catalog, "Zwangsraeumung", wohnen_member) == ["Zwangsräumung Einzelfall"]
    assert titles(catalog, "Zwangsräumung", sprache_chair) == ["Zwangsräumung Sprachkurs"]
    assert sorted(titles(catalog, "Zwangsräumung", PUBLIC | {"role:board"})) == [
        "Zwangsräumung Einzelfall", "Zwangsräumung Sprachkurs", "Zwangsräumung Vorstand"]


def test_filters(db):
    with edit(db) as portal:
        catalog = get_catalog(portal)
        bodies = titles(catalog, "", content_type="body")
        assert "AG Wohnen" in bodies and all(t for t in bodies)
        assert titles(catalog, "", content_type="body", field_of_action="housing") == ["AG Wohnen"]
        meetings = search(catalog, PUBLIC, "", {"content_type": "meeting", "body": "ag-wohnen"},
                          per_page=500).items
        assert meetings and {m["body"] for m in meetings} == {"ag-wohnen"}
        dates = [m["date"] for m in meetings]
        assert dates == sorted(dates, reverse=True)
        year = dates[0].year
        assert {m["date"].year for m in search(catalog, PUBLIC, "", {"content_type": "meeting",
                                                                       "year": year}).items} == {year}


def test_removed_objects_leave_the_catalog(db):
    from roundtable import events
    from roundtable.catalog import on_removed

    with edit(db) as portal:
        meeting = add_meeting(portal, "ag-wohnen", next_sunday(20), title="Abrissparty",
                              items=[("1", "Abrisskante", True)])
        catalog = fresh(portal)
        assert len(titles(catalog, "Abriss")) == 2
        on_removed(events.ObjectRemoved(meeting))
        assert titles(catalog, "Abriss") == []


def test_reindex_command_and_upgrade_step(tmp_path, capsys):
    path = tmp_path / "Data.fs"
    db = DB(FileStorage(str(path)))
    with db.transaction() as conn:
        portal = make_portal("Runder Tisch")
        delattr(portal, CATALOG_ATTR)   # as made before step 0004
        portal["organisations"].add(Organisation(name="Türkischer Elternverein"), name="tev")
        conn.root()[ROOT_KEY] = portal
    assert {"0004-catalog", "0025-search-stems"} <= set(upgrade(db))
    with db.transaction() as conn:
        catalog = get_catalog(conn.root()[ROOT_KEY])
        # by stem: the umlaut typed, folded or (the stemmer's reading) left out
        for query in ("tuerk", "Türkische", "turkischen"):
            assert titles(catalog, query) == ["Türkischer Elternverein"], query
    db.close()
    ini = tmp_path / "test.ini"
    ini.write_text(f"[app:main]\nuse = egg:roundtable\nzodbconn.uri = file://{path}\n")
    assert reindex_main([str(ini)]) == 0
    assert "indexed: 1 documents" in capsys.readouterr().out


def test_demo_data_is_indexed_at_bootstrap(db):
    with edit(db) as portal:
        catalog = get_catalog(portal)
        types = {m["content_type"] for m in catalog.metadata.values()}
        assert {"body", "meeting", "agenda_item", "organisation"} <= types
        assert AgendaItem.content_type == "agenda_item"


def test_equal_relevance_lists_the_newest_first(db):
    with edit(db) as portal:
        for days in (30, 90, 60):
            add_meeting(portal, "ag-wohnen", next_sunday(days), title="Quartiersrundgang")
        catalog = fresh(portal)
        dates = [i["date"] for i in search(catalog, PUBLIC, "Quartiersrundgang").items]
        assert len(dates) == 3 and dates == sorted(dates, reverse=True)
