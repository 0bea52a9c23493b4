"""Minutes follow their workflow into the catalog through the views' events:
published, the public finds their public text and never a non-public entry."""
from tests.minutes.test_views import make_minutes, paths, transition  # noqa: F401 (fixture)
from tests.people.helpers import csrf_token


def found(client, query, type_="minutes"):
    response = client.get("/search", {"q": query, "type": type_})
    return [a["href"] for a in response.html.select(".search-results h3 a")]


def test_publishing_through_the_workflow_makes_minutes_findable(clients, db, paths):
    make_minutes(db, paths.march, "approved", approving=paths.april)
    url = paths.march + "minutes/"
    # the demo's own published minutes speak of Geflüchtete too: compare with them
    before = set(found(clients["anonymous"], "Geflüchtete"))
    assert "http://localhost" + url not in before
    transition(clients["board"], url, "publish")
    assert set(found(clients["anonymous"], "Gefluechtete")) - before == {"http://localhost" + url}
    assert found(clients["anonymous"], "Bewerbungslage") == []   # a non-public item's entry
    # listed with every published minutes (the Atom feed holds only the 30 newest
    # sessions, and the demo's own minutes are newer than this March)
    listing = clients["anonymous"].get("/minutes/", {"body": "runder-tisch"}).text
    assert 'href="http://localhost' + url + '"' in listing


def test_draft_minutes_are_found_by_those_who_may_read_them(clients, db, paths):
    url = paths.may + "minutes/"
    board = clients["board"]
    board.post(paths.may + "create-minutes", {"csrf_token": csrf_token(board)}, status=303)
    assert found(board, "Sprachkurse") == ["http://localhost" + url]
    assert found(clients["anonymous"], "Sprachkurse") == []
    assert found(clients["member"], "Sprachkurse") == []   # not in AG Sprache und Bildung



def test_an_item_made_non_public_leaves_the_public_minutes_text(clients, db, paths):
    from roundtable.catalog import reindex
    from tests.conftest import edit

    make_minutes(db, paths.march, "published", approving=paths.april)
    with edit(db) as portal:
        reindex(portal)
    minutes = "http://localhost" + paths.march + "minutes/"
    assert minutes in found(clients["anonymous"], "Gefluechtete")
    item = paths.march + "agenda/top-2/"
    form = clients["board"].get(item + "edit").forms["form"]
    form["public"] = False
    form.submit("save", status=303)
    assert minutes not in found(clients["anonymous"], "Gefluechtete")
    assert "http://localhost" + item in found(clients["board"], "Gefluechtete", type_="agenda_item")
    assert "http://localhost" + item not in found(clients["anonymous"], "Gefluechtete",
                                                  type_="agenda_item")
