"""The worker against SMTP answers other than 250: temporary failures are
retried with backoff, permanent ones recorded with the server's answer;
the issue page shows the result. Also the coordinator's CSV import."""
import time

from aiosmtpd.controller import Controller

from roundtable.mail import process_queue
from roundtable.mail.deliverylog import DeliveryLog, log_dir
from roundtable.newsletter.demo import queue_issue_to_list
from tests.conftest import edit
from tests.mailserver import Sink, free_port
from tests.newsletter.helpers import add_subscribers, make_list


class Moody(Sink):
    """Refuses one address for good, another once for now."""

    def __init__(self):
        super().__init__()
        self.tried = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address == "gibtsnicht@example.org":
            return "550 5.1.1 No such user"
        if address == "spaeter@example.org" and address not in self.tried:
            self.tried.add(address)
            return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"


def test_temporary_failures_are_retried_and_permanent_ones_recorded(app, db, settings, admin):
    make_list(db)
    add_subscribers(db, "test-liste", ["gut@example.org", "gibtsnicht@example.org", "spaeter@example.org"])
    uid, count = queue_issue_to_list(db, app.registry, "test-liste")
    sink = Moody()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        smtp = dict(settings, **{"mail.host": "127.0.0.1", "mail.port": str(controller.port),
                                 "mail.retry_base": "0.2"})
        from roundtable.mail.worker import QueueWorker

        worker = QueueWorker(smtp)
        worker.run_once()
        log = DeliveryLog(log_dir(settings))
        counts, failures = log.summary(uid)
        assert counts["sent"] == 1 and counts["retry"] == 1 and counts["failed"] == 1
        assert failures[0]["to"] == "gibtsnicht@example.org" and failures[0]["answer"].startswith("550")
        worker.run_once()  # too early: the backoff holds the retry back
        assert log.summary(uid)[0]["retry"] == 1
        time.sleep(0.3)
        worker.run_once()
        counts, _failures = log.summary(uid)
        assert counts["sent"] == 2 and counts["failed"] == 1 and counts["retry"] == 0
        assert sorted(to for _f, rcpts, _m in sink.messages for to in rcpts) == [
            "gut@example.org", "spaeter@example.org"]
        assert process_queue(smtp)  # nothing left to send
        assert len(sink.messages) == 2
    finally:
        controller.stop()
    with edit(db) as portal:
        issue_name = next(iter(portal["newsletter"]["test-liste"].keys()))
    page = admin.get(f"/newsletter/test-liste/{issue_name}/").text
    assert "<strong>2</strong> von <span>3</span> versendet" in page
    assert "gibtsnicht@example.org" in page and "550 5.1.1 No such user" in page


CSV = ("email;name;language\n"
       "erna@example.org;Erna Ehrlich;de\n"
       "kaputt-adresse;Falsch;de\n"
       "john@example.org;John;en\n"
       "xx@example.org;Unbekannt;fr\n").encode("utf-8")


def test_coordinator_imports_a_csv_with_consent(admin, db):
    make_list(db)
    form = admin.get("/newsletter/import").forms["form"]
    form["upload"] = ("adressen.csv", CSV, "text/csv")
    for field in form.fields.values():
        if field[0].__class__.__name__ == "Radio" and "test-liste" in [o[0] for o in field[0].options]:
            field[0].value = "test-liste"
    form["consent_source"] = "Anmeldeliste Plenum März 2026"
    form["date"] = "2026-03-12"
    page = form.submit("import")
    assert page.status_int == 200
    assert "<strong>2</strong> Adressen importiert" in page.text
    assert "Zeile <span>3</span>" in page.text and "Zeile <span>5</span>" in page.text
    with edit(db) as portal:
        erna = portal["newsletter"].subscribers.find("ERNA@example.org")
        assert erna.subscribed_to("test-liste") and erna.consent_source == "Anmeldeliste Plenum März 2026"
        assert str(erna.consent_date) == "2026-03-12" and erna.source == "import"
        assert portal["newsletter"].subscribers.find("john@example.org").language == "en"
    assert "erna@example.org" in admin.get("/newsletter/subscribers").text


def test_unreachable_server_stops_the_run_and_loses_nothing(app, db, settings):
    import os

    from roundtable.mail.worker import QueueWorker

    make_list(db)
    add_subscribers(db, "test-liste", ["eins@example.org", "zwei@example.org", "drei@example.org"])
    uid, _count = queue_issue_to_list(db, app.registry, "test-liste")
    nowhere = dict(settings, **{"mail.host": "127.0.0.1", "mail.port": str(free_port())})
    QueueWorker(nowhere).run_once()
    counts, failures = DeliveryLog(log_dir(settings)).summary(uid)
    assert counts["retry"] == 1 and counts["queued"] == 2 and not failures
    assert len(os.listdir(os.path.join(settings["mail.queue_path"], "new"))) == 3
