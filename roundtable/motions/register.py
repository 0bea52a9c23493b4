"""The register of motions at ``/motions/`` and its reference numbers.

A reference (``RT-2026/07``) is given on adoption: sequential per year, and
never given twice, even when a motion is withdrawn later or a reference was
typed by hand out of order. The container keeps the highest number per year
and every reference ever given.
"""
import re

from BTrees.OOBTree import OOBTree
from pyramid.authorization import Allow

from ..folder import Folder
from ..i18n import _
from ..security import ADD
from ..workflow import WorkflowError

REFERENCE = re.compile(r"^RT-(\d{4})/(\d{2,3})$")


def format_reference(year, number):
    return f"RT-{year}/{number:02d}"


def parse_reference(text):
    """(year, number) of a well-formed reference, else None."""
    match = REFERENCE.match((text or "").strip())
    if not match or int(match.group(2)) == 0:
        return None
    return int(match.group(1)), int(match.group(2))


class Motions(Folder):
    """All motions; board members (and the coordinator) add drafts here."""

    freshness_section = "motions"  # see roundtable.freshness

    title = "Anträge"
    __acl__ = [(Allow, "role:board", ADD)]

    def __init__(self):
        super().__init__()
        self.counters = OOBTree()      # year -> highest number given
        self.references = OOBTree()    # reference -> motion name, never removed

    def add_motion(self, motion):
        return self.add(motion, title=motion.title)

    def next_reference(self, year):
        number = self.counters.get(year, 0) + 1
        while format_reference(year, number) in self.references:
            number += 1
        return format_reference(year, number)

    def reference_problem(self, reference):
        """Why ``reference`` cannot be given (a message), or None."""
        if parse_reference(reference) is None:
            return _("Das Aktenzeichen muss wie „RT-2026/07“ aussehen.")
        if reference.strip() in self.references:
            return _("Das Aktenzeichen ${ref} ist bereits vergeben.",
                     mapping={"ref": reference.strip()})
        return None

    def assign_reference(self, motion, year, reference=None):
        if motion.reference:
            raise WorkflowError(_("Der Antrag hat bereits das Aktenzeichen ${ref}.",
                                  mapping={"ref": motion.reference}))
        if reference:
            problem = self.reference_problem(reference)
            if problem is not None:
                raise WorkflowError(problem)
            reference = reference.strip()
        else:
            reference = self.next_reference(year)
        ref_year, number = parse_reference(reference)
        self.references[reference] = motion.__name__
        self.counters[ref_year] = max(self.counters.get(ref_year, 0), number)
        motion.reference = reference
        return reference

    def remove_motion(self, motion):
        """Only drafts without a reference can be deleted; the record stays complete."""
        if motion.reference or motion.state != "draft":
            raise WorkflowError(_("Nur Entwürfe können gelöscht werden."))
        item = motion.agenda_item()
        if item is not None:
            item.motion_ids = tuple(m for m in item.motion_ids if m != motion.__name__)
        return self.remove(motion.__name__)
