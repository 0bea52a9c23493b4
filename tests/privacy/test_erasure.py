"""Erasure: a preview first, then no trace of the name in any page, feed, PDF,
search result, old version or stored object; the history stays, anonymised."""
import io
import os

from pypdf import PdfReader
from pyramid.traversal import resource_path

from roundtable.catalog import reindex
from roundtable.follow.resources import follows_of
from roundtable.timeutil import now
from tests.minutes.data import write_minutes

from tests.conftest import edit
from tests.people.helpers import csrf_token
from tests.privacy.helpers import (FOLLOWED, OTHER_EMAIL, SUBJECT, SUBJECT_EMAIL, delivery_text,
                                   give_every_kind_of_record)

TRACES = ("Mensah", "kwame", SUBJECT_EMAIL)


def add_minutes_mention(db):
    """Published minutes whose text and an earlier version name the person."""
    with edit(db) as portal:
        body = portal["bodies"]["runder-tisch"]
        past = [m for m in body["meetings"].ordered() if m.start < now()]
        minutes = past[0].minutes   # the demo publishes the minutes of past sessions
        if minutes is None or minutes.state != "published":
            minutes = write_minutes(past[0], "published", approving=past[1], userid="admin")
        minutes.general += "\n\nHerr Mensah berichtet."
        minutes.correct("Name ergänzt", "admin",
                        general=minutes.general + "\n\nKwame Mensah stellt das Sprachcafé vor.")
        reindex(portal)
        return resource_path(past[0]) + "/minutes/"


def crawl(client, paths):
    """Every page reachable by links from ``paths`` (same site, HTML), plus ``paths``."""
    seen, todo, pages = set(), list(paths), {}
    while todo and len(seen) < 400:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path, expect_errors=True)
        assert response.status_int < 500, path
        if response.status_int != 200:
            continue
        pages[path] = response
        if response.content_type == "text/html":
            for link in response.html.find_all("a", href=True):
                href = link["href"].split("#")[0]
                if href.startswith("http://localhost/"):
                    href = href[len("http://localhost"):]
                if (href.startswith("/") and "logout" not in href and "language" not in href
                        and "q=" not in href
                        and not href.endswith((".zip", ".csv", "erase"))):
                    todo.append(href)
    return pages


def text_of(response):
    if response.content_type == "application/pdf":
        return "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body)).pages)
    return response.text


def found_by_search(client, word):
    """Whether the search (page or feed) finds anything for ``word``: its answer,
    with the echoed query taken out, differs from the answer to a word nobody wrote.
    A word offered a typo correction ("Meinten Sie …?") is in no document at all."""
    if 'class="search-corrected"' in client.get("/search?q=" + word).text:
        return False
    for path in ("/search?q=", "/search.atom?q="):
        answer = client.get(path + word).text.replace(word, "")
        nothing = client.get(path + "Xqzvw").text.replace("Xqzvw", "")
        if answer != nothing:
            return True
    return False


def stored_strings(db):
    """Every string in every object of the current database state."""
    seen, found = set(), []
    with edit(db) as portal:
        todo = [portal]
        while todo:
            obj = todo.pop()
            if id(obj) in seen:
                continue
            seen.add(id(obj))
            if isinstance(obj, str):
                found.append(obj)
            elif isinstance(obj, bytes):
                continue
            elif isinstance(obj, dict) or hasattr(obj, "items") and callable(obj.items):
                try:
                    for k, v in obj.items():
                        todo += [k, v]
                except TypeError:
                    pass
            elif isinstance(obj, (list, tuple, set, frozenset)) or type(obj).__name__ == "PersistentList":
                todo += list(obj)
            elif hasattr(obj, "__dict__") and not isinstance(obj, type):
                if hasattr(obj, "_p_activate"):
                    obj._p_activate()
                todo += [v for k, v in vars(obj).items() if k != "__parent__"]
    return found


def test_preview_lists_what_is_erased_and_what_is_anonymised(admin, db, settings):
    give_every_kind_of_record(db, settings)
    page = admin.get(f"/people/{SUBJECT}/erase")
    erased = page.html.find(id="h-erased").find_parent("section").get_text()
    kept = page.html.find(id="h-anon").find_parent("section").get_text()
    for what in ("Registereintrag", "Zugang", SUBJECT_EMAIL, "Newsletter-Abonnement",
                 "Folgen per E-Mail", "Versandprotokoll"):
        assert what in erased, what
    for what in ("Mitgliedschaft", "Anwesenheit", "Antrag: Sprachcafé im Stadtteil",
                 "ehemaliges Mitglied"):
        assert what in kept, what
    # the preview changed nothing
    with edit(db) as portal:
        assert SUBJECT in portal["people"]
    assert "Datenauskunft" in admin.get(f"/people/{SUBJECT}/").text


