"""Minutes of a meeting: entries per agenda item, workflow state, corrections.

Published minutes change only through a recorded correction; earlier versions stay.
"""
import copy

from BTrees.OOBTree import OOBTree
from persistent import Persistent
from persistent.list import PersistentList
from pyramid.authorization import ALL_PERMISSIONS, Allow, Deny, Everyone

from ..i18n import _
from ..security import EDIT, VIEW, VIEW_INTERNAL
from ..text import fold
from ..timeutil import now
from ..workflow import WorkflowError
from .workflow import APPROVED, DRAFT, PUBLISH, PUBLISHED, REVIEW, minutes_workflow



class Minutes(Persistent):
    """The record of a meeting, one entry per agenda item, with its workflow.

    After publication the text is changed only by ``correct()``, which keeps
    the earlier version with date and reason.
    """

    __name__ = "minutes"
    __parent__ = None
    freshness_section = "minutes"  # see roundtable.freshness

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

    @property
    def published_at(self):
        """When the minutes were (last) published, or None: what a feed reader
        calls new, unlike the meeting's date, which may be weeks earlier."""
        for step in reversed(self.history):
            if step.get("to") == PUBLISHED:
                return step.get("at")
        return None

    @property
    def is_public(self):
        """Published minutes of a public meeting: what everyone may read."""
        return self.state == PUBLISHED and self.meeting is not None and self.meeting.public

    # -- search contract -------------------------------------------------
    content_type = "minutes"

    def search_data(self):
        """The text of the entries whoever finds the minutes may read: when the
        public may (published, public meeting) only the public items' entries,
        so a search never reveals what the page hides."""
        meeting = self.meeting
        public = self.state == PUBLISHED and meeting.public
        items = meeting.agenda.ordered(public_only=public)
        texts = [self.general]
        for item in items:
            entry = self.entry(item.__name__)
            texts += [item.title, entry.get("discussion") or ""]
            texts += [d.get("text") or "" for d in entry.get("decisions", ())]
        return dict(meeting.search_data(), title=meeting.title, status=self.state,
                    text=" ".join(t for t in texts if t), updated=self.published_at)

    def items_without_text(self):
        """Agenda items (in order) whose entry has no discussion, decision or task:
        named before publishing, so nothing goes out half-written unnoticed."""
        empty = []
        for item in self.meeting.agenda.ordered():
            entry = self.entry(item.__name__)
            if not ((entry.get("discussion") or "").strip() or entry.get("decisions")
                    or entry.get("tasks")):
                empty.append(item)
        return empty

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
