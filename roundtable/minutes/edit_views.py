"""Editing the minutes: one agenda item's entry, or the general remarks.

Only while the minutes are editable (draft or under revision); published
minutes are changed by a correction (``correction_views``).
"""
import deform
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config

from .. import events, forms
from ..i18n import _, flash
from ..security import EDIT
from .content import FORM, form_page, minutes_url, subpath_item
from .schemas import (clean_text, entry_appstruct, entry_from_appstruct, entry_schema,
                              general_schema)
from .resources import Minutes


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
    item = subpath_item(context, request)
    button = "more" if "more" in request.POST else "save"
    buttons = (deform.Button("save", _("Speichern")),)
    if item is None:
        form = forms.make_form(request, general_schema(), buttons=buttons)

        def save_general(data):
            context.set_general(clean_text(data["general"]))
            events.modified(request, context)
            flash(request, _("Protokoll gespeichert."))
            return HTTPSeeOther(location=minutes_url(request, context, "general"))

        return form_page(context, request, form, save_general, {"general": context.general},
                         _("Protokoll bearbeiten: Allgemeines"))

    entry = context.entry(item.__name__)
    buttons += (deform.Button("more", _("Speichern und weitere Zeilen")),)
    form = forms.make_form(request, entry_schema(entry), buttons=buttons)

    def save(data):
        context.set_entry(item.__name__, **entry_from_appstruct(data))
        events.modified(request, context)
        flash(request, _("${label} gespeichert.", mapping={"label": item.label}))
        if button == "more":
            return HTTPSeeOther(location=request.resource_url(context, "edit", item.__name__))
        return HTTPSeeOther(location=minutes_url(request, context, item.__name__))

    return form_page(context, request, form, save, entry_appstruct(entry),
                     _("Protokoll bearbeiten: ${label} ${title}",
                       mapping={"label": item.label, "title": item.title}), button=button)
