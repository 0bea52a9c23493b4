"""Writing a motion: the draft form, its versions and their comparison,
attachments, and deleting a draft.

Several board members co-edit a draft. The form carries the version it was
based on; a save over a newer version is refused with 409, the author's text
stays in the form, and the page links the comparison with the newer one.
"""
import deform
from pyramid.httpexceptions import HTTPBadRequest, HTTPSeeOther
from pyramid.view import view_config

from .. import events, forms
from ..i18n import _, flash
from ..meetings.agenda_views import file_response, read_upload
from ..meetings.schemas import max_upload_mb
from ..security import ADD, EDIT, VIEW
from ..timeutil import DEFAULT_TZ, format_local
from ..workflow import WorkflowError
from .display import user_name
from .register import Motions
from .resources import TEXT_FIELDS, Attachment, Motion, StaleVersion
from .schemas import MotionSchema
from .versions import compare

FORM = "roundtable:templates/form.pt"
TEMPLATES = "roundtable:templates/motions/"
META = ("author_ids", "organisation_ids", "field_of_action", "committee_ids", "follow_up")


def _userid(request):
    return request.identity.__name__ if request.identity is not None else None


@view_config(context=Motions, name="add", renderer=FORM, permission=ADD)
def add_motion(context, request):
    schema = MotionSchema()
    del schema["version"]
    form = forms.make_form(request, schema, buttons=(deform.Button("save", _("Entwurf anlegen")),))

    def save(data):
        motion = Motion(by=_userid(request), **{k: data[k] for k in TEXT_FIELDS + META})
        context.add_motion(motion)
        events.added(request, motion)
        flash(request, _("Entwurf „${title}“ angelegt.", mapping={"title": motion.title}))
        return HTTPSeeOther(location=request.resource_url(motion))

    person_id = getattr(request.identity, "person_id", None)
    result = forms.handle(request, form, save, {"author_ids": (person_id,) if person_id else ()})
    return forms.page(result, _("Antrag entwerfen"), cancel_url=request.resource_url(context),
                      intro=_("Der Entwurf ist nur für den Vorstand sichtbar, bis der Runde "
                              "Tisch ihn beschließt."))


@view_config(context=Motion, name="edit", renderer=FORM, permission=EDIT)
def edit_motion(context, request):
    if not context.editable:
        flash(request, _("Der Text eines beschlossenen oder eingereichten Antrags bleibt "
                         "unverändert."))
        return HTTPSeeOther(location=request.resource_url(context))
    form = forms.make_form(request, MotionSchema())
    extra = {}

    def save(data):
        try:
            changed = context.save_text(data["version"], _userid(request),
                                        **{k: data[k] for k in TEXT_FIELDS})
        except StaleVersion as stale:
            request.response.status = 409
            data, _conflicts = context.merge_stale(data["version"], data)
            data["version"] = context.version
            extra["error"] = _(
                "${who} hat inzwischen Fassung ${n} gespeichert. Ihre Änderungen sind noch "
                "nicht gespeichert; sie stehen unten im Formular, zusammen mit den Änderungen "
                "der neuen Fassung in den Feldern, die Sie nicht geändert haben. Prüfen Sie "
                "den Text und speichern Sie dann erneut.",
                mapping={"who": user_name(request, stale.current["by"]) or "?",
                         "n": stale.current["number"]})
            return {"form": forms.render(request, form, data)}
        context.update_meta(**{k: data[k] for k in META})
        events.modified(request, context)
        flash(request, _("Fassung ${n} gespeichert.", mapping={"n": context.version})
              if changed else _("Angaben gespeichert."))
        return HTTPSeeOther(location=request.resource_url(context))

    values = {k: getattr(context, k) for k in TEXT_FIELDS + META}
    values["version"] = context.version
    values["follow_up"] = context.follow_up or None
    result = forms.handle(request, form, save, values)
    if isinstance(result, dict):
        result.update(extra)
    return forms.page(result, _("Entwurf bearbeiten: ${title}", mapping={"title": context.title}),
                      intro=_("Sie bearbeiten Fassung ${n}.", mapping={"n": context.version}),
                      cancel_url=request.resource_url(context))


