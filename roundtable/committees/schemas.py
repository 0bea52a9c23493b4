"""The committee form. Meeting dates are typed one per line (no JavaScript
needed), in local time, and stored as aware UTC datetimes."""
from datetime import datetime

import colander
import deform

from ..i18n import _
from ..timeutil import DEFAULT_TZ, format_local, to_utc
from .resources import Committee

DATE_FORMATS = ("%d.%m.%Y %H:%M", "%d.%m.%Y, %H:%M", "%Y-%m-%d %H:%M", "%d.%m.%Y", "%Y-%m-%d")
DEFAULT_HOUR = 17


def parse_meeting_dates(text):
    """Parse one date per line; returns (datetimes in UTC, [bad lines])."""
    dates, bad = [], []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        for fmt in DATE_FORMATS:
            try:
                value = datetime.strptime(line, fmt)
            except ValueError:
                continue
            if "%H" not in fmt:
                value = value.replace(hour=DEFAULT_HOUR)
            dates.append(to_utc(value, DEFAULT_TZ))
            break
        else:
            bad.append(line)
    return sorted(set(dates)), bad


def format_meeting_dates(dates):
    return "\n".join(format_local(d, DEFAULT_TZ, "%d.%m.%Y %H:%M") for d in dates)


def _url(node, value):
    if value and not value.startswith(("https://", "http://")):
        raise colander.Invalid(node, _("Bitte eine Adresse mit https:// angeben."))


def _dates(node, value):
    _parsed, bad = parse_meeting_dates(value)
    if bad:
        raise colander.Invalid(node, _("Nicht verstanden: ${lines}. Bitte je Zeile ein Datum wie "
                                       "„12.03.2026 17:00“.", mapping={"lines": ", ".join(bad[:3])}))


@colander.deferred
def _unique_name(node, kw):
    context = kw.get("context")
    committees = context.__parent__ if isinstance(context, Committee) else context
    current = context if isinstance(context, Committee) else None

    def check(node, value):
        if committees is not None and committees.name_taken(value, exclude=current):
            raise colander.Invalid(node, _("Einen Ausschuss mit diesem Namen gibt es schon."))
    return colander.All(colander.Length(1, 200), check)


class CommitteeSchema(colander.Schema):
    name = colander.SchemaNode(colander.String(), title=_("Name"), validator=_unique_name)
    short_name = colander.SchemaNode(colander.String(), title=_("Kurzname"), missing="",
                                     validator=colander.Length(0, 40))
    department = colander.SchemaNode(colander.String(), title=_("Zuständiger Fachbereich"),
                                     missing="", validator=colander.Length(0, 200))
    contact = colander.SchemaNode(
        colander.String(), title=_("Kontakt im Fachbereich"), missing="",
        description=_("Dienstliche Kontaktangaben der Geschäftsführung, z. B. Name und E-Mail."),
        validator=colander.Length(0, 500), widget=deform.widget.TextAreaWidget(rows=2))
    url = colander.SchemaNode(colander.String(), title=_("Seite im Ratsinformationssystem"),
                              missing="", validator=_url)
    deadline_days = colander.SchemaNode(
        colander.Integer(), title=_("Antragsfrist (Tage vor der Sitzung)"), default=21,
        validator=colander.Range(0, 120))
    meeting_dates = colander.SchemaNode(
        colander.String(), title=_("Sitzungstermine"), missing="", validator=_dates,
        description=_("Ein Termin je Zeile, z. B. „12.03.2026 17:00“ (Ortszeit)."),
        widget=deform.widget.TextAreaWidget(rows=6))
    description = colander.SchemaNode(
        colander.String(), title=_("Beschreibung"), missing="",
        validator=colander.Length(0, 5000), widget=deform.widget.TextAreaWidget(rows=4))


def committee_values(data):
    values = dict(data)
    values["meeting_dates"] = parse_meeting_dates(data["meeting_dates"])[0]
    return values


def committee_appstruct(committee):
    values = committee.field_values()
    values["meeting_dates"] = format_meeting_dates(committee.meeting_dates)
    return values
