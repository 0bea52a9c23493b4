"""The feeds as Thunderbird reads them: Mozilla's ical.js (npm) run with node."""
import json
import shutil
import subprocess
from pathlib import Path

from tests import judges
from tests.calendar.test_feeds import SB_FEED, SITE
from tests.meetings.helpers import berlin, opened

SCRIPT = Path(__file__).with_name("icaljs.mjs")


def ical_js(data):
    node = shutil.which("node")
    if node is None:
        raise judges.JudgeMissing(f"no node on PATH; {judges.INSTALL_HINT}")
    if not (judges.NODE_MODULES / "ical.js").is_dir():
        raise judges.JudgeMissing(f"ical.js not under {judges.NODE_MODULES}; {judges.INSTALL_HINT}")
    done = subprocess.run([node, str(SCRIPT)], input=data, capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr.decode()
    return json.loads(done.stdout)


def by_title(parsed, title):
    [event] = [e for e in parsed["events"] if e["summary"].split(" (")[0] == title]
    return event


def test_ical_js_reads_local_times_across_dst(anonymous, known):
    for path in (SITE, SB_FEED):
        parsed = ical_js(anonymous.get(path).body)
        assert parsed["timezones"] == ["Europe/Berlin"] and parsed["name"]
        assert len({e["uid"] for e in parsed["events"]}) == len(parsed["events"])
        spring, autumn = by_title(parsed, "Frühjahrssitzung"), by_title(parsed, "Herbstsitzung")
        assert spring["start"] == "2027-03-28T10:00:00" and spring["tzid"] == "Europe/Berlin"
        assert spring["utc"] == "2027-03-28T08:00:00.000Z"   # CEST, after the change
        assert autumn["start"] == "2027-10-31T10:00:00" and autumn["tzid"] == "Europe/Berlin"
        assert autumn["utc"] == "2027-10-31T09:00:00.000Z"   # CET, after the change
        assert spring["status"] == "CONFIRMED"
        assert "TOP 1 Begrüßung" in spring["description"]
        assert "Personalakte" not in json.dumps(parsed, ensure_ascii=False)
        assert not any("Geheime Klausur" in e["summary"] for e in parsed["events"])


def test_ical_js_sees_cancellation_and_sequence(anonymous, known, db):
    with opened(db, known["spring"]) as meeting:
        meeting.update(start=berlin(2027, 3, 28, 12), end=berlin(2027, 3, 28, 14))
    with opened(db, known["spring"]) as meeting:
        meeting.cancel()
    event = by_title(ical_js(anonymous.get(known["spring"] + "event.ics").body), "Frühjahrssitzung")
    assert event["status"] == "CANCELLED" and event["sequence"] == 2
    assert event["start"] == "2027-03-28T12:00:00"
