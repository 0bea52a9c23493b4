"""What the minutes' views share: the content a viewer may read, and the forms.

Who sees what follows ``Minutes.__acl__`` (by state) and, per agenda item,
the item's own ACL: a visitor who is not logged in gets the public items only
(``Minutes.public_entries``), whatever else the ACLs say, so a non-public TOP
can never reach a public page or PDF. Names in the attendance list appear
only to viewers who may see the person (the person consented, or the viewer
is a member, board member or the coordinator); the others are counted.

The page, the print view, the PDF and the versions page are built from one
``content()`` so they cannot disagree about what a viewer may read. Editing
and correcting share the form plumbing at the end.
"""
from types import SimpleNamespace

from pyramid.httpexceptions import HTTPForbidden, HTTPNotFound
from pyramid.renderers import get_renderer

from .. import forms
from ..bodies.schemas import format_date
from ..i18n import _
from ..security import VIEW, VIEW_INTERNAL
from ..timeutil import format_datetime as format_local
from ..timeutil import to_local
from .resources import DECISION_RESULTS, approval_item, decision_result, has_votes
from .workflow import PUBLISHED, minutes_workflow

FORM = "roundtable:templates/minutes/form.pt"


# -- presentation helpers ---------------------------------------------------

def meeting_zone(meeting):
    return getattr(meeting, "tzname", None)


def _de(request):
    return getattr(request, "locale_name", "de") == "de"


def format_datetime(dt, meeting, request):
    return format_local(dt, meeting_zone(meeting), getattr(request, "locale_name", "de"))


def format_when(meeting, request):
    """``28.03.2027, 10:00–12:00 Uhr`` in the meeting's zone."""
    start, end = to_local(meeting.start, meeting_zone(meeting)), to_local(meeting.end, meeting_zone(meeting))
    day = format_date(start.date(), request)
    if start.date() == end.date():
        text = f"{day}, {start:%H:%M}–{end:%H:%M}"
        return text + " Uhr" if _de(request) else text
    return f"{day}, {start:%H:%M} – {format_date(end.date(), request)}, {end:%H:%M}"


def format_place(meeting):
    parts = [meeting.place_name, meeting.room, meeting.address]
    return " · ".join(p for p in parts if p)


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



def person_name(request, userid):
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


def item_view(item, entry, request, translate):
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
        date=format_date(to_local(meeting.start, meeting_zone(meeting)).date(), request),
        item=f"{item.label} „{item.title}“" if item is not None else None)


def content(context, request):
    """Everything the page, the print view and the PDF show to this viewer."""
    translate = request.localizer.translate
    meeting = context.meeting
    items = [item_view(item, entry, request, translate)
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
                state=minutes_workflow.title(step["to"]), by=person_name(request, step["by"]),
                note=step.get("note", "")))
    corrections = []
    for c in context.corrections:
        day = to_local(c["at"], meeting_zone(meeting)).date()
        corrections.append(SimpleNamespace(at=c["at"], day=day, date=format_date(day, request),
                                           reason=c["reason"], version=c["version"]))
    return SimpleNamespace(
        minutes=context, meeting=meeting, body=meeting.body, portal=request.root,
        when=format_when(meeting, request), place=format_place(meeting),
        online=meeting.online_url, state=minutes_workflow.title(context.state),
        published=context.state == PUBLISHED, general=context.general,
        attendance=attendance(request, meeting), items=items, approval=approval(request, context),
        corrections=corrections, history=history, internal=internal)


def macros():
    return get_renderer("roundtable:templates/minutes/macros.pt").implementation()


# -- forms (editing and correcting) ------------------------------------------

def minutes_url(request, minutes, anchor=None):
    return request.resource_url(minutes, anchor=anchor) if anchor else request.resource_url(minutes)


def subpath_item(context, request):
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


def form_page(context, request, form, on_success, appstruct, title, button="save"):
    """Show or process a minutes form (``forms.handle``); the page is titled,
    names the meeting and cancels back to the minutes, redirects pass through."""
    result = forms.handle(request, form, on_success, appstruct, button=button)
    return forms.page(result, title, intro=context.meeting.title,
                      cancel_url=request.resource_url(context))
