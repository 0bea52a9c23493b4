"""A motion (Antrag) of the round table to the council's committees.

The text (title, proposed resolution, reasoning) is co-edited by several
board members while it is a draft; every save is kept as a numbered version
and a save based on an outdated version is refused (``StaleVersion``), so two
authors never silently overwrite each other. The ACL follows the state: a
draft is the board's alone; on the round table's agenda the members see it;
from adoption on it is public. Attachments are ``Document`` blobs inside the
motion (a Folder). Steps of the lifecycle live in ``lifecycle.py``.
"""
from persistent.list import PersistentList
from pyramid.authorization import ALL_PERMISSIONS, Allow, Deny, Everyone

from ..bodies.resources import FIELDS_OF_ACTION
from ..folder import Folder
from ..i18n import _
from ..meetings.agenda import Document, file_name
from ..security import EDIT, VIEW
from ..timeutil import now
from ..workflow import WorkflowError
from .consultation import Consultation  # stored consultations were pickled under this module
from .lifecycle import MotionLifecycle
from .workflow import DRAFT, ON_AGENDA, PUBLIC_STATES, WITHDRAWN, motion_workflow

__all__ = ["Attachment", "Consultation", "Motion", "StaleVersion"]

TEXT_FIELDS = ("title", "resolution", "reasoning")
META_FIELDS = ("author_ids", "organisation_ids", "field_of_action", "committee_ids", "follow_up")


class Attachment(Document):
    """A file attached to a motion (a blob); as visible as the motion.

    Withdrawn by an addendum, it stays (and stays downloadable) with the
    record of when, by whom and why."""

    withdrawn = None  # {"at", "by", "note"} once withdrawn by an addendum


class StaleVersion(ValueError):
    """The form was based on an older version than the stored one."""

    def __init__(self, current):
        super().__init__("stale version")
        self.current = current


