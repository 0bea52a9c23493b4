"""The lifecycle of a motion as plain data: states, steps, what is public.

Entwurf → zur Beratung → beschlossen (or abgelehnt / zurückgezogen) →
eingereicht → in Beratung → entschieden → Umsetzung → erledigt. The steps'
preconditions (a linked agenda item, a consultation before a decision, dates
in order) are checked by the motion itself (``lifecycle.py``).
"""
from ..i18n import _
from ..security import EDIT
from ..workflow import Workflow

DRAFT = "draft"
ON_AGENDA = "on_agenda"
ADOPTED = "adopted"
REJECTED = "rejected"
WITHDRAWN = "withdrawn"
SUBMITTED = "submitted"
IN_CONSULTATION = "in_consultation"
DECIDED = "decided"
IMPLEMENTATION = "implementation"
DONE = "done"

STATES = (
    (DRAFT, _("Entwurf")),
    (ON_AGENDA, _("zur Beratung")),
    (ADOPTED, _("beschlossen")),
    (REJECTED, _("abgelehnt")),
    (WITHDRAWN, _("zurückgezogen")),
    (SUBMITTED, _("eingereicht")),
    (IN_CONSULTATION, _("in Beratung")),
    (DECIDED, _("entschieden")),
    (IMPLEMENTATION, _("Umsetzung")),
    (DONE, _("erledigt")),
)

# From adoption on a motion is public (the register); before, it is internal.
PUBLIC_STATES = (ADOPTED, SUBMITTED, IN_CONSULTATION, DECIDED, IMPLEMENTATION, DONE)

TRANSITIONS = {
    "schedule": ((DRAFT,), ON_AGENDA, EDIT, _("Auf die Tagesordnung setzen")),
    "unschedule": ((ON_AGENDA,), DRAFT, EDIT, _("Zurück in den Entwurf")),
    "adopt": ((ON_AGENDA,), ADOPTED, EDIT, _("Beschluss eintragen")),
    "reject": ((ON_AGENDA,), REJECTED, EDIT, _("Ablehnung eintragen")),
    "withdraw": ((DRAFT, ON_AGENDA, ADOPTED, SUBMITTED, IN_CONSULTATION), WITHDRAWN, EDIT,
                 _("Zurückziehen")),
    "submit": ((ADOPTED,), SUBMITTED, EDIT, _("Einreichung eintragen")),
    "consult": ((SUBMITTED,), IN_CONSULTATION, EDIT, _("Beratung eintragen")),
    "decide": ((IN_CONSULTATION,), DECIDED, EDIT, _("Als entschieden eintragen")),
    "implement": ((DECIDED,), IMPLEMENTATION, EDIT, _("Umsetzung beginnen")),
    "complete": ((DECIDED, IMPLEMENTATION), DONE, EDIT, _("Als erledigt eintragen")),
}

motion_workflow = Workflow(STATES, TRANSITIONS, DRAFT)

CONSULTATION_ROLES = (
    ("preliminary", _("Vorberatung")),
    ("decision", _("Entscheidung")),
    ("notice", _("Kenntnisnahme")),
)

RESULTS = (
    ("accepted", _("angenommen")),
    ("rejected", _("abgelehnt")),
    ("amended", _("geändert angenommen")),
    ("referred", _("verwiesen")),
    ("deferred", _("vertagt")),
)
