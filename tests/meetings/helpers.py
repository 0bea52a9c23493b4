"""Shared set-up for the meetings tests: known meetings beside the demo's.

The demo builds its sessions relative to today, so tests that need a fixed
date (DST) or a known agenda create their own meetings here, on Sundays the
demo never uses.

Who is who (see tests/conftest.py): ``chair`` (Agnieszka Nowak) chairs AG
Sprache und Bildung; ``board`` (Aylin Demir) chairs the Vorstand and AG
Wohnen; ``member`` (Kwame Mensah) is a member of AG Wohnen, the steering
group and the plenary, but not of AG Sprache und Bildung or the Vorstand.
"""
import contextlib
from datetime import datetime, timedelta

from roundtable.meetings.resources import AgendaItem, Document, Meeting
from roundtable.timeutil import now, to_local, to_utc
from tests.conftest import edit

SB = "/bodies/ag-sprache-und-bildung/"
WOHNEN = "/bodies/ag-wohnen/"
VORSTAND = "/bodies/vorstand/"
ROLES = ("anonymous", "member", "chair", "board", "admin")
LOGIN = 404  # anonymous: hidden looks like missing
PDF = b"%PDF-1.4\n% Roundtable test document\n%%EOF\n"
SECRET_PDF = b"%PDF-1.4\n% Nur fuer Mitglieder: Personalakte\n%%EOF\n"


def berlin(*args):
    return to_utc(datetime(*args), "Europe/Berlin")


def next_sunday(days_ahead, hour=16):
    """A Sunday at least ``days_ahead`` days from now, at ``hour`` Berlin time."""
    day = to_local(now() + timedelta(days=days_ahead)).date()
    day += timedelta(days=(6 - day.weekday()) % 7)
    return berlin(day.year, day.month, day.day, hour)


def add_meeting(portal, body, start, hours=2, title="Testsitzung", public=True, items=(), **kw):
    meeting = Meeting(title, start, start + timedelta(hours=hours), place_name="Rathaus",
                      address="Rathausplatz 1, 24937 Flensburg", room="Raum 1",
                      accessibility="Stufenloser Zugang über den Hof", public=public, **kw)
    portal["bodies"][body]["meetings"].add_meeting(meeting)
    for number, item_title, item_public in items:
        meeting.agenda.add_item(AgendaItem(number, item_title, public=item_public))
    return meeting


def url(meeting):
    return f"/bodies/{meeting.body.__name__}/meetings/{meeting.__name__}/"


def create_meetings(db):
    """Known meetings; returns their URLs by key."""
    with edit(db) as portal:
        sb = add_meeting(portal, "ag-sprache-und-bildung", next_sunday(45, 10), title="Planungssitzung",
                         items=[("1", "Begrüßung", True), ("2", "Personalangelegenheiten", False),
                                ("3", "Bericht Sprachcafé", True)])
        sb.agenda.ordered()[1].add_document(Document("vertraulich.pdf", "application/pdf", SECRET_PDF))
        sb.agenda.ordered()[2].add_document(Document("bericht.pdf", "application/pdf", PDF))
        wohnen = add_meeting(portal, "ag-wohnen", next_sunday(10), title="Wohnungsmarkt aktuell",
                             items=[("1", "Begrüßung", True), ("2", "Mietschulden: Einzelfälle", False),
                                    ("3", "Verschiedenes", True)])
        vorstand = add_meeting(portal, "vorstand", next_sunday(17), title="Vorstandsklausur", public=False,
                               items=[("1", "Haushalt", True)])
        past = add_meeting(portal, "ag-wohnen", next_sunday(-30), title="Vergangene Sitzung",
                           items=[("1", "Rückblick", True)])
        urls = {"sb": url(sb), "wohnen": url(wohnen), "vorstand": url(vorstand), "past": url(past),
                "sb_day": to_local(sb.start).date()}
    return urls


MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
          "Oktober", "November", "Dezember")


def german_sunday(day):
    """How a Sunday reads on the pages, spelled out by hand: "Sonntag, 28. März 2027"."""
    assert day.weekday() == 6
    return f"Sonntag, {day.day}. {MONTHS[day.month - 1]} {day.year}"


def csrf_token(client):
    """The session's token as a browser has it: from a form on a page."""
    for path in ("/meetings", "/login"):
        field = client.get(path).html.find("input", {"name": "csrf_token"})
        if field is not None:
            return field["value"]
    raise AssertionError("no form with a CSRF token")


def status(client, path, method="GET", **params):
    if method == "GET":
        return client.get(path, expect_errors=True).status_int
    params.setdefault("csrf_token", csrf_token(client))
    return client.post(path, params, expect_errors=True).status_int


def cancel(client, meeting_path, reason="Der Raum ist nicht verfügbar.", **kw):
    """Cancel through the confirmation form's POST (a reason is required)."""
    return client.post(meeting_path + "cancel", {"csrf_token": csrf_token(client), "reason": reason,
                                                 "save": "save"}, **kw)


def begun(db, path, minutes_ago=30):
    """Let the meeting at ``path`` have begun (attendance is recorded from then on)."""
    with opened(db, path) as meeting:
        length = meeting.end - meeting.start
        meeting.start = now() - timedelta(minutes=minutes_ago)
        meeting.end = meeting.start + length


@contextlib.contextmanager
def opened(db, path):
    """The object at a URL path, in its own transaction (committed on leaving)."""
    with edit(db) as portal:
        obj = portal
        for part in path.strip("/").split("/"):
            obj = obj[part]
        yield obj


def plain(response):
    """The page's text as a reader sees it: tags gone, whitespace collapsed."""
    return " ".join(response.html.get_text().split())
