"""Meetings of a body: agenda, documents, attendance and minutes.

Times are aware UTC datetimes; presentation converts to the body's zone
(``roundtable.timeutil``). A moved meeting keeps its URL and records the old
date; a cancelled one stays on record.
"""
import copy
import math
import re
from datetime import timedelta

from BTrees.OOBTree import OOBTree
from persistent import Persistent
from persistent.list import PersistentList
from pyramid.authorization import ALL_PERMISSIONS, Allow, Deny, Everyone
from ZODB.blob import Blob

from ..folder import Folder
from ..i18n import _
from ..security import ADD, EDIT, VIEW, VIEW_INTERNAL
from ..timeutil import DEFAULT_TZ, now, to_local
from ..workflow import WorkflowError
from .workflow import APPROVED, DRAFT, PUBLISH, PUBLISHED, REVIEW, minutes_workflow

STATUSES = (
    ("planned", _("geplant")),
    ("invited", _("eingeladen")),
    ("held", _("durchgeführt")),
    ("cancelled", _("abgesagt")),
    ("moved", _("verschoben")),
)

REPLIES = (("yes", _("nimmt teil")), ("no", _("entschuldigt")))

# Replying yes/no for oneself: held by the body's current members (local role).
ATTEND = "attend"

# A personal reply link from the invitation works until this long after the end.
REPLY_GRACE = timedelta(days=1)
PRESENCE = (("present", _("anwesend")), ("excused", _("entschuldigt")), ("absent", _("abwesend")))

ALLOWED_UPLOADS = {
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.oasis.opendocument.text": ".odt",
    "image/png": ".png",
    "image/jpeg": ".jpg",
}

_NUMBER = re.compile(r"^\d{1,3}(\.\d{1,3})?$")


def natural_key(number):
    return tuple(int(p) for p in number.split("."))


class Document(Persistent):
    """An uploaded file kept as a ZODB blob."""

    __name__ = None
    __parent__ = None

    def __init__(self, filename, content_type, data, title=""):
        self.filename = filename
        self.content_type = content_type
        self.title = title or filename
        self.size = len(data)
        self.blob = Blob()
        with self.blob.open("w") as f:
            f.write(data)
        self.created = now()

    def open(self):
        return self.blob.open("r")


class AgendaItem(Folder):
    """One TOP; contains its documents."""

    def __init__(self, number, title, description="", public=True, presenter="",
                 duration=None, motion_ids=()):
        super().__init__()
        self.number = number
        self.title = title
        self.description = description
        self.public = public
        self.presenter = presenter
        self.duration = duration
        self.motion_ids = tuple(motion_ids)

    @property
    def label(self):
        return f"TOP {self.number}"

    @property
    def is_sub_item(self):
        return "." in self.number

    @property
    def __acl__(self):
        if self.public:
            return []
        return [(Allow, "role:admin", ALL_PERMISSIONS), (Allow, "role:board", VIEW),
                (Allow, "local:member", VIEW), (Allow, "local:chair", (VIEW, EDIT)),
                (Deny, Everyone, VIEW)]

    fields = ("number", "title", "description", "public", "presenter", "duration")

    def documents(self):
        return sorted(self.values(), key=lambda d: d.created)

    def add_document(self, document):
        """Named like the file (``bericht.pdf``, ``bericht-2.pdf``), so a download
        saved from the URL keeps its extension."""
        from ..text import slugify

        stem, dot, ext = document.filename.rpartition(".")
        if not dot:
            stem, ext = ext, ""
        base = slugify(stem, "dokument")
        ext = "." + slugify(ext, "") if ext else ""
        name, n = base + ext, 1
        while name in self:
            n += 1
            name = f"{base}-{n}{ext}"
        return self.add(document, name=name)

    @property
    def meeting(self):
        agenda = self.__parent__
        return agenda.__parent__ if agenda is not None else None


