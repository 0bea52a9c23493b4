"""Colander schemas for motions and the steps of their lifecycle.

Choices that come from the database (board members, organisations,
committees, agenda items of round-table meetings) are bound per request.
"""
from datetime import datetime, time, timedelta

import colander
import deform
from pyramid.traversal import resource_path

from ..bodies.resources import FIELDS_OF_ACTION
from ..i18n import _
from ..people.schemas import as_tuple, one_of
from ..timeutil import DEFAULT_TZ, format_local, now, to_utc
from .workflow import CONSULTATION_ROLES, RESULTS

CHOOSE = ("", _("— bitte wählen —"))


def _portal(kw):
    return kw["request"].root


def board_member_ids(portal):
    """Person ids of the current members of the board body (Vorstand)."""
    ids = []
    for body in portal["bodies"].values():
        if body.kind == "board" and body.active:
            ids += [m.person_id for m in body.current_memberships()]
    return ids


def _author_options(kw):
    portal = _portal(kw)
    context = kw.get("context")
    ids = list(dict.fromkeys(board_member_ids(portal) + list(getattr(context, "author_ids", ()))))
    people = portal["people"]
    options = [(pid, people[pid].title) for pid in ids if pid in people]
    return sorted(options, key=lambda o: o[1])


def _organisation_options(kw):
    portal = _portal(kw)
    context = kw.get("context")
    linked = set(getattr(context, "organisation_ids", ()) or ())
    return [(o.__name__, o.name) for o in portal["organisations"].listing(include_retired=True)
            if o.active or o.__name__ in linked]


def committee_options(kw):
    committees = _portal(kw).get("committees")
    return [(c.__name__, c.name) for c in committees.ordered()] if committees is not None else []


@colander.deferred
def author_widget(node, kw):
    return deform.widget.CheckboxChoiceWidget(values=_author_options(kw))


@colander.deferred
def author_validator(node, kw):
    known = one_of([k for k, _t in _author_options(kw)], _("Unbekannte Person: ${val}"))
    return colander.All(known,
                        colander.Length(min=1, min_err=_("Bitte mindestens eine Autorin oder "
                                                         "einen Autor wählen.")))


@colander.deferred
def organisation_widget(node, kw):
    return deform.widget.CheckboxChoiceWidget(values=_organisation_options(kw))


@colander.deferred
def organisation_validator(node, kw):
    return one_of([k for k, _t in _organisation_options(kw)], _("Unbekannte Organisation: ${val}"))


@colander.deferred
def committees_widget(node, kw):
    return deform.widget.CheckboxChoiceWidget(values=committee_options(kw))


@colander.deferred
def committees_validator(node, kw):
    return one_of([k for k, _t in committee_options(kw)], _("Unbekannter Ausschuss: ${val}"))


def textarea(title, rows=8, max_length=20000, **kw):
    return colander.SchemaNode(colander.String(), title=title,
                               validator=colander.Length(1, max_length),
                               widget=deform.widget.TextAreaWidget(rows=rows), **kw)


def follow_up_node():
    return colander.SchemaNode(
        colander.Date(), title=_("Wiedervorlage"), missing=None,
        description=_("An diesem Tag erinnert die Übersicht des Vorstands an den Antrag."),
        widget=deform.widget.DateInputWidget())


class MotionSchema(colander.Schema):
    title = colander.SchemaNode(colander.String(), title=_("Titel"),
                                validator=colander.Length(1, 300))
    resolution = textarea(_("Beschlussvorschlag"), rows=8)
    reasoning = textarea(_("Begründung"), rows=12)
    author_ids = colander.SchemaNode(colander.Set(), title=_("Autorinnen und Autoren"),
                                     preparer=as_tuple, widget=author_widget,
                                     validator=author_validator)
    organisation_ids = colander.SchemaNode(
        colander.Set(), title=_("Unterstützende Organisationen"), missing=(), preparer=as_tuple,
        widget=organisation_widget, validator=organisation_validator)
    field_of_action = colander.SchemaNode(
        colander.String(), title=_("Handlungsfeld"), missing="",
        validator=colander.OneOf([k for k, _t in FIELDS_OF_ACTION]),
        widget=deform.widget.SelectWidget(values=FIELDS_OF_ACTION))
    committee_ids = colander.SchemaNode(
        colander.Set(), title=_("Adressierte Ausschüsse"), missing=(), preparer=as_tuple,
        widget=committees_widget, validator=committees_validator)
    follow_up = follow_up_node()
    version = colander.SchemaNode(colander.Integer(), missing=0,
                                  widget=deform.widget.HiddenWidget())


# -- steps ---------------------------------------------------------------------------

