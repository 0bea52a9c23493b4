"""Colander schemas for meetings, agenda items, uploads, attendance and minutes."""
from datetime import datetime

import colander
import deform

from ..i18n import _
from ..timeutil import to_utc
from .series import MAX_MEETINGS, RULES, series_dates
from .resources import ALLOWED_UPLOADS, PRESENCE, REPLIES, Agenda, AgendaItem

MAX_UPLOAD_MB = 20


def _url(node, value):
    if value and not value.startswith(("https://", "http://")):
        raise colander.Invalid(node, _("Bitte eine Adresse mit https:// angeben."))


class MeetingSchema(colander.Schema):
    title = colander.SchemaNode(colander.String(), title=_("Titel"),
                                validator=colander.Length(1, 200))
    date = colander.SchemaNode(colander.Date(), title=_("Datum"),
                               widget=deform.widget.DateInputWidget())
    start_time = colander.SchemaNode(colander.Time(), title=_("Beginn (Uhrzeit)"),
                                     widget=deform.widget.TimeInputWidget())
    end_time = colander.SchemaNode(colander.Time(), title=_("Ende (Uhrzeit)"),
                                   widget=deform.widget.TimeInputWidget())
    place_name = colander.SchemaNode(colander.String(), title=_("Ort", context="venue"), missing="",
                                     description=_("z. B. Rathaus, Sitzungssaal"))
    address = colander.SchemaNode(colander.String(), title=_("Adresse"), missing="")
    room = colander.SchemaNode(colander.String(), title=_("Raum"), missing="")
    accessibility = colander.SchemaNode(
        colander.String(), title=_("Hinweise zur Barrierefreiheit"), missing="",
        widget=deform.widget.TextAreaWidget(rows=2))
    online_url = colander.SchemaNode(colander.String(), title=_("Online-Teilnahme (Link)"),
                                     missing="", validator=_url)
    public = colander.SchemaNode(colander.Boolean(), title=_("Öffentliche Sitzung"),
                                 missing=False, default=True)
    notes = colander.SchemaNode(
        colander.String(), title=_("Hinweise für Teilnehmende"), missing="",
        description=_("z. B. Dolmetschen, Kinderbetreuung"),
        widget=deform.widget.TextAreaWidget(rows=3))

    def validator(self, node, value):
        if value["end_time"] <= value["start_time"]:
            exc = colander.Invalid(node, _("Bitte korrigieren Sie die markierten Felder."))
            exc["end_time"] = _("Das Ende muss nach dem Beginn liegen.")
            raise exc
        if not value["place_name"] and not value["address"] and not value["online_url"]:
            exc = colander.Invalid(node, _("Bitte korrigieren Sie die markierten Felder."))
            exc["place_name"] = _("Bitte einen Ort oder einen Online-Link angeben.")
            raise exc


def _reason_node(required):
    return colander.SchemaNode(
        colander.String(), name="reason", title=_("Begründung für die Mitglieder"),
        missing=colander.required if required else "",
        missing_msg=_("Bitte geben Sie eine Begründung an; sie steht in der Benachrichtigung."),
        description=_("Steht in der E-Mail an die eingeladenen Mitglieder."),
        validator=colander.Length(0, 2000), widget=deform.widget.TextAreaWidget(rows=3))


class MeetingChangeSchema(MeetingSchema):
    """Editing a meeting: a new time or place is mailed with the reason given here."""
    reason = _reason_node(required=False)


class CancelSchema(colander.Schema):
    reason = _reason_node(required=True)

    def validator(self, node, value):
        if not value["reason"].strip():
            exc = colander.Invalid(node, _("Bitte korrigieren Sie die markierten Felder."))
            exc["reason"] = _("Bitte geben Sie eine Begründung an; sie steht in der Benachrichtigung.")
            raise exc


class SeriesSchema(MeetingSchema):
    """A series in one form: the meeting's fields, the first date, the rule and
    how many months it runs."""
    date = colander.SchemaNode(colander.Date(), title=_("Erster Termin"),
                               widget=deform.widget.DateInputWidget())
    rule = colander.SchemaNode(colander.String(), title=_("Wiederholung"),
                               validator=colander.OneOf([k for k, _t in RULES]),
                               widget=deform.widget.RadioChoiceWidget(values=RULES))
    months = colander.SchemaNode(
        colander.Integer(), title=_("Für wie viele Monate"), default=12,
        validator=colander.Range(1, 24, min_err=_("Bitte mindestens 1 Monat."),
                                 max_err=_("Bitte höchstens 24 Monate.")))
    on_holidays = colander.SchemaNode(
        colander.Boolean(), title=_("Auch an gesetzlichen Feiertagen anlegen"), missing=False,
        default=False, description=_("Sonst werden Termine an Feiertagen ausgelassen."))

    def validator(self, node, value):
        super().validator(node, value)
        count = len(series_dates(value["rule"], value["date"], value["months"]))
        if count > MAX_MEETINGS:
            exc = colander.Invalid(node, _("Bitte korrigieren Sie die markierten Felder."))
            exc["months"] = _("Das wären ${n} Sitzungen; höchstens ${max} auf einmal.",
                              mapping={"n": count, "max": MAX_MEETINGS})
            raise exc