class Agenda(Folder):
    """The agenda items, listed by their number (3 before 3.1 before 4)."""

    def ordered(self, public_only=False):
        items = sorted(self.values(), key=lambda i: natural_key(i.number))
        return [i for i in items if i.public] if public_only else items

    @staticmethod
    def valid_number(number):
        return bool(_NUMBER.match(number or ""))

    def number_taken(self, number, exclude=None):
        return any(i.number == number and i is not exclude for i in self.values())

    def next_number(self):
        tops = [natural_key(i.number)[0] for i in self.values()]
        return str(max(tops, default=0) + 1)

    def sub_items(self, item):
        """The sub-items (3.1, 3.2) of a main TOP (3); none for a sub-item."""
        if item.is_sub_item:
            return []
        return [i for i in self.ordered() if i.is_sub_item and i.number.split(".")[0] == item.number]

    def number_problem(self, number, item=None):
        """Why ``number`` cannot be given to ``item`` (a new item when None), or None.

        A main TOP that is renumbered takes its sub-items along (3.1 becomes
        5.1), so their new numbers must be free as well.
        """
        if not self.valid_number(number):
            return _("Die Nummer muss wie „3“ oder „3.1“ aussehen.")
        if self.number_taken(number, exclude=item):
            return _("TOP ${n} gibt es schon.", mapping={"n": number})
        if "." in number:
            head = number.split(".")[0]
            if not any(i.number == head and i is not item for i in self.values()):
                return _("Zu einem Unterpunkt ${n} gehört ein TOP ${head}; legen Sie ihn "
                         "zuerst an.", mapping={"n": number, "head": head})
        if item is not None and item.number != number and self.sub_items(item):
            if "." in number:
                return _("TOP ${n} hat Unterpunkte und kann selbst kein Unterpunkt werden.",
                         mapping={"n": item.number})
            moving = set(self.sub_items(item)) | {item}
            for sub in self.sub_items(item):
                new = number + "." + sub.number.split(".", 1)[1]
                if any(i.number == new and i not in moving for i in self.values()):
                    return _("TOP ${n} gibt es schon.", mapping={"n": new})
        return None

    def update_item(self, item, **values):
        """Change an item; a renumbered main TOP takes its sub-items along."""
        number = values.get("number", item.number)
        problem = self.number_problem(number, item)
        if problem is not None:
            raise ValueError(problem)
        if number != item.number:
            for sub in self.sub_items(item):
                sub.number = number + "." + sub.number.split(".", 1)[1]
        for key in item.fields:
            if key in values:
                setattr(item, key, values[key])
        return item

    def remove_item(self, item):
        """Delete an item and its documents; a TOP with sub-items only when they are gone,
        and none that the minutes already speak about."""
        if self.sub_items(item):
            raise ValueError(_("TOP ${n} hat Unterpunkte; löschen Sie zuerst diese.",
                               mapping={"n": item.number}))
        meeting = self.__parent__
        minutes = meeting.minutes if meeting is not None else None
        if minutes is not None and item.__name__ in minutes.entries:
            raise ValueError(_("Zu TOP ${n} gibt es schon einen Protokolleintrag; der Punkt "
                               "bleibt deshalb auf der Tagesordnung.", mapping={"n": item.number}))
        return self.remove(item.__name__)

    def add_item(self, item):
        problem = self.number_problem(item.number)
        if problem is not None:
            raise ValueError(problem)
        return self.add(item, title=f"top-{item.number}")

    def siblings(self, item):
        """The items at the same level: the main TOPs, or the sub-items of one TOP."""
        parent = item.number.split(".")[0] if item.is_sub_item else None
        return [i for i in self.ordered()
                if (i.number.split(".")[0] == parent and i.is_sub_item) or
                (parent is None and not i.is_sub_item)]

    def can_move(self, item, direction):
        siblings = self.siblings(item)
        index = siblings.index(item) + (-1 if direction == "up" else 1)
        return 0 <= index < len(siblings)

    def move(self, item, direction):
        """Swap the item with its neighbour at the same level; numbers follow the order."""
        parent = item.number.split(".")[0] if item.is_sub_item else None
        siblings = self.siblings(item)
        index = siblings.index(item)
        other_index = index + (-1 if direction == "up" else 1)
        if not 0 <= other_index < len(siblings):
            return False
        other = siblings[other_index]
        if parent is None:
            # move the sub-items along with their TOP
            a, b = item.number, other.number
            for i in self.values():
                head, _sep, tail = i.number.partition(".")
                if head == a:
                    i.number = b + ("." + tail if tail else "")
                elif head == b:
                    i.number = a + ("." + tail if tail else "")
        else:
            item.number, other.number = other.number, item.number
        return True


