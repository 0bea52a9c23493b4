"""Demo data of the newsletter, and helpers for benchmarks and tests.

``populate(portal)`` adds the weekly "Verteiler Zusammenleben", a quarterly
list, some subscribers and one issue in the archive. ``generate_subscribers``
makes thousands of confirmed subscribers quickly; ``plan_issue_to_list``
and ``deliver_queue`` send one issue to a whole list and deliver it, the
same way the web request and the ``roundtable-mailqueue`` worker do
(``queue_issue_to_list``: through the Maildir queue instead of a job).
"""
import random
from datetime import timedelta

import transaction
from pyramid_mailer.mailer import Mailer

from ..db import ROOT_KEY
from ..mail import process_queue
from ..timeutil import now
from . import jobs
from .assembly import Links, assemble
from .queueing import queue_issue
from .resources import QUEUED, Issue, MailingList

WEEKLY, QUARTERLY = "verteiler-zusammenleben", "quartalsbrief"

DEMO_SUBSCRIBERS = [
    ("hanna.petersen@example.org", "Hanna Petersen", "de", (WEEKLY, QUARTERLY)),
    ("omar.saleh@example.org", "Omar Saleh", "de", (WEEKLY,)),
    ("julia.berg@example.org", "", "de", (WEEKLY,)),
    ("daniel.okafor@example.org", "Daniel Okafor", "en", (WEEKLY, QUARTERLY)),
    ("info@familienzentrum.example.org", "Familienzentrum Nord", "de", (QUARTERLY,)),
    ("sprachcafe@example.org", "", "en", (WEEKLY,)),
]


def populate(portal, at=None):
    at = at or now()
    newsletter = portal["newsletter"]
    weekly = newsletter.add(MailingList(
        "Verteiler Zusammenleben", "koordination@example.org",
        description="Jede Woche: Termine, Protokolle und Neuigkeiten rund um den Runden Tisch "
                    "und seine Arbeitsgruppen.",
        sender_name="Koordinierungsstelle für Integration", reply_to="integration@example.org",
        cadence="weekly"), name=WEEKLY)
    newsletter.add(MailingList(
        "Quartalsbrief Integration", "koordination@example.org",
        description="Viermal im Jahr: was der Runde Tisch erreicht hat und was ansteht.",
        sender_name="Koordinierungsstelle für Integration", cadence="quarterly"), name=QUARTERLY)
    subscribers = newsletter.subscribers
    for email, name, language, lists in DEMO_SUBSCRIBERS:
        subscribers.subscribe_confirmed(email, lists, name=name, language=language, source="import",
                                        consent_source="Anmeldeliste Plenum",
                                        consent_date=(at - timedelta(days=200)).date(), at=at)
    sent_at = at - timedelta(days=7)
    _period, sections = assemble(portal, weekly, Links(), at=sent_at)
    sections.append({"key": "text", "title": "Aus den Partnerorganisationen", "default_title": "",
                     "text": "Das Frauennetzwerk Mira lädt zum interkulturellen Sommerfest in den "
                             "Volkspark ein. Alle sind willkommen.", "items": []})
    issue = Issue("Verteiler Zusammenleben – Ausgabe 1", sent_at - timedelta(days=14), sent_at, sections)
    issue.created = sent_at - timedelta(days=1)
    weekly.add_issue(issue)
    # Sent before the portal existed: in the archive, with no delivery log here.
    issue.state, issue.send_at, issue.queued_at = QUEUED, sent_at, sent_at


def generate_subscribers(portal, count, rng=None, list_name=WEEKLY, domain="example.net"):
    """``count`` confirmed subscribers of ``list_name`` (for benchmarks); returns their ids."""
    rng = rng or random.Random(6)
    subscribers = portal["newsletter"].subscribers
    ids = []
    for number in range(count):
        language = "en" if rng.random() < 0.2 else "de"
        name = f"Person {number}" if rng.random() < 0.7 else ""
        subscriber = subscribers.subscribe_confirmed(
            f"abonnent{number:05d}@{domain}", [list_name], name=name, language=language,
            source="import", consent_source="generated")
        ids.append(subscriber.id)
    return ids


def _send_new_issue(db, registry, list_name, title, base_url, sections, put):
    """Assemble a new issue of ``list_name`` and ``put(issue, portal, recipients,
    base_url, tm)`` it to every confirmed subscriber in one transaction;
    returns ``(issue uid, what put returned)``."""
    base_url = base_url or registry.settings.get("roundtable.base_url", "http://127.0.0.1:6543")
    tm = transaction.TransactionManager()
    conn = db.open(transaction_manager=tm)
    try:
        with tm:
            portal = conn.root()[ROOT_KEY]
            mailing_list = portal["newsletter"][list_name]
            _period, assembled = assemble(portal, mailing_list, Links())
            issue = mailing_list.add_issue(Issue(title, now(), now(), sections or assembled or [
                {"key": "text", "title": title, "default_title": "", "text": "Testinhalt.",
                 "items": []}]))
            recipients = portal["newsletter"].subscribers.recipients(list_name)
            return issue.uid, put(issue, portal, recipients, base_url, tm)
    finally:
        conn.close()


def queue_issue_to_list(db, registry, list_name=WEEKLY, title="Benchmark-Ausgabe",
                        base_url=None, sections=None):
    """Assemble a new issue of ``list_name`` and put one message per confirmed
    subscriber into the Maildir queue in one transaction (the way "send"
    worked before its jobs; the worker still delivers such files).

    ``db`` is an open ZODB database, ``registry`` the app's registry
    (``roundtable.main(...).registry``). Returns ``(issue uid, recipients)``.
    """
    def put(issue, portal, recipients, base_url, tm):
        mailer = Mailer(queue_path=registry.settings["mail.queue_path"], transaction_manager=tm)
        return queue_issue(issue, mailer, registry, base_url, portal.title, recipients,
                           transaction_manager=tm)

    return _send_new_issue(db, registry, list_name, title, base_url, sections, put)


def plan_issue_to_list(db, registry, list_name=WEEKLY, title="Testausgabe", base_url=None,
                       sections=None):
    """Assemble a new issue of ``list_name`` and plan it for every confirmed
    subscriber as the send form does (one job for the worker, written when
    the transaction commits). Returns ``(issue uid, recipients)``."""
    def put(issue, portal, recipients, base_url, tm):
        return jobs.plan(issue, registry, base_url, portal.title, recipients, tm)

    return _send_new_issue(db, registry, list_name, title, base_url, sections, put)


def deliver_queue(settings):
    """Deliver the whole queue once, as the ``roundtable-mailqueue`` worker does."""
    return process_queue(settings)
