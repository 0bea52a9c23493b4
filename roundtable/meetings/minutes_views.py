"""Views of the minutes: the page, editing, workflow, corrections, print and PDF.

Who sees what follows ``Minutes.__acl__`` (by state) and, per agenda item,
the item's own ACL: a visitor who is not logged in gets the public items only
(``Minutes.public_entries``), whatever else the ACLs say, so a non-public TOP
can never reach a public page or PDF. Names in the attendance list appear
only to viewers who may see the person (the person consented, or the viewer
is a member, board member or the coordinator); the others are counted.

The page, the print view and the PDF are built from one ``content()`` so they
cannot disagree about what a viewer may read.
"""
import re
import unicodedata
from types import SimpleNamespace

import deform
from pyramid.httpexceptions import HTTPForbidden, HTTPNotFound, HTTPSeeOther
from pyramid.renderers import get_renderer
from pyramid.response import Response
from pyramid.view import view_config

from .. import forms
from ..bodies.schemas import format_date
from ..i18n import _, flash
from ..security import EDIT, VIEW, VIEW_INTERNAL
from ..timeutil import to_local
from ..workflow import WorkflowError
from .minutes_schemas import (clean_text, entry_appstruct, entry_from_appstruct, entry_schema,
                              general_schema)
from .resources import (DECISION_RESULTS, Meeting, Minutes, approval_item, decision_result,
                        has_votes)
from .workflow import PUBLISH, PUBLISHED, minutes_workflow

FORM = "roundtable:templates/minutes/form.pt"


# -- presentation helpers ---------------------------------------------------

def _tz(meeting):
    return getattr(meeting, "tzname", None)


def _de(request):
    return getattr(request, "locale_name", "de") == "de"


def format_datetime(dt, meeting, request):
    local = to_local(dt, _tz(meeting))
    return local.strftime("%d.%m.%Y, %H:%M" if _de(request) else "%Y-%m-%d %H:%M")


def format_when(meeting, request):
    """``28.03.2027, 10:00–12:00 Uhr`` in the meeting's zone."""
    start, end = to_local(meeting.start, _tz(meeting)), to_local(meeting.end, _tz(meeting))
    day = format_date(start.date(), request)
    if start.date() == end.date():
        text = f"{day}, {start:%H:%M}–{end:%H:%M}"
        return text + " Uhr" if _de(request) else text
    return f"{day}, {start:%H:%M} – {format_date(end.date(), request)}, {end:%H:%M}"


def format_place(meeting):
    parts = [meeting.place_name, meeting.room, meeting.address]
    return " · ".join(p for p in parts if p)


def paragraphs(text):
    """Paragraphs (split at blank lines), each a list of lines."""
    return [p.split("\n") for p in re.split(r"\n\s*\n", (text or "").strip()) if p.strip()]


def votes_line(decision, translate):
    """``Ja 12 · Nein 1 · Enthaltung 2 — angenommen`` (or just the result)."""
    parts = []
    if has_votes(decision):
        parts = [translate(_("Ja ${n}", mapping={"n": decision.get("yes") or 0})),
                 translate(_("Nein ${n}", mapping={"n": decision.get("no") or 0})),
                 translate(_("Enthaltung ${n}", mapping={"n": decision.get("abstain") or 0}))]
    text = " · ".join(parts)
    result = decision_result(decision)
    if result:
        title = translate(dict(DECISION_RESULTS)[result])
        text = f"{text} — {title}" if text else title
    return text


def pdf_filename(minutes):
    """``Protokoll-RT-2027-03-28.pdf``: the body's short name and the meeting's day."""
    meeting = minutes.meeting
    body = meeting.body
    short = getattr(body, "short_name", "") or getattr(body, "name", "") or "Gremium"
    ascii_short = unicodedata.normalize("NFKD", short).encode("ascii", "ignore").decode()
    short = re.sub(r"[^A-Za-z0-9]+", "-", ascii_short).strip("-") or "Gremium"
    day = to_local(meeting.start, _tz(meeting)).strftime("%Y-%m-%d")
    return f"Protokoll-{short}-{day}.pdf"


