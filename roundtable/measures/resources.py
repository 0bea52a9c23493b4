"""The integration concept: concepts, fields of action, goals, measures and indicators.

``/concept/`` (``Concepts``) holds the concepts (``Concept``, one per period,
e.g. 2023–2027); each holds its measures and, below them, the yearly status
rounds and implementation reports (``rounds.py``). Fields of action and goals
are plain records inside their concept: they have no page of their own, the
concept's page shows them with their measures.

Who sees what: the published concept, its measures and indicators and the
published reports are public. The coordinator (``role:admin``) edits; the
members of a steering group hold the local role ``steering`` on ``/concept/``
and see the dashboard, the round's answers and internal notes (``STEER``).
"""
from datetime import date

from persistent import Persistent
from persistent.list import PersistentList
from BTrees.OOBTree import OOBTree
from pyramid.authorization import ALL_PERMISSIONS, Allow, Deny, Everyone

from ..folder import Folder
from ..i18n import _
from ..security import VIEW
from ..text import slugify
from ..timeutil import now
from ..workflow import WorkflowError

STEER = "steer"   # the steering group's view: dashboard, answers, internal notes

NOT_STARTED, IN_PROGRESS, DONE, DELAYED, STOPPED = (
    "not_started", "in_progress", "done", "delayed", "stopped")
STATUSES = (
    (NOT_STARTED, _("nicht begonnen")),
    (IN_PROGRESS, _("in Umsetzung")),
    (DONE, _("abgeschlossen")),
    (DELAYED, _("verzögert")),
    (STOPPED, _("eingestellt")),
)
CLOSED = (DONE, STOPPED)
CARRY_OVER = (
    ("continued", _("fortgeführt")),
    ("changed", _("geändert")),
    ("dropped", _("entfallen")),
)
# a measure open for longer than this without a status update is flagged
UPDATE_INTERVAL_DAYS = 365


def status_title(status):
    return dict(STATUSES).get(status, status)


def mean_progress(measures):
    """The plain mean of the measures' progress (0 when there are none)."""
    values = [m.progress for m in measures if m.status != STOPPED]
    return round(sum(values) / len(values)) if values else 0


class Goal(Persistent):
    def __init__(self, key, title):
        self.key = key
        self.title = title


class FieldOfAction(Persistent):
    """A field of action with its guiding statement and its goals."""

    def __init__(self, key, title, statement=""):
        self.key = key
        self.title = title
        self.statement = statement
        self.goals = PersistentList()

    def goal(self, key):
        return next((g for g in self.goals if g.key == key), None)

    def add_goal(self, title):
        keys = {g.key for g in self.goals}
        base = slugify(title, "ziel")[:40]
        key, n = base, 1
        while key in keys:
            n += 1
            key = f"{base}-{n}"
        goal = Goal(key, title)
        self.goals.append(goal)
        return goal


class Indicator(Persistent):
    """How a measure's effect is measured: a baseline, a target and values over time."""

    def __init__(self, name, unit="", baseline=None, target=None, target_date=None):
        self.name = name
        self.unit = unit
        self.baseline = baseline
        self.target = target
        self.target_date = target_date
        self.values = PersistentList()   # {"date", "value", "source"}, kept in date order

    def add_value(self, on, value, source=""):
        self.values.append({"date": on, "value": value, "source": source})
        self.values.sort(key=lambda v: v["date"])

    @property
    def latest(self):
        return self.values[-1] if self.values else None

    def value_in(self, year):
        """The last value measured in ``year`` (None if none)."""
        found = [v for v in self.values if v["date"].year == year]
        return found[-1] if found else None


