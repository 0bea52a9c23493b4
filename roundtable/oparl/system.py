"""System, Body and LegislativeTerm: the entry point and the round table itself.

The round table is one OParl Body. It has no elected terms; its years of
sessions ("Sitzungsjahr 2026") serve as the legislative terms, so a consumer
can group meetings and papers by year as it does a council's terms.
"""
from datetime import date, datetime, timezone

from ..timeutil import now
from .api import BODY_KEY, Entry, earliest, iso_date, latest
from .kinds import Kind

OPARL_VERSION = "https://schema.oparl.org/1.1/"

# the lists of the body, in the order of the OParl specification
BODY_LISTS = (
    ("organization", "organization"), ("person", "person"), ("meeting", "meeting"),
    ("paper", "paper"), ("agendaItem", "agendaItem"), ("consultation", "consultation"),
    ("file", "file"), ("locationList", "location"), ("legislativeTermList", "legislativeTerm"),
    ("membership", "membership"),
)


def body_stamps(api):
    bodies = list(api.portal["bodies"].values())
    return (earliest(*(b.created for b in bodies)) or now(),
            latest(*(b.modified for b in bodies)) or now())


class SystemKind(Kind):
    name = "system"
    oparl = "System"
    listed = False

    def id(self, api, entry):
        return api.system_url

    def resolve(self, api, key):
        return Entry(self.name, (), api.portal) if key == () else None

    def stamps(self, api, entry):
        return body_stamps(api)

    def render(self, api, entry):
        portal = api.portal
        return {
            "oparlVersion": OPARL_VERSION,
            "body": api.url("body"),
            "name": portal.title,
            "contactEmail": portal.contact_email,
            "website": api.request.application_url + "/",
            "product": api.request.route_url("oparl_developers"),
            "web": api.request.route_url("oparl_developers"),
        }


class BodyKind(Kind):
    name = "body"
    oparl = "Body"
    listed = False  # listed by the system, not by itself

    def collect(self, api):
        return [Entry(self.name, (BODY_KEY,), api.portal)]

    def resolve(self, api, key):
        return self.collect(api)[0] if key == (BODY_KEY,) else None

    def stamps(self, api, entry):
        return body_stamps(api)

    def render(self, api, entry):
        portal = api.portal
        plenary = api.plenary()
        name = portal.title + (f" {portal.town}" if portal.town else "")
        data = {
            "system": api.system_url,
            "name": name,
            "shortName": (plenary.short_name if plenary is not None else "") or portal.title,
            "website": api.request.application_url + "/",
            "contactEmail": portal.contact_email,
            "classification": "Runder Tisch",
            "legislativeTerm": [api.document(e) for e in api.kind("legislativeTerm").collect(api)],
            "web": api.request.application_url + "/",
        }
        for prop, kind in BODY_LISTS:
            data[prop] = api.list_url(kind)
        return data


def session_years(api):
    """The years with sessions of any body, through this year (at least this one)."""
    years = {now().year}
    for body in api.portal["bodies"].values():
        for meeting in body["meetings"].values():
            years.add(meeting.start.year)
    return sorted(range(min(years), max(years) + 1))


class LegislativeTermKind(Kind):
    name = "legislativeTerm"
    oparl = "LegislativeTerm"

    def collect(self, api):
        return [Entry(self.name, (str(year),), year) for year in session_years(api)]

    def resolve(self, api, key):
        if len(key) != 1 or not key[0].isdigit():
            return None
        year = int(key[0])
        return Entry(self.name, key, year) if year in session_years(api) else None

    def stamps(self, api, entry):
        # a year "exists" from its first day (or from the round table's first
        # record); a coming year from when its first session was planned
        year = entry.obj
        planned = [m.created for body in api.portal["bodies"].values()
                   for m in body["meetings"].values() if m.start.year == year]
        start = earliest(datetime(year, 1, 1, tzinfo=timezone.utc), *planned)
        created = latest(start, body_stamps(api)[0])
        return created, created

    def render(self, api, entry):
        year = entry.obj
        return {
            "body": api.body_url,
            "name": f"Sitzungsjahr {year}",
            "startDate": iso_date(date(year, 1, 1)),
            "endDate": iso_date(date(year, 12, 31)),
        }
