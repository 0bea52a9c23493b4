"""Paper and Consultation: the round table's motions and where they were treated.

A motion is a Paper (``paperType`` "Antrag") from its adoption on, when it
becomes public and gets its reference (RT-2026/07); a draft never appears. A
withdrawn motion becomes a soft delete, with its consultations and files.

Consultations: the round table's own adoption (authoritative, in the meeting
and under the agenda item where it was decided) and the treatment in each
council committee, with the committee's result as a keyword (OParl 1.1 has no
result property on a consultation).
"""
from ..motions.lifecycle import local_date
from ..motions.workflow import WITHDRAWN
from .api import Entry, as_datetime, is_public, iso_date, latest
from .kinds import Kind, opaque_key
from .organizations import text

ADOPTION = "adoption"


class PaperKind(Kind):
    name = "paper"
    oparl = "Paper"

    def _entry(self, motion):
        if motion is None or not is_public(motion):
            return None
        return Entry(self.name, (motion.__name__,), motion, deleted=motion.state == WITHDRAWN)

    def collect(self, api):
        motions = api.portal.get("motions")
        entries = map(self._entry, motions.values()) if motions is not None else ()
        return [e for e in entries if e is not None]

    def resolve(self, api, key):
        motions = api.portal.get("motions")
        if len(key) != 1 or motions is None:
            return None
        return self._entry(motions.get(key[0]))

    def stamps(self, api, entry):
        return as_datetime(entry.obj.created), as_datetime(entry.obj.modified)

    def render(self, api, entry):
        motion = entry.obj
        people, orgs = api.portal["people"], api.portal["organisations"]
        authors = [people.get(pid) for pid in motion.author_ids]
        plenary = api.plenary()
        originators = [api.body_org_url(plenary)] if plenary is not None else []
        for org_id in motion.organisation_ids:
            org = orgs.get(org_id)
            if org is not None and is_public(org):
                originators.append(api.url("organization", "institution", org_id))
        committees = api.portal.get("committees") or {}
        return {
            "body": api.body_url,
            "name": motion.title,
            "reference": motion.reference,
            "date": iso_date(motion.adopted_on),
            "paperType": "Antrag",
            "auxiliaryFile": [api.document(e) for e in api.kind("file").of_motion(api, motion)],
            "originatorPerson": [api.url("person", opaque_key(p)) for p in authors
                                 if p is not None and p.publicly_named],
            "originatorOrganization": originators,
            "underDirectionOf": [api.url("organization", "committee", c)
                                 for c in motion.committee_ids if c in committees],
            "consultation": [api.document(e)
                             for e in api.kind("consultation").of_motion(api, entry)],
            "keyword": [k for k in (text(motion.field_of_action_title), text(motion.state_title))
                        if k],
            "web": api.web(motion),
        }


class ConsultationKind(Kind):
    name = "consultation"
    oparl = "Consultation"

    def of_motion(self, api, paper):
        motion, key = paper.obj, paper.key
        entries = []
        if motion.adopted_on is not None:
            entries.append(Entry(self.name, key + (ADOPTION,), motion, deleted=paper.deleted))
        entries += [Entry(self.name, key + (str(c.id),), motion, deleted=paper.deleted,
                          consultation=c) for c in motion.ordered_consultations()]
        return entries

    def collect(self, api):
        return [e for paper in api.kind("paper").collect(api) for e in self.of_motion(api, paper)]

    def resolve(self, api, key):
        if len(key) != 2:
            return None
        paper = api.kind("paper").resolve(api, key[:1])
        if paper is None:
            return None
        return next((e for e in self.of_motion(api, paper) if e.key == key), None)

    def stamps(self, api, entry):
        motion = entry.obj
        consultation = entry.extra.get("consultation")
        if consultation is None:
            adopted = motion.adopted_at() or motion.adopted_on
            return as_datetime(adopted), as_datetime(motion.modified)
        changes = [c.get("at") for c in consultation.changes]
        modified = latest(consultation.created, consultation.result_at, *changes)
        if entry.deleted:
            modified = latest(modified, motion.modified)
        return as_datetime(consultation.created), modified

    def render(self, api, entry):
        motion = entry.obj
        consultation = entry.extra.get("consultation")
        data = {"paper": api.url("paper", entry.key[0]), "web": api.web(motion)}
        if consultation is None:
            plenary = api.plenary()
            item = motion.agenda_item()
            item_entry = meeting_entry = None
            if item is not None and item.meeting is not None:
                meeting = item.meeting
                key = (meeting.body.__name__, meeting.__name__)
                meeting_entry = api.resolve("meeting", key)
                item_entry = api.resolve("agendaItem", key + (item.__name__,))
            data.update({
                "meeting": api.id_of(meeting_entry) if meeting_entry is not None else None,
                "agendaItem": api.id_of(item_entry) if item_entry is not None else None,
                "organization": [api.body_org_url(plenary)] if plenary is not None else [],
                "authoritative": True,
                "role": "Beschlussfassung",
            })
            return data
        committees = api.portal.get("committees") or {}
        keywords = [f"Sitzung am {local_date(consultation.start).strftime('%d.%m.%Y')}"]
        if consultation.result:
            keywords.append(f"Ergebnis: {text(consultation.result_title)}")
        data.update({
            "organization": [api.url("organization", "committee", consultation.committee_id)]
            if consultation.committee_id in committees else [],
            "authoritative": consultation.role == "decision",
            "role": text(consultation.role_title),
            "keyword": keywords,
        })
        return data