class Measure(Persistent):
    """One measure of the concept: who does what by when, and where it stands."""

    content_type = "measure"
    __name__ = None
    __parent__ = None

    # class defaults: attributes a later version may add read the same on old records
    internal_note = ""
    predecessor = None      # path of the measure in the previous concept
    carried = ""            # how the next concept took it over (CARRY_OVER key)

    def __init__(self, title, field_key, goal_key, number="", description="", responsible="",
                 involved=(), planned_start=None, planned_end=None, body_id="",
                 motion_ids=(), meeting_paths=()):
        self.title = title
        self.number = number
        self.description = description
        self.field_key = field_key
        self.goal_key = goal_key
        self.responsible = responsible        # a key of ``Concepts.responsible_choices``
        self.involved = tuple(involved)      # organisation names
        self.planned_start = planned_start
        self.planned_end = planned_end
        self.actual_start = None
        self.actual_end = None
        self.status = NOT_STARTED
        self.progress = 0
        self.body_id = body_id                # the working group that carries it
        self.motion_ids = tuple(motion_ids)
        self.meeting_paths = tuple(meeting_paths)
        self.history = PersistentList()       # status changes with their justification
        self.year_reports = OOBTree()         # year -> short report text from the round
        self.indicator = None
        self.created = self.modified = now()

    @property
    def concept(self):
        return self.__parent__

    @property
    def field(self):
        return self.concept.field(self.field_key) if self.concept is not None else None

    @property
    def goal(self):
        field = self.field
        return field.goal(self.goal_key) if field is not None else None

    @property
    def status_title(self):
        return status_title(self.status)

    @property
    def label(self):
        return f"{self.number} {self.title}".strip()

    @property
    def last_update(self):
        return self.history[-1]["at"] if self.history else self.created

    def update(self, **values):
        for key, value in values.items():
            setattr(self, key, value)
        self.modified = now()

    def set_status(self, status, justification, progress=None, by=None, at=None, on=None,
                   round_year=None):
        """Change status and progress; every change of status needs a justification.

        ``on`` (a date) is when it happened: starting sets the actual start,
        finishing or stopping the actual end. ``round_year`` names the status
        round the change came from: it belongs to that year's report even when
        it is accepted early in the next.
        """
        if status not in dict(STATUSES):
            raise WorkflowError(_("Unbekannter Status."))
        justification = (justification or "").strip()
        if status != self.status and not justification:
            raise WorkflowError(_("Bitte begründen Sie die Änderung des Status."))
        if progress is not None and not 0 <= progress <= 100:
            raise WorkflowError(_("Der Fortschritt muss zwischen 0 und 100 Prozent liegen."))
        at = at or now()
        on = on or at.date()
        previous = self.status
        if progress is None:
            progress = 100 if status == DONE else self.progress
        if status == DONE:
            progress = 100
        if status in (IN_PROGRESS, DELAYED, DONE) and self.actual_start is None:
            self.actual_start = on
        if status in CLOSED and self.actual_end is None:
            self.actual_end = on
        if status not in CLOSED:
            self.actual_end = None
        self.status = status
        self.progress = progress
        self.history.append({"at": at, "by": by, "from": previous, "to": status,
                             "progress": progress, "justification": justification,
                             "round": round_year})
        self.modified = at

    def changes_in(self, year):
        """The changes reported for ``year``: from its round, or made during it."""
        return [h for h in self.history
                if (h.get("round") or h["at"].year) == year]

    # -- flags --------------------------------------------------------------
    def flags(self, today=None):
        """The steering group's warnings: late start, late end, no update for a year."""
        today = today or date.today()
        found = []
        if self.status == NOT_STARTED and self.planned_start and self.planned_start < today:
            found.append(("late_start", _("Beginn überfällig")))
        if self.status not in CLOSED and self.planned_end and self.planned_end < today:
            found.append(("late_end", _("Ende überfällig")))
        if self.status not in CLOSED and (
                today - self.last_update.date()).days > UPDATE_INTERVAL_DAYS:
            found.append(("no_update", _("Seit über einem Jahr ohne Statusmeldung")))
        return found

    # -- security and search ----------------------------------------------
    @property
    def __acl__(self):
        return self.concept.__acl__ if self.concept is not None else []

    def search_data(self):
        # the field's title goes into the text: the catalog's field_of_action
        # index holds the working groups' fixed keys, not a concept's own fields
        field, goal = self.field, self.goal
        text = " ".join(t for t in (field.title if field else "", goal.title if goal else "",
                                    self.description) if t)
        return {"title": self.label, "text": text, "date": self.modified, "status": self.status}


