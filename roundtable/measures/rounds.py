"""The yearly status round and the implementation reports of a concept.

A round for a reporting year asks every responsible once, by mail with a
personal link (signed like the meeting reply links, ``meetings.tokens``), where
their measures stand. Their answer is kept apart from the measures until the
coordinator accepts it: only then do status, progress, the year's report text
and indicator values reach the measures, and so the public pages.
"""
from datetime import date

from persistent import Persistent
from persistent.list import PersistentList
from BTrees.OOBTree import OOBTree
from pyramid.authorization import ALL_PERMISSIONS, Allow, Deny, Everyone

from ..folder import Folder
from ..i18n import _
from ..security import VIEW
from ..timeutil import now
from ..workflow import WorkflowError
from .resources import CLOSED, STEER

ANSWER_FIELDS = ("status", "progress", "report", "justification",
                 "indicator_value", "indicator_date", "indicator_source")


class Answer(Persistent):
    """One responsible's answer: their measures' new figures, until accepted."""

    def __init__(self, key, title, email, measure_names):
        self.key = key
        self.title = title
        self.email = email
        self.measure_names = tuple(measure_names)
        self.sent_at = None
        self.reminders = PersistentList()
        self.submitted_at = None
        self.items = {}            # measure name -> dict of ANSWER_FIELDS
        self.accepted_at = None
        self.accepted_by = None

    @property
    def state(self):
        if self.accepted_at:
            return "accepted"
        if self.submitted_at:
            return "answered"
        return "open"

    @property
    def state_title(self):
        return {"accepted": _("übernommen"), "answered": _("beantwortet"),
                "open": _("offen")}[self.state]


class Round(Persistent):
    """The status round of one reporting year."""

    __name__ = None
    __parent__ = None

    def __init__(self, year, deadline=None, by=None):
        self.year = year
        self.deadline = deadline
        self.started_at = now()
        self.started_by = by
        self.answers = OOBTree()   # responsible key -> Answer

    __acl__ = [(Allow, "role:admin", ALL_PERMISSIONS), (Allow, "local:steering", (VIEW, STEER)),
               (Deny, Everyone, ALL_PERMISSIONS)]

    @property
    def title(self):
        return str(self.year)

    @property
    def concept(self):
        return self.__parent__.__parent__ if self.__parent__ is not None else None

    def ordered(self):
        return sorted(self.answers.values(), key=lambda a: a.title.casefold())

    def counts(self):
        states = [a.state for a in self.answers.values()]
        return {s: states.count(s) for s in ("open", "answered", "accepted")}

    @property
    def finished(self):
        return bool(self.answers) and all(a.state == "accepted" for a in self.answers.values())

    def submit(self, key, items, at=None):
        """Store a responsible's answer (again, until it is accepted)."""
        answer = self.answers[key]
        if answer.accepted_at:
            raise WorkflowError(_("Die Antwort ist bereits übernommen und kann nicht mehr "
                                  "geändert werden."))
        answer.items = {name: dict(items[name]) for name in answer.measure_names if name in items}
        answer.submitted_at = at or now()

    def accept(self, key, by=None, at=None):
        """Carry an answer into its measures; their history names the round."""
        answer = self.answers[key]
        if not answer.submitted_at:
            raise WorkflowError(_("Diese Stelle hat noch nicht geantwortet."))
        if answer.accepted_at:
            raise WorkflowError(_("Die Antwort ist bereits übernommen."))
        at = at or now()
        concept = self.concept
        for name, item in answer.items.items():
            measure = concept.get(name)
            if measure is None:
                continue
            justification = item.get("justification") or item.get("report") or ""
            measure.set_status(item["status"], justification, item.get("progress"), by=by, at=at,
                               on=min(at.date(), date(self.year, 12, 31)), round_year=self.year)
            if item.get("report"):
                measure.year_reports[self.year] = item["report"]
            if measure.indicator is not None and item.get("indicator_value") is not None:
                measure.indicator.add_value(item.get("indicator_date") or at.date(),
                                            item["indicator_value"],
                                            item.get("indicator_source") or answer.title)
        answer.accepted_at = at
        answer.accepted_by = by


