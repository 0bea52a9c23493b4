"""The minutes Atom feed dates an entry by the minutes' publication, not by the meeting."""
from datetime import datetime, timedelta, timezone

from roundtable.catalog import reindex
from roundtable.minutes.resources import Minutes
from roundtable.minutes.workflow import minutes_workflow
from roundtable.timeutil import now
from tests.conftest import edit
from tests.meetings.helpers import add_meeting, next_sunday
from tests.search.test_feeds import parsed


def _utc(struct):
    return datetime(*struct[:6], tzinfo=timezone.utc)


def test_late_minutes_of_an_old_meeting_are_new_in_the_feed(anonymous, db):
    with edit(db) as portal:
        for days_ago, title in ((60, "Alte Sitzung, spät protokolliert"), (7, "Neuere Sitzung")):
            meeting = add_meeting(portal, "ag-wohnen", next_sunday(-days_ago), title=title)
            minutes = meeting.add(Minutes(), "minutes")
            minutes.general = "Beschluss"
            minutes.approved_at_meeting = "/elsewhere"
            for step in ("submit", "approve", "publish"):
                minutes_workflow.transition(minutes, step, userid="aylin-demir")
        # the newer meeting's minutes went out five days ago
        portal["bodies"]["ag-wohnen"]["meetings"][meeting.__name__]["minutes"].history[-1]["at"] = (
            now() - timedelta(days=5))
        reindex(portal)
    feed = parsed(anonymous.get("/minutes.atom"))
    entries = {e.title: e for e in feed.entries}
    old, newer = entries["Alte Sitzung, spät protokolliert"], entries["Neuere Sitzung"]
    assert feed.entries[0].title == "Alte Sitzung, spät protokolliert"
    assert abs((now() - _utc(old.updated_parsed)).total_seconds()) < 3600
    assert abs((now() - timedelta(days=5) - _utc(newer.updated_parsed)).total_seconds()) < 3600