class Concept(Folder):
    """One integration concept (a period) with its fields of action and measures.

    The concept is a folder of measures; ``rounds`` and ``reports`` hold the
    status rounds and implementation reports by year (``rounds.py``).
    """

    content_type = "concept"
    predecessor = None   # name of the concept this one revised

    def __init__(self, title, period_start, period_end, adopted_on=None, document_url="",
                 introduction=""):
        super().__init__()
        self.title = title
        self.period_start = period_start   # year
        self.period_end = period_end       # year
        self.adopted_on = adopted_on       # the council's decision
        self.document_url = document_url
        self.introduction = introduction
        self.published = False
        self.fields = PersistentList()
        self.created = self.modified = now()

    @property
    def period(self):
        return f"{self.period_start}–{self.period_end}"

    @property
    def __acl__(self):
        acl = [(Allow, "role:admin", ALL_PERMISSIONS), (Allow, "local:steering", (VIEW, STEER))]
        if self.published:
            return acl + [(Allow, Everyone, VIEW), (Deny, Everyone, STEER)]
        return acl + [(Deny, Everyone, ALL_PERMISSIONS)]

    # -- fields and goals -------------------------------------------------------
    def field(self, key):
        return next((f for f in self.fields if f.key == key), None)

    def add_field(self, title, statement=""):
        base = slugify(title, "feld")[:40]
        key, n = base, 1
        while self.field(key) is not None:
            n += 1
            key = f"{base}-{n}"
        field = FieldOfAction(key, title, statement)
        self.fields.append(field)
        return field

    def field_by_title(self, title):
        wanted = (title or "").strip().casefold()
        return next((f for f in self.fields if f.title.casefold() == wanted), None)

    # -- measures ----------------------------------------------------------------
    def measures(self):
        found = [m for m in self.values() if isinstance(m, Measure)]
        return sorted(found, key=lambda m: (_number_key(m.number), m.title))

    def add_measure(self, measure):
        if self.field(measure.field_key) is None or self.field(measure.field_key).goal(
                measure.goal_key) is None:
            raise WorkflowError(_("Handlungsfeld oder Ziel gibt es in diesem Konzept nicht."))
        return self.add(measure, name=self.unique_name(measure.number or measure.title, "massnahme"))

    def measures_of(self, field_key=None, goal_key=None):
        return [m for m in self.measures()
                if (field_key is None or m.field_key == field_key)
                and (goal_key is None or m.goal_key == goal_key)]

    def progress_of(self, field_key=None, goal_key=None):
        """Progress rolled up: a goal is the mean of its measures, a field the
        mean of its goals, the concept the mean of its fields."""
        if goal_key is not None:
            return mean_progress(self.measures_of(field_key, goal_key))
        if field_key is not None:
            field = self.field(field_key)
            goals = [g for g in field.goals if self.measures_of(field_key, g.key)]
            if not goals:
                return 0
            return round(sum(self.progress_of(field_key, g.key) for g in goals) / len(goals))
        fields = [f for f in self.fields if self.measures_of(f.key)]
        if not fields:
            return 0
        return round(sum(self.progress_of(f.key) for f in fields) / len(fields))

    def status_counts(self):
        counts = {key: 0 for key, _title in STATUSES}
        for measure in self.measures():
            counts[measure.status] = counts.get(measure.status, 0) + 1
        return counts

    def flagged(self, today=None):
        return [(m, m.flags(today)) for m in self.measures() if m.flags(today)]

    def search_data(self):
        return {"title": self.title, "text": self.introduction, "date": self.modified}


def _number_key(number):
    """"1.10" sorts after "1.9": numbers compared part by part."""
    parts = []
    for part in (number or "").split("."):
        parts.append((0, int(part), "") if part.isdigit() else (1, 0, part))
    return parts


class Concepts(Folder):
    """``/concept/``: every concept, and the units of the administration that
    can be responsible for measures (they are not in the register)."""

    title = _("Integrationskonzept")
    __acl__ = [(Allow, "role:admin", ALL_PERMISSIONS), (Allow, "local:steering", STEER)]
    freshness_section = "concept"  # see roundtable.freshness

    def __init__(self):
        super().__init__()
        self.units = OOBTree()   # key -> {"title", "email"}

    def local_roles_for(self, person_id):
        """Members of a steering group are ``local:steering`` here."""
        bodies = self.__parent__.get("bodies") if self.__parent__ is not None else None
        if bodies is None:
            return set()
        today = date.today()
        for body in bodies.values():
            if getattr(body, "kind", None) == "steering" and body.active:
                if any(m.person_id == person_id for m in body.current_memberships(today)):
                    return {"steering"}
        return set()

    def concepts(self):
        return sorted(self.values(), key=lambda c: c.period_start, reverse=True)

    def current(self, public_only=False):
        """The newest (published) concept, or None."""
        for concept in self.concepts():
            if concept.published or not public_only:
                return concept
        return None

    def add_unit(self, title, email=""):
        base = "unit." + slugify(title, "einheit")[:40]
        key, n = base, 1
        while key in self.units:
            n += 1
            key = f"{base}-{n}"
        self.units[key] = {"title": title.strip(), "email": email.strip()}
        return key
