import shutil

import pytest
from webtest import TestApp

import roundtable
from roundtable.meetings.resources import Document
from roundtable.timeutil import now
from tests.conftest import edit, make_settings
from tests.minutes.data import write_minutes
from tests.oparl.crawl import crawl

WITHDRAWN = "mahmoud-al-hassan"   # consented in the demo, withdraws here


def prepare(portal):
    """What the demo lacks: published minutes with known text (a non-public item), documents
    on a public and a non-public item, and a person who withdrew consent."""
    plenary = portal["bodies"]["runder-tisch"]
    held = [m for m in plenary["meetings"].ordered() if m.status == "held" and m.end < now()]
    meeting = next(m for m in held if any(not i.public for i in m.agenda.ordered())
                   and write_ok(m))
    if meeting.minutes is not None:
        # the demo publishes minutes of past sessions; these get the test's own
        # text (a secret on the non-public item) through the whole workflow
        meeting.remove("minutes")
    minutes = write_minutes(meeting, "draft")
    write_minutes(meeting, "published", approving=minutes.later_meetings()[0])
    public_item = next(i for i in meeting.agenda.ordered() if i.public)
    hidden_item = next(i for i in meeting.agenda.ordered() if not i.public)
    public_item.add_document(Document("bericht.pdf", "application/pdf", b"%PDF-1.4 public",
                                      title="Bericht der Koordinierungsstelle"))
    hidden_item.add_document(Document("personalakte.pdf", "application/pdf", b"%PDF-1.4 x",
                                      title="Vertrauliche Personalakte"))
    portal["people"][WITHDRAWN].update(public_consent=False)


def write_ok(meeting):
    """Can minutes of ``meeting`` be approved: has a later session of the same
    body begun (and not been cancelled)?"""
    return any(meeting.start < m.start <= now() and m.status != "cancelled"
               for m in meeting.__parent__.values())


@pytest.fixture(scope="module")
def api_app(tmp_path_factory, template_var):
    """One app on a copy of the demo database for the whole module, with ``prepare``."""
    base = tmp_path_factory.mktemp("oparl")
    settings = make_settings(base)
    var = base / "var"
    shutil.copy(template_var / "Data.fs", var / "Data.fs")
    if (template_var / "blobs").exists():
        shutil.copytree(template_var / "blobs", var / "blobs", dirs_exist_ok=True)
    wsgi = roundtable.main({}, **settings)
    with edit(wsgi.registry._zodb_databases[""]) as portal:
        prepare(portal)
    yield wsgi
    wsgi.registry._zodb_databases[""].close()


@pytest.fixture(scope="module")
def crawled(api_app):
    """The whole API as the anonymous public reads it."""
    return crawl(TestApp(api_app))


@pytest.fixture(scope="module")
def app_db(api_app):
    return api_app.registry._zodb_databases[""]
