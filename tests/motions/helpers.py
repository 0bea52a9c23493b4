"""Shared set-up for the motions tests: a round-table session with a motion TOP
in the past (to adopt at) and one ahead, and motions taken to a given state."""
from datetime import datetime, timedelta

from pyramid.traversal import resource_path

from roundtable.meetings.resources import AgendaItem, Meeting
from roundtable.motions.resources import Motion
from roundtable.timeutil import now, to_utc
from tests.conftest import edit

REGISTER = "/motions/"
BOARD_PERSON = "aylin-demir"


def plenary_meeting(portal, start, title="Sitzung des Runden Tisches (Test)"):
    meeting = Meeting(title, start, start + timedelta(hours=2), place_name="Rathaus")
    portal["bodies"]["runder-tisch"]["meetings"].add_meeting(meeting)
    meeting.agenda.add_item(AgendaItem("1", "Begrüßung"))
    meeting.agenda.add_item(AgendaItem("2", "Antrag des Vorstands"))
    return meeting


def local_noon(day, hour=17):
    return to_utc(datetime.combine(day, datetime.min.time()).replace(hour=hour))


def make_motion(portal, title="Testantrag Sprachmittlung", state="draft", day=None,
                reference=None):
    """A motion taken to ``state`` (up to "in_consultation") through its own steps."""
    day = day or (now() - timedelta(days=20)).date()
    committees = portal["committees"]
    committee = next(iter(committees.values()))
    motion = portal["motions"].add_motion(Motion(
        title, "Die Verwaltung wird beauftragt.", "Weil es nötig ist.",
        author_ids=[BOARD_PERSON], committee_ids=[committee.__name__], by="test"))
    if state == "draft":
        return motion
    meeting = plenary_meeting(portal, local_noon(day), title=f"Sitzung {title}")
    motion.schedule(meeting.agenda.ordered()[1], "test")
    if state == "on_agenda":
        return motion
    motion.adopt("test", {"text": "Beschlossen.", "yes": 10, "no": 1, "abstain": 0},
                 reference=reference)
    if state == "adopted":
        return motion
    motion.submit("test", day + timedelta(days=2))
    if state == "submitted":
        return motion
    motion.add_consultation("test", committee.__name__, local_noon(day + timedelta(days=10)),
                            "decision", "DS 2026/123", "https://ratsinfo.example.org/ds/123")
    return motion


def path(obj):
    return resource_path(obj) + "/"


def create(db, **kw):
    with edit(db) as portal:
        return path(make_motion(portal, **kw))


