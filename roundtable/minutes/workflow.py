"""The minutes' workflow: Entwurf → zur Genehmigung → genehmigt → veröffentlicht."""
from ..i18n import _
from ..security import EDIT
from ..workflow import Workflow

DRAFT, REVIEW, APPROVED, PUBLISHED = "draft", "review", "approved", "published"

# Who may: EDIT on minutes is held by the board, the coordinator and the body's
# chair while the minutes are not published (see Minutes.__acl__); publishing
# and corrections are the coordinator's and the board's ("publish").
PUBLISH = "publish"

minutes_workflow = Workflow(
    states=(
        (DRAFT, _("Entwurf")),
        (REVIEW, _("zur Genehmigung")),
        (APPROVED, _("genehmigt")),
        (PUBLISHED, _("veröffentlicht")),
    ),
    transitions={
        "submit": ((DRAFT,), REVIEW, EDIT, _("Zur Genehmigung vorlegen")),
        "revise": ((REVIEW,), DRAFT, EDIT, _("Zurück in den Entwurf")),
        "approve": ((REVIEW,), APPROVED, PUBLISH, _("Als genehmigt eintragen")),
        "publish": ((APPROVED,), PUBLISHED, PUBLISH, _("Veröffentlichen")),
    },
    initial=DRAFT,
)

