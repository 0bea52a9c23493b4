"""Time: stored as aware UTC, entered and shown in the body's local zone.

Converting at the edges only means a meeting at 10:00 Berlin stays at 10:00
across the DST change, while every comparison inside runs on UTC.
"""
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
