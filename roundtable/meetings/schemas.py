"""Colander schemas for meetings, agenda items, uploads, attendance and minutes."""
import colander
import deform

from ..i18n import _
from .resources import ALLOWED_UPLOADS, PRESENCE, REPLIES

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
    place_name = colander.SchemaNode(colander.String(), title=_("Ort"), missing="",
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


@colander.deferred
def unique_number(node, kw):
    agenda = kw["agenda"]
    item = kw.get("item")

    def validate(node, value):
        if not agenda.valid_number(value):
            raise colander.Invalid(node, _("Die Nummer muss wie „3“ oder „3.1“ aussehen."))
        if agenda.number_taken(value, exclude=item):
            raise colander.Invalid(node, _("TOP ${n} gibt es schon.", mapping={"n": value}))
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


def check_upload(filename, content_type, size, max_mb=MAX_UPLOAD_MB):
    """A message for a refused upload, or None when it is acceptable."""
    if size > max_mb * 1024 * 1024:
        return _("Die Datei ist zu groß (höchstens ${mb} MB).", mapping={"mb": max_mb})
    if size == 0:
        return _("Die Datei ist leer.")
    ext = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    allowed_ext = set(ALLOWED_UPLOADS.values()) | {".jpeg"}
    if content_type not in ALLOWED_UPLOADS or ext not in allowed_ext:
        return _("Dieser Dateityp ist nicht erlaubt. Erlaubt sind PDF, DOCX, ODT, PNG und JPEG.")
    return None


class ReplySchema(colander.Schema):
    reply = colander.SchemaNode(colander.String(), title=_("Ihre Rückmeldung"),
                                validator=colander.OneOf([k for k, _t in REPLIES]),
                                widget=deform.widget.RadioChoiceWidget(values=REPLIES))


class PresenceSchema(colander.Schema):
    presence = colander.SchemaNode(colander.String(),
                                   validator=colander.OneOf([k for k, _t in PRESENCE]))
