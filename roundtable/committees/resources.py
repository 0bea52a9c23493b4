"""Council committees: external bodies of the town council.

The round table does not run these bodies; the coordinator keeps what the
board needs to address a motion to them: the responsible department
(Fachbereich) and its contact, the committee's page in the council
information system, the known meeting dates and the submission deadline
(a motion must reach the department some days before the meeting).
"""
from datetime import timedelta

from persistent import Persistent

from ..folder import Folder
from ..timeutil import DEFAULT_TZ, now, to_local

DEFAULT_DEADLINE_DAYS = 21


class Committee(Persistent):
    """One council committee with its meeting dates (aware UTC datetimes)."""

    __name__ = None
    __parent__ = None

    fields = ("name", "short_name", "department", "contact", "url", "meeting_dates",
              "deadline_days", "description")

    # when the record was made and last changed (published through OParl); class
    # defaults, so committees stored before they were kept read as "unknown"
    created = modified = None

    def __init__(self, name, short_name="", department="", contact="", url="",
                 meeting_dates=(), deadline_days=DEFAULT_DEADLINE_DAYS, description=""):
        self.name = name
        self.short_name = short_name
        self.department = department
        self.contact = contact
        self.url = url
        self.meeting_dates = tuple(sorted(meeting_dates))
        self.deadline_days = deadline_days
        self.description = description
        self.created = self.modified = now()

    @property
    def title(self):
        return self.name

    def update(self, **values):
        for key, value in values.items():
            if key not in self.fields:
                raise AttributeError(key)
            if key == "meeting_dates":
                value = tuple(sorted(value))
            setattr(self, key, value)
        self.modified = now()

    def field_values(self):
        return {name: getattr(self, name) for name in self.fields}

    # search contract: what the committee's public page shows
    content_type = "committee"

    def search_data(self):
        text = " ".join(t for t in (self.short_name, self.department, self.description) if t)
        return {"title": self.name, "text": text, "date": None, "body": None,
                "field_of_action": None, "status": None, "names": [self.short_name]}

    def submission_deadline(self, meeting_start):
        """The last day (a local date) a motion must reach the department to be
        treated in the meeting starting at ``meeting_start``."""
        return to_local(meeting_start, DEFAULT_TZ).date() - timedelta(days=self.deadline_days)

    def upcoming_meetings(self, at=None):
        at = at or now()
        return [d for d in self.meeting_dates if d >= at]

    def past_meetings(self, at=None):
        at = at or now()
        return [d for d in self.meeting_dates if d < at]

    def next_meeting(self, at=None):
        upcoming = self.upcoming_meetings(at)
        return upcoming[0] if upcoming else None

    def deadlines_between(self, start, end):
        """(meeting start, deadline date) for meetings starting in [start, end)."""
        return [(d, self.submission_deadline(d)) for d in self.meeting_dates if start <= d < end]


class Committees(Folder):
    """The container at ``/committees/``; public to read, the coordinator edits."""

    freshness_section = "committees"  # see roundtable.freshness

    title = "Ratsausschüsse"

    def ordered(self):
        return sorted(self.values(), key=lambda c: c.name.casefold())

    def add_committee(self, committee):
        return self.add(committee, title=committee.name)

    def name_taken(self, name, exclude=None):
        key = name.strip().casefold()
        return any(c.name.strip().casefold() == key and c is not exclude for c in self.values())
