"""The steps of a motion's lifecycle with their preconditions.

Each step checks what it needs (a linked agenda item, an earlier step's date,
a consultation before a decision) and refuses with a message for the user
(``WorkflowError``) before anything changes; then ``motion_workflow`` records
the state change with who and when, and the history entry gets the step's own
date (the day of the meeting, of the submission ...) for the timeline.
"""
from persistent.list import PersistentList

from ..i18n import _
from ..meetings.agenda import AgendaItem
from ..timeutil import DEFAULT_TZ, now, to_local
from ..workflow import WorkflowError
from .consultation import Consultation
from .workflow import (ADOPTED, CONSULTATION_ROLES, DECIDED, IMPLEMENTATION, IN_CONSULTATION,
                       ON_AGENDA, RESULTS, SUBMITTED, TRANSITIONS, motion_workflow)


def _fmt(day):
    return day.strftime("%d.%m.%Y")


def local_date(dt):
    return to_local(dt, DEFAULT_TZ).date()


class MotionLifecycle:
    """Mixed into ``Motion``: the lifecycle steps and the dates they recorded."""

    def _step(self, name, userid, day=None, note="", **extra):
        motion_workflow.transition(self, name, userid=userid, note=note)
        entry = dict(self.history[-1])
        entry["date"] = day or local_date(entry["at"])
        entry.update(extra)
        self.history[-1] = entry
        self.modified = now()

    def step_date(self, target):
        """The date of the last step into ``target`` (None if it never happened)."""
        for entry in reversed(self.history):
            if entry["to"] == target:
                return entry.get("date")
        return None

    def adopted_at(self):
        for entry in reversed(self.history):
            if entry["to"] == ADOPTED:
                return entry["at"]
        return None

    def available_steps(self, request=None):
        return motion_workflow.available(self, request)

    # -- round table ------------------------------------------------------
    def agenda_item(self):
        from pyramid.traversal import find_resource, find_root

        if not self.agenda_item_path:
            return None
        try:
            return find_resource(find_root(self), self.agenda_item_path)
        except KeyError:
            return None

    def schedule(self, item, userid):
        """Put the draft on the agenda of a round-table meeting (links both ways)."""
        from pyramid.traversal import resource_path

        if self.state != "draft":
            raise WorkflowError(_("Nur ein Entwurf kann auf die Tagesordnung gesetzt werden."))
        if item is None or item.meeting is None:
            raise WorkflowError(_("Bitte wählen Sie einen Tagesordnungspunkt einer Sitzung."))
        self.agenda_item_path = resource_path(item)
        if self.__name__ not in item.motion_ids:
            item.motion_ids = tuple(item.motion_ids) + (self.__name__,)
        self._step("schedule", userid, day=local_date(item.meeting.start),
                   meeting=resource_path(item.meeting))

    def put_on_agenda(self, meeting, userid):
        """Give the draft its own item (next number, the motion's title) on the
        agenda of ``meeting`` and schedule it there; returns the item."""
        if self.state != "draft":
            raise WorkflowError(_("Nur ein Entwurf kann auf die Tagesordnung gesetzt werden."))
        if meeting is None or meeting.status == "cancelled":
            raise WorkflowError(_("Bitte wählen Sie eine Sitzung des Runden Tisches."))
        agenda = meeting.agenda
        item = agenda.add_item(AgendaItem(agenda.next_number(), self.title))
        self.schedule(item, userid)
        return item

    def unschedule(self, userid):
        item = self.agenda_item()
        if item is not None:
            item.motion_ids = tuple(m for m in item.motion_ids if m != self.__name__)
        self._step("unschedule", userid)
        self.agenda_item_path = None

    def meeting(self):
        item = self.agenda_item()
        return item.meeting if item is not None else None

    def adopt(self, userid, decision=None, reference=None, day=None):
        """Record the round table's adoption: the decision text and votes from the
        minutes, and a reference number (the next free one, or ``reference``)."""
        if self.state != ON_AGENDA:
            raise WorkflowError(_("Nur ein Antrag auf der Tagesordnung kann beschlossen werden."))
        day = day or self._meeting_day()
        self._check_meeting_held(day)
        register = self.__parent__
        register.assign_reference(self, day.year, reference)
        self.adopted_on = day
        self.decision = dict(decision) if decision else None
        self._step("adopt", userid, day=day)

    def reject(self, userid, decision=None, day=None):
        if self.state != ON_AGENDA:
            raise WorkflowError(_("Nur ein Antrag auf der Tagesordnung kann abgelehnt werden."))
        day = day or self._meeting_day()
        self._check_meeting_held(day)
        self.decision = dict(decision) if decision else None
        self._step("reject", userid, day=day)

    def _meeting_day(self):
        meeting = self.meeting()
        if meeting is None:
            raise WorkflowError(_("Der Antrag ist mit keinem Tagesordnungspunkt verknüpft."))
        return local_date(meeting.start)

    def _check_meeting_held(self, day):
        if day > local_date(now()):
            raise WorkflowError(_("Die Sitzung vom ${date} hat noch nicht stattgefunden.",
                                  mapping={"date": _fmt(day)}))

    def withdraw(self, userid, note=""):
        self._step("withdraw", userid, note=note)

    # -- council ----------------------------------------------------------
    def submit(self, userid, day):
        """Submitted to the department on ``day``: only after adoption, not before it."""
        if self.state != ADOPTED:
            raise WorkflowError(_("Nur ein vom Runden Tisch beschlossener Antrag kann "
                                  "eingereicht werden."))
        if self.adopted_on and day < self.adopted_on:
            raise WorkflowError(_("Das Datum der Einreichung liegt vor dem Beschluss "
                                  "(${date}).", mapping={"date": _fmt(self.adopted_on)}))
        if day > local_date(now()):
            raise WorkflowError(_("Das Datum der Einreichung liegt in der Zukunft."))
        self.submitted_on = day
        self._step("submit", userid, day=day)

    def consultation(self, cid):
        for c in self.consultations:
            if c.id == cid:
                return c
        return None

    def _check_consultation(self, states, start, role):
        """What a new or changed consultation must meet, else WorkflowError."""
        if self.state not in states:
            raise WorkflowError(_("Beratungen werden erst nach der Einreichung eingetragen."))
        if role not in dict(CONSULTATION_ROLES):
            raise WorkflowError(_("Unbekannte Art der Beratung."))
        if self.submitted_on and local_date(start) < self.submitted_on:
            raise WorkflowError(_("Die Beratung liegt vor der Einreichung (${date}).",
                                  mapping={"date": _fmt(self.submitted_on)}))

    def add_consultation(self, userid, committee_id, start, role, document_ref="",
                         document_url=""):
        """A treatment in a council committee; the first one moves a submitted
        motion to "in Beratung"."""
        self._check_consultation((SUBMITTED, IN_CONSULTATION), start, role)
        cid = max((c.id for c in self.consultations), default=0) + 1
        consultation = Consultation(cid, committee_id, start, role, document_ref, document_url,
                                    by=userid)
        self.consultations.append(consultation)
        if self.state == SUBMITTED:
            self._step("consult", userid, day=local_date(start))
        self.modified = now()
        return consultation

    def change_consultation(self, userid, cid, committee_id, start, role, document_ref="",
                            document_url=""):
        """Correct a consultation: the council moves its meetings and numbers its
        documents later. A new date or committee is kept in the consultation's
        own record of changes and bumps its sequence (calendar clients then
        replace the event instead of keeping the old date)."""
        consultation = self.consultation(cid)
        if consultation is None:
            raise WorkflowError(_("Diese Beratung gibt es nicht."))
        self._check_consultation((SUBMITTED, IN_CONSULTATION, DECIDED, IMPLEMENTATION), start,
                                 role)
        if consultation.result and start > now():
            raise WorkflowError(_("Zu dieser Beratung ist schon ein Ergebnis eingetragen; sie "
                                  "kann nicht in die Zukunft verlegt werden."))
        if (start, committee_id) != (consultation.start, consultation.committee_id):
            if not isinstance(consultation.changes, PersistentList):   # the class default
                consultation.changes = PersistentList()
            consultation.changes.append({"at": now(), "by": userid, "start": consultation.start,
                                         "committee_id": consultation.committee_id})
            consultation.sequence += 1
        consultation.committee_id, consultation.start, consultation.role = committee_id, start, role
        consultation.document_ref, consultation.document_url = document_ref, document_url
        self.modified = now()
        return consultation

    def ordered_consultations(self):
        return sorted(self.consultations, key=lambda c: (c.start, c.id))

    def record_result(self, userid, cid, result, note=""):
        consultation = self.consultation(cid)
        if consultation is None:
            raise WorkflowError(_("Diese Beratung gibt es nicht."))
        if result not in dict(RESULTS):
            raise WorkflowError(_("Bitte wählen Sie ein Ergebnis."))
        if self.state not in (IN_CONSULTATION, DECIDED, IMPLEMENTATION):
            raise WorkflowError(_("Ergebnisse werden nur zu laufenden Beratungen eingetragen."))
        if consultation.start > now():
            raise WorkflowError(_("Die Sitzung am ${date} hat noch nicht stattgefunden; das "
                                  "Ergebnis kann erst danach eingetragen werden.",
                                  mapping={"date": _fmt(local_date(consultation.start))}))
        consultation.result = result
        consultation.result_note = note
        consultation.result_at = now()
        consultation.result_by = userid
        self.modified = now()
        return consultation

    def decide(self, userid):
        """The council has decided: needs at least one consultation with a result."""
        if not self.consultations:
            raise WorkflowError(_("Ohne Beratung in einem Ausschuss kann der Antrag nicht "
                                  "als entschieden eingetragen werden."))
        decided = [c for c in self.consultations if c.result]
        if not decided:
            raise WorkflowError(_("Bitte tragen Sie zuerst das Ergebnis einer Beratung ein."))
        if self.state != IN_CONSULTATION:
            raise WorkflowError(_("Dieser Schritt ist im Zustand „${state}“ nicht möglich.",
                                  mapping={"state": self.state_title}))
        last = max(decided, key=lambda c: c.start)
        self._step("decide", userid, day=local_date(last.start), result=last.result)

    # -- implementation -----------------------------------------------------
    def add_note(self, userid, day, text):
        """A dated note on the implementation; the first one starts "Umsetzung"."""
        if self.state not in (DECIDED, IMPLEMENTATION):
            raise WorkflowError(_("Notizen zur Umsetzung gibt es erst nach der Entscheidung."))
        decided = self.step_date(DECIDED)
        if decided and day < decided:
            raise WorkflowError(_("Das Datum liegt vor der Entscheidung (${date}).",
                                  mapping={"date": _fmt(decided)}))
        if day > local_date(now()):
            raise WorkflowError(_("Das Datum liegt in der Zukunft."))
        if not (text or "").strip():
            raise WorkflowError(_("Bitte beschreiben Sie den Stand der Umsetzung."))
        self.notes.append({"date": day, "text": text.strip(), "by": userid, "at": now()})
        if self.state == DECIDED:
            self._step("implement", userid, day=day)
        self.modified = now()

    def ordered_notes(self):
        return sorted(self.notes, key=lambda n: (n["date"], n["at"]))

    def complete(self, userid, day=None):
        self._step("complete", userid, day=day)

    def step_title(self, name):
        return TRANSITIONS[name][3]


def today():
    return local_date(now())

