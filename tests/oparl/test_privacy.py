"""The whole API, crawled anonymously, names no person without consent and
shows no non-public meeting, agenda item, document or draft motion; a person
who withdrew consent is only a soft delete without a name."""
import json
import re

from webtest import TestApp
from ZODB.utils import u64

from tests.conftest import edit
from tests.minutes.data import SECRET, SECRET_TITLE
from tests.oparl.conftest import WITHDRAWN
from tests.oparl.crawl import crawl, objects_in


def hidden_things(db):
    """Names of persons who may not be named; titles and paths of what is not public."""
    with edit(db) as portal:
        names = []
        for person in portal["people"].values():
            if not person.publicly_named:
                names += [person.title, person.family_name, person.__name__]
        meetings = [m for b in portal["bodies"].values() for m in b["meetings"].values()]
        private_paths = [f"/meeting/{m.body.__name__}/{m.__name__}" for m in meetings
                         if not m.public]
        private_items = [f"/agendaItem/{m.body.__name__}/{m.__name__}/{i.__name__}"
                         for m in meetings for i in m.agenda.values() if not i.public]
        drafts = [m for m in portal["motions"].values() if not m.is_public]
        # a draft put on a public session's agenda is announced there by its title
        # (and text), as on the meeting page; it is still no Paper
        announced = " ".join(i.title for m in meetings if m.public
                             for i in m.agenda.values() if i.public)
        draft_texts = ([m.title for m in drafts if m.title not in announced]
                       + [f"/paper/{m.__name__}" for m in drafts])
    return names, private_paths + private_items, draft_texts


def test_crawl_finds_nothing_private(app_db, crawled):
    names, private_paths, draft_texts = hidden_things(app_db)
    assert names and private_paths and draft_texts  # the demo has all three
    text = json.dumps(crawled, ensure_ascii=False)
    for name in names:
        assert not re.search(r"\b" + re.escape(name) + r"\b", text), name
    for path in private_paths:
        assert path + '"' not in text and path + "/" not in text, path
    for draft in draft_texts:
        assert draft not in text, draft
    for secret in (SECRET, SECRET_TITLE, "Vertrauliche Personalakte", "personalakte.pdf",
                   "@example.org", "0461 85-"):
        assert secret not in text, secret


def test_public_things_are_there(crawled):
    objects = [o for answer in crawled.values() for o in objects_in(answer)]
    names = {o.get("name") for o in objects if o["type"].endswith("/Person")}
    assert "Aylin Demir" in names and "Kwame Mensah" in names
    assert any(o["type"].endswith("/Meeting") and o.get("resultsProtocol") for o in objects)
    assert any(o.get("name") == "Bericht der Koordinierungsstelle" for o in objects)
    papers = [o for o in objects if o["type"].endswith("/Paper")]
    assert papers and all(re.match(r"RT-\d{4}/\d{2,3}$", p["reference"]) for p in papers
                          if not p.get("deleted"))
    assert all(p["paperType"] == "Antrag" for p in papers if not p.get("deleted"))


def test_withdrawn_consent_is_a_nameless_soft_delete(api_app, app_db):
    client = TestApp(api_app)
    with edit(app_db) as portal:
        person = portal["people"][WITHDRAWN]
        title, family = person.title, person.family_name
        expected = f"http://localhost/oparl/v1/person/{u64(person._p_oid)}"
    plain = json.dumps(crawl(client), ensure_ascii=False)
    assert family not in plain
    updates = crawl(client, query="body/rt/person?modified_since=2000-01-01T00:00:00")
    stubs = {o["id"]: o for a in updates.values() for o in a.get("data", []) if o.get("deleted")}
    assert expected in stubs
    assert all(set(stub) == {"id", "type", "created", "modified", "deleted"}
               for stub in stubs.values())
    assert title not in json.dumps(updates, ensure_ascii=False)
    # the stub answers at its id too, so a consumer can check it
    again = client.get(expected.replace("http://localhost", "")).json
    assert again["deleted"] is True and "name" not in again


def test_hidden_things_answer_like_missing_ones(api_app, app_db):
    """A non-public meeting or item and a draft asked for by their URLs get the
    same 404 as a URL that never existed."""
    client = TestApp(api_app)
    _names, private_paths, draft_texts = hidden_things(app_db)
    missing = client.get("/oparl/v1/meeting/vorstand/1999-01-01", status=404).json
    paths = private_paths[:20] + [t for t in draft_texts if t.startswith("/paper/")]
    for path in paths:
        assert client.get("/oparl/v1" + path, status=404).json["message"] == missing["message"]
    with edit(app_db) as portal:
        never = next(p for p in portal["people"].values()
                     if not p.public_consent and p.consent_withdrawn is None)
        key = u64(never._p_oid)
    assert client.get(f"/oparl/v1/person/{key}", status=404).json == {
        **missing, "debug": f"no OParl object at /oparl/v1/person/{key}"}