def _person_name(request, userid):
    user = request.root["users"].get(userid) if userid else None
    if user is None:
        return userid or ""
    person = request.root["people"].get(user.person_id) if user.person_id else None
    return person.title if person is not None else user.login


def _names(request, ids):
    """The persons the viewer may see (sorted) and how many others there are."""
    people = request.root["people"]
    named, unnamed = [], 0
    for pid in ids:
        person = people.get(pid)
        if person is not None and request.has_permission(VIEW, person):
            named.append(person)
        else:
            unnamed += 1
    named.sort(key=lambda p: p.sort_key)
    return [p.title for p in named], unnamed


def attendance(request, meeting):
    """Who was present and who excused, from the meeting's attendance record."""
    groups = []
    for presence in ("present", "excused"):
        ids = [pid for pid, a in meeting.attendance.items() if a.presence == presence]
        if not ids:
            continue
        names, n = _names(request, ids)
        others = None
        if presence == "present":
            title = _("Anwesend")
            if n and names:
                others = (_("sowie eine weitere anwesende Person") if n == 1 else
                          _("sowie ${count} weitere Anwesende", mapping={"count": n}))
            elif n:
                others = _("${count} Anwesende, die nicht namentlich genannt werden",
                           mapping={"count": n})
        else:
            title = _("Entschuldigt")
            if n and names:
                others = (_("sowie eine weitere entschuldigte Person") if n == 1 else
                          _("sowie ${count} weitere Entschuldigte", mapping={"count": n}))
            elif n:
                others = _("${count} Entschuldigte, die nicht namentlich genannt werden",
                           mapping={"count": n})
        groups.append(SimpleNamespace(key=presence, title=title, names=names, unnamed=n,
                                      others=others, count=len(ids)))
    return SimpleNamespace(groups=groups, guests=getattr(meeting, "guests", 0) or 0)


def _may_view(request):
    """Per-item check for logged-in viewers; ``None`` (public items only) otherwise."""
    if request.identity is None:
        return None
    return lambda item: bool(request.has_permission(VIEW, item))


def _item_view(item, entry, request, translate):
    decisions = [SimpleNamespace(text=d.get("text", ""), votes=votes_line(d, translate))
                 for d in entry.get("decisions", ())]
    tasks = [SimpleNamespace(what=t.get("what", ""), responsible=t.get("responsible", ""),
                             due=t.get("due"), due_text=format_date(t.get("due"), request))
             for t in entry.get("tasks", ())]
    return SimpleNamespace(item=item, name=item.__name__, label=item.label, title=item.title,
                           public=item.public, discussion=entry.get("discussion", ""),
                           decisions=decisions, tasks=tasks,
                           empty=not (entry.get("discussion") or decisions or tasks))


def approval(request, minutes):
    """The approving meeting (linked if the viewer may open it) and its TOP."""
    if not minutes.approved_at_meeting:
        return None
    meeting = minutes.approving_meeting()
    if meeting is None:
        return SimpleNamespace(url=None, title="", date=format_date(
            minutes.approved_on.date() if minutes.approved_on else None, request), item=None)
    may = bool(request.has_permission(VIEW, meeting))
    item = approval_item(meeting)
    if item is not None and not request.has_permission(VIEW, item):
        item = None
    return SimpleNamespace(
        url=request.resource_url(meeting) if may else None, title=meeting.title,
        date=format_date(to_local(meeting.start, _tz(meeting)).date(), request),
        item=f"{item.label} „{item.title}“" if item is not None else None)


