"""Forms of the privacy office: the retention periods, the audit log filter."""
import colander
import deform

from ..i18n import _
from .resources import PERIODS


def periods_schema():
    """One number of days per retention period (1 day to 10 years)."""
    schema = colander.Schema()
    for key, title, default in PERIODS:
        schema.add(colander.SchemaNode(
            colander.Integer(), name=key, title=title, missing=default,
            validator=colander.Range(1, 3650, min_err=_("Mindestens ein Tag."),
                                     max_err=_("Höchstens zehn Jahre (3650 Tage).")),
            description=_("Tage (Vorgabe: ${days})", mapping={"days": default}),
            widget=deform.widget.TextInputWidget(input_type="number")))
    return schema


class AuditFilter(colander.Schema):
    """The audit log's filter from the query string; bad values are ignored."""

    actor = colander.SchemaNode(colander.String(), missing="", validator=colander.Length(max=200))
    kind = colander.SchemaNode(colander.String(), missing="", validator=colander.Length(max=50))
    path = colander.SchemaNode(colander.String(), missing="", validator=colander.Length(max=300))
    since = colander.SchemaNode(colander.Date(), missing=None)
    until = colander.SchemaNode(colander.Date(), missing=None)
