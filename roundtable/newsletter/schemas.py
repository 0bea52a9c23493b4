"""Colander schemas of the newsletter: lists, sign-up, import, issues, sending.

Every address goes through ``valid_email`` and every name or subject through
``one_line`` semantics (no CR/LF), whether typed into a form or read from a CSV file.
"""
import colander
import deform

from ..i18n import _
from ..people.schemas import upload_widget
from .resources import CADENCES, DEFAULT_HORIZON_DAYS
from .subscribers import LANGUAGES, MAX_EMAIL, valid_email

LANGUAGE_CHOICES = (("de", _("Deutsch")), ("en", _("Englisch")))


def strip(value):
    if isinstance(value, str):
        value = value.strip()
        return value or colander.null
    return value


def email_validator(node, value):
    if len(value) > MAX_EMAIL or not valid_email(value):
        raise colander.Invalid(node, _("Bitte eine gültige E-Mail-Adresse angeben, z. B. name@example.org."))


def no_line_breaks(node, value):
    if "\r" in value or "\n" in value:
        raise colander.Invalid(node, _("Bitte ohne Zeilenumbrüche."))


def email_node(title, required=True, **kw):
    return colander.SchemaNode(colander.String(), title=title, preparer=strip,
                               validator=email_validator, missing=colander.required if required else "",
                               widget=deform.widget.TextInputWidget(attributes={"type": "email",
                                                                                "autocomplete": "email"}),
                               **kw)


def line(title, max_length=200, required=False, **kw):
    return colander.SchemaNode(colander.String(), title=title, preparer=strip,
                               missing=colander.required if required else "",
                               validator=colander.All(colander.Length(max=max_length), no_line_breaks), **kw)


def area(title, max_length=20000, rows=5, **kw):
    return colander.SchemaNode(colander.String(), title=title, preparer=strip, missing="",
                               validator=colander.Length(max=max_length),
                               widget=deform.widget.TextAreaWidget(rows=rows), **kw)


class ListSchema(colander.Schema):
    title = line(_("Name der Liste"), required=True)
    description = area(_("Beschreibung"), 2000, rows=3)
    sender_name = line(_("Absendername"), required=True)
    sender_email = email_node(_("Absendeadresse"))
    reply_to = email_node(_("Antwortadresse (Reply-To)"), required=False)
    cadence = colander.SchemaNode(colander.String(), title=_("Erscheinungsweise"),
                                  validator=colander.OneOf([c for c, _t in CADENCES]),
                                  widget=deform.widget.RadioChoiceWidget(values=CADENCES))
    public_signup = colander.SchemaNode(colander.Boolean(), title=_("Öffentliche Anmeldung möglich"),
                                        missing=False, default=True)
    horizon_days = colander.SchemaNode(
        colander.Integer(), title=_("Sitzungen ankündigen für die nächsten … Tage"),
        default=DEFAULT_HORIZON_DAYS, missing=DEFAULT_HORIZON_DAYS,
        validator=colander.Range(1, 366, min_err=_("Bitte mindestens 1 Tag."),
                                 max_err=_("Bitte höchstens 366 Tage.")))


@colander.deferred
def public_list_choices(node, kw):
    newsletter = kw["request"].root["newsletter"]
    return deform.widget.CheckboxChoiceWidget(
        values=[(lst.__name__, lst.title) for lst in newsletter.public_lists()])


@colander.deferred
def public_list_validator(node, kw):
    names = [lst.__name__ for lst in kw["request"].root["newsletter"].public_lists()]
    return colander.All(colander.Length(min=1, min_err=_("Bitte mindestens eine Liste wählen.")),
                        colander.ContainsOnly(names))


class SignupSchema(colander.Schema):
    email = email_node(_("E-Mail-Adresse"))
    name = line(_("Name (freiwillig)"), 120, description=_("Für die persönliche Anrede."))
    language = colander.SchemaNode(colander.String(), title=_("Sprache"), default="de",
                                   validator=colander.OneOf(LANGUAGES),
                                   widget=deform.widget.RadioChoiceWidget(values=LANGUAGE_CHOICES))
    lists = colander.SchemaNode(colander.Set(), title=_("Listen"), widget=public_list_choices,
                                validator=public_list_validator)


@colander.deferred
def all_list_choices(node, kw):
    return deform.widget.RadioChoiceWidget(
        values=[(lst.__name__, lst.title) for lst in kw["request"].root["newsletter"].lists()])


@colander.deferred
def all_list_validator(node, kw):
    return colander.OneOf([lst.__name__ for lst in kw["request"].root["newsletter"].lists()])


class ImportSchema(colander.Schema):
    upload = colander.SchemaNode(deform.FileData(), title=_("CSV-Datei"), widget=upload_widget)
    list_name = colander.SchemaNode(colander.String(), title=_("Liste"), widget=all_list_choices,
                                    validator=all_list_validator)
    consent_source = line(_("Herkunft der Einwilligung"), required=True,
                          description=_("z. B. „Anmeldeliste Plenum März 2026“ oder „bisheriger E-Mail-Verteiler“"))
    consent_date = colander.SchemaNode(colander.Date(), title=_("Datum der Einwilligung"),
                                       widget=deform.widget.DateInputWidget())


