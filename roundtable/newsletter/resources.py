"""Newsletter lists and their issues (editions), under ``/newsletter``.

The tree is ``/newsletter/<list>/<issue>``; subscribers are kept on the
newsletter object itself, outside traversal, so no URL ever leads to them.
An issue is a draft until it is queued for sending; from its send time on it
is public (archive) and can never be sent again.
"""
import secrets

from persistent import Persistent
from persistent.list import PersistentList
from pyramid.authorization import ALL_PERMISSIONS, Allow, Deny, Everyone

from ..folder import Folder
from ..i18n import _
from ..security import VIEW
from ..timeutil import now
from ..workflow import WorkflowError
from .subscribers import Subscribers

CADENCES = (
    ("weekly", _("wöchentlich")),
    ("quarterly", _("vierteljährlich")),
    ("adhoc", _("nach Bedarf")),
)

# Names below /newsletter that are views, never lists.
RESERVED = frozenset(("signup", "confirm", "preferences", "unsubscribe", "manage", "subscribers",
                      "import", "add-list", "archive"))


class Newsletter(Folder):
    """The lists; the public archive and sign-up are its views."""

    freshness_section = "newsletter"  # see roundtable.freshness

    title = _("Newsletter")

    def __init__(self):
        super().__init__()
        self.subscribers = Subscribers(reach_shown=True)

    def unique_name(self, text, fallback="item"):
        name = super().unique_name(text, fallback)
        return name + "-liste" if name in RESERVED else name

    def lists(self):
        return sorted(self.values(), key=lambda lst: lst.created)

    def public_lists(self):
        return [lst for lst in self.lists() if lst.public_signup]

    def sent_issues(self):
        issues = [i for lst in self.values() for i in lst.values() if i.published]
        return sorted(issues, key=lambda i: i.send_at, reverse=True)


DEFAULT_HORIZON_DAYS = 14


class MailingList(Folder):
    fields = ("title", "description", "sender_name", "sender_email", "reply_to", "cadence",
              "public_signup", "horizon_days")
    # How many days ahead an issue announces public sessions (class default for
    # lists stored before the setting existed).
    horizon_days = DEFAULT_HORIZON_DAYS

    def __init__(self, title, sender_email, description="", sender_name="", reply_to="",
                 cadence="weekly", public_signup=True, horizon_days=DEFAULT_HORIZON_DAYS):
        super().__init__()
        self.title, self.description = title, description
        self.sender_name, self.sender_email, self.reply_to = sender_name, sender_email, reply_to
        self.cadence, self.public_signup = cadence, public_signup
        self.horizon_days = horizon_days
        self.created = now()

    def update(self, **values):
        for key in self.fields:
            if key in values:
                setattr(self, key, values[key])

    def cadence_title(self):
        return dict(CADENCES).get(self.cadence, self.cadence)

    def issues(self):
        return sorted(self.values(), key=lambda i: i.created, reverse=True)

    def last_sent(self):
        sent = [i for i in self.values() if i.state == QUEUED]
        return max(sent, key=lambda i: i.send_at, default=None)

    def add_issue(self, issue):
        return self.add(issue, name=self.unique_name(issue.created.strftime("%Y-%m-%d")))


DRAFT, QUEUED = "draft", "queued"


def included(items):
    """The entries of a section that go out (not left out by the coordinator)."""
    return [i for i in items if not i.get("left_out")]


class Issue(Persistent):
    """One edition: sections assembled from the portal, then edited.

    A section is a dict ``{key, title, default_title, text, items}``; an item
    ``{title, url, text, date, links: [(label, url)]}``. Sections are replaced
    as a whole on every change, so ZODB sees each edit.
    """

    content_type = "issue"
    __name__ = None
    __parent__ = None

    def __init__(self, title, period_start, period_end, sections=()):
        self.uid = secrets.token_hex(8)
        self.title = title
        self.period_start, self.period_end = period_start, period_end
        self.sections = PersistentList(sections)
        self.state = DRAFT
        self.created = self.modified = now()
        self.send_at = None
        self.queued_at = None
        self.queued_by = None
        self.recipient_count = None
        self.test_sends = PersistentList()

    @property
    def mailing_list(self):
        return self.__parent__

    @property
    def published(self):
        """Public from the moment it goes out; a scheduled issue waits for its time."""
        return self.state == QUEUED and self.send_at is not None and self.send_at <= now()

    @property
    def __acl__(self):
        acl = [(Allow, "role:admin", ALL_PERMISSIONS)]
        if not self.published:
            acl.append((Deny, Everyone, VIEW))
        return acl

    # -- content -----------------------------------------------------------
    def set_sections(self, sections):
        if self.state != DRAFT:
            raise WorkflowError(_("Eine versendete Ausgabe wird nicht mehr geändert."))
        self.sections = PersistentList(sections)
        self.modified = now()

    def replace_section(self, index, section):
        sections = list(self.sections)
        sections[index] = section
        self.set_sections(sections)

    def move_section(self, index, direction):
        """Move a section one place up (-1) or down (+1); a free-text section can
        so go anywhere. Out of range is refused (``IndexError``)."""
        target = index + direction
        if direction not in (-1, 1) or not (0 <= index < len(self.sections)
                                            and 0 <= target < len(self.sections)):
            raise IndexError(index)
        sections = list(self.sections)
        sections[index], sections[target] = sections[target], sections[index]
        self.set_sections(sections)

    def toggle_item(self, section_index, item_index):
        """Leave an entry out of the issue, or bring it back: it stays in the draft,
        marked ``left_out``, so one click undoes it. Returns the new state."""
        if not 0 <= section_index < len(self.sections):
            raise IndexError(section_index)
        section = dict(self.sections[section_index])
        items = [dict(i) for i in section.get("items", ())]
        if not 0 <= item_index < len(items):
            raise IndexError(item_index)
        items[item_index]["left_out"] = not items[item_index].get("left_out")
        section["items"] = items
        self.replace_section(section_index, section)
        return items[item_index]["left_out"]

    def is_empty(self):
        return not any(s.get("text", "").strip() or included(s.get("items", ()))
                       for s in self.sections)

    def search_data(self):
        parts = [self.title]
        for section in self.sections:
            parts += [section.get("title", ""), section.get("text", "")]
            for item in included(section.get("items", ())):
                parts += [item.get("title", ""), item.get("text", "")]
        return {"title": self.title, "text": "\n".join(p for p in parts if p),
                "date": self.send_at or self.created, "body": None, "field_of_action": None,
                "status": "sent" if self.published else self.state}

    # -- sending -------------------------------------------------------------
    def check_sendable(self):
        if self.state != DRAFT:
            raise WorkflowError(_("Diese Ausgabe ist schon versendet oder zum Versand eingeplant; "
                                  "sie wird kein zweites Mal verschickt."))
        if self.is_empty():
            raise WorkflowError(_("Die Ausgabe ist leer. Bitte fügen Sie Inhalte hinzu, bevor Sie "
                                  "sie versenden."))

    def mark_queued(self, recipient_count, send_at, userid=None):
        self.check_sendable()
        if recipient_count < 1:
            raise WorkflowError(_("Die Liste hat keine bestätigten Empfängerinnen und Empfänger."))
        self.state = QUEUED
        self.recipient_count = recipient_count
        self.queued_at = now()
        self.send_at = max(send_at or self.queued_at, self.queued_at)
        self.queued_by = userid
        self.modified = self.queued_at