class Rounds(Folder):
    """The rounds of a concept, named by their year."""

    title = _("Statusabfragen")
    __acl__ = Round.__acl__

    def start(self, year, portal, resolve, deadline=None, by=None):
        """A new round asking every responsible of an open measure.

        ``resolve(portal, key)`` gives a responsible's (title, e-mail).
        Returns the round; refuses a year that has one already.
        """
        name = str(year)
        if name in self:
            raise WorkflowError(_("Für ${year} gibt es bereits eine Statusabfrage.",
                                  mapping={"year": year}))
        concept = self.__parent__
        by_key = {}
        for measure in concept.measures():
            if measure.responsible and measure.status not in CLOSED:
                by_key.setdefault(measure.responsible, []).append(measure.__name__)
        if not by_key:
            raise WorkflowError(_("Keine offene Maßnahme hat eine verantwortliche Stelle."))
        round_ = Round(year, deadline, by)
        self.add(round_, name=name)
        for key, names in by_key.items():
            title, email = resolve(portal, key) or (key, "")
            round_.answers[key] = Answer(key, title, email, names)
        return round_


class Report(Persistent):
    """The implementation report of one year: the coordinator's introduction;
    while a draft everything else is read from the concept and the round when
    shown. Publishing freezes it (``report.freeze``) into ``snapshot``: plain
    data the published page and files are rendered from. A published report
    cannot be edited; the coordinator may withdraw it to a draft, and every
    publication and withdrawal is recorded in ``history``."""

    content_type = "report"
    __name__ = None
    __parent__ = None
    # class defaults: reports published before snapshots existed read the same
    snapshot = None
    history = ()

    def __init__(self, year, introduction=""):
        self.year = year
        self.introduction = introduction
        self.published = False
        self.published_at = None
        self.modified = now()

    @property
    def concept(self):
        return self.__parent__.__parent__ if self.__parent__ is not None else None

    @property
    def title(self):
        return _("Umsetzungsbericht ${year}", mapping={"year": self.year})

    @property
    def __acl__(self):
        acl = [(Allow, "role:admin", ALL_PERMISSIONS), (Allow, "local:steering", (VIEW, STEER))]
        if self.published and self.concept is not None and self.concept.published:
            return acl + [(Allow, Everyone, VIEW), (Deny, Everyone, STEER)]
        return acl + [(Deny, Everyone, ALL_PERMISSIONS)]

    def publish(self, snapshot, by=None, at=None):
        """Publish with ``snapshot``, the frozen content (``report.freeze``)."""
        if self.published:
            raise WorkflowError(_("Der Bericht ist bereits veröffentlicht."))
        if not self.introduction.strip():
            raise WorkflowError(_("Bitte schreiben Sie zuerst die Einleitung des Berichts."))
        self.published = True
        self.published_at = at or now()
        self.modified = self.published_at
        self.snapshot = snapshot
        self._record("published", by, self.published_at)

    def withdraw(self, by=None, at=None):
        """Back to a draft (live again); the withdrawal stays on record."""
        if not self.published:
            raise WorkflowError(_("Der Bericht ist nicht veröffentlicht."))
        at = at or now()
        self.published = False
        self.published_at = None
        self.snapshot = None
        self.modified = at
        self._record("withdrawn", by, at)

    def _record(self, action, by, at):
        if not isinstance(self.history, PersistentList):
            self.history = PersistentList(self.history)
        self.history.append({"action": action, "by": by, "at": at})

    def search_data(self):
        concept = self.concept
        return {"title": f"Umsetzungsbericht {self.year}"
                         + (f" – {concept.title}" if concept is not None else ""),
                "text": self.introduction, "date": self.published_at or self.modified}


class Reports(Folder):
    title = _("Umsetzungsberichte")

    def report(self, year, create=False):
        name = str(year)
        if name not in self and create:
            self.add(Report(year), name=name)
        return self.get(name)

    def published(self):
        return sorted((r for r in self.values() if r.published), key=lambda r: -r.year)