class IssueSchema(colander.Schema):
    title = line(_("Betreff"), 150, required=True)


class NewSectionSchema(colander.Schema):
    title = line(_("Überschrift"), 150, required=True)
    text = area(_("Text"), description=_("Absätze durch eine Leerzeile trennen."))
    links = area(_("Links"), 5000, rows=3,
                 description=_("Ein Link pro Zeile: Titel | https://adresse"))


def parse_links(text):
    """``Titel | https://…`` lines as items; a bad line raises ValueError with its number."""
    items = []
    for number, raw in enumerate((text or "").splitlines(), 1):
        if not raw.strip():
            continue
        title, sep, url = raw.rpartition("|")
        title, url = title.strip(), url.strip()
        if not sep or not title or not url.startswith(("https://", "http://")) or " " in url:
            raise ValueError(number)
        items.append({"title": title, "url": url, "text": "", "date": "", "links": []})
    return items


def _url(node, value):
    """An absolute web address, or a path on this site (as assembled items have)."""
    site_path = value.startswith("/") and not value.startswith("//")
    if value and (not (site_path or value.startswith(("https://", "http://"))) or " " in value):
        raise colander.Invalid(node, _("Bitte eine Adresse mit https:// angeben."))


def section_schema(section):
    """A form for one section: its title and text, and each item (kept or
    dropped, editable), plus one empty item to add."""
    schema = colander.SchemaNode(colander.Mapping())
    schema.add(line(_("Überschrift"), 150, required=True, name="title"))
    schema.add(area(_("Text"), name="text", description=_("Absätze durch eine Leerzeile trennen.")))
    for index in range(len(section.get("items", ())) + 1):
        new = index == len(section.get("items", ()))
        item = colander.SchemaNode(colander.Mapping(), name=f"item{index}",
                                   title=_("Neuer Eintrag") if new else _("Eintrag ${n}", mapping={"n": index + 1}))
        if not new:
            item.add(colander.SchemaNode(colander.Boolean(), name="keep", title=_("Aufnehmen"),
                                         missing=False, default=True))
        item.add(line(_("Titel"), 200, name="title"))
        item.add(line(_("Datum"), 60, name="date"))
        item.add(colander.SchemaNode(colander.String(), name="url", title=_("Link"), preparer=strip,
                                     missing="", validator=_url))
        item.add(area(_("Beschreibung"), 5000, rows=3, name="text"))
        schema.add(item)
    return schema


def section_appstruct(section):
    data = {"title": section.get("title", ""), "text": section.get("text", "")}
    for index, item in enumerate(section.get("items", ())):
        data[f"item{index}"] = {"keep": True, "title": item.get("title", ""), "date": item.get("date", ""),
                                "url": item.get("url", ""), "text": item.get("text", "")}
    return data


def section_values(section, data):
    """The edited section: dropped items left out, the new item added if it has a title."""
    items = []
    for index, old in enumerate(section.get("items", ())):
        row = data[f"item{index}"]
        if row.get("keep"):
            items.append(dict(old, title=row["title"] or old.get("title", ""), date=row["date"],
                              url=row["url"], text=row["text"]))
    new = data[f"item{len(section.get('items', ()))}"]
    if new["title"]:
        items.append({"title": new["title"], "date": new["date"], "url": new["url"],
                      "text": new["text"], "links": []})
    return dict(section, title=data["title"], text=data["text"], items=items)


class SendSchema(colander.Schema):
    when = colander.SchemaNode(colander.String(), title=_("Zeitpunkt"), default="now",
                               validator=colander.OneOf(("now", "later")),
                               widget=deform.widget.RadioChoiceWidget(values=(
                                   ("now", _("sofort versenden")), ("later", _("zu einem späteren Zeitpunkt")))))
    date = colander.SchemaNode(colander.Date(), title=_("Datum"), missing=None,
                               widget=deform.widget.DateInputWidget())
    time = colander.SchemaNode(colander.Time(), title=_("Uhrzeit"), missing=None,
                               widget=deform.widget.TimeInputWidget())
    expected = colander.SchemaNode(colander.Integer(), widget=deform.widget.HiddenWidget())

    def validator(self, node, value):
        if value["when"] == "later" and (value["date"] is None or value["time"] is None):
            exc = colander.Invalid(node, _("Bitte korrigieren Sie die markierten Felder."))
            exc["date"] = _("Bitte Datum und Uhrzeit des Versands angeben.")
            raise exc


class PreferencesSchema(colander.Schema):
    language = colander.SchemaNode(colander.String(), title=_("Sprache"),
                                   validator=colander.OneOf(LANGUAGES),
                                   widget=deform.widget.RadioChoiceWidget(values=LANGUAGE_CHOICES))
    # the choices (public lists and the subscriber's own) are set by the view
    lists = colander.SchemaNode(colander.Set(), title=_("Listen"), missing=set())