def content(context, request):
    """Everything the page, the print view and the PDF show to this viewer."""
    translate = request.localizer.translate
    meeting = context.meeting
    items = [_item_view(item, entry, request, translate)
             for item, entry in context.visible_entries(_may_view(request))]
    internal = bool(request.identity is not None
                    and request.has_permission(VIEW_INTERNAL, context))
    history = []
    if internal:
        for step in context.history:
            known = minutes_workflow.transitions.get(step["transition"])
            history.append(SimpleNamespace(
                at=step["at"], at_text=format_datetime(step["at"], meeting, request),
                title=known[3] if known else step["transition"],
                state=minutes_workflow.title(step["to"]), by=_person_name(request, step["by"]),
                note=step.get("note", "")))
    corrections = [SimpleNamespace(at=c["at"], date=format_date(
        to_local(c["at"], _tz(meeting)).date(), request), reason=c["reason"], version=c["version"])
        for c in context.corrections]
    return SimpleNamespace(
        minutes=context, meeting=meeting, body=meeting.body, portal=request.root,
        when=format_when(meeting, request), place=format_place(meeting),
        online=meeting.online_url, state=minutes_workflow.title(context.state),
        published=context.state == PUBLISHED, general=context.general,
        attendance=attendance(request, meeting), items=items, approval=approval(request, context),
        corrections=corrections, history=history, internal=internal)


def _macros():
    return get_renderer("roundtable:templates/minutes/macros.pt").implementation()


def _minutes_url(request, minutes, anchor=None):
    return request.resource_url(minutes, anchor=anchor) if anchor else request.resource_url(minutes)


def _subpath_item(context, request):
    """The agenda item named in the sub-path (``…/edit/top-2``), or None."""
    if not request.subpath:
        return None
    if len(request.subpath) != 1:
        raise HTTPNotFound()
    item = context.meeting.agenda.get(request.subpath[0])
    if item is None:
        raise HTTPNotFound()
    if not request.has_permission(VIEW, item):
        raise HTTPForbidden()
    return item


# -- creating ------------------------------------------------------------------

@view_config(context=Meeting, name="create-minutes", permission=EDIT,
             renderer="roundtable:templates/minutes/create.pt")
def create_minutes(context, request):
    """Start the minutes of a meeting (POST; the GET shows the button).

    The minutes are a child of the meeting named ``minutes`` so their URL is
    the meeting's plus ``minutes/``; a second request finds them there.
    """
    if context.minutes is not None:
        return HTTPSeeOther(location=request.resource_url(context.minutes))
    if context.status == "cancelled":
        flash(request, _("Zu einer abgesagten Sitzung gibt es kein Protokoll."))
        return HTTPSeeOther(location=request.resource_url(context))
    if request.method == "POST":
        minutes = context.add(Minutes(), "minutes")
        flash(request, _("Das Protokoll ist als Entwurf angelegt."))
        return HTTPSeeOther(location=request.resource_url(minutes))
    return {"page_title": _("Protokoll anlegen"), "meeting": context,
            "when": format_when(context, request)}


# -- reading ------------------------------------------------------------------

@view_config(context=Minutes, renderer="roundtable:templates/minutes/minutes.pt", permission=VIEW)
def minutes_page(context, request):
    c = content(context, request)
    transitions = []
    for name in minutes_workflow.available(context, request):
        transitions.append(SimpleNamespace(name=name, title=minutes_workflow.transitions[name][3]))
    later = context.later_meetings() if any(t.name == "approve" for t in transitions) else []
    return {
        "page_title": _("Protokoll: ${title}", mapping={"title": context.meeting.title}),
        "c": c, "macros": _macros(), "paragraphs": paragraphs,
        "may_edit": bool(request.has_permission(EDIT, context)) and context.editable,
        "may_publish": bool(request.has_permission(PUBLISH, context)),
        "transitions": transitions,
        "later": [SimpleNamespace(name=m.__name__, title=m.title,
                                  date=format_date(to_local(m.start, _tz(m)).date(), request))
                  for m in later],
        "pdf_name": pdf_filename(context),
    }


@view_config(context=Minutes, name="print", renderer="roundtable:templates/minutes/print.pt",
             permission=VIEW)
def print_view(context, request):
    """The minutes as a printed document: letterhead, no buttons, no history."""
    return {"page_title": _("Protokoll: ${title}", mapping={"title": context.meeting.title}),
            "c": content(context, request), "macros": _macros(), "paragraphs": paragraphs}