def meeting_values(data, tzname):
    """Form data (local date and wall-clock times) as Meeting fields (UTC)."""
    values = {k: v for k, v in data.items()
              if k not in ("date", "start_time", "end_time", "reason", "rule", "months", "on_holidays")}
    values["start"] = to_utc(datetime.combine(data["date"], data["start_time"]), tzname)
    values["end"] = to_utc(datetime.combine(data["date"], data["end_time"]), tzname)
    return values


def meeting_appstruct(meeting):
    """A meeting as form values, in its body's local time."""
    values = {k: getattr(meeting, k) for k in meeting.fields if k not in ("start", "end")}
    start, end = meeting.local_start, meeting.local_end
    values.update(date=start.date(), start_time=start.time().replace(tzinfo=None),
                  end_time=end.time().replace(tzinfo=None))
    return values


def _agenda_and_item(kw):
    """The agenda and the item being edited (None when adding), from the bound context."""
    context = kw.get("context")
    if "agenda" in kw:
        return kw["agenda"], kw.get("item")
    if isinstance(context, AgendaItem):
        return context.__parent__, context
    if isinstance(context, Agenda):
        return context, None
    raise KeyError("bind AgendaItemSchema to an agenda or an item")


@colander.deferred
def unique_number(node, kw):
    """The agenda's own rule (``Agenda.number_problem``), shown beside the field."""
    agenda, item = _agenda_and_item(kw)

    def validate(node, value):
        problem = agenda.number_problem(value, item)
        if problem is not None:
            raise colander.Invalid(node, problem)
    return validate


class AgendaItemSchema(colander.Schema):
    number = colander.SchemaNode(colander.String(), title=_("Nummer (TOP)"),
                                 validator=unique_number,
                                 description=_("z. B. 3 oder 3.1 für einen Unterpunkt"))
    title = colander.SchemaNode(colander.String(), title=_("Titel"),
                                validator=colander.Length(1, 300))
    description = colander.SchemaNode(colander.String(), title=_("Beschreibung"), missing="",
                                      widget=deform.widget.TextAreaWidget(rows=4))
    public = colander.SchemaNode(colander.Boolean(), title=_("Öffentlicher Tagesordnungspunkt"),
                                 missing=False, default=True)
    presenter = colander.SchemaNode(colander.String(), title=_("Berichterstattung"), missing="")
    duration = colander.SchemaNode(colander.Integer(), title=_("Dauer (Minuten)"), missing=None,
                                   validator=colander.Range(1, 600))


# How each allowed type starts: a file that only claims to be a PDF is refused.
MAGIC = {
    "application/pdf": (b"%PDF-",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (b"PK\x03\x04",),
    "application/vnd.oasis.opendocument.text": (b"PK\x03\x04",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/jpeg": (b"\xff\xd8\xff",),
}


def max_upload_mb(settings):
    """The ``roundtable.max_upload_mb`` setting (default 20)."""
    try:
        value = float(settings.get("roundtable.max_upload_mb") or MAX_UPLOAD_MB)
    except (TypeError, ValueError):
        return MAX_UPLOAD_MB
    return int(value) if value == int(value) else value


def _extension(filename):
    ext = "." + filename.rsplit(".", 1)[-1].lower() if "." in (filename or "") else ""
    return ".jpg" if ext == ".jpeg" else ext


def upload_type(filename, content_type):
    """The content type we store and serve: the declared one, or, when the
    browser did not know it (``application/octet-stream``), the extension's."""
    content_type = (content_type or "").split(";")[0].strip().lower()
    if content_type in ("", "application/octet-stream"):
        by_ext = {ext: ct for ct, ext in ALLOWED_UPLOADS.items()}
        return by_ext.get(_extension(filename), content_type)
    return "image/jpeg" if content_type in ("image/jpg", "image/pjpeg") else content_type


def check_upload(filename, content_type, size, max_mb=MAX_UPLOAD_MB, head=None):
    """A message for a refused upload, or None when it is acceptable.

    The extension, the declared type and (given ``head``, the first bytes) the
    content must all agree with one of the allowed types.
    """
    if size > max_mb * 1024 * 1024:
        return _("Die Datei ist zu groß (höchstens ${mb} MB).", mapping={"mb": max_mb})
    if size == 0:
        return _("Die Datei ist leer.")
    ext = _extension(filename)
    content_type = upload_type(filename, content_type)
    if content_type not in ALLOWED_UPLOADS or ALLOWED_UPLOADS[content_type] != ext:
        return _("Dieser Dateityp ist nicht erlaubt. Erlaubt sind PDF, DOCX, ODT, PNG und JPEG.")
    if head is not None and not head.startswith(MAGIC[content_type]):
        return _("Der Inhalt der Datei passt nicht zu ihrer Endung (${ext}).",
                 mapping={"ext": ext})
    return None


class ReplySchema(colander.Schema):
    reply = colander.SchemaNode(colander.String(), title=_("Ihre Rückmeldung"),
                                validator=colander.OneOf([k for k, _t in REPLIES]),
                                widget=deform.widget.RadioChoiceWidget(values=REPLIES))


class PresenceSchema(colander.Schema):
    presence = colander.SchemaNode(colander.String(),
                                   validator=colander.OneOf([k for k, _t in PRESENCE]))
