"""iCalendar content lines written directly, byte for byte as ``icalendar`` writes them.

A feed of a few hundred events spent most of its time in ``icalendar``'s
generic machinery: a parameter object per property, a time zone lookup per
date, and a fold that measures every character on its own. The events of our
feeds have a handful of known property types, so they are written here as
strings: the same escaping (RFC 5545 TEXT), the same property order (the
VEVENT's canonical order, then alphabetical) and the same folding (at 75
octets, never inside a UTF-8 character, never right after a backslash), so
the output is identical to ``icalendar``'s; ``tests/calendar/test_lines.py``
compares the two on every event of the demo data and on random text.
"""
from datetime import date, datetime, timezone

# icalendar.Event.canonical_order: these first, the rest alphabetically
CANONICAL = ("SUMMARY", "DTSTART", "DTEND", "DURATION", "DTSTAMP", "UID", "RECURRENCE-ID",
             "SEQUENCE", "RRULE", "RDATE", "EXDATE")
_RANK = {name: i for i, name in enumerate(CANONICAL)}
LIMIT = 74          # octets of content per physical line (icalendar folds at >= 75)
CRLF = b"\r\n"


def escape(text):
    """A TEXT value escaped as RFC 5545 says: backslash, ";", ",", line breaks."""
    text = str(text).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def fold(line):
    """The content line as folded bytes: chunks of at most 74 octets joined by
    CRLF and a space, a UTF-8 character never split, and a chunk never ending
    in a backslash or caret (kept with what it escapes)."""
    data = line.encode("utf-8")
    if len(data) <= LIMIT:
        return data
    chunks, start, size = [], 0, len(data)
    while size - start > LIMIT:
        end = start + LIMIT
        while 0x80 <= data[end] < 0xC0:   # inside a character: fold before it
            end -= 1
        if data[end - 1] in b"\\^" and end - start > 1:
            end -= 1
        chunks.append(data[start:end])
        start = end
    chunks.append(data[start:])
    return b"\r\n ".join(chunks)


def moment(value):
    """(parameters, value) of a date or an aware datetime, as icalendar writes
    it: UTC with "Z", a named zone with TZID, a date with VALUE=DATE."""
    if not isinstance(value, datetime):
        if isinstance(value, date):
            return ";VALUE=DATE", f"{value.year:04}{value.month:02}{value.day:02}"
        raise TypeError(value)
    text = (f"{value.year:04}{value.month:02}{value.day:02}"
            f"T{value.hour:02}{value.minute:02}{value.second:02}")
    tz = value.tzinfo
    if tz is None:
        return "", text
    if tz is timezone.utc or getattr(tz, "key", None) in ("UTC", "Etc/UTC"):
        return "", text + "Z"
    key = getattr(tz, "key", None)
    if key is None:
        raise TypeError(f"no zone name for {value!r}")
    return f";TZID={key}", text


def component(name, properties):
    """BEGIN:name, ``properties`` ({NAME: (parameters, value)}, value already
    in iCalendar form) in icalendar's order, END:name; as bytes ending in CRLF."""
    order = sorted(properties, key=lambda n: (_RANK.get(n, len(CANONICAL)), n))
    out = [f"BEGIN:{name}".encode()]
    for prop in order:
        params, value = properties[prop]
        out.append(fold(f"{prop}{params}:{value}"))
    out.append(f"END:{name}".encode())
    return CRLF.join(out) + CRLF
