"""Meeting, AgendaItem and Location.

Only public meetings are present, and of them only the public agenda items;
a non-public item is not even counted (``order`` numbers the public ones).
A cancelled meeting stays, with ``cancelled: true``, as OParl models it.
Results come from the minutes once they are published.
"""
import re

from ..minutes.resources import DECISION_RESULTS, decision_result
from .api import Entry, as_datetime, is_public, iso_datetime, latest
from .kinds import Kind
from .organizations import text

_POSTCODE_TOWN = re.compile(r"^\s*(\d{4,5})\s+(.+?)\s*$")


def split_address(address):
    """(street, postcode, town) of "Rathausplatz 1, 24937 Flensburg"."""
    parts = [p.strip() for p in (address or "").split(",") if p.strip()]
    if parts and (match := _POSTCODE_TOWN.match(parts[-1])):
        return ", ".join(parts[:-1]), match.group(1), match.group(2)
    return ", ".join(parts), "", ""


def public_minutes(meeting):
    minutes = meeting.minutes
    return minutes if minutes is not None and is_public(minutes) else None


class MeetingKind(Kind):
    name = "meeting"
    oparl = "Meeting"

    def of_body(self, api, body):
        return [Entry(self.name, (body.__name__, m.__name__), m)
                for m in body["meetings"].ordered() if is_public(m)]

    def collect(self, api):
        return [e for body in api.portal["bodies"].listing(include_retired=True)
                for e in self.of_body(api, body)]

    def resolve(self, api, key):
        if len(key) != 2:
            return None
        body = api.portal["bodies"].get(key[0])
        meeting = body["meetings"].get(key[1]) if body is not None else None
        if meeting is None or not is_public(meeting):
            return None
        return Entry(self.name, key, meeting)

    def stamps(self, api, entry):
        meeting = entry.obj
        stamps = [meeting.modified]
        minutes = public_minutes(meeting)
        if minutes is not None:
            stamps += [minutes.modified] + [h["at"] for h in minutes.history]
        return as_datetime(meeting.created), latest(*stamps)

    def render(self, api, entry):
        meeting, body = entry.obj, entry.obj.body
        files, items = api.kind("file"), api.kind("agendaItem")
        location = api.kind("location").resolve(api, ("meeting",) + entry.key)
        minutes = files.resolve(api, ("minutes",) + entry.key)
        return {
            "name": meeting.title,
            "meetingState": text(meeting.status_title()),
            "cancelled": meeting.status == "cancelled",
            "start": iso_datetime(meeting.start),
            "end": iso_datetime(meeting.end),
            "location": api.document(location) if location is not None else None,
            "organization": [api.body_org_url(body)],
            "invitation": api.document(files.resolve(api, ("invitation",) + entry.key)),
            "resultsProtocol": api.document(minutes) if minutes is not None else None,
            "agendaItem": [api.document(e) for e in items.of_meeting(api, meeting)],
            "web": api.web(meeting),
        }


RESULT_TITLES = dict(DECISION_RESULTS)


class AgendaItemKind(Kind):
    name = "agendaItem"
    oparl = "AgendaItem"

    def of_meeting(self, api, meeting):
        key = (meeting.body.__name__, meeting.__name__)
        return [Entry(self.name, key + (item.__name__,), item, order=index)
                for index, item in enumerate(meeting.agenda.ordered(public_only=True), 1)]

    def collect(self, api):
        return [e for m in api.kind("meeting").collect(api) for e in self.of_meeting(api, m.obj)]

    def resolve(self, api, key):
        if len(key) != 3:
            return None
        meeting = api.kind("meeting").resolve(api, key[:2])
        if meeting is None:
            return None
        return next((e for e in self.of_meeting(api, meeting.obj) if e.key == key), None)

    def stamps(self, api, entry):
        meeting = entry.obj.meeting
        return api.stamps(Entry("meeting", entry.key[:2], meeting))

    def render(self, api, entry):
        item, meeting = entry.obj, entry.obj.meeting
        minutes = public_minutes(meeting)
        decisions = minutes.entry(item.__name__).get("decisions", []) if minutes else []
        results = []
        for decision in decisions:
            title = text(RESULT_TITLES.get(decision_result(decision), ""))
            if title and title not in results:
                results.append(title)
        files = api.kind("file")
        return {
            "meeting": api.url("meeting", *entry.key[:2]),
            "number": item.number,
            "order": entry.extra["order"],
            "name": item.title,
            "public": True,
            "consultation": self._consultation(api, item),
            "result": ", ".join(results),
            "resolutionText": "\n\n".join(d.get("text") or "" for d in decisions
                                          if d.get("text")),
            "auxiliaryFile": [api.document(e) for e in files.of_item(api, item)],
            "web": api.web(meeting, anchor=item.__name__),
        }

    def _consultation(self, api, item):
        """The round table's consultation of the motion treated under this item."""
        for motion_id in item.motion_ids:
            entry = api.resolve("consultation", (motion_id, "adoption"))
            if entry is not None and not entry.deleted:
                return api.id_of(entry)
        return None


class LocationKind(Kind):
    """Where public meetings take place, and the addresses of member organisations."""

    name = "location"
    oparl = "Location"

    def collect(self, api):
        entries = [self.resolve(api, ("meeting",) + m.key)
                   for m in api.kind("meeting").collect(api)]
        entries += [self.resolve(api, ("institution", o.__name__))
                    for o in api.portal["organisations"].listing(include_retired=True)]
        return [e for e in entries if e is not None]

    def resolve(self, api, key):
        if len(key) == 3 and key[0] == "meeting":
            meeting = api.kind("meeting").resolve(api, key[1:])
            if meeting is None:
                return None
            m = meeting.obj
            if not (m.place_name or m.address or m.room or m.online_url):
                return None
            return Entry(self.name, key, m)
        if len(key) == 2 and key[0] == "institution":
            org = api.kind("organization").resolve(api, key)
            if org is None or not (org.obj.street or org.obj.city):
                return None
            return Entry(self.name, key, org.obj)
        return None

    def stamps(self, api, entry):
        if entry.key[0] == "meeting":
            return api.stamps(Entry("meeting", entry.key[1:], entry.obj))
        return api.stamps(Entry("organization", entry.key, entry.obj))

    def render(self, api, entry):
        obj = entry.obj
        if entry.key[0] == "institution":
            return {"description": obj.name, "streetAddress": obj.street,
                    "postalCode": obj.postcode, "locality": obj.city,
                    "organizations": [api.url("organization", *entry.key)]}
        street, postcode, town = split_address(obj.address)
        lines = [obj.place_name]
        if obj.online_url:
            lines.append(f"Online: {obj.online_url}")
        if obj.accessibility:
            lines.append(f"Barrierefreiheit: {obj.accessibility}")
        return {"description": "\n".join(line for line in lines if line),
                "streetAddress": street, "postalCode": postcode, "locality": town,
                "room": obj.room, "meetings": [api.url("meeting", *entry.key[1:])]}
