"""English completeness: the agenda label, one date format, "Ort" as venue and as town."""
from datetime import date, datetime, timezone

from roundtable.meetings.resources import AgendaItem
from roundtable.timeutil import format_date, format_datetime
from tests.meetings.helpers import plain


def test_one_date_format_per_language():
    day = date(2026, 3, 12)
    assert format_date(day, "de") == "12.03.2026"
    assert format_date(day, "en") == "12 Mar 2026"
    moment = datetime(2026, 3, 12, 17, 30, tzinfo=timezone.utc)
    assert format_datetime(moment, "Europe/Berlin", "de") == "12.03.2026, 18:30"
    assert format_datetime(moment, "Europe/Berlin", "en") == "12 Mar 2026, 18:30"
    assert format_date(None) == ""


def test_agenda_label_outside_a_request_is_german():
    assert AgendaItem("3", "Bericht").label == "TOP 3"


def test_english_meeting_page_and_organisation_list(anonymous):
    anonymous.set_cookie("_LOCALE_", "en")
    listing = anonymous.get("/meetings")
    link = listing.html.select_one('main a[href*="/meetings/20"]')["href"]
    page = plain(anonymous.get(link))
    assert "Item 1" in page and "TOP 1" not in page
    assert "Venue" in page
    organisations = plain(anonymous.get("/organisations/"))
    assert "Town" in organisations
