"""Periodic jobs inside the application process (retention, follow digests, …).

With the default FileStorage no second process may open the database while
``pserve`` holds it, so jobs that must touch the data on a schedule run in
the web process: a feature registers one with

    config.add_periodic_job("name", func, setting="x.every_minutes", unit=60, default=60)

and ``func(registry, now)`` is called every ``setting`` × ``unit`` seconds
(0 turns that job off) by ONE daemon thread per application, the first run
``roundtable.jobs_first_after`` seconds (default 600) after start. A job gets
its database connection and conflict retries from ``in_transaction``. A
failing job is logged and tried again at its next time; it never stops the
others. All jobs are off when ``roundtable.periodic_jobs`` is false (the
tests do that unless a test turns them on). With several processes on ZEO
each runs the jobs, which is harmless for jobs that only do what is due;
there, console scripts from cron are the alternative.
"""
import logging
import threading
import time

import transaction
from pyramid.events import ApplicationCreated
from pyramid.request import Request
from pyramid.settings import asbool
from ZODB.POSException import ConflictError

from .db import ROOT_KEY
from .timeutil import now

log = logging.getLogger(__name__)

FIRST_AFTER = 600.0


def in_transaction(db, work, attempts=3):
    """``work(conn, tm)`` in its own connection and transaction, retried on a
    write conflict with the web requests; returns what ``work`` returns."""
    for attempt in range(attempts):
        tm = transaction.TransactionManager()
        conn = db.open(transaction_manager=tm)
        try:
            with tm:
                return work(conn, tm)
        except ConflictError:
            if attempt == attempts - 1:
                raise
        finally:
            conn.close()


def in_request(registry, work):
    """``work(request)`` outside a web request (a periodic job, a console script):
    a request of its own with the app's ``registry``, the portal as its root, a
    connection and transaction of its own (retried on a conflict), and links
    built from ``roundtable.base_url`` as in every mail, never from a Host header."""
    base_url = registry.settings.get("roundtable.base_url") or "http://localhost"

    def run(conn, tm):
        request = Request.blank("/", base_url=base_url)
        request.registry = registry
        request.tm = tm
        request.root = conn.root()[ROOT_KEY]
        return work(request)

    return in_transaction(registry._zodb_databases[""], run)   # pyramid_zodbconn's database


def add_periodic_job(config, name, func, setting, default, unit=1.0):
    """Config directive: run ``func(registry, now)`` every ``setting`` (in
    ``unit`` seconds; ``default`` when the setting is absent; 0 = never)."""
    every = float(config.registry.settings.get(setting, default) or 0) * unit
    if every > 0:
        config.registry.roundtable_jobs[name] = (func, every)


def run_due(registry, due, clock=time.monotonic):
    """Run the jobs whose time has come; ``due`` maps name → next monotonic time."""
    for name, (func, every) in list(registry.roundtable_jobs.items()):
        if clock() < due[name]:
            continue
        due[name] = clock() + every
        try:
            log.debug("periodic job %s: %r", name, func(registry, now()))
        except Exception:  # noqa: BLE001 -- keep the schedule; the next run tries again
            log.exception("periodic job %s failed", name)


def start(registry):
    """The one daemon thread of this application; its stop event is kept as
    ``registry.roundtable_jobs_stop``."""
    event = threading.Event()
    registry.roundtable_jobs_stop = event
    first = time.monotonic() + float(registry.settings.get("roundtable.jobs_first_after",
                                                           FIRST_AFTER))
    due = {name: first for name in registry.roundtable_jobs}

    def loop():
        while not event.is_set():
            run_due(registry, due)
            event.wait(max(min(due.values()) - time.monotonic(), 0.05))

    registry.roundtable_jobs_thread = threading.Thread(target=loop, name="roundtable-jobs",
                                                       daemon=True)
    registry.roundtable_jobs_thread.start()
    return event


def stop(registry, timeout=60):
    """Stop the jobs of this application and wait for a running one to end
    (before its database is closed)."""
    if registry.roundtable_jobs_stop is not None:
        registry.roundtable_jobs_stop.set()
        registry.roundtable_jobs_thread.join(timeout)


def on_app_created(event):
    registry = event.app.registry
    if registry.roundtable_jobs and asbool(registry.settings.get("roundtable.periodic_jobs", True)):
        start(registry)


def includeme(config):
    config.registry.roundtable_jobs = {}
    config.registry.roundtable_jobs_stop = None
    config.add_directive("add_periodic_job", add_periodic_job)
    config.add_subscriber(on_app_created, ApplicationCreated)
