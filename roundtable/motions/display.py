"""What the motion pages show: names as the viewer may see them, the timeline.

Persons are named only where the viewer may see them (their consent, or an
internal viewer); who took a step is shown to the board only.
"""
from types import SimpleNamespace

from ..i18n import _
from ..minutes.content import _names, person_name
from ..security import EDIT
from .lifecycle import local_date
from .workflow import RESULTS, TRANSITIONS

STEP_TEXTS = {
    "schedule": _("Auf die Tagesordnung des Runden Tisches gesetzt"),
    "unschedule": _("Von der Tagesordnung genommen"),
    "adopt": _("Vom Runden Tisch beschlossen"),
    "reject": _("Vom Runden Tisch abgelehnt"),
    "withdraw": _("Zurückgezogen"),
    "submit": _("Beim Fachbereich eingereicht"),
    "consult": _("In Beratung der Ratsgremien"),
    "decide": _("Entschieden"),
    "implement": _("Umsetzung begonnen"),
    "complete": _("Erledigt"),
}


def fmt_date(day):
    return day.strftime("%d.%m.%Y") if day else ""


def user_name(request, userid):
    """Who took a step (the person's name, else the login); shown to the board only."""
    return person_name(request, userid) if userid else ""


def visible_people(request, ids):
    """(persons the viewer may see, how many others): the same rule as the minutes."""
    return _names(request, ids)


def _agenda_step(h, meeting_day, scheduled_before):
    """Title and day of a schedule/unschedule step: dated by when it was taken,
    naming the meeting, so "taken off" and "scheduled again" read as the path
    the motion took."""
    mapping = {"date": fmt_date(meeting_day)}
    if h["transition"] == "unschedule":
        title = (_("Von der Tagesordnung der Sitzung vom ${date} genommen", mapping=mapping)
                 if meeting_day else STEP_TEXTS["unschedule"])
    elif scheduled_before:
        title = _("Erneut auf die Tagesordnung gesetzt: Sitzung vom ${date}", mapping=mapping)
    else:
        title = _("Auf die Tagesordnung der Sitzung vom ${date} gesetzt", mapping=mapping)
    return title, local_date(h["at"])


def _history_entries(request, motion, internal):
    """The recorded steps in the order they were taken.

    Each entry's ``order`` never lies before the one of an earlier step, so
    sorting by date cannot put "taken off the agenda" after "adopted" even when
    a meeting's result was recorded afterwards for an earlier day."""
    entries, meeting_day, scheduled_before, floor = [], None, False, None
    for h in motion.history:
        if h["transition"] == "consult":
            continue  # shown with the consultation itself
        day = h.get("date") or local_date(h["at"])
        if h["transition"] in ("schedule", "unschedule"):
            if h["transition"] == "schedule":
                meeting_day = h.get("date")
            title, day = _agenda_step(h, meeting_day, scheduled_before)
            scheduled_before = True
        else:
            title = STEP_TEXTS.get(h["transition"], TRANSITIONS.get(h["transition"], ("",) * 4)[3])
        note = h.get("note") or ""
        if h.get("result"):
            note = _("Ergebnis: ${result}", mapping={
                "result": request.localizer.translate(dict(RESULTS).get(h["result"], ""))})
        floor = day if floor is None else max(floor, day)
        entries.append(SimpleNamespace(
            day=day, order=floor, kind=h["transition"], title=title, note=note, link=None,
            link_text="", by=user_name(request, h.get("by")) if internal else ""))
    return entries


def timeline(request, motion):
    """Dated entries of the motion's history: steps, consultations, results and
    implementation notes, oldest first."""
    internal = bool(request.has_permission(EDIT, motion))
    committees = request.root.get("committees") or {}
    entries = _history_entries(request, motion, internal)
    for c in motion.consultations:
        committee = committees.get(c.committee_id)
        name = committee.name if committee is not None else c.committee_id
        title = _("Beratung: ${committee} (${role})",
                  mapping={"committee": name, "role": request.localizer.translate(c.role_title)})
        note = c.document_ref and _("Drucksache ${ref}", mapping={"ref": c.document_ref}) or ""
        if c.result:
            note = _("Ergebnis: ${result}", mapping={
                "result": request.localizer.translate(c.result_title)}) if not note else _(
                "Drucksache ${ref} · Ergebnis: ${result}", mapping={
                    "ref": c.document_ref, "result": request.localizer.translate(c.result_title)})
        entries.append(SimpleNamespace(
            day=local_date(c.start), kind="consultation", title=title, note=note,
            extra=c.result_note, link=c.document_url or None,
            link_text=_("Drucksache im Ratsinformationssystem"),
            by=user_name(request, c.by) if internal else ""))
    for n in motion.notes:
        entries.append(SimpleNamespace(day=n["date"], kind="note", title=_("Stand der Umsetzung"),
                                       note=n["text"], link=None, link_text="",
                                       by=user_name(request, n.get("by")) if internal else ""))
    for e in entries:
        e.__dict__.setdefault("extra", "")
        e.__dict__.setdefault("order", e.day)
    # on one day: the steps, then the consultations, then a decision taken on
    # them; the sort is stable, so steps of one day keep the order they were taken
    rank = {"consultation": 1, "decide": 2, "implement": 3, "note": 3, "complete": 4}
    return sorted(entries, key=lambda e: (e.order, rank.get(e.kind, 0)))
