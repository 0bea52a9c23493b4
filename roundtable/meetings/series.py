"""Meeting series: the dates of a recurrence (RFC 5545 rules through
python-dateutil's ``rrule``) and the public holidays among them (PyPI
``holidays``, for the town's state, ``roundtable.state``, default
Schleswig-Holstein).

A series only produces dates; each meeting created from it is an ordinary
``Meeting`` (remembering its ``series_id``) and stays editable on its own.
"""
import secrets
from datetime import datetime

from dateutil.relativedelta import relativedelta
from dateutil.rrule import MONTHLY, WEEKLY, rrule, weekday

from ..i18n import _

DEFAULT_STATE = "SH"
MAX_MEETINGS = 60

RULES = (
    ("weekly", _("jede Woche")),
    ("biweekly", _("alle zwei Wochen")),
    ("monthly_weekday", _("jeden Monat am gleichen Wochentag (z. B. jeden zweiten Dienstag)")),
    ("monthly_day", _("jeden Monat am gleichen Tag")),
)


def ordinal_weekday(day):
    """The ``n``-th weekday of its month that ``day`` is (the 2nd Tuesday: TU(+2));
    a fifth one becomes "the last" (TU(-1)) so every month has it."""
    n = (day.day - 1) // 7 + 1
    return weekday(day.weekday(), n if n < 5 else -1)


def series_dates(rule, first, months):
    """The dates from ``first`` for ``months`` months following ``rule``: a
    monthly rule gives one date per month (12 for 12 months), a weekly one
    every date before the same day ``months`` later."""
    until = datetime.combine(first + relativedelta(months=months, days=-1), datetime.min.time())
    start = datetime.combine(first, datetime.min.time())
    if rule == "weekly":
        found = rrule(WEEKLY, dtstart=start, until=until)
    elif rule == "biweekly":
        found = rrule(WEEKLY, interval=2, dtstart=start, until=until)
    elif rule == "monthly_weekday":
        found = rrule(MONTHLY, dtstart=start, count=months, byweekday=ordinal_weekday(first))
    elif rule == "monthly_day":
        found = rrule(MONTHLY, dtstart=start, count=months, bymonthday=first.day)
    else:
        raise ValueError(rule)
    return [d.date() for d in found]


def holiday_names(dates, state=DEFAULT_STATE):
    """``{date: name}`` of the public holidays (German names) among ``dates``."""
    if not dates:
        return {}
    import holidays   # on use: its tables of every country take about 10 MB

    calendar = holidays.country_holidays("DE", subdiv=state or DEFAULT_STATE, language="de",
                                         years=range(min(dates).year, max(dates).year + 1))
    return {d: calendar.get(d) for d in dates if d in calendar}


def new_series_id():
    return secrets.token_hex(6)
