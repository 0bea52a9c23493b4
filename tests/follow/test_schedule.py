"""The follow digests go out from the application itself (the default
FileStorage cannot be opened by a second process while pserve holds it):
a periodic job (``roundtable.schedule``) queues them, the queue worker
delivers them to the real SMTP server."""
import time

import pytest

from tests.conftest import deliver, make_settings
from tests.follow.test_round_trip import invite, mails_to, planned, subscribe  # noqa: F401

FOLLOWER = "anwohnerin@example.org"


@pytest.fixture
def settings(tmp_path):
    return make_settings(tmp_path, **{
        "roundtable.periodic_jobs": "true",
        "roundtable.jobs_first_after": "0",
        "follow.digest_every_minutes": "0.005",   # every 0.3 s
        "privacy.retention_every_hours": "0",
        "meetings.reminders_every_minutes": "0",
    })


def test_the_application_sends_due_digests_on_its_schedule(app, anonymous, board, settings,
                                                            smtp_server, planned):  # noqa: F811
    assert list(app.registry.roundtable_jobs) == ["follow-digests"]
    subscribe(anonymous, settings, smtp_server, {"what": "body:ag-wohnen"}, FOLLOWER)
    invite(board, planned[0])
    deadline = time.monotonic() + 120
    digests = []
    while not digests and time.monotonic() < deadline:
        deliver(settings, smtp_server)
        digests = [m for m in mails_to(smtp_server, FOLLOWER) if m["X-Roundtable-Follow"]]
        if not digests:
            app.registry.roundtable_jobs_stop.wait(0.2)
    [digest] = digests
    assert "Einladung zur Sitzung „Sitzung der AG Wohnen“" in digest.get_body(
        ("plain",)).get_content()