@view_config(context=Motion, name="versions", renderer=TEMPLATES + "versions.pt", permission=EDIT)
def versions(context, request):
    """All saved versions and the comparison of two of them (default: the last two)."""
    count = context.version
    try:
        a = int(request.params.get("a", max(count - 1, 1)))
        b = int(request.params.get("b", count))
    except ValueError:
        raise HTTPBadRequest(_("Bitte wählen Sie zwei Fassungen."))
    old, new = context.get_version(a), context.get_version(b)
    if old is None or new is None:
        raise HTTPBadRequest(_("Diese Fassung gibt es nicht."))
    labels = {"title": _("Titel"), "resolution": _("Beschlussvorschlag"),
              "reasoning": _("Begründung")}
    return {
        "page_title": _("Fassungen: ${title}", mapping={"title": context.title}),
        "motion": context,
        "versions": [dict(v, by_name=user_name(request, v["by"]),
                          when=format_local(v["at"], DEFAULT_TZ)) for v in context.versions],
        "a": a, "b": b, "old": old, "new": new,
        "rows": [(labels[k], left, right, changed)
                 for k, left, right, changed in compare(old, new, TEXT_FIELDS)],
    }


@view_config(context=Motion, name="delete", renderer="roundtable:templates/meetings/confirm.pt",
             permission=EDIT)
def delete_motion(context, request):
    error = None
    if request.method == "POST":
        try:
            register = context.__parent__
            events.removed(request, context)
            register.remove_motion(context)
        except WorkflowError as exc:
            error = exc.args[0]
            request.response.status = 400
        else:
            flash(request, _("Entwurf „${title}“ gelöscht.", mapping={"title": context.title}))
            return HTTPSeeOther(location=request.resource_url(register, "dashboard"))
    return {"page_title": _("Entwurf löschen?"), "error": error,
            "question": _("Soll der Entwurf „${title}“ mit allen Fassungen gelöscht werden?",
                          mapping={"title": context.title}),
            "action": request.resource_url(context, "delete"), "button": _("Löschen"),
            "cancel_url": request.resource_url(context)}


# attachments -------------------------------------------------------------------------

@view_config(context=Motion, name="upload", renderer="roundtable:templates/meetings/upload.pt",
             permission=EDIT)
def upload(context, request):
    """An attachment, checked for size and type before anything is stored."""
    max_mb = max_upload_mb(request.registry.settings)
    error = None
    note = request.POST.get("note", "") if request.method == "POST" else ""
    if request.method == "POST":
        document, error = read_upload(request, max_mb, factory=Attachment)
        if error is None:
            try:
                context.add_attachment(document, by=_userid(request), note=note)
            except WorkflowError as exc:
                error = exc.args[0]
            else:
                events.modified(request, context)
                flash(request, _("Anlage „${name}“ hinzugefügt.", mapping={"name": document.title}))
                return HTTPSeeOther(location=request.resource_url(context, anchor="attachments"))
        request.response.status = 400
    return {"page_title": _("Anlage hinzufügen: ${title}", mapping={"title": context.title}),
            "intro": context.label, "action": request.resource_url(context, "upload"),
            "max_mb": max_mb, "error": error, "addendum": not context.editable, "note": note,
            "cancel_url": request.resource_url(context)}


@view_config(context=Attachment, permission=VIEW)
def download(context, request):
    response = file_response(context, request)
    motion = context.__parent__
    response.headers["Cache-Control"] = ("public, max-age=300" if motion.is_public
                                         else "private, no-store")
    return response


@view_config(context=Attachment, name="delete", request_method="POST", permission=EDIT)
def delete_attachment(context, request):
    """Remove a draft's attachment; withdraw a fixed motion's one as an addendum."""
    motion = context.__parent__
    try:
        motion.remove_attachment(context.__name__, by=_userid(request), note=request.POST.get("note", ""))
    except WorkflowError as exc:
        raise HTTPBadRequest(exc.args[0])
    events.modified(request, motion)
    flash(request, _("Anlage „${name}“ entfernt.", mapping={"name": context.title}))
    return HTTPSeeOther(location=request.resource_url(motion, anchor="attachments"))
