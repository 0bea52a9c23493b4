"""'Send' returns at once; the worker delivers the issue from its job; the
progress is JSON for the page's script; failed recipients are listed with the
server's answer and can be retried (the worker's crash safety on this path:
test_job_delivery.py)."""
import os

from aiosmtpd.controller import Controller

from roundtable.mail.worker import QueueWorker
from tests.mailserver import Sink, free_port
from tests.newsletter.helpers import add_subscribers, csrf, make_list
from tests.newsletter.test_issues import _portal_news, create_issue, send_now, sent_issue


class RefusesOnce(Sink):
    """Refuses one address for good until ``fixed``."""

    fixed = False

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address == "kaputt@example.org" and not self.fixed:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"


def test_send_returns_at_once_and_progress_follows_the_worker(admin, db, settings):
    make_list(db)
    _portal_news(db)
    add_subscribers(db, "test-liste", ["gut@example.org", "kaputt@example.org", "drei@example.org"])
    issue = create_issue(admin)
    assert admin.get(issue + "progress.json").json["total"] == 0   # a draft: nothing yet
    assert send_now(admin, issue).status_int == 303
    queue_new = os.path.join(settings["mail.queue_path"], "new")
    assert not os.listdir(queue_new)   # nothing rendered per recipient in the request
    status = admin.get(issue + "progress.json").json
    assert status["total"] == 3 and status["waiting"] == 3 and status["delivered"] == 0
    assert status["done"] is False and status["time_left"]
    page = admin.get(issue)
    assert page.html.find("progress")["max"] == "3"
    assert page.html.find("script", src=lambda s: s and s.endswith("/static/js/newsletter-progress.js"))
    assert "Stand neu laden" in page.text   # the plain reload without script

    sink = RefusesOnce()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        smtp = dict(settings, **{"mail.host": "127.0.0.1", "mail.port": str(controller.port)})
        QueueWorker(smtp).run_once()
        status = admin.get(issue + "progress.json").json
        assert (status["delivered"], status["failed"], status["waiting"]) == (2, 1, 0)
        assert status["done"] is True
        assert status["failures"] == [{"to": "kaputt@example.org",
                                       "answer": "550 5.1.1 Mailbox unavailable"}]
        page = admin.get(issue)
        assert "550 5.1.1 Mailbox unavailable" in page.text
        assert not page.html.find("script", src=lambda s: s and "newsletter-progress" in s)
        # the mailbox works again: retry the failed one, and only that one
        sink.fixed = True
        response = admin.post(issue + "retry", {"csrf_token": csrf(page)})
        assert "noch einmal an 1 Empfänger" in response.follow().text
        QueueWorker(smtp).run_once()
        status = admin.get(issue + "progress.json").json
        assert (status["delivered"], status["failed"], status["waiting"]) == (3, 0, 0)
        received = sorted(to for _f, rcpts, _m in sink.messages for to in rcpts)
        assert received == ["drei@example.org", "gut@example.org", "kaputt@example.org"]
    finally:
        controller.stop()


def test_progress_is_the_coordinators_only(admin, anonymous, member, db):
    issue, _uid = sent_issue(admin, db, ["x@example.org"])
    for client in (anonymous, member):
        assert client.get(issue + "progress.json", expect_errors=True).status_int in (302, 303, 403, 404)
        assert client.post(issue + "retry", expect_errors=True).status_int in (302, 303, 400, 403, 404)