def meeting_options(portal, at=None):
    """(path, label) of the round table's (plenary) meetings to put a motion on:
    the coming ones first (soonest first), then those of the last 90 days (a
    motion entered after the session, newest first); cancelled ones never."""
    at = at or now()
    coming, past = [], []
    for body in portal["bodies"].values():
        if body.kind != "plenary":
            continue
        for meeting in body["meetings"].values():
            if meeting.status == "cancelled" or not (
                    at - timedelta(days=90) <= meeting.start <= at + timedelta(days=365)):
                continue
            when = format_local(meeting.start, DEFAULT_TZ, "%d.%m.%Y")
            (coming if meeting.start > at else past).append(
                (meeting.start, resource_path(meeting), f"{when} · {meeting.title}"))
    ordered = sorted(coming) + sorted(past, reverse=True)
    return [(path, label) for _s, path, label in ordered]


@colander.deferred
def meeting_widget(node, kw):
    return deform.widget.SelectWidget(values=[CHOOSE] + meeting_options(_portal(kw)))


@colander.deferred
def meeting_validator(node, kw):
    return colander.OneOf([k for k, _t in meeting_options(_portal(kw))],
                          msg_err=_("Bitte wählen Sie eine Sitzung des Runden Tisches."))


class ScheduleSchema(colander.Schema):
    meeting = colander.SchemaNode(
        colander.String(), title=_("Sitzung des Runden Tisches"), widget=meeting_widget,
        validator=meeting_validator,
        description=_("Der Antrag bekommt dort einen eigenen Tagesordnungspunkt mit seinem Titel."))


def _votes(title):
    return colander.SchemaNode(colander.Integer(), title=title, missing=None,
                               validator=colander.Range(0, 999),
                               widget=deform.widget.TextInputWidget(input_type="number"))


def decision_options(motion):
    """The decisions recorded in the minutes for the motion's agenda item."""
    item = motion.agenda_item()
    meeting = item.meeting if item is not None else None
    minutes = getattr(meeting, "minutes", None) if meeting is not None else None
    if minutes is None:
        return []
    decisions = minutes.entry(item.__name__).get("decisions", [])
    return [(str(i), d.get("text", "")[:120]) for i, d in enumerate(decisions)]


@colander.deferred
def decision_widget(node, kw):
    return deform.widget.SelectWidget(
        values=[("", _("— kein Eintrag im Protokoll —"))] + decision_options(kw["context"]))


@colander.deferred
def decision_validator(node, kw):
    return colander.OneOf([""] + [k for k, _t in decision_options(kw["context"])])


class DecisionSchema(colander.Schema):
    decision = colander.SchemaNode(
        colander.String(), title=_("Beschluss im Protokoll"), missing="",
        description=_("Text und Abstimmung werden aus dem Protokoll übernommen."),
        widget=decision_widget, validator=decision_validator)
    text = colander.SchemaNode(colander.String(), title=_("Beschlusstext (ohne Protokoll)"),
                               missing="", validator=colander.Length(0, 2000),
                               widget=deform.widget.TextAreaWidget(rows=3))
    yes = _votes(_("Ja-Stimmen"))
    no = _votes(_("Nein-Stimmen"))
    abstain = _votes(_("Enthaltungen"))


class AdoptSchema(DecisionSchema):
    reference = colander.SchemaNode(
        colander.String(), title=_("Aktenzeichen (optional)"), missing="",
        description=_("Leer lassen für die nächste freie Nummer, z. B. RT-2026/07."),
        validator=colander.Length(0, 20))


class DateSchema(colander.Schema):
    day = colander.SchemaNode(colander.Date(), title=_("Datum"),
                              widget=deform.widget.DateInputWidget())


class WithdrawSchema(colander.Schema):
    note = colander.SchemaNode(colander.String(), title=_("Begründung"), missing="",
                               validator=colander.Length(0, 2000),
                               widget=deform.widget.TextAreaWidget(rows=3))


@colander.deferred
def committee_widget(node, kw):
    return deform.widget.SelectWidget(values=[CHOOSE] + committee_options(kw))


@colander.deferred
def committee_validator(node, kw):
    return colander.OneOf([k for k, _t in committee_options(kw)])


def _url(node, value):
    if value and not value.startswith(("https://", "http://")):
        raise colander.Invalid(node, _("Bitte eine Adresse mit https:// angeben."))


# Stored committee dates offered for a consultation: the coming ones and those
# of the last weeks (a consultation is often entered after the meeting).
STORED_DATES_BACK = timedelta(days=90)


def stored_date_value(committee_id, start):
    return f"{committee_id}|{start.isoformat()}"


def parse_stored_date(value):
    """(committee id, aware start) of a ``stored_date_value``; ValueError if malformed."""
    committee_id, _sep, iso = value.partition("|")
    start = datetime.fromisoformat(iso)
    if not committee_id or start.tzinfo is None:
        raise ValueError(value)
    return committee_id, start


@colander.deferred
def stored_date_widget(node, kw):
    """The committees' stored meeting dates, one group per committee."""
    committees = _portal(kw).get("committees")
    since = now() - STORED_DATES_BACK
    groups = []
    for committee in committees.ordered() if committees is not None else ():
        dates = [d for d in committee.meeting_dates if d >= since]
        if dates:
            groups.append(deform.widget.OptGroup(committee.name, *[
                (stored_date_value(committee.__name__, d), format_local(d, DEFAULT_TZ))
                for d in dates]))
    return deform.widget.SelectWidget(
        values=[("", _("— anderes Datum (unten eingeben) —"))] + groups)


