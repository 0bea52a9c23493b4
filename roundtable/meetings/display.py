"""Dates and times of meetings as people read them, in the body's zone.

"Sonntag, 28. März 2027, 10:00–12:00 Uhr" in German, "Sunday, 28 March 2027,
10:00–12:00" in English: always the wall-clock time where the meeting takes
place, so a session at 10:00 stays at 10:00 across the DST change.
"""
from babel.dates import format_date

from ..timeutil import to_local

DAY = {"de": "EEEE, d. MMMM y"}
SHORT_DAY = {"de": "EEE, dd.MM.y"}
DEFAULT_DAY = "EEEE, d MMMM y"
DEFAULT_SHORT_DAY = "EEE, d MMM y"


def _locale(locale):
    return (locale or "de").split("_")[0]


def format_day(day, locale="de"):
    """A date with its weekday: "Sonntag, 28. März 2027"."""
    locale = _locale(locale)
    return format_date(day, DAY.get(locale, DEFAULT_DAY), locale=locale)


def format_short_day(day, locale="de"):
    """A compact date for lists: "So., 28.03.2027"."""
    locale = _locale(locale)
    return format_date(day, SHORT_DAY.get(locale, DEFAULT_SHORT_DAY), locale=locale)


def _clock(local, locale):
    return local.strftime("%H:%M")


def _hours(text, locale):
    return f"{text} Uhr" if _locale(locale) == "de" else text


def format_span(start, end, tzname=None, locale="de"):
    """Start and end in the zone ``tzname``: one day, or across days."""
    s, e = to_local(start, tzname), to_local(end, tzname)
    if s.date() == e.date():
        return f"{format_day(s.date(), locale)}, " + _hours(f"{_clock(s, locale)}–{_clock(e, locale)}",
                                                            locale)
    return (f"{format_day(s.date(), locale)}, {_hours(_clock(s, locale), locale)} – "
            f"{format_day(e.date(), locale)}, {_hours(_clock(e, locale), locale)}")


def format_when(meeting, locale="de"):
    """When a meeting takes place: "Sonntag, 28. März 2027, 10:00–12:00 Uhr"."""
    return format_span(meeting.start, meeting.end, meeting.tzname, locale)


def format_when_short(meeting, locale="de"):
    """For lists: "So., 28.03.2027, 10:00 Uhr"."""
    start = meeting.local_start
    return f"{format_short_day(start.date(), locale)}, {_hours(_clock(start, locale), locale)}"


def format_original(meeting, locale="de"):
    """Where a moved meeting was first planned, or ""."""
    if meeting.original_start is None:
        return ""
    return format_span(meeting.original_start, meeting.original_end, meeting.tzname, locale)


def format_month(day, locale="de"):
    """A month heading: "März 2027"."""
    locale = _locale(locale)
    return format_date(day, "LLLL y", locale=locale)


def weekday_names(locale="de"):
    """Monday to Sunday, full names, for the calendar's column headers."""
    from datetime import date

    locale = _locale(locale)
    return [format_date(date(2024, 1, 1 + i), "EEEE", locale=locale) for i in range(7)]


def format_size(size, locale="de"):
    """A file size people understand: "120 KB", "1,4 MB"."""
    from babel.numbers import format_decimal

    locale = _locale(locale)
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{format_decimal(round(size / 1024 / 1024, 1), locale=locale)} MB"


class Formatter:
    """The helpers bound to one request's language, for templates."""

    def __init__(self, request):
        self.locale = request.locale_name

    def when(self, meeting):
        return format_when(meeting, self.locale)

    def when_short(self, meeting):
        return format_when_short(meeting, self.locale)

    def original(self, meeting):
        return format_original(meeting, self.locale)

    def day(self, day):
        return format_day(day, self.locale)

    def month(self, day):
        return format_month(day, self.locale)

    def span(self, start, end, tzname=None):
        return format_span(start, end, tzname, self.locale)

    def size(self, size):
        return format_size(size, self.locale)

    def time(self, dt, tzname=None):
        return to_local(dt, tzname).strftime("%H:%M")
