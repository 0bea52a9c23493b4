"""Time: stored as aware UTC, entered and shown in the body's local zone.

Converting at the edges only means a meeting at 10:00 Berlin stays at 10:00
across the DST change, while every comparison inside runs on UTC.
"""
import functools
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

DEFAULT_TZ = "Europe/Berlin"


def now():
    return datetime.now(timezone.utc)


def zone(name=None):
    return ZoneInfo(name or DEFAULT_TZ)


def to_utc(local_naive, tzname=None):
    """A wall-clock time in the zone ``tzname`` as an aware UTC datetime."""
    if local_naive.tzinfo is None:
        local_naive = local_naive.replace(tzinfo=zone(tzname))
    return local_naive.astimezone(timezone.utc)


def to_local(dt, tzname=None):
    return dt.astimezone(zone(tzname)) if dt is not None else None


def format_local(dt, tzname=None, fmt="%d.%m.%Y, %H:%M"):
    return to_local(dt, tzname).strftime(fmt) if dt is not None else ""


# One way to write dates per language, used by every page: "12.03.2026" in
# German, "12 Mar 2026" in English (day first, month as a word, so neither a
# British nor an American reader misreads it).
BABEL_LOCALES = {"de": "de_DE", "en": "en_GB"}


def babel_locale(locale):
    code = (str(locale or "de")).split("_")[0]
    return BABEL_LOCALES.get(code, code)


def format_date(value, locale="de"):
    """A date (or the local date of an aware datetime) in the reader's language."""
    if value is None:
        return ""
    if isinstance(value, datetime) and value.tzinfo is not None:
        value = to_local(value).date()   # babel would take the UTC date
    elif isinstance(value, datetime):
        value = value.date()
    return _babel_date(value, babel_locale(locale))


@functools.lru_cache(maxsize=8192)
def _babel_date(day, locale):
    """babel's medium date, kept per day and language: a list of twenty
    results formatted each date anew (about 30 µs each, parsing the locale)."""
    from babel.dates import format_date as babel_format_date

    return babel_format_date(day, format="medium", locale=locale)


def format_datetime(dt, tzname=None, locale="de"):
    """Date and wall-clock time in the zone ``tzname``: "12.03.2026, 18:30"."""
    if dt is None:
        return ""
    local = to_local(dt, tzname)
    return f"{format_date(local.date(), locale)}, {local.strftime('%H:%M')}"
