"""The OParl object types this API serves, by the name used in their URLs."""
from .files import FileKind
from .organizations import MembershipKind, OrganizationKind, PersonKind
from .papers import ConsultationKind, PaperKind
from .sessions import AgendaItemKind, LocationKind, MeetingKind
from .system import BodyKind, LegislativeTermKind, SystemKind

KINDS = {kind.name: kind for kind in (
    SystemKind(), BodyKind(), LegislativeTermKind(), OrganizationKind(), PersonKind(),
    MembershipKind(), MeetingKind(), AgendaItemKind(), LocationKind(), FileKind(), PaperKind(),
    ConsultationKind(),
)}

# the kinds with a list under the body (Body.organization, Body.meeting, ...)
LISTED = frozenset(name for name, kind in KINDS.items() if kind.listed)