class ConsultationSchema(colander.Schema):
    committee_id = colander.SchemaNode(colander.String(), title=_("Ausschuss"),
                                       widget=committee_widget, validator=committee_validator)
    stored_date = colander.SchemaNode(
        colander.String(), title=_("Sitzungstermin des Ausschusses"), missing="",
        description=_("Die gespeicherten Termine der Ausschüsse. Passt keiner, geben Sie "
                      "Datum und Uhrzeit unten ein."), widget=stored_date_widget)
    day = colander.SchemaNode(colander.Date(), title=_("Sitzungsdatum"), missing=None,
                              description=_("Nur wenn oben kein Termin gewählt ist."),
                              widget=deform.widget.DateInputWidget())
    start_time = colander.SchemaNode(colander.Time(), title=_("Beginn (Uhrzeit)"),
                                     missing=time(17), widget=deform.widget.TimeInputWidget())
    role = colander.SchemaNode(
        colander.String(), title=_("Art der Beratung"),
        validator=colander.OneOf([k for k, _t in CONSULTATION_ROLES]),
        widget=deform.widget.SelectWidget(values=(CHOOSE,) + CONSULTATION_ROLES))
    document_ref = colander.SchemaNode(colander.String(), title=_("Drucksache (Nummer)"),
                                       missing="", validator=colander.Length(0, 60))
    document_url = colander.SchemaNode(colander.String(),
                                       title=_("Link zur Drucksache im Ratsinformationssystem"),
                                       missing="", validator=_url)

    def validator(self, node, value):
        """A stored date of the chosen committee, or a typed date."""
        if value["stored_date"]:
            committees = _portal(self.bindings).get("committees") or {}
            try:
                committee_id, start = parse_stored_date(value["stored_date"])
            except ValueError:
                committee_id, start = None, None
            committee = committees.get(committee_id) if committee_id else None
            if committee is None or start not in committee.meeting_dates:
                exc = colander.Invalid(node, _("Bitte korrigieren Sie die markierten Felder."))
                exc["stored_date"] = _("Bitte wählen Sie einen Termin aus der Liste.")
                raise exc
            if committee_id != value["committee_id"]:
                exc = colander.Invalid(node, _("Bitte korrigieren Sie die markierten Felder."))
                exc["stored_date"] = _("Dieser Termin ist eine Sitzung von „${name}“; bitte "
                                       "wählen Sie einen Termin des gewählten Ausschusses.",
                                       mapping={"name": committee.name})
                raise exc
        elif value["day"] is None:
            exc = colander.Invalid(node, _("Bitte korrigieren Sie die markierten Felder."))
            exc["day"] = _("Bitte wählen Sie oben einen Termin oder geben Sie ein Datum ein.")
            raise exc


def consultation_start(data):
    """The consultation's start: the chosen stored date, else the typed date and time."""
    if data.get("stored_date"):
        return parse_stored_date(data["stored_date"])[1]
    return to_utc(datetime.combine(data["day"], data["start_time"]), DEFAULT_TZ)


class ResultSchema(colander.Schema):
    result = colander.SchemaNode(
        colander.String(), title=_("Ergebnis"), validator=colander.OneOf([k for k, _t in RESULTS]),
        widget=deform.widget.SelectWidget(values=(CHOOSE,) + RESULTS))
    note = colander.SchemaNode(colander.String(), title=_("Anmerkung"), missing="",
                               validator=colander.Length(0, 2000),
                               widget=deform.widget.TextAreaWidget(rows=3))


class FollowUpSchema(colander.Schema):
    follow_up = follow_up_node()


class NoteSchema(colander.Schema):
    day = colander.SchemaNode(colander.Date(), title=_("Datum"),
                              widget=deform.widget.DateInputWidget())
    text = colander.SchemaNode(colander.String(), title=_("Stand der Umsetzung"),
                               validator=colander.Length(1, 5000),
                               widget=deform.widget.TextAreaWidget(rows=4))


def decision_from(motion, data):
    """The decision record (text and votes) from the form or the minutes."""
    decision = {"text": data.get("text", ""), "yes": data.get("yes"), "no": data.get("no"),
                "abstain": data.get("abstain"), "minutes": None}
    item = motion.agenda_item()
    if data.get("decision") and item is not None:
        minutes = item.meeting.minutes
        recorded = minutes.entry(item.__name__)["decisions"][int(data["decision"])]
        decision.update({k: recorded.get(k) for k in ("text", "yes", "no", "abstain")})
        decision["minutes"] = resource_path(minutes)
        decision["index"] = int(data["decision"])
    if not (decision["text"] or "").strip() and not any(
            decision[k] is not None for k in ("yes", "no", "abstain")):
        return None
    return decision
