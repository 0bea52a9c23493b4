"""A real consumer: the importer of Meine Stadt Transparent (PyPI
``meine-stadt-transparent`` 0.2.14, in its own virtualenv ``.venv-mst`` made by
``make mst``) imports the demo round table from a running server, and what
arrived in its database is checked: the body, the public meetings with their
agenda items, the motions as papers with their consultations, and the persons
who consented to be named, and no one else.

Its settings come from the environment (sqlite via DATABASE_URL, no
Elasticsearch, the geocoder pointed at a closed local port); its list fetch
runs single-threaded, as its threads race on sqlite.
"""
import json
import os
import shutil
import sqlite3
import subprocess
import urllib.request

import pytest

from roundtable.demo import PERSONS
from tests.judges import ROOT

MST = ROOT / ".venv-mst"
MANAGE = MST / "bin" / "mst-manage"
TEMPLATE = MST / "template.sqlite3"

pytestmark = pytest.mark.skipif(not MANAGE.exists(),
                                reason="Meine Stadt Transparent missing: run `make mst`")


def run(args, env, cwd, timeout=900):
    proc = subprocess.run([str(MANAGE), *args], env=env, cwd=cwd, capture_output=True,
                          text=True, timeout=timeout)
    assert proc.returncode == 0, f"mst-manage {' '.join(args)} failed:\n{proc.stderr[-4000:]}"
    return proc


def fetch_all(url):
    """Every object of a list of our API (following links.next)."""
    objects = []
    while url:
        with urllib.request.urlopen(url, timeout=60) as response:
            page = json.load(response)
        objects += page["data"]
        url = page["links"].get("next")
    return objects


@pytest.fixture(scope="module")
def imported(live_server, tmp_path_factory):
    work = tmp_path_factory.mktemp("mst")
    database = work / "mst.sqlite3"
    env = dict(os.environ, REAL_HOST="localhost", SECRET_KEY="tests-only", NO_LOG_FILES="True",
               ELASTICSEARCH_ENABLED="False", NOMINATIM_URL="http://127.0.0.1:9",
               PYTHONWARNINGS="ignore", DATABASE_URL=f"sqlite:///{database}")
    env.pop("DJANGO_SETTINGS_MODULE", None)
    if TEMPLATE.exists():
        shutil.copy(TEMPLATE, database)
    else:
        run(["migrate", "--verbosity", "0"], env, work, timeout=1800)
    body_url = live_server.base_url + "/oparl/v1/body/rt"
    run(["import_body", body_url, "--manual"], env, work)
    run(["import_fetch", "--force-singlethread"], env, work)
    run(["import_objects", "--force-singlethread"], env, work)
    connection = sqlite3.connect(database)
    yield connection, live_server.base_url + "/oparl/v1/body/rt/"
    connection.close()


def rows(connection, sql):
    return connection.execute(sql).fetchall()


def test_body_meetings_and_agenda_arrived(imported):
    db, lists = imported
    [(name, oparl_id)] = rows(db, "select name, oparl_id from mainapp_body")
    assert name.startswith("Runder Tisch für Integration") and oparl_id == lists.rstrip("/")
    ours = fetch_all(lists + "meeting")
    theirs = dict(rows(db, "select oparl_id, name from mainapp_meeting where deleted = 0"))
    assert theirs == {m["id"]: m["name"] for m in ours}
    assert len(theirs) > 50
    cancelled = {m["id"] for m in ours if m["cancelled"]}
    assert cancelled and cancelled == {r[0] for r in rows(
        db, "select oparl_id from mainapp_meeting where cancelled = 1")}
    items = rows(db, "select count(*) from mainapp_agendaitem")[0][0]
    assert items == sum(len(m.get("agendaItem", [])) for m in ours)
    assert not rows(db, "select name from mainapp_agendaitem where name like '%Personal%'")


def test_papers_and_consultations_arrived(imported):
    db, lists = imported
    ours = fetch_all(lists + "paper")
    theirs = dict(rows(db, "select oparl_id, reference_number from mainapp_paper"))
    assert theirs == {p["id"]: p["reference"] for p in ours if not p.get("deleted")}
    assert theirs and all(ref.startswith("RT-") for ref in theirs.values())
    consultations = rows(db, "select count(*) from mainapp_consultation")[0][0]
    assert consultations == sum(len(p.get("consultation", [])) for p in ours)
    assert {r[0] for r in rows(db, "select paper_type from mainapp_papertype")} == {"Antrag"}


def test_persons_only_with_consent(imported):
    db, _lists = imported
    consented = {f"{given} {family}" for _s, given, family, _l, consent, _o in PERSONS if consent}
    refused = {f"{given} {family}" for _s, given, family, _l, consent, _o in PERSONS
               if not consent}
    names = {r[0] for r in rows(db, "select name from mainapp_person")}
    assert names == consented
    assert not names & refused
    memberships = rows(db, "select count(*) from mainapp_membership")[0][0]
    assert memberships > len(consented)


def test_organizations_arrived(imported):
    db, lists = imported
    ours = fetch_all(lists + "organization")
    theirs = {r[0] for r in rows(db, "select oparl_id from mainapp_organization")}
    assert theirs == {o["id"] for o in ours}
    kinds = {r[0] for r in rows(db, "select t.name from mainapp_organization o join "
                                     "mainapp_organizationtype t on o.organization_type_id = t.id")}
    assert len(kinds) >= 2, kinds