@view_config(context=Minutes, name="minutes.pdf", permission=VIEW)
def pdf_view(context, request):
    """The minutes as PDF (fpdf2, DejaVu fonts so every name prints)."""
    from .pdf import minutes_pdf

    fonts = request.registry.settings["roundtable.static"].rstrip("/") + "/fonts"
    data = minutes_pdf(content(context, request), request.localizer.translate, fonts,
                       lang=request.locale_name)
    response = Response(body=bytes(data), content_type="application/pdf")
    response.content_disposition = f'attachment; filename="{pdf_filename(context)}"'
    if request.identity is not None:
        response.cache_control = "private, no-store"
    return response


# -- editing ------------------------------------------------------------------

def _not_editable(context, request):
    flash(request, _("Dieses Protokoll ist „${state}“ und wird nicht mehr bearbeitet; "
                     "nach der Veröffentlichung sind nur Korrekturen möglich.",
                     mapping={"state": request.localizer.translate(context.state_title())}))
    return HTTPSeeOther(location=request.resource_url(context))


@view_config(context=Minutes, name="edit", renderer=FORM, permission=EDIT)
def edit(context, request):
    """One agenda item's entry (``edit/top-2``) or the general remarks (``edit``).

    "Speichern und weitere Zeilen" saves and returns to the form, which then
    has empty rows again: more decisions and tasks without JavaScript.
    """
    if not context.editable:
        return _not_editable(context, request)
    item = _subpath_item(context, request)
    button = "more" if "more" in request.POST else "save"
    buttons = (deform.Button("save", _("Speichern")),)
    if item is None:
        form = forms.make_form(request, general_schema(), buttons=buttons)

        def save_general(data):
            context.set_general(clean_text(data["general"]))
            flash(request, _("Protokoll gespeichert."))
            return HTTPSeeOther(location=_minutes_url(request, context, "general"))

        result = forms.handle(request, form, save_general, {"general": context.general})
        return forms.page(result, _("Protokoll bearbeiten: Allgemeines"),
                          intro=context.meeting.title, cancel_url=request.resource_url(context))

    entry = context.entry(item.__name__)
    buttons += (deform.Button("more", _("Speichern und weitere Zeilen")),)
    form = forms.make_form(request, entry_schema(entry), buttons=buttons)

    def save(data):
        context.set_entry(item.__name__, **entry_from_appstruct(data))
        flash(request, _("${label} gespeichert.", mapping={"label": item.label}))
        if button == "more":
            return HTTPSeeOther(location=request.resource_url(context, "edit", item.__name__))
        return HTTPSeeOther(location=_minutes_url(request, context, item.__name__))

    result = forms.handle(request, form, save, entry_appstruct(entry), button=button)
    return forms.page(result, _("Protokoll bearbeiten: ${label} ${title}",
                                mapping={"label": item.label, "title": item.title}),
                      intro=context.meeting.title, cancel_url=request.resource_url(context))


# -- workflow -----------------------------------------------------------------

@view_config(context=Minutes, name="transition", request_method="POST", permission=VIEW)
def transition(context, request):
    """Take a workflow step; a refused step is explained, nothing changes.

    The step's own permission is checked by the workflow (EDIT to submit or
    revise, PUBLISH to approve or publish). Approving records the later
    meeting of the same body at which the minutes were approved.
    """
    name = request.POST.get("transition", "")
    note = ""
    try:
        if name == "approve" and name in minutes_workflow.available(context, request):
            chosen = request.POST.get("meeting", "")
            meeting = next((m for m in context.later_meetings() if m.__name__ == chosen), None)
            context.record_approval(meeting)
            note = request.localizer.translate(_("Sitzung vom ${date}", mapping={
                "date": format_date(to_local(meeting.start, _tz(meeting)).date(), request)}))
        minutes_workflow.transition(context, name, request=request, note=note)
    except WorkflowError as error:
        flash(request, error.args[0])
    else:
        flash(request, _("Das Protokoll ist jetzt „${state}“.", mapping={
            "state": request.localizer.translate(context.state_title())}))
    return HTTPSeeOther(location=request.resource_url(context))


# -- corrections and versions -------------------------------------------------

