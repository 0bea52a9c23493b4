"""Correcting published minutes, and the earlier versions a correction keeps."""
from types import SimpleNamespace

import deform
from pyramid.httpexceptions import HTTPNotFound, HTTPSeeOther
from pyramid.view import view_config

from .. import events, forms
from ..i18n import _, flash
from ..security import VIEW
from .content import (FORM, content, form_page, format_datetime, item_view, macros,
                      minutes_url, person_name, subpath_item)
from .schemas import (clean_text, entry_appstruct, entry_from_appstruct, entry_schema,
                              general_schema)
from .resources import Minutes
from .workflow import PUBLISH, PUBLISHED


@view_config(context=Minutes, name="correct", renderer=FORM, permission=PUBLISH)
def correct(context, request):
    """Correct published minutes with a reason: the text before is kept as a
    version, and the public page says when and why it was corrected."""
    if context.state != PUBLISHED:
        flash(request, _("Nur veröffentlichte Protokolle werden korrigiert; "
                         "vorher bearbeiten Sie den Entwurf."))
        return HTTPSeeOther(location=request.resource_url(context))
    item = subpath_item(context, request)
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
            events.modified(request, context)
            flash(request, _("Die Korrektur ist gespeichert; die vorige Fassung bleibt erhalten."))
            return HTTPSeeOther(location=minutes_url(request, context, "general"))

        return form_page(context, request, form, save_general, {"general": context.general},
                         _("Protokoll korrigieren: Allgemeines"))

    entry = context.entry(item.__name__)
    form = forms.make_form(request, entry_schema(entry, correction=True), buttons=buttons)

    def save(data):
        new = entry_from_appstruct(data)
        if new == entry_from_appstruct(entry_appstruct(entry)):
            return {"form": forms.render(request, form, data), "error": unchanged}
        context.correct(clean_text(data["reason"]), userid, entries={item.__name__: new})
        events.modified(request, context)
        flash(request, _("Die Korrektur ist gespeichert; die vorige Fassung bleibt erhalten."))
        return HTTPSeeOther(location=minutes_url(request, context, item.__name__))

    return form_page(context, request, form, save, entry_appstruct(entry),
                     _("Protokoll korrigieren: ${label} ${title}",
                       mapping={"label": item.label, "title": item.title}))


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
            by=person_name(request, correction["by"]) if correction else "")

    listing = [describe(n, v) for n, v in enumerate(context.versions, 1)]
    base = {"c": content(context, request), "macros": macros(),
            "versions": listing, "version": None}
    if not request.subpath:
        return dict(base, page_title=_("Frühere Fassungen: ${title}",
                                       mapping={"title": meeting.title}))
    number = request.subpath[0]
    if len(request.subpath) != 1 or not number.isdigit() or not 1 <= int(number) <= len(listing):
        raise HTTPNotFound()
    snapshot = context.versions[int(number) - 1]
    translate = request.localizer.translate
    items = [item_view(item, snapshot["entries"].get(item.__name__) or {}, request, translate)
             for item in meeting.agenda.ordered() if request.has_permission(VIEW, item)]
    return dict(base, page_title=_("Fassung ${n}: ${title}", mapping={
        "n": number, "title": meeting.title}), version=SimpleNamespace(
            info=listing[int(number) - 1], general=snapshot.get("general", ""), items=items))
