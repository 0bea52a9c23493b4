"""Opening the database, the root factory and the first-start bootstrap.

The database comes from the ``zodbconn.uri`` setting (zodburi), so the same
code runs on a local FileStorage, a ZEO server or RelStorage.
"""
import logging
import sys

import transaction
from pyramid_zodbconn import get_connection

log = logging.getLogger(__name__)

ROOT_KEY = "roundtable"


def get_portal_from_request(request):
    return get_connection(request).root()[ROOT_KEY]


def root_factory(request):
    return get_portal_from_request(request)


def make_portal(title, town=""):
    """A portal with its empty top-level containers."""
    from .accounts.resources import Users
    from .bodies.resources import Bodies
    from .newsletter.resources import Newsletter
    from .people.resources import Organisations, People
    from .portal import Portal

    portal = Portal(title=title, town=town)
    portal.add(People(), "people")
    portal.add(Organisations(), "organisations")
    portal.add(Bodies(), "bodies")
    portal.add(Users(), "users")
    add_motions_containers(portal)
    portal.add(Newsletter(), "newsletter")
    from .catalog import install

    install(portal)
    return portal


def add_motions_containers(portal):
    """The council committees and the motions register (also evolve step 0002)."""
    from .committees.resources import Committees
    from .motions.register import Motions

    if "committees" not in portal:
        portal.add(Committees(), "committees")
    if "motions" not in portal:
        portal.add(Motions(), "motions")


def bootstrap(db, settings, out=None):
    """Create the portal on first start; print the admin's credentials once.

    Returns the generated admin password (None when the portal existed).
    """
    from .accounts.resources import User, generate_password

    tm = transaction.TransactionManager()
    conn = db.open(transaction_manager=tm)
    demo_logins = []
    try:
        with tm:
            root = conn.root()
            if ROOT_KEY in root:
                return None
            portal = make_portal(
                settings.get("roundtable.title", "Runder Tisch für Integration"),
                settings.get("roundtable.town", ""),
            )
            root[ROOT_KEY] = portal
            from .evolve import mark_all_applied

            mark_all_applied(root)
            if asbool_setting(settings, "roundtable.demo_data"):
                from .demo import add_demo_logins, populate

                populate(portal)
                if asbool_setting(settings, "roundtable.demo_logins"):
                    demo_logins = add_demo_logins(portal)
            from .catalog import reindex

            reindex(portal)
            login = settings.get("roundtable.admin_email", "admin@example.org")
            password = generate_password()
            admin = User(login, roles={"admin"})
            admin.set_password(password)
            portal["users"].add_user(admin)
    finally:
        conn.close()
    print(
        "\n" + "=" * 60
        + "\nRoundtable: database created. Administrator account:\n"
        + f"  login:    {login}\n  password: {password}\n"
        + "".join(f"Demo login, {role}:\n  login:    {login}\n  password: {pw}\n"
                  for role, login, pw in demo_logins)
        + "This is shown only once; change it after the first login.\n"
        + "=" * 60 + "\n",
        file=out or sys.stderr,
        flush=True,
    )
    return password


def open_db(settings):
    """A ZODB database from the ini's ``zodbconn.uri``, for command-line tools."""
    from ZODB import DB
    from zodburi import resolve_uri

    storage_factory, dbkw = resolve_uri(settings["zodbconn.uri"])
    return DB(storage_factory(), **dbkw)


def upgrade(db):
    """Apply pending database upgrade steps in one transaction."""
    from .evolve import evolve

    tm = transaction.TransactionManager()
    conn = db.open(transaction_manager=tm)
    try:
        with tm:
            root = conn.root()
            if ROOT_KEY not in root:
                return []
            return evolve(root)
    finally:
        conn.close()


def reindex_catalog(db):
    """Rebuild the search catalog in one transaction; the number of documents."""
    from .catalog import reindex

    tm = transaction.TransactionManager()
    conn = db.open(transaction_manager=tm)
    try:
        with tm:
            return reindex(conn.root()[ROOT_KEY])
    finally:
        conn.close()


def asbool_setting(settings, key):
    from pyramid.settings import asbool

    return asbool(settings.get(key, False))


def log_retry(event):
    """Write conflicts retried by pyramid_retry show in the log: their rate tells
    an operator of several application processes where records collide."""
    log.info("retrying %s %s after %s", event.request.method, event.request.path,
             type(event.exception).__name__)


def includeme(config):
    config.include("pyramid_zodbconn")
    config.add_subscriber(log_retry, "pyramid_retry.IBeforeRetry")
    config.set_root_factory(root_factory)
    db = config.registry._zodb_databases[""]
    bootstrap(db, config.registry.settings)
    upgrade(db)
