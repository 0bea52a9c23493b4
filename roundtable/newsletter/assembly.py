"""Assembling an issue's draft from the portal: a list of section providers.

Each provider is a function ``provider(portal, period, links)`` returning a
section dict (see ``resources.Issue``) or None when it has nothing to say.
``period`` holds ``since`` (what is new since then: the list's last issue)
and ``until`` (how far ahead upcoming things are announced). ``links.url``
makes their URLs. Another feature adds its own provider with
``register_provider`` (e.g. motions whose status changed) without touching
this module.
"""
from datetime import datetime, time, timedelta
from types import SimpleNamespace

from pyramid.traversal import resource_path

from ..i18n import _
from ..timeutil import DEFAULT_TZ, format_local, now, to_utc

# How far back news reach when a list has no issue yet (how far ahead meetings
# are announced is the list's own ``horizon_days``).
WINDOW = {"weekly": timedelta(days=14), "quarterly": timedelta(days=92),
          "adhoc": timedelta(days=31)}
MAX_HIGHLIGHTS = 4

PROVIDERS = []


def register_provider(provider):
    """Append a section provider (also usable as a decorator)."""
    if provider not in PROVIDERS:
        PROVIDERS.append(provider)
    return provider


class Links:
    """URLs of objects: site paths by default (made absolute when rendered,
    see ``rendering.absolute``), or absolute under ``base_url``."""

    def __init__(self, base_url=""):
        self.base_url = base_url.rstrip("/")

    def url(self, obj, *elements):
        path = resource_path(obj).rstrip("/") + "/"
        return self.base_url + path + "/".join(elements)


def period_for(mailing_list, at=None):
    """``since``: when the list's previous issue went out (what is new is newer);
    ``until``: the end of the list's horizon for upcoming sessions."""
    at = at or now()
    window = WINDOW.get(mailing_list.cadence, WINDOW["adhoc"])
    last = mailing_list.last_sent()
    since = last.send_at if last is not None else at - window
    return SimpleNamespace(since=since, until=at + timedelta(days=mailing_list.horizon_days), at=at)


def section(key, title, items, text=""):
    """A section whose title is a msgid kept as ``default_title`` so the mail
    shows it translated as long as the coordinator leaves it unchanged."""
    return {"key": key, "title": str(title), "default_title": str(title), "text": text,
            "items": items}


def assemble(portal, mailing_list, links, at=None):
    """The sections of a new draft, in provider order; empty ones are left out."""
    period = period_for(mailing_list, at)
    sections = []
    for provider in PROVIDERS:
        result = provider(portal, period, links)
        if result:
            sections.append(result)
    return period, sections


def _meetings(portal):
    for body in portal["bodies"].values():
        meetings = body.get("meetings")
        if meetings is not None:
            yield from meetings.values()


@register_provider
def upcoming_meetings(portal, period, links):
    """Public meetings from now until the end of the window, with agenda highlights."""
    found = sorted((m for m in _meetings(portal)
                    if m.public and m.status != "cancelled" and period.at <= m.start <= period.until),
                   key=lambda m: m.start)
    items = []
    for meeting in found:
        highlights = [f"{i.number} {i.title}" for i in meeting.agenda.ordered(public_only=True)
                      if not _routine(i.title)][:MAX_HIGHLIGHTS]
        place = ", ".join(p for p in (meeting.place_name, meeting.address) if p)
        text = "\n".join(filter(None, [place] + ["· " + h for h in highlights]))
        items.append({"title": meeting.title, "url": links.url(meeting), "text": text,
                      "date": format_local(meeting.start, meeting.tzname),
                      "links": [("event.ics", links.url(meeting, "event.ics"))]})
    return section("meetings", _("Kommende Sitzungen"), items) if items else None


ROUTINE = ("begrüßung", "eröffnung", "tagesordnung", "verschiedenes", "genehmigung des protokolls")


def _routine(title):
    """Opening and closing formalities are no highlight."""
    low = (title or "").casefold()
    return any(low.startswith(word) for word in ROUTINE)


def _published_at(minutes):
    for entry in reversed(list(getattr(minutes, "history", ()) or ())):
        if entry.get("to") == "published":
            return entry.get("at")
    return None


@register_provider
def published_minutes(portal, period, links):
    """Minutes of public meetings published since the list's last issue."""
    found = []
    for meeting in _meetings(portal):
        minutes = meeting.minutes
        if minutes is None or minutes.state != "published" or not meeting.public:
            continue
        at = _published_at(minutes)
        if at is not None and period.since <= at <= period.at:
            found.append((meeting.start, meeting, minutes))
    items = [{"title": meeting.title, "url": links.url(minutes), "text": "",
              "date": format_local(meeting.start, meeting.tzname, "%d.%m.%Y"), "links": []}
             for _start, meeting, minutes in sorted(found, key=lambda f: f[0])]
    return section("minutes", _("Neu veröffentlichte Protokolle"), items) if items else None


def joined(organisation, tzname=DEFAULT_TZ):
    """When an organisation became a member: its ``member_since`` day (start of
    that day, local time) if known, else when it was entered in the portal. An
    organisation that joined in 2015 and was typed in today is not news."""
    if organisation.member_since:
        return to_utc(datetime.combine(organisation.member_since, time()), tzname)
    return organisation.created


@register_provider
def new_organisations(portal, period, links):
    """Member organisations that joined since the list's last issue."""
    found = sorted((o for o in portal["organisations"].values()
                    if o.active and period.since <= joined(o) <= period.at),
                   key=joined)
    items = [{"title": o.name, "url": links.url(o), "text": o.kind_title and str(o.kind_title),
              "date": "", "links": []} for o in found]
    return section("organisations", _("Neue Mitgliedsorganisationen"), items) if items else None