@view_config(context=Minutes, name="correct", renderer=FORM, permission=PUBLISH)
def correct(context, request):
    """Correct published minutes with a reason: the text before is kept as a
    version, and the public page says when and why it was corrected."""
    if context.state != PUBLISHED:
        flash(request, _("Nur veröffentlichte Protokolle werden korrigiert; "
                         "vorher bearbeiten Sie den Entwurf."))
        return HTTPSeeOther(location=request.resource_url(context))
    item = _subpath_item(context, request)
    userid = request.identity.__name__ if request.identity is not None else None
    buttons = (deform.Button("save", _("Korrektur speichern")),)
    unchanged = _("Sie haben nichts geändert; eine Korrektur braucht eine Änderung.")

    if item is None:
        form = forms.make_form(request, general_schema(correction=True), buttons=buttons)

        def save_general(data):
            general = clean_text(data["general"])
            if general == context.general:
                return {"form": forms.render(request, form, data), "error": unchanged}
            context.correct(clean_text(data["reason"]), userid, general=general)
            flash(request, _("Die Korrektur ist gespeichert; die vorige Fassung bleibt erhalten."))
            return HTTPSeeOther(location=_minutes_url(request, context, "general"))

        result = forms.handle(request, form, save_general, {"general": context.general})
        return forms.page(result, _("Protokoll korrigieren: Allgemeines"),
                          intro=context.meeting.title, cancel_url=request.resource_url(context))

    entry = context.entry(item.__name__)
    form = forms.make_form(request, entry_schema(entry, correction=True), buttons=buttons)

    def save(data):
        new = entry_from_appstruct(data)
        if new == entry_from_appstruct(entry_appstruct(entry)):
            return {"form": forms.render(request, form, data), "error": unchanged}
        context.correct(clean_text(data["reason"]), userid, entries={item.__name__: new})
        flash(request, _("Die Korrektur ist gespeichert; die vorige Fassung bleibt erhalten."))
        return HTTPSeeOther(location=_minutes_url(request, context, item.__name__))

    result = forms.handle(request, form, save, entry_appstruct(entry))
    return forms.page(result, _("Protokoll korrigieren: ${label} ${title}",
                                mapping={"label": item.label, "title": item.title}),
                      intro=context.meeting.title, cancel_url=request.resource_url(context))


@view_config(context=Minutes, name="versions", renderer="roundtable:templates/minutes/versions.pt",
             permission=PUBLISH)
def versions(context, request):
    """Earlier versions of corrected minutes (``versions``, ``versions/1`` …).

    Board, chair and coordinator only (PUBLISH: who may correct sees what was
    corrected); the public reads the current text and the correction notes.
    """
    meeting = context.meeting
    replaced_by = {c["version"]: c for c in context.corrections}

    def describe(number, version):
        correction = replaced_by.get(number)
        return SimpleNamespace(
            number=number, url=request.resource_url(context, "versions", str(number)),
            at=format_datetime(version["at"], meeting, request),
            corrected=format_datetime(correction["at"], meeting, request) if correction else "",
            reason=correction["reason"] if correction else "",
            by=_person_name(request, correction["by"]) if correction else "")

    listing = [describe(n, v) for n, v in enumerate(context.versions, 1)]
    base = {"c": content(context, request), "macros": _macros(), "paragraphs": paragraphs,
            "versions": listing, "version": None}
    if not request.subpath:
        return dict(base, page_title=_("Frühere Fassungen: ${title}",
                                       mapping={"title": meeting.title}))
    number = request.subpath[0]
    if len(request.subpath) != 1 or not number.isdigit() or not 1 <= int(number) <= len(listing):
        raise HTTPNotFound()
    snapshot = context.versions[int(number) - 1]
    translate = request.localizer.translate
    items = [_item_view(item, snapshot["entries"].get(item.__name__) or {}, request, translate)
             for item in meeting.agenda.ordered() if request.has_permission(VIEW, item)]
    return dict(base, page_title=_("Fassung ${n}: ${title}", mapping={
        "n": number, "title": meeting.title}), version=SimpleNamespace(
            info=listing[int(number) - 1], general=snapshot.get("general", ""), items=items))
