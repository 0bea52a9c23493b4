"""The first start (the portal, its folders, the administrator, demo data) and
the upgrade of an existing database: the site layer, which may use every
feature (``db.py`` below it only opens the database).
"""
import sys

import transaction
from pyramid.settings import asbool

from .accounts.resources import User, generate_password
from .catalog import reindex
from .db import ROOT_KEY
from .demo import add_demo_logins, populate
from .evolve import evolve, mark_all_applied
from .tree import make_portal

__all__ = ["bootstrap", "upgrade", "reindex_catalog", "make_portal"]


def bootstrap(db, settings, out=None):
    """Create the portal on first start; print the admin's credentials once.

    Returns the generated admin password (None when the portal existed).
    """
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
            mark_all_applied(root)
            if asbool(settings.get("roundtable.demo_data", False)):
                populate(portal)
                if asbool(settings.get("roundtable.demo_logins", False)):
                    demo_logins = add_demo_logins(portal)
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


def upgrade(db):
    """Apply pending database upgrade steps in one transaction."""
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
    tm = transaction.TransactionManager()
    conn = db.open(transaction_manager=tm)
    try:
        with tm:
            return reindex(conn.root()[ROOT_KEY])
    finally:
        conn.close()


def includeme(config):
    """On start: create the portal if the database is new, apply pending upgrades."""
    db = config.registry._zodb_databases[""]
    bootstrap(db, config.registry.settings)
    upgrade(db)
