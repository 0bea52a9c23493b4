"""/minutes/ (every published minutes, by body and year) and a meeting page's links.

The demo (roundtable.demo, roundtable.meetings.demo) has minutes for every
session held, published once the body's next session approved them; the
board's sessions are not public.
"""
import re

import pytest

from roundtable.minutes.workflow import PUBLISHED
from roundtable.timeutil import now
from tests.conftest import edit

MINUTES_LINK = re.compile(r'href="http://localhost(/bodies/[^"]+/minutes/)"')


def published(db, body=None, public=None):
    with edit(db) as portal:
        return {m.minutes and f"/bodies/{b.__name__}/meetings/{m.__name__}/minutes/"
                for b in portal["bodies"].values() if body in (None, b.__name__)
                for m in b["meetings"].values()
                if m.minutes is not None and m.minutes.state == PUBLISHED
                and public in (None, m.public)}


def test_the_public_finds_every_published_minutes_of_public_sessions(anonymous, db):
    page = anonymous.get("/minutes/")
    listed = MINUTES_LINK.findall(page.text)
    assert set(listed) == published(db, public=True) and len(listed) > 20
    assert not any("/vorstand/" in p for p in listed)
    dates = re.findall(r'<time datetime="(\d{4}-\d\d-\d\d)"', page.text)
    assert dates == sorted(dates, reverse=True)          # newest session first
    assert '<a href="http://localhost/minutes/" aria-current="page">Protokolle</a>' in page.text


def test_filter_by_body_and_year(anonymous, db):
    page = anonymous.get("/minutes/", {"body": "runder-tisch"})
    assert set(MINUTES_LINK.findall(page.text)) == published(db, "runder-tisch", public=True)
    year = re.search(r'<time datetime="(\d{4})', page.text).group(1)
    page = anonymous.get("/minutes/", {"body": "runder-tisch", "year": year})
    listed = MINUTES_LINK.findall(page.text)
    assert listed and all(f"/meetings/{year}-" in p for p in listed)
    empty = anonymous.get("/minutes/", {"year": "1999"})
    assert "keine veröffentlichten Protokolle" in empty.text


@pytest.mark.parametrize("query, message", [({"year": "20x6"}, "kein gültiges Jahr"),
                                            ({"body": "<script>"}, "gibt es nicht")])
def test_bad_filters_are_a_clean_400(anonymous, query, message):
    response = anonymous.get("/minutes/", query, expect_errors=True)
    assert response.status_int == 400 and message in response.text
    assert "<script>" not in response.text


def test_the_board_also_finds_its_own_minutes(board, db):
    listed = set(MINUTES_LINK.findall(board.get("/minutes/", {"body": "vorstand"}).text))
    assert listed and listed == published(db, "vorstand")


def test_a_past_meeting_links_its_minutes_and_each_item_its_section(anonymous, db):
    with edit(db) as portal:
        meeting = next(m for m in sorted(portal["bodies"]["runder-tisch"]["meetings"].values(),
                                         key=lambda m: m.start)
                       if m.minutes is not None and m.minutes.state == PUBLISHED)
        path = f"/bodies/runder-tisch/meetings/{meeting.__name__}/"
        items = [i.__name__ for i in meeting.agenda.ordered(public_only=True)]
        hidden = [i.__name__ for i in meeting.agenda.ordered() if not i.public]
    page = anonymous.get(path)
    minutes_url = f"http://localhost{path}minutes/"
    assert f'href="{minutes_url}"' in page.text
    for name in items:
        assert f'href="{minutes_url}#{name}"' in page.text
    for name in hidden:
        assert f"#{name}" not in page.text
    minutes = anonymous.get(path + "minutes/")
    assert all(f'id="{name}"' in minutes.text for name in items)   # the anchors exist


def test_an_upcoming_meeting_offers_the_calendar_three_ways(anonymous, db):
    with edit(db) as portal:
        meeting = min((m for m in portal["bodies"]["runder-tisch"]["meetings"].values()
                       if m.start > now() and m.status != "cancelled"), key=lambda m: m.start)
        path = f"/bodies/runder-tisch/meetings/{meeting.__name__}/"
        start = meeting.start.strftime("%Y%m%dT%H%M%SZ")
    page = anonymous.get(path)
    calendar = re.search(r'<section aria-labelledby="h-calendar".*?</section>', page.text, re.S).group(0)
    assert f'href="http://localhost{path}event.ics"' in calendar
    assert "https://calendar.google.com/calendar/render?action=TEMPLATE" in calendar
    assert f"dates={start}%2F" in calendar
    assert "https://outlook.live.com/calendar/0/deeplink/compose?" in calendar
    assert anonymous.get(path + "event.ics").content_type == "text/calendar"