def test_erasure_leaves_no_trace_but_keeps_the_history(admin, anonymous, db, settings, app):
    (_mine, other), (meeting, motion) = give_every_kind_of_record(db, settings)
    minutes = add_minutes_mention(db)
    assert "Kwame Mensah" in admin.get(minutes).text
    with edit(db) as portal:
        attendance_before = sum(len(m.attendance) for b in portal["bodies"].values()
                                for m in b["meetings"].values())
    assert found_by_search(admin, "Mensah")
    response = admin.post(f"/people/{SUBJECT}/erase", {"csrf_token": csrf_token(admin)})
    assert response.status_int == 303

    start = ["/", "/members", "/bodies/", "/meetings", "/motions/", "/people/", "/minutes.atom",
             "/motions.atom", "/newsletter/feed.atom", "/calendar.ics", "/sitemap.xml",
             "/data-protection/", "/data-protection/audit.csv",
             minutes, minutes + "minutes.pdf", meeting, f"/motions/{motion}/",
             f"/motions/{motion}/letter.pdf", f"/motions/{motion}/versions", "/users/"]
    for client in (admin, anonymous):
        pages = crawl(client, start)
        assert len(pages) > 20
        for path, page in pages.items():
            text = text_of(page)
            for trace in TRACES:
                at = text.lower().find(trace.lower())
                assert at < 0, (trace, path, text[max(0, at - 300):at + 100])
        assert not found_by_search(client, "Mensah") and not found_by_search(client, "Kwame")
    assert admin.get(f"/people/{SUBJECT}/", expect_errors=True).status_int == 404
    assert "ehemaliges Mitglied" in admin.get(minutes).text
    assert "ehemaliges Mitglied" in admin.get(f"/motions/{motion}/").text

    strings = stored_strings(db)
    assert len(strings) > 1000
    leaks = [s for s in strings if any(t.lower() in s.lower() for t in TRACES)]
    assert leaks == []
    with edit(db) as portal:
        # the round table's history keeps its numbers
        assert sum(len(m.attendance) for b in portal["bodies"].values()
                   for m in b["meetings"].values()) == attendance_before
        assert portal["users"].find_by_login(SUBJECT_EMAIL) is None
        assert portal["newsletter"].subscribers.find(SUBJECT_EMAIL) is None
        assert portal["newsletter"].subscribers.find(OTHER_EMAIL) is not None
        follows = follows_of(portal)
        assert follows.followers.find(SUBJECT_EMAIL) is None
        assert all(SUBJECT_EMAIL not in f.email for f in follows.followers.values())
        assert [f.email for f in follows.followers_of(FOLLOWED)] == [OTHER_EMAIL]
    log = delivery_text(settings)
    assert SUBJECT_EMAIL not in log and OTHER_EMAIL in log
    # old revisions are gone from the database file as well
    data_fs = settings["zodbconn.uri"].split("file://")[1].split("?")[0]
    app.registry._zodb_databases[""].storage.sync() if hasattr(
        app.registry._zodb_databases[""].storage, "sync") else None
    with open(data_fs, "rb") as f:
        raw = f.read()
    assert b"Mensah" not in raw and SUBJECT_EMAIL.encode() not in raw
    assert os.path.getsize(data_fs) > 0


def test_only_the_coordinator_erases_and_only_with_the_form_token(clients, db):
    for role in ("anonymous", "member", "chair", "board"):
        client = clients[role]
        assert client.get(f"/people/{SUBJECT}/erase", expect_errors=True).status_int in (303, 403, 404)
        token = csrf_token(client)
        status = client.post(f"/people/{SUBJECT}/erase", {"csrf_token": token},
                             expect_errors=True).status_int
        assert status in (303, 403, 404), role
    refused = clients["admin"].post(f"/people/{SUBJECT}/erase", {"csrf_token": "forged"},
                                    expect_errors=True)
    assert refused.status_int == 400
    with edit(db) as portal:
        assert SUBJECT in portal["people"]