class Attendance(Persistent):
    """One person's reply (before) and recorded presence (after) for a meeting."""

    def __init__(self, person_id):
        self.person_id = person_id
        self.reply = None
        self.replied_at = None
        self.replied_via = None
        self.presence = None
        self.note = ""

    def set_reply(self, reply, via):
        if reply not in dict(REPLIES):
            raise ValueError(reply)
        self.reply = reply
        self.replied_at = now()
        self.replied_via = via


class Meeting(Folder):
    fields = ("title", "start", "end", "place_name", "address", "room", "accessibility",
              "online_url", "public", "notes")

    def __init__(self, title, start, end, place_name="", address="", room="",
                 accessibility="", online_url="", public=True, notes=""):
        super().__init__()
        self.title = title
        self.start, self.end = start, end
        self.place_name, self.address, self.room = place_name, address, room
        self.accessibility, self.online_url = accessibility, online_url
        self.public = public
        self.notes = notes
        self.status = "planned"
        self.sequence = 0
        self.moves = PersistentList()
        self.created = self.modified = now()
        self.guests = 0
        self.attendance = OOBTree()
        self.invited_at = None
        self.add(Agenda(), "agenda")

    # -- security --------------------------------------------------------
    @property
    def __acl__(self):
        acl = [(Allow, "role:admin", ALL_PERMISSIONS), (Allow, "role:board", (VIEW, EDIT)),
               (Allow, "local:chair", (VIEW, EDIT, ATTEND)), (Allow, "local:member", (VIEW, ATTEND))]
        if not self.public:
            acl.append((Deny, Everyone, VIEW))
        return acl

    @property
    def body(self):
        return self.__parent__.__parent__ if self.__parent__ is not None else None

    @property
    def tzname(self):
        """The zone the meeting is entered and shown in: the body's, else Berlin."""
        return getattr(self.body, "timezone", None) or DEFAULT_TZ

    @property
    def local_start(self):
        return to_local(self.start, self.tzname)

    @property
    def local_end(self):
        return to_local(self.end, self.tzname)

    @property
    def original_start(self):
        """Where a moved meeting was first planned (None if it never moved)."""
        return self.moves[0]["start"] if self.moves else None

    @property
    def original_end(self):
        return self.moves[0]["end"] if self.moves else None

    def is_past(self, at=None):
        return self.end <= (at or now())

    # -- what may happen now (asked by views to show or hide buttons) ----
    def can_invite(self, at=None):
        return self.status not in ("cancelled", "held") and self.start > (at or now())

    def can_cancel(self):
        return self.status not in ("cancelled", "held")

    def can_mark_held(self, at=None):
        return self.status not in ("cancelled", "held") and self.start <= (at or now())

    def accepts_replies(self, at=None):
        """Replies until a day after the end (late excuses), never for a cancelled
        or held meeting."""
        return self.status not in ("cancelled", "held") and (at or now()) < self.end + REPLY_GRACE

    def reply_expiry(self):
        """When a personal reply link stops working (its signed expiry)."""
        return self.end + REPLY_GRACE

    @property
    def agenda(self):
        return self["agenda"]

    @property
    def minutes(self):
        return self.get("minutes")

    def status_title(self):
        return dict(STATUSES).get(self.status, self.status)

    # -- changes ---------------------------------------------------------
    def update(self, **values):
        """Apply edited fields; a new time records a move and bumps the sequence."""
        new_start, new_end = values.get("start", self.start), values.get("end", self.end)
        if new_end <= new_start:
            raise ValueError(_("Das Ende muss nach dem Beginn liegen."))
        moved = (new_start, new_end) != (self.start, self.end)
        place_changed = any(values.get(k, getattr(self, k)) != getattr(self, k)
                            for k in ("place_name", "address", "room", "online_url"))
        if moved:
            self.moves.append({"start": self.start, "end": self.end, "at": now()})
            if self.status in ("planned", "invited", "moved"):
                self.status = "moved"
        for key in self.fields:
            if key in values:
                setattr(self, key, values[key])
        if moved or place_changed:
            self.sequence += 1
        self.modified = now()

    def cancel(self):
        if self.status == "cancelled":
            raise WorkflowError(_("Die Sitzung ist schon abgesagt."))
        if self.status == "held":
            raise WorkflowError(_("Eine durchgeführte Sitzung kann nicht abgesagt werden."))
        self.status = "cancelled"
        self.sequence += 1
        self.modified = now()

    def mark_invited(self, at=None):
        at = at or now()
        if self.start <= at:
            raise WorkflowError(_("Zu einer vergangenen Sitzung kann nicht eingeladen werden."))
        if self.status in ("cancelled", "held"):
            raise WorkflowError(_("Zu dieser Sitzung kann nicht mehr eingeladen werden."))
        self.status = "invited"
        self.invited_at = at
        self.modified = at

    def mark_held(self, at=None):
        at = at or now()
        if self.start > at:
            raise WorkflowError(_("Die Sitzung hat noch nicht begonnen."))
        if self.status == "cancelled":
            raise WorkflowError(_("Die Sitzung ist abgesagt."))
        self.status = "held"
        self.modified = at

    # -- attendance ------------------------------------------------------
    def attendance_for(self, person_id, create=False):
        record = self.attendance.get(person_id)
        if record is None and create:
            record = self.attendance[person_id] = Attendance(person_id)
        return record

    def reply(self, person_id, reply, via, at=None):
        if not self.accepts_replies(at):
            raise WorkflowError(_("Für diese Sitzung sind keine Rückmeldungen mehr möglich."))
        self.attendance_for(person_id, create=True).set_reply(reply, via)

    def member_ids(self, on=None):
        """Current members of the body (each once): who is invited and who replies."""
        seen = []
        for m in self.body.current_memberships(on):
            if m.person_id not in seen:
                seen.append(m.person_id)
        return seen

    def may_reply(self, person_id):
        """Only the body's current members answer for themselves."""
        return bool(person_id) and person_id in self.member_ids()

    def reply_counts(self):
        counts = {"yes": 0, "no": 0}
        for record in self.attendance.values():
            if record.reply in counts:
                counts[record.reply] += 1
        return counts

    def roll(self):
        """Person ids for the attendance record: the members on the day, then
        anyone else already recorded (e.g. who left the body since)."""
        ids = self.member_ids(on=self.local_start.date())
        ids += [pid for pid in self.attendance.keys() if pid not in ids]
        return ids

    def record_attendance(self, presences, guests):
        """Record presence per person (``None`` clears) and the number of guests.

        Everything is checked before anything is stored, so a bad value leaves
        the record as it was.
        """
        if self.status == "cancelled":
            raise WorkflowError(_("Die Sitzung ist abgesagt."))
        for value in presences.values():
            if value is not None and value not in dict(PRESENCE):
                raise ValueError(value)
        if not isinstance(guests, int) or not 0 <= guests <= 10000:
            raise ValueError(guests)
        for person_id, value in presences.items():
            record = self.attendance_for(person_id, create=value is not None)
            if record is not None:
                record.presence = value
        self.guests = guests
        self.modified = now()

    def record_presence(self, person_id, presence):
        if presence not in dict(PRESENCE):
            raise ValueError(presence)
        self.attendance_for(person_id, create=True).presence = presence

    def present_ids(self):
        return [pid for pid, a in self.attendance.items() if a.presence == "present"]

    def quorum(self):
        """(voting members present, voting members, required, reached)."""
        body = self.body
        voting = {m.person_id for m in body.voting_members(on=self.local_start.date())}
        present = len(voting & set(self.present_ids()))
        fraction = getattr(body, "quorum", 0.5) or 0.5
        required = math.ceil(len(voting) * fraction) if voting else 0
        return present, len(voting), required, bool(voting) and present >= required


