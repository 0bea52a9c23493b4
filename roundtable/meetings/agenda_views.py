"""Views of a meeting's agenda: items added, edited, moved and deleted, and
their documents uploaded, downloaded and removed.

Kept apart from the meeting page because they act on the agenda's own
resources (``Agenda``, ``AgendaItem``, ``Document``). Non-public items and
their documents are asked about one by one (``VIEW`` on the object), so a
download reaches no one who may not see the item; numbering and moving are
rules of the ``Agenda`` resource, not of these views.
"""
from urllib.parse import quote

import deform
from pyramid.httpexceptions import HTTPBadRequest, HTTPSeeOther
from pyramid.response import FileResponse, Response
from pyramid.view import view_config

from .. import events, forms
from ..i18n import _, flash
from ..security import EDIT, VIEW
from .resources import Agenda, AgendaItem, Document
from .schemas import AgendaItemSchema, check_upload, max_upload_mb, upload_type
from .viewhelpers import FORM, TEMPLATES


# agenda ----------------------------------------------------------------------------------

@view_config(context=Agenda, permission=VIEW)
def agenda_default(context, request):
    return HTTPSeeOther(location=request.resource_url(context.__parent__, anchor="agenda"))


@view_config(context=AgendaItem, permission=VIEW)
def item_default(context, request):
    return HTTPSeeOther(location=request.resource_url(context.meeting, anchor=context.__name__))


def _item_values(data):
    return {k: data[k] for k in ("number", "title", "description", "public", "presenter",
                                 "duration")}


@view_config(context=Agenda, name="add", renderer=FORM, permission=EDIT)
def add_item(context, request):
    meeting = context.__parent__
    form = forms.make_form(request, AgendaItemSchema(),
                           buttons=(deform.Button("save", _("Hinzufügen")),))

    def save(data):
        item = context.add_item(AgendaItem(**_item_values(data)))
        events.added(request, item)
        flash(request, _("${label} hinzugefügt.", mapping={"label": item.label}))
        return HTTPSeeOther(location=request.resource_url(meeting, anchor=item.__name__))

    defaults = {"number": context.next_number(), "public": meeting.public}
    result = forms.handle(request, form, save, defaults)
    return forms.page(result, _("Tagesordnungspunkt hinzufügen"), intro=meeting.title,
                      cancel_url=request.resource_url(meeting, anchor="agenda"))


@view_config(context=AgendaItem, name="edit", renderer=FORM, permission=EDIT)
def edit_item(context, request):
    agenda = context.__parent__
    form = forms.make_form(request, AgendaItemSchema())

    def save(data):
        agenda.update_item(context, **_item_values(data))
        # the whole meeting: a renumbered TOP takes its sub-items along, and the
        # minutes' searchable text depends on which items are public
        events.modified(request, context.meeting)
        flash(request, _("${label} gespeichert.", mapping={"label": context.label}))
        return HTTPSeeOther(location=request.resource_url(context.meeting, anchor=context.__name__))

    values = {k: getattr(context, k) for k in context.fields}
    if values["duration"] is None:
        values.pop("duration")
    result = forms.handle(request, form, save, values)
    return forms.page(result, _("${label} bearbeiten", mapping={"label": context.label}),
                      intro=context.meeting.title,
                      cancel_url=request.resource_url(context.meeting, anchor=context.__name__))


@view_config(context=AgendaItem, name="move", request_method="POST", permission=EDIT)
def move_item(context, request):
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        raise HTTPBadRequest(_("Unbekannte Richtung."))
    context.__parent__.move(context, direction)
    events.modified(request, context.__parent__)
    return HTTPSeeOther(location=request.resource_url(context.meeting, anchor=context.__name__))


