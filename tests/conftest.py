"""Shared fixtures: a real app on a temp-dir FileStorage and one client per role.

The demo data is loaded so tests read like the portal a coordinator sees.
Users: admin@example.org (coordinator), board user linked to Aylin Demir
(chair of the Vorstand and of AG Wohnen), member user linked to Kwame Mensah
(plenary delegate), chair user linked to Agnieszka Nowak (chair of
AG Sprache und Bildung, not on the board).
"""
import contextlib
import functools
import os
import shutil

import pytest
import transaction
from webtest import TestApp

import roundtable
from roundtable import freshness
from roundtable import schedule
from roundtable.db import ROOT_KEY

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PASSWORD = "correct horse battery"

ROLE_USERS = {
    "admin": ("admin@example.org", None, {"admin"}),
    "board": ("aylin.demir@example.org", "aylin-demir", set()),
    "member": ("kwame.mensah@example.org", "kwame-mensah", set()),
    "chair": ("agnieszka.nowak@example.org", "agnieszka-nowak", set()),
}


def make_settings(tmp_path, **overrides):
    var = tmp_path / "var"
    var.mkdir(exist_ok=True)
    settings = {
        "zodbconn.uri": f"file://{var}/Data.fs?blobstorage_dir={var}/blobs",
        "roundtable.templates": os.path.join(ROOT, "templates"),
        "roundtable.static": os.path.join(ROOT, "static"),
        "roundtable.secret": "test-secret",
        "roundtable.demo_data": "true",
        "roundtable.title": "Runder Tisch für Integration",
        "roundtable.town": "Flensburg",
        "roundtable.admin_email": "bootstrap-admin@example.org",
        "roundtable.base_url": "http://localhost",
        "pyramid.default_locale_name": "de",
        "mail.queue_path": str(var / "mailqueue"),
        "mail.outbox": str(var / "outbox"),
        "mail.default_sender": "koordination@example.org",
        "mail.host": "",
        "roundtable.periodic_jobs": "false",   # a test that wants them turns them on
    }
    settings.update(overrides)
    return settings


@pytest.fixture
def smtp_server():
    """A real SMTP server on 127.0.0.1 collecting delivered messages."""
    from tests.mailserver import SMTPServer

    with SMTPServer() as server:
        yield server


@pytest.fixture
def settings(tmp_path):
    return make_settings(tmp_path)


def deliver(settings, smtp_server):
    """Run the mail queue worker once against the test SMTP server."""
    from roundtable.mail import process_queue

    process_queue(dict(settings, **{"mail.host": "127.0.0.1", "mail.port": str(smtp_server.port)}))
    return smtp_server.messages


@pytest.fixture(scope="session")
def template_var(tmp_path_factory):
    """A database with demo data and the role users, built once per run.

    Each test gets a copy, so building the demo (and hashing passwords, slow
    on purpose) does not repeat for every test.
    """
    base = tmp_path_factory.mktemp("template")
    wsgi = roundtable.main({}, **make_settings(base))
    db = wsgi.registry._zodb_databases[""]
    with edit(db) as portal:
        from roundtable.accounts.resources import User

        for login, person_id, roles in ROLE_USERS.values():
            user = User(login, roles=roles, person_id=person_id)
            user.password_hash = password_hash()
            portal["users"].add_user(user)
    db.close()
    return base / "var"


@pytest.fixture
def app(settings, template_var, tmp_path):
    var = tmp_path / "var"
    for name in ("Data.fs",):
        shutil.copy(template_var / name, var / name)
    if (template_var / "blobs").exists():
        shutil.copytree(template_var / "blobs", var / "blobs", dirs_exist_ok=True)
    wsgi = roundtable.main({}, **settings)
    db = wsgi.registry._zodb_databases[""]
    yield wsgi
    schedule.stop(wsgi.registry)   # periodic jobs, if a test turned them on
    db.close()


@functools.lru_cache(maxsize=1)
def password_hash():
    """argon2 is slow on purpose; hash the shared test password once per run."""
    from roundtable.accounts.resources import User

    user = User("x@example.org")
    user.set_password(PASSWORD)
    return user.password_hash


@contextlib.contextmanager
def edit(db):
    """Open the portal in its own transaction, committed on leaving the block."""
    tm = transaction.TransactionManager()
    conn = db.open(transaction_manager=tm)
    try:
        with tm:
            yield conn.root()[ROOT_KEY]
            # a direct edit fires no events: renew every cached page and feed
            freshness.bump_everything(conn)
    finally:
        conn.close()


@pytest.fixture
def db(app):
    return app.registry._zodb_databases[""]


def login(testapp, role):
    email = ROLE_USERS[role][0]
    page = testapp.get("/login")
    form = page.forms["form"]
    form["login"] = email
    form["password"] = PASSWORD
    response = form.submit("submit")
    assert response.status_int == 303, response.text
    return testapp


@pytest.fixture
def anonymous(app):
    return TestApp(app)


@pytest.fixture
def member(app):
    return login(TestApp(app), "member")


@pytest.fixture
def board(app):
    return login(TestApp(app), "board")


@pytest.fixture
def admin(app):
    return login(TestApp(app), "admin")


@pytest.fixture
def chair(app):
    return login(TestApp(app), "chair")


@pytest.fixture
def clients(app):
    """All role clients by name, for access-matrix tests."""
    return {
        "anonymous": TestApp(app),
        "member": login(TestApp(app), "member"),
        "chair": login(TestApp(app), "chair"),
        "board": login(TestApp(app), "board"),
        "admin": login(TestApp(app), "admin"),
    }


@pytest.fixture(scope="session")
def live_server():
    """A real pserve with demo data on 127.0.0.1, shared by the browser tests."""
    from tests import judges

    with judges.shared("live_server", judges.LiveServer) as server:
        yield server


@pytest.fixture(scope="session")
def browser():
    """One Debian chromium (Playwright) for the run, with axe-core at hand."""
    from tests import judges

    with judges.shared("browser", judges.Browser) as browser:
        yield browser
