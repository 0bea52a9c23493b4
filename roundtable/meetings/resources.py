"""Meetings of a body: times, place, status, attendance and quorum.

Times are aware UTC datetimes; presentation converts to the body's zone
(``roundtable.timeutil``). A moved meeting keeps its URL and records the old
date; a cancelled one stays on record.
"""
import math

from BTrees.OOBTree import OOBTree
from persistent.list import PersistentList
from pyramid.authorization import ALL_PERMISSIONS, Allow, Deny, Everyone

from ..bodies.resources import add_body_folder
from ..folder import Folder
from ..i18n import _
from ..security import ADD, EDIT, VIEW
from ..timeutil import DEFAULT_TZ, now, to_local
from ..workflow import WorkflowError
# The agenda lives in its own module; its names stay importable from here,
# which also keeps objects pickled under this module loadable. (Minutes moved
# to roundtable.minutes; roundtable.db maps their old pickled names.)
from .agenda import ALLOWED_UPLOADS, Agenda, AgendaItem, Document, natural_key
# Likewise the attendance record (stored attendances were pickled under this module).
from .attendance import ATTEND, PRESENCE, REPLIES, REPLY_GRACE, Attendance

__all__ = [
    "STATUSES", "Meeting", "Meetings",
    # re-exported
    "ALLOWED_UPLOADS", "Agenda", "AgendaItem", "Document", "natural_key",
    "REPLIES", "ATTEND", "REPLY_GRACE", "PRESENCE", "Attendance",
]

STATUSES = (
    ("planned", _("geplant")),
    ("invited", _("eingeladen")),
    ("held", _("durchgeführt")),
    ("cancelled", _("abgesagt")),
    ("moved", _("verschoben")),
)


class Meeting(Folder):
    fields = ("title", "start", "end", "place_name", "address", "room", "accessibility",
              "online_url", "public", "notes")
    cancel_reason = ""  # why it was cancelled (class default: meetings stored before it existed)
    series_id = None    # the series it was created in, if any (each stays editable on its own)
    reminded_at = None  # when the reminder to those without a reply went out (reminders.py)

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

    def can_reinstate(self, at=None):
        return self.status == "cancelled" and self.start > (at or now())

    def change_warnings(self):
        """What a cancellation or a move would leave behind: replies already given,
        attendance already recorded, minutes already drafted (German messages)."""
        warnings = []
        replies = sum(1 for a in self.attendance.values() if a.reply)
        if replies:
            warnings.append(_("Es liegen schon ${count} Rückmeldungen vor.", mapping={"count": replies}))
        if any(a.presence for a in self.attendance.values()):
            warnings.append(_("Die Anwesenheit ist schon erfasst."))
        if self.minutes is not None:
            warnings.append(_("Es gibt schon ein Protokoll zu dieser Sitzung."))
        return warnings

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

    # -- search contract -------------------------------------------------
    content_type = "meeting"

    def search_data(self):
        body = self.body
        return {"title": self.title,
                "text": " ".join(t for t in (getattr(body, "name", ""), self.place_name,
                                             self.address, self.room, self.notes) if t),
                "date": self.start, "body": getattr(body, "__name__", None),
                "field_of_action": getattr(body, "field_of_action", None) or None,
                "status": self.status}

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
            self.reminded_at = None   # a new date: remind again before it
        for key in self.fields:
            if key in values:
                setattr(self, key, values[key])
        if moved or place_changed:
            self.sequence += 1
        self.modified = now()

    def cancel(self, reason=""):
        if self.status == "cancelled":
            raise WorkflowError(_("Die Sitzung ist schon abgesagt."))
        if self.status == "held":
            raise WorkflowError(_("Eine durchgeführte Sitzung kann nicht abgesagt werden."))
        self.status = "cancelled"
        self.cancel_reason = reason
        self.sequence += 1
        self.modified = now()

    def reinstate(self, at=None):
        """Undo a cancellation of a meeting still to come; it is invited (or
        moved) again as before, and calendars see a new sequence."""
        if self.status != "cancelled":
            raise WorkflowError(_("Die Sitzung ist nicht abgesagt."))
        if self.start <= (at or now()):
            raise WorkflowError(_("Eine vergangene Sitzung kann nicht wieder angesetzt werden."))
        self.status = "moved" if self.moves else ("invited" if self.invited_at else "planned")
        self.cancel_reason = ""
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

    def reply(self, person_id, reply, via, at=None, note=None):
        """Record a reply; ``note`` (e.g. "comes with the deputy") replaces the
        previous one unless None (a form without a note field)."""
        if not self.accepts_replies(at):
            raise WorkflowError(_("Für diese Sitzung sind keine Rückmeldungen mehr möglich."))
        record = self.attendance_for(person_id, create=True)
        record.set_reply(reply, via)
        if note is not None:
            record.note = note

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
        self.check_attendance_open()
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

    def can_record_attendance(self, at=None):
        return self.status != "cancelled" and self.start <= (at or now())

    def check_attendance_open(self, at=None):
        if self.status == "cancelled":
            raise WorkflowError(_("Die Sitzung ist abgesagt."))
        if self.start > (at or now()):
            raise WorkflowError(_("Die Sitzung hat noch nicht begonnen. Die Anwesenheit kann erst "
                                  "ab ihrem Beginn erfasst werden."))

    def suggested_presence(self, person_id):
        """What the attendance form proposes before anything is recorded: the
        reply (accepted → present, excused → excused), else nothing."""
        record = self.attendance_for(person_id)
        if record is None or record.presence is not None:
            return record.presence if record is not None else None
        return {"yes": "present", "no": "excused"}.get(record.reply)

    def accepted_present(self, at=None):
        """Record everyone who accepted as present (those already recorded
        otherwise keep their value); returns how many were set."""
        self.check_attendance_open(at)
        count = 0
        for record in self.attendance.values():
            if record.reply == "yes" and record.presence is None:
                record.presence = "present"
                count += 1
        self.modified = now()
        return count

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


def add_standing_items(meeting, titles):
    """Put the body's standing items on an empty agenda as TOP 1, 2, ...

    Only on an empty agenda, so a meeting that already has items is never
    given a second welcome."""
    agenda = meeting.agenda
    if len(agenda):
        return []
    return [agenda.add_item(AgendaItem(str(number), title))
            for number, title in enumerate(titles, start=1)]


class Meetings(Folder):
    """A body's meetings, named by date (``2027-03-28``, ``2027-03-28-2``).

    The board prepares the sessions of every body, a chair those of their own
    body; both may add meetings here.
    """

    __acl__ = [(Allow, "role:board", ADD), (Allow, "local:chair", ADD)]
    freshness_section = "meetings"  # see roundtable.freshness

    @property
    def body(self):
        return self.__parent__

    @property
    def tzname(self):
        return getattr(self.body, "timezone", None) or DEFAULT_TZ

    def add_meeting(self, meeting, tzname=None):
        """Add a new meeting; its agenda starts with the body's standing items."""
        added = self.add(meeting, name=self.unique_name(
            to_local(meeting.start, tzname or self.tzname).strftime("%Y-%m-%d")))
        add_standing_items(added, getattr(self.body, "standing_items", ()))
        return added

    def ordered(self):
        return sorted(self.values(), key=lambda m: m.start)


add_body_folder("meetings", Meetings)
