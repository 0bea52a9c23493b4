"""Retention runs on a clock moved forward: each kind of data goes after its period,
former members' contact data only after a notice, and every run is logged."""
import io
import time
from datetime import timedelta

from persistent.list import PersistentList
from ZODB import DB
from ZODB.FileStorage import FileStorage

from roundtable import schedule
from roundtable.accounts import throttle
from roundtable.bootstrap import bootstrap
from roundtable.follow.resources import follows_of
from roundtable.mail.deliverylog import DeliveryLog, log_dir
from roundtable.privacy.resources import AuditEntry
from roundtable.privacy.retention import apply
from roundtable.privacy.retention import run as retention_run
from roundtable.scripts.retention import main as retention_main
from roundtable.timeutil import now
from tests.accounts.test_account_safety import submit_login
from tests.conftest import edit

LEAVER = "olena-kovalenko"


def run(db, settings, at):
    with edit(db) as portal:
        return apply(portal, settings, at)


def test_each_period_on_a_clock_moved_forward(db, settings):
    start = now()
    with edit(db) as portal:
        subscribers = portal["newsletter"].subscribers
        list_name = portal["newsletter"].lists()[0].__name__
        subscribers.request("unbestaetigt@example.org", [list_name], at=start)
        subscribers.subscribe_confirmed("bestaetigt@example.org", [list_name], at=start)
        follows = follows_of(portal, create=True)
        follows.followers.request("folgt-unbestaetigt@example.org", ["body:ag-wohnen"], at=start)
        follows.sync(follows.followers.subscribe_confirmed("folgt@example.org",
                                                           ["body:ag-wohnen"], at=start))
        user = portal["users"].find_by_login("kwame.mensah@example.org")
        user.issue_token("invite")  # valid for 14 days
        user.failures = PersistentList([start])  # as accounts kept failed logins before issue 13
        leaver = portal["people"][LEAVER]
        leaver.retire(on=start.date())
        email = leaver.email
        portal["data-protection"].audit.append(AuditEntry(start - timedelta(days=4 * 365), "x", "alt@example.org",
                                                  "modified", "/people/x", "Person", "Alt"))
        audit_size = len(portal["data-protection"].audit)
    DeliveryLog(log_dir(settings)).append([{"key": "00ff/abc", "status": "sent",
                                            "at": start.isoformat(timespec="seconds")}])

    counts = run(db, settings, start + timedelta(days=1))
    assert counts["signups"] == 0 and counts["delivery_logs"] == 0
    assert counts["tokens"] == 1  # the login failure no longer counts after a day
    assert counts["audit"] == 1   # the entry from four years ago
    assert counts["former_contact_notices"] == 0

    counts = run(db, settings, start + timedelta(days=31))
    assert counts["signups"] == 2 and counts["tokens"] == 1  # the invitation token expired
    with edit(db) as portal:
        follows = follows_of(portal)
        assert follows.followers.find("folgt-unbestaetigt@example.org") is None
        assert [f.email for f in follows.followers_of("body:ag-wohnen")] == ["folgt@example.org"]
        assert portal["newsletter"].subscribers.find("unbestaetigt@example.org") is None
        assert portal["newsletter"].subscribers.find("bestaetigt@example.org") is not None
        assert portal["users"].find_by_login("kwame.mensah@example.org").tokens == {}

    counts = run(db, settings, start + timedelta(days=366))
    assert counts["delivery_logs"] == 1

    later = start + timedelta(days=2 * 365 + 1)
    counts = run(db, settings, later)
    assert counts["former_contact_notices"] == 1 and counts["former_contact_blanked"] == 0
    with edit(db) as portal:
        assert portal["people"][LEAVER].email == email  # a notice first, nothing blanked yet
        assert LEAVER in portal["data-protection"].notices

    counts = run(db, settings, later + timedelta(days=30))
    assert counts["former_contact_blanked"] == 1
    with edit(db) as portal:
        person = portal["people"][LEAVER]
        assert person.email == "" and person.phone == "" and person.family_name
        office = portal["data-protection"]
        assert [r["at"] for r in office.runs][-1] == later + timedelta(days=30)
        assert len(office.runs) == 5
        entry = next(office.audit.newest_first())
        assert (entry.actor_login, entry.path) == ("retention", f"/people/{LEAVER}")
        assert email not in str(entry.changes)
        assert len(office.audit) >= audit_size - 1


