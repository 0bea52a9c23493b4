"""Colander schemas of the minutes: one agenda item's entry, general remarks, corrections.

Our forms run without JavaScript, so decisions and tasks are not a deform
sequence with an "add" button: the form has one row per stored decision (or
task) plus empty rows; after saving there are empty rows again, so any number
can be entered. Empty rows are dropped.
"""
from datetime import date

import colander
import deform

from ..i18n import _
from .resources import DECISION_RESULTS

EMPTY_ROWS = 2
VOTES = (("yes", _("Ja-Stimmen")), ("no", _("Nein-Stimmen")), ("abstain", _("Enthaltungen")))


class DateWidget(deform.widget.DateInputWidget):
    """A date field that does not echo an impossible date ("2025-02-30") back
    into ``<input type=date>``: browsers drop such a value anyway, and it is
    invalid HTML; the error message below the field says what was wrong."""

    def serialize(self, field, cstruct, **kw):
        if isinstance(cstruct, str) and cstruct:
            try:
                date.fromisoformat(cstruct)
            except ValueError:
                cstruct = ""
        return super().serialize(field, cstruct, **kw)


def _count_widget():
    return deform.widget.TextInputWidget(
        input_type="number", attributes={"min": "0", "step": "1", "inputmode": "numeric"})


def _row(title, name, css_class):
    return dict(name=name, title=title, missing=colander.drop,
                widget=deform.widget.MappingWidget(template="fieldset", css_class=css_class))


class DecisionSchema(colander.Schema):
    text = colander.SchemaNode(colander.String(), title=_("Wortlaut des Beschlusses"), missing="",
                               widget=deform.widget.TextAreaWidget(rows=2))
    yes = colander.SchemaNode(colander.Integer(), title=VOTES[0][1], missing=None,
                              validator=colander.Range(
                                  min=0, min_err=_("Bitte eine ganze Zahl ab 0 angeben.")),
                              widget=_count_widget())
    no = colander.SchemaNode(colander.Integer(), title=VOTES[1][1], missing=None,
                             validator=colander.Range(
                                 min=0, min_err=_("Bitte eine ganze Zahl ab 0 angeben.")),
                             widget=_count_widget())
    abstain = colander.SchemaNode(colander.Integer(), title=VOTES[2][1], missing=None,
                                  validator=colander.Range(
                                      min=0, min_err=_("Bitte eine ganze Zahl ab 0 angeben.")),
                                  widget=_count_widget())
    result = colander.SchemaNode(
        colander.String(), title=_("Ergebnis"), missing="",
        description=_("Leer lassen, wenn es sich aus den Stimmen ergibt "
                      "(mehr Ja- als Nein-Stimmen: angenommen)."),
        validator=colander.OneOf([k for k, _t in DECISION_RESULTS]),
        widget=deform.widget.SelectWidget(values=DECISION_RESULTS))

    def validator(self, node, value):
        voted = any(value.get(k) is not None for k, _t in VOTES) or value.get("result")
        if voted and not value.get("text", "").strip():
            exc = colander.Invalid(node, _("Bitte korrigieren Sie die markierten Felder."))
            exc["text"] = _("Bitte geben Sie den Wortlaut des Beschlusses an.")
            raise exc


class TaskSchema(colander.Schema):
    what = colander.SchemaNode(colander.String(), title=_("Aufgabe"), missing="")
    responsible = colander.SchemaNode(colander.String(), title=_("Verantwortlich"), missing="")
    due = colander.SchemaNode(colander.Date(), title=_("Zu erledigen bis"), missing=None,
                              widget=DateWidget())

    def validator(self, node, value):
        if (value.get("responsible") or value.get("due")) and not value.get("what", "").strip():
            exc = colander.Invalid(node, _("Bitte korrigieren Sie die markierten Felder."))
            exc["what"] = _("Bitte beschreiben Sie die Aufgabe.")
            raise exc


def _reason():
    return colander.SchemaNode(
        colander.String(), name="reason", title=_("Grund der Korrektur"),
        description=_("Wird mit dem Datum öffentlich beim Protokoll angezeigt."),
        validator=colander.Length(3, 1000, min_err=_("Bitte geben Sie den Grund der Korrektur an.")),
        widget=deform.widget.TextAreaWidget(rows=2))


def entry_schema(entry, correction=False):
    """The form of one agenda item's entry, with a row per stored decision and
    task plus empty rows; ``correction`` adds the required reason."""
    schema = colander.Schema()
    schema.add(colander.SchemaNode(colander.String(), name="discussion",
                                   title=_("Verlauf der Beratung"), missing="",
                                   widget=deform.widget.TextAreaWidget(rows=8)))
    for i in range(len(entry.get("decisions", ())) + EMPTY_ROWS):
        schema.add(DecisionSchema(**_row(_("Beschluss ${n}", mapping={"n": i + 1}),
                                         f"decision_{i + 1}", "decision-row")))
    for i in range(len(entry.get("tasks", ())) + EMPTY_ROWS):
        schema.add(TaskSchema(**_row(_("Aufgabe ${n}", mapping={"n": i + 1}),
                                     f"task_{i + 1}", "task-row")))
    if correction:
        schema.add(_reason())
    return schema


def general_schema(correction=False):
    schema = colander.Schema()
    schema.add(colander.SchemaNode(
        colander.String(), name="general", title=_("Allgemeines"), missing="",
        description=_("z. B. Eröffnung, Feststellung der Beschlussfähigkeit, Verschiedenes"),
        widget=deform.widget.TextAreaWidget(rows=8)))
    if correction:
        schema.add(_reason())
    return schema


def clean_text(text):
    """Stored text: browsers send CRLF from a textarea; trailing blanks go."""
    return (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def entry_appstruct(entry):
    """The form's values for a stored entry."""
    values = {"discussion": entry.get("discussion", "")}
    for i, decision in enumerate(entry.get("decisions", ())):
        values[f"decision_{i + 1}"] = {"text": decision.get("text", ""),
                                       "yes": decision.get("yes"), "no": decision.get("no"),
                                       "abstain": decision.get("abstain"),
                                       "result": decision.get("result", "")}
    for i, task in enumerate(entry.get("tasks", ())):
        values[f"task_{i + 1}"] = {"what": task.get("what", ""),
                                   "responsible": task.get("responsible", ""),
                                   "due": task.get("due")}
    return values


def entry_from_appstruct(data):
    """The stored entry for validated form values: rows in order, empty ones dropped."""
    def rows(prefix, filled):
        keys = sorted((k for k in data if k.startswith(prefix)), key=lambda k: int(k[len(prefix):]))
        return [dict(data[k]) for k in keys if filled(data[k])]

    decisions = rows("decision_", lambda d: (d.get("text") or "").strip())
    tasks = rows("task_", lambda t: (t.get("what") or "").strip())
    for d in decisions:
        d["text"] = clean_text(d["text"])
    for t in tasks:
        t["what"] = clean_text(t["what"])
        t["responsible"] = clean_text(t.get("responsible"))
    return {"discussion": clean_text(data.get("discussion")),
            "decisions": decisions, "tasks": tasks}