class Meetings(Folder):
    """A body's meetings, named by date (``2027-03-28``, ``2027-03-28-2``).

    The board prepares the sessions of every body, a chair those of their own
    body; both may add meetings here.
    """

    __acl__ = [(Allow, "role:board", ADD), (Allow, "local:chair", ADD)]

    @property
    def body(self):
        return self.__parent__

    @property
    def tzname(self):
        return getattr(self.body, "timezone", None) or DEFAULT_TZ

    def add_meeting(self, meeting, tzname=None):
        return self.add(meeting, name=self.unique_name(
            to_local(meeting.start, tzname or self.tzname).strftime("%Y-%m-%d")))

    def ordered(self):
        return sorted(self.values(), key=lambda m: m.start)


# -- minutes ---------------------------------------------------------------

class Minutes(Persistent):
    """The record of a meeting, one entry per agenda item, with its workflow.

    After publication the text is changed only by ``correct()``, which keeps
    the earlier version with date and reason.
    """

    __name__ = "minutes"
    __parent__ = None

    def __init__(self):
        self.state = DRAFT
        self.history = PersistentList()
        self.entries = OOBTree()   # agenda item name -> entry dict
        self.general = ""          # opening remarks / things outside the agenda
        self.approved_at_meeting = None  # path of the meeting that approved them
        self.approved_on = None
        self.versions = PersistentList()  # earlier published versions
        self.corrections = PersistentList()
        self.modified = now()

    @property
    def meeting(self):
        return self.__parent__

    @property
    def __acl__(self):
        acl = [(Allow, "role:admin", ALL_PERMISSIONS)]
        editable = self.state in (DRAFT, REVIEW)
        board = (VIEW, PUBLISH) + ((EDIT,) if editable else ())
        acl += [(Allow, "role:board", board), (Allow, "local:chair", board)]
        if self.state in (REVIEW, APPROVED, PUBLISHED):
            acl.append((Allow, "local:member", VIEW))
            acl.append((Allow, "role:member", VIEW_INTERNAL))
        if self.state != PUBLISHED or not self.meeting.public:
            acl.append((Deny, Everyone, VIEW))
        if not editable:
            # the meeting's ACL would lend EDIT to board and chair otherwise
            acl.append((Deny, Everyone, EDIT))
        return acl

    def state_title(self):
        return minutes_workflow.title(self.state)

    def entry(self, item_name):
        return self.entries.get(item_name) or {"discussion": "", "decisions": [], "tasks": []}

    def set_entry(self, item_name, discussion, decisions=(), tasks=()):
        if self.state not in (DRAFT, REVIEW):
            raise WorkflowError(_("Veröffentlichte Protokolle werden nur über eine Korrektur geändert."))
        self.entries[item_name] = {
            "discussion": discussion,
            "decisions": [dict(d) for d in decisions],
            "tasks": [dict(t) for t in tasks],
        }
        self.modified = now()

    def snapshot(self):
        return {"general": self.general, "entries": copy.deepcopy(dict(self.entries)),
                "at": self.modified}

    def correct(self, reason, userid, general=None, entries=None):
        """Change published minutes: the previous text is kept with date and reason."""
        if self.state != PUBLISHED:
            raise WorkflowError(_("Nur veröffentlichte Protokolle werden korrigiert."))
        if not (reason or "").strip():
            raise WorkflowError(_("Bitte geben Sie den Grund der Korrektur an."))
        self.versions.append(self.snapshot())
        if general is not None:
            self.general = general
        for name, entry in (entries or {}).items():
            self.entries[name] = entry
        self.corrections.append({"at": now(), "by": userid, "reason": reason.strip(),
                                 "version": len(self.versions)})
        self.modified = now()

    def check_transition(self, name, target):
        if name == "approve" and not self.approved_at_meeting:
            raise WorkflowError(_("Bitte geben Sie an, in welcher Sitzung das Protokoll "
                                  "genehmigt wurde."))

    def public_entries(self):
        """(agenda item, entry) pairs of public items only: non-public TOPs never leak."""
        agenda = self.meeting.agenda
        return [(item, self.entry(item.__name__)) for item in agenda.ordered(public_only=True)]

    # -- minutes views (additive) ------------------------------------------
    @property
    def editable(self):
        return self.state in (DRAFT, REVIEW)

    def visible_entries(self, may_view=None):
        """(item, entry) pairs a viewer may read: without ``may_view`` (the
        public) only public items, else the items ``may_view(item)`` allows."""
        if may_view is None:
            return self.public_entries()
        return [(item, self.entry(item.__name__)) for item in self.meeting.agenda.ordered()
                if may_view(item)]

    def set_general(self, text):
        if not self.editable:
            raise WorkflowError(_("Veröffentlichte Protokolle werden nur über eine Korrektur geändert."))
        self.general = text
        self.modified = now()

    def later_meetings(self, at=None):
        """Where the minutes can have been approved: the same body's later meetings
        that have begun and were not cancelled, the most recent first."""
        meeting, at = self.meeting, at or now()
        return [m for m in reversed(meeting.__parent__.ordered())
                if meeting.start < m.start <= at and m.status != "cancelled"]

    def record_approval(self, meeting):
        """Note the meeting that approved the minutes (before ``approve``)."""
        from pyramid.traversal import resource_path

        if meeting not in self.later_meetings():
            raise WorkflowError(_("Bitte wählen Sie eine spätere Sitzung desselben Gremiums, "
                                  "in der das Protokoll genehmigt wurde."))
        self.approved_at_meeting = resource_path(meeting)
        self.approved_on = meeting.start

    def approving_meeting(self):
        """The meeting recorded in ``approved_at_meeting`` (None if gone)."""
        from pyramid.traversal import find_resource, find_root

        if not self.approved_at_meeting:
            return None
        try:
            return find_resource(find_root(self), self.approved_at_meeting)
        except KeyError:
            return None


APPROVAL_WORDS = ("genehmigung", "genehmigen")
MINUTES_WORDS = ("protokoll", "niederschrift")


def approval_item(meeting):
    """The agenda item of ``meeting`` that approves minutes
    ("Genehmigung des Protokolls …"), or None."""
    from ..text import fold

    for item in meeting.agenda.ordered():
        title = fold(item.title)
        if any(w in title for w in APPROVAL_WORDS) and any(w in title for w in MINUTES_WORDS):
            return item
    return None


DECISION_RESULTS = (("", _("—")), ("accepted", _("angenommen")), ("rejected", _("abgelehnt")))


def has_votes(decision):
    return any(decision.get(k) is not None for k in ("yes", "no", "abstain"))


def decision_result(decision):
    """The recorded result, else the one the votes give: more yes than no
    is accepted, a tie rejected (as the rules of procedure usually say)."""
    result = decision.get("result") or ""
    if result or not has_votes(decision):
        return result
    return "accepted" if (decision.get("yes") or 0) > (decision.get("no") or 0) else "rejected"
