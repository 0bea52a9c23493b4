"""File: the documents of public agenda items, a meeting's invitation (its
printable agenda), the published minutes as PDF and the attachments of
public motions. ``accessUrl`` and ``downloadUrl`` are the site's own URLs of
the file, so they work for anyone the file is published to: everyone.
"""
from ..minutes.views import pdf_filename
from .api import Entry, as_datetime, is_public, iso_date, latest
from .kinds import Kind
from .sessions import public_minutes


class FileKind(Kind):
    name = "file"
    oparl = "File"

    # -- which files ---------------------------------------------------------
    def of_meeting(self, api, meeting_entry):
        key = meeting_entry.key
        entries = [self.resolve(api, ("invitation",) + key), self.resolve(api, ("minutes",) + key)]
        return [e for e in entries if e is not None]

    def of_item(self, api, item):
        meeting = item.meeting
        key = (meeting.body.__name__, meeting.__name__, item.__name__)
        return [Entry(self.name, ("document",) + key + (doc.__name__,), doc)
                for doc in item.documents() if is_public(doc)]

    def of_motion(self, api, motion, deleted=False):
        return [Entry(self.name, ("attachment", motion.__name__, a.__name__), a, deleted=deleted)
                for a in motion.attachments()]

    def collect(self, api):
        entries = []
        for meeting in api.kind("meeting").collect(api):
            entries += self.of_meeting(api, meeting)
            for item in api.kind("agendaItem").of_meeting(api, meeting.obj):
                entries += self.of_item(api, item.obj)
        for paper in api.kind("paper").collect(api):
            entries += self.of_motion(api, paper.obj, deleted=paper.deleted)
        return entries

    def resolve(self, api, key):
        kind, rest = (key[0], key[1:]) if key else ("", ())
        if kind in ("invitation", "minutes") and len(rest) == 2:
            meeting = api.kind("meeting").resolve(api, rest)
            if meeting is None:
                return None
            if kind == "invitation":
                return Entry(self.name, key, meeting.obj)
            minutes = public_minutes(meeting.obj)
            return Entry(self.name, key, minutes) if minutes is not None else None
        if kind == "document" and len(rest) == 4:
            item = api.kind("agendaItem").resolve(api, rest[:3])
            doc = item.obj.get(rest[3]) if item is not None else None
            return Entry(self.name, key, doc) if doc is not None and is_public(doc) else None
        if kind == "attachment" and len(rest) == 2:
            paper = api.kind("paper").resolve(api, rest[:1])
            if paper is None:
                return None
            return next((e for e in self.of_motion(api, paper.obj, paper.deleted)
                         if e.key == key), None)
        return None

    def stamps(self, api, entry):
        kind, obj = entry.key[0], entry.obj
        if kind == "invitation":
            return api.stamps(Entry("meeting", entry.key[1:], obj))
        if kind == "minutes":
            created = obj.history[0]["at"] if obj.history else obj.modified
            return as_datetime(created), latest(obj.modified, *(h["at"] for h in obj.history))
        if kind == "attachment" and entry.deleted:
            return as_datetime(obj.created), as_datetime(obj.__parent__.modified)
        return as_datetime(obj.created), as_datetime(obj.created)

    # -- the object ------------------------------------------------------------
    def render(self, api, entry):
        kind, obj = entry.key[0], entry.obj
        if kind == "invitation":
            url = api.web(obj, "print")
            return {"name": f"Einladung und Tagesordnung: {obj.title}",
                    "fileName": f"Einladung-{obj.__name__}.html",
                    "mimeType": "text/html", "accessUrl": url,
                    "meeting": [api.url("meeting", *entry.key[1:])], "web": api.web(obj)}
        if kind == "minutes":
            meeting = obj.meeting
            url = api.web(obj, "minutes.pdf")
            return {"name": f"Protokoll: {meeting.title}", "fileName": pdf_filename(obj),
                    "mimeType": "application/pdf", "accessUrl": url, "downloadUrl": url,
                    "date": iso_date(obj.approved_on or meeting.start),
                    "meeting": [api.url("meeting", *entry.key[1:])], "web": api.web(obj)}
        url = api.web(obj)
        data = {"name": obj.title, "fileName": obj.filename, "mimeType": obj.content_type,
                "size": obj.size, "date": iso_date(obj.created), "accessUrl": url,
                "downloadUrl": url}
        if kind == "document":
            key = entry.key[1:]
            data.update({"meeting": [api.url("meeting", *key[:2])],
                         "agendaItem": [api.url("agendaItem", *key[:3])],
                         "web": api.web(obj.__parent__.meeting, anchor=obj.__parent__.__name__)})
        else:
            data.update({"paper": [api.url("paper", entry.key[1])], "web": api.web(obj.__parent__)})
        return data
