"""A motion's treatment in one council committee (a persistent record).

Its own module so that both the motion (``resources``) and its lifecycle steps
(``lifecycle``) can use it without importing each other; ``resources``
re-exports it, under which older databases pickled it.
"""
from persistent import Persistent

from ..timeutil import now
from .workflow import CONSULTATION_ROLES, RESULTS


class Consultation(Persistent):
    """The treatment of a motion in one council committee on one date."""

    # class defaults, so consultations stored before they existed read the same
    sequence = 0      # bumped when date or committee change (iCalendar SEQUENCE)
    changes = ()      # earlier dates and committees: {"at", "by", "start", "committee_id"}

    def __init__(self, id, committee_id, start, role, document_ref="", document_url="",
                 by=None):
        self.id = id
        self.committee_id = committee_id
        self.start = start              # aware UTC datetime of the committee's meeting
        self.role = role                # key of CONSULTATION_ROLES
        self.document_ref = document_ref
        self.document_url = document_url
        self.result = None              # key of RESULTS once known
        self.result_note = ""
        self.result_at = None
        self.result_by = None
        self.by = by
        self.created = now()

    def has_met(self, at=None):
        """Whether the committee meeting has begun: only then is a result recorded."""
        return self.start <= (at or now())

    @property
    def role_title(self):
        return dict(CONSULTATION_ROLES).get(self.role, self.role)

    @property
    def result_title(self):
        return dict(RESULTS).get(self.result, "") if self.result else ""