def test_notice_is_shown_to_the_coordinator(admin, db, settings):
    with edit(db) as portal:
        portal["people"][LEAVER].retire(on=(now() - timedelta(days=800)).date())
    run(db, settings, now())
    page = admin.get("/data-protection/")
    notices = page.html.find(string="Hinweise: Kontaktdaten ausgeschiedener Personen").find_next("ul")
    assert "Kovalenko" in notices.get_text()
    assert "former_contact_notices 1" in page.text


def test_periods_are_configurable_and_checked(admin, db):
    form = admin.get("/data-protection/periods").forms["form"]
    form["signups"] = "0"
    refused = form.submit("save")
    assert refused.status_int == 200 and "Mindestens ein Tag." in refused.text
    form = refused.forms["form"]
    form["signups"] = "14"
    assert form.submit("save").status_int == 303
    with edit(db) as portal:
        assert portal["data-protection"].period("signups") == timedelta(days=14)


def test_console_script_with_a_moved_clock(tmp_path, capsys):
    path = tmp_path / "Data.fs"
    db = DB(FileStorage(str(path)))
    bootstrap(db, {"roundtable.demo_data": "false"}, out=io.StringIO())
    db.close()
    ini = tmp_path / "test.ini"
    ini.write_text(f"[app:main]\nuse = egg:roundtable\nzodbconn.uri = file://{path}\n"
                   f"mail.queue_path = {tmp_path}/mailqueue\n")
    assert retention_main([str(ini), "--now", "2031-01-31T03:00"]) == 0
    assert "retention: audit 0" in capsys.readouterr().out
    assert retention_main([str(ini), "--now", "morgen"]) == 2
    db = DB(FileStorage(str(path)))
    try:
        with edit(db) as portal:
            assert [r["at"].year for r in portal["data-protection"].runs] == [2031]
            assert portal["data-protection"].runs[0]["at"].tzinfo is not None
    finally:
        db.close()


def test_the_application_applies_retention_on_its_schedule(app, db):
    """Retention is one of the application's periodic jobs (``roundtable.schedule``),
    registered from ``privacy.retention_every_hours`` (24 by default)."""
    assert app.registry.roundtable_jobs["retention"][1] == 24 * 3600
    assert app.registry.roundtable_jobs_stop is None     # off in tests unless turned on
    app.registry.settings["roundtable.jobs_first_after"] = "0"
    started = now()
    stop = schedule.start(app.registry)
    deadline = time.monotonic() + 120
    runs = []
    while not runs and time.monotonic() < deadline:
        with edit(db) as portal:
            runs = list(portal["data-protection"].runs)
        if not runs:
            stop.wait(0.2)
    schedule.stop(app.registry)
    [run_] = runs
    assert started <= run_["at"] <= now()


def test_login_throttle_counters_are_forgotten_once_they_no_longer_count(anonymous, db,
                                                                         settings):
    """Failed logins leave a login hash and the client address in the database;
    retention removes them once they no longer slow anyone down."""
    submit_login(anonymous, "nobody@example.org", "wrong password")
    conn = db.open()
    try:
        counters = dict(conn.root()[throttle.ROOT_KEY])
    finally:
        conn.close()
    assert any(k.startswith("addr:") for k in counters) and any(
        k.startswith("login:") for k in counters)
    counts = retention_run(db, settings, now())
    assert counts["throttle"] == 0          # still counting: kept
    counts = retention_run(db, settings, now() + timedelta(seconds=throttle.WINDOW + 1))
    assert counts["throttle"] == len(counters)
    conn = db.open()
    try:
        assert len(conn.root()[throttle.ROOT_KEY]) == 0
    finally:
        conn.close()