@view_config(context=AgendaItem, name="delete", renderer=TEMPLATES + "confirm.pt", permission=EDIT)
def delete_item(context, request):
    """GET asks, POST deletes (with the item's documents)."""
    meeting = context.meeting
    error = None
    if request.method == "POST":
        try:
            context.__parent__.remove_item(context)
        except ValueError as exc:
            error = exc.args[0]
            request.response.status = 400
        else:
            # after the removal succeeded: the item still knows its former place
            events.removed(request, context)
            flash(request, _("${label} „${title}“ gelöscht.",
                             mapping={"label": context.label, "title": context.title}))
            return HTTPSeeOther(location=request.resource_url(meeting, anchor="agenda"))
    return {"page_title": _("${label} löschen?", mapping={"label": context.label}),
            "question": _("Soll „${label} ${title}“ mit ${count} Dokument(en) von der Tagesordnung "
                          "gelöscht werden?", mapping={"label": context.label, "title": context.title,
                                                       "count": len(context)}),
            "action": request.resource_url(context, "delete"), "button": _("Löschen"),
            "cancel_url": request.resource_url(meeting, anchor=context.__name__), "error": error}


# documents -------------------------------------------------------------------------------

def read_upload(request, max_mb, factory=Document):
    """The posted file (field ``upload``, optional ``title``) as a ``factory``
    document, or ``(None, message)`` when it is missing, too big or of a type
    we do not take. Also used for the attachments of motions."""
    field = request.POST.get("upload")
    title = (request.POST.get("title") or "").strip()[:200]
    if field is None or not hasattr(field, "file") or not getattr(field, "filename", ""):
        return None, _("Bitte wählen Sie eine Datei aus.")
    data = field.file.read(int(max_mb * 1024 * 1024) + 1)
    filename = field.filename.replace("\\", "/").rsplit("/", 1)[-1][:200]
    error = check_upload(filename, field.type, len(data), max_mb, head=data[:16])
    if error is not None:
        return None, error
    return factory(filename, upload_type(filename, field.type), data, title=title), None


@view_config(context=AgendaItem, name="upload", renderer=TEMPLATES + "upload.pt", permission=EDIT)
def upload(context, request):
    """A document for the item: checked for size and type before anything is stored."""
    max_mb = max_upload_mb(request.registry.settings)
    error = None
    if request.method == "POST":
        document, error = read_upload(request, max_mb)
        if error is None:
            context.add_document(document)
            events.added(request, document)   # the meeting page and its feeds change
            flash(request, _("Dokument „${name}“ hinzugefügt.", mapping={"name": document.title}))
            return HTTPSeeOther(location=request.resource_url(context.meeting,
                                                              anchor=context.__name__))
        request.response.status = 400
    return {"page_title": _("Dokument hinzufügen: ${label}", mapping={"label": context.label}),
            "intro": f"{context.meeting.title} · {context.label} {context.title}",
            "action": request.resource_url(context, "upload"), "max_mb": max_mb, "error": error,
            "cancel_url": request.resource_url(context.meeting, anchor=context.__name__)}


INLINE_TYPES = ("application/pdf", "image/png", "image/jpeg")


@view_config(context=Document, permission=VIEW)
def download(context, request):
    """The file itself. VIEW is asked of the document, so a non-public item's
    documents are as closed as the item."""
    response = file_response(context, request)
    meeting = context.__parent__.meeting
    public = context.__parent__.public and meeting.public
    response.headers["Cache-Control"] = "public, max-age=300" if public else "private, no-store"
    return response


def file_response(context, request):
    """A stored ``Document`` as a response (also used for motions' attachments)."""
    disposition = "inline" if context.content_type in INLINE_TYPES else "attachment"
    ascii_name = context.filename.encode("ascii", "replace").decode("ascii").replace('"', "")
    try:
        response = FileResponse(context.blob.committed(), request=request,
                                content_type=context.content_type)
    except Exception:  # not committed yet (same transaction) or no blob directory
        with context.open() as f:
            response = Response(body=f.read(), content_type=context.content_type)
    response.headers["Content-Disposition"] = (
        f"{disposition}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(context.filename)}")
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@view_config(context=Document, name="delete", request_method="POST", permission=EDIT)
def delete_document(context, request):
    item = context.__parent__
    events.removed(request, context)
    item.remove(context.__name__)
    flash(request, _("Dokument „${name}“ entfernt.", mapping={"name": context.title}))
    return HTTPSeeOther(location=request.resource_url(item.meeting, anchor=item.__name__))