class Motion(MotionLifecycle, Folder):
    content_type = "motion"
    # Attachment changes once the text is fixed: {"at", "by", "action", "name", "title", "note"}
    addenda = ()

    def __init__(self, title, resolution="", reasoning="", author_ids=(), organisation_ids=(),
                 field_of_action="", committee_ids=(), follow_up=None, by=None):
        super().__init__()
        self.title = title
        self.resolution = resolution
        self.reasoning = reasoning
        self.author_ids = tuple(author_ids)
        self.organisation_ids = tuple(organisation_ids)
        self.field_of_action = field_of_action
        self.committee_ids = tuple(committee_ids)
        self.follow_up = follow_up        # a date the board wants to look at it again
        self.state = DRAFT
        self.history = PersistentList()
        self.reference = None
        self.versions = PersistentList()
        self.agenda_item_path = None
        self.adopted_on = None
        self.decision = None              # text and votes of the round table's decision
        self.submitted_on = None
        self.consultations = PersistentList()
        self.notes = PersistentList()     # implementation notes
        self.created = self.modified = now()
        self.created_by = by
        self._record_version(by)

    # -- security ----------------------------------------------------------
    @property
    def is_public(self):
        return self.state in PUBLIC_STATES or (self.state == WITHDRAWN and bool(self.reference))

    @property
    def __acl__(self):
        acl = [(Allow, "role:admin", ALL_PERMISSIONS), (Allow, "role:board", (VIEW, EDIT))]
        if self.is_public:
            return acl + [(Allow, Everyone, VIEW)]
        if self.state != DRAFT and self.was_on_agenda():
            acl.append((Allow, "role:member", VIEW))
        return acl + [(Deny, Everyone, ALL_PERMISSIONS)]

    def was_on_agenda(self):
        return self.state == ON_AGENDA or any(h["to"] == ON_AGENDA for h in self.history)

    # -- presentation ------------------------------------------------------
    @property
    def state_title(self):
        return motion_workflow.title(self.state)

    @property
    def label(self):
        return f"{self.reference}: {self.title}" if self.reference else self.title

    @property
    def field_of_action_title(self):
        return dict(FIELDS_OF_ACTION).get(self.field_of_action, "") if self.field_of_action else ""

    @property
    def editable(self):
        """The text changes only while it is a draft; what was adopted stays."""
        return self.state == DRAFT

    def attachments(self, withdrawn=False):
        """The current attachments (or those withdrawn by an addendum), oldest first."""
        return sorted((v for v in self.values()
                       if isinstance(v, Attachment) and bool(v.withdrawn) == withdrawn),
                      key=lambda d: d.created)

    def add_attachment(self, document, by=None, note=""):
        """Attach a file: freely to a draft; once the text is fixed (on the
        agenda, adopted, ...) only as a recorded, dated addendum with a reason."""
        if not self.editable:
            self._check_addendum(note)
        self.add(document, name=file_name(self, document.filename, "anlage"))
        if not self.editable:
            self._record_addendum("added", document, by, note)
        return document

    def remove_attachment(self, name, by=None, note=""):
        """Remove a draft's attachment; a fixed motion's is withdrawn by addendum and kept."""
        document = self[name]
        if self.editable:
            self.remove(name)
            return
        self._check_addendum(note)
        if document.withdrawn:
            raise WorkflowError(_("Diese Anlage ist schon zurückgezogen."))
        document.withdrawn = {"at": now(), "by": by, "note": note.strip()}
        self._record_addendum("withdrawn", document, by, note)

    def _check_addendum(self, note):
        if not (note or "").strip():
            raise WorkflowError(_("Der Antrag ist nicht mehr im Entwurf: Anlagen ändern sich nur "
                                  "als Nachtrag. Bitte geben Sie den Grund an."))

    def _record_addendum(self, action, document, by, note):
        entry = {"at": now(), "by": by, "action": action, "name": document.__name__,
                 "title": document.title, "note": note.strip()}
        self.addenda = tuple(self.addenda) + (entry,)
        self._record_version(by, addendum=entry)
        self.modified = entry["at"]

    # -- versions ----------------------------------------------------------
    @property
    def version(self):
        return len(self.versions)

    def _record_version(self, by, addendum=None):
        """A numbered version: the text, and for an addendum what it changed."""
        version = {"number": len(self.versions) + 1, "at": now(), "by": by,
                   **{f: getattr(self, f) for f in TEXT_FIELDS}}
        if addendum is not None:
            version["addendum"] = addendum
        self.versions.append(version)

    def save_text(self, based_on, by, **values):
        """Store a new version of the text; refused when ``based_on`` is not the
        current version (someone else saved in between) or when not a draft."""
        if not self.editable:
            raise WorkflowError(_("Der Text eines beschlossenen oder eingereichten Antrags "
                                  "bleibt unverändert."))
        if based_on != self.version:
            raise StaleVersion(self.versions[-1])
        changed = any(values.get(f, getattr(self, f)) != getattr(self, f) for f in TEXT_FIELDS)
        for f in TEXT_FIELDS:
            if f in values:
                setattr(self, f, values[f])
        if changed:
            self._record_version(by)
        self.modified = now()
        return changed

    def merge_stale(self, based_on, values):
        """The text fields for a re-shown stale form: what the author did not
        change since ``based_on`` takes the stored text (so saving again keeps
        the other author's work); what both changed keeps the author's text.
        Returns (merged values, names of fields both changed)."""
        base = self.get_version(based_on) or {}
        merged, conflicts = dict(values), []
        for f in TEXT_FIELDS:
            mine, stored = values.get(f), getattr(self, f)
            if mine == base.get(f):
                merged[f] = stored
            elif mine != stored and stored != base.get(f):
                conflicts.append(f)
        return merged, conflicts

    def update_meta(self, **values):
        for key, value in values.items():
            if key not in META_FIELDS:
                raise AttributeError(key)
            setattr(self, key, tuple(value) if key.endswith("_ids") else value)
        self.modified = now()

    def get_version(self, number):
        if not 1 <= number <= len(self.versions):
            return None
        return self.versions[number - 1]

    # -- search contract ---------------------------------------------------
    def search_data(self):
        texts = [self.reference or "", self.title, self.resolution, self.reasoning]
        texts += [c.document_ref for c in self.consultations if c.document_ref]
        return {"title": self.label, "text": "\n".join(t for t in texts if t),
                "date": self.adopted_at() or self.created, "body": None,
                "field_of_action": self.field_of_action or None, "status": self.state,
                "names": [self.reference, self.title]}
