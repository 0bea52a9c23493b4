"""Views of council committees: public list and page; the coordinator
(``role:admin``, who alone holds ADD/EDIT/MANAGE here) adds, edits, removes."""
import deform
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config

from .. import events, forms
from ..i18n import _, flash
from ..security import ADD, EDIT, MANAGE, VIEW
from ..timeutil import DEFAULT_TZ, format_local, now
from .resources import Committee, Committees
from .schemas import CommitteeSchema, committee_appstruct, committee_values

FORM = "roundtable:templates/form.pt"


def _fmt(dt):
    return format_local(dt, DEFAULT_TZ)


@view_config(context=Committees, renderer="roundtable:templates/committees/listing.pt",
             permission=VIEW)
def listing(context, request):
    return {"page_title": _("Ratsausschüsse"), "committees": context.ordered(), "at": now(),
            "may_add": bool(request.has_permission(ADD, context)), "fmt": _fmt}


@view_config(context=Committees, name="add", renderer=FORM, permission=ADD)
def add_committee(context, request):
    form = forms.make_form(request, CommitteeSchema(),
                           buttons=(deform.Button("save", _("Anlegen")),))

    def save(data):
        committee = context.add_committee(Committee(**committee_values(data)))
        events.added(request, committee)
        flash(request, _("Ausschuss „${name}“ angelegt.", mapping={"name": committee.name}))
        return HTTPSeeOther(location=request.resource_url(committee))

    result = forms.handle(request, form, save, {"deadline_days": 21})
    return forms.page(result, _("Ausschuss anlegen"), cancel_url=request.resource_url(context))


@view_config(context=Committee, renderer="roundtable:templates/committees/committee.pt",
             permission=VIEW)
def committee_page(context, request):
    from ..motions.queries import public_motions_for_committee

    at = now()
    return {
        "page_title": context.name,
        "committee": context,
        "upcoming": [(d, context.submission_deadline(d)) for d in context.upcoming_meetings(at)],
        "past": list(reversed(context.past_meetings(at)))[:10],
        "motions": public_motions_for_committee(request.root, context.__name__),
        "may_edit": bool(request.has_permission(EDIT, context)),
        "may_manage": bool(request.has_permission(MANAGE, context)),
        "fmt": _fmt,
    }


@view_config(context=Committee, name="edit", renderer=FORM, permission=EDIT)
def edit_committee(context, request):
    form = forms.make_form(request, CommitteeSchema())

    def save(data):
        context.update(**committee_values(data))
        events.modified(request, context)
        flash(request, _("Ausschuss gespeichert."))
        return HTTPSeeOther(location=request.resource_url(context))

    result = forms.handle(request, form, save, committee_appstruct(context))
    return forms.page(result, _("Ausschuss bearbeiten: ${name}", mapping={"name": context.name}),
                      cancel_url=request.resource_url(context))


@view_config(context=Committee, name="delete", request_method="POST", permission=MANAGE)
def delete_committee(context, request):
    """Only a committee no motion addresses: the register must keep its links."""
    from ..motions.queries import motions_for_committee

    if motions_for_committee(request.root, context.__name__):
        flash(request, _("Der Ausschuss „${name}“ ist Ziel von Anträgen und bleibt deshalb "
                         "erhalten.", mapping={"name": context.name}))
        return HTTPSeeOther(location=request.resource_url(context))
    events.removed(request, context)
    context.__parent__.remove(context.__name__)
    flash(request, _("Ausschuss „${name}“ gelöscht.", mapping={"name": context.name}))
    return HTTPSeeOther(location=request.resource_url(request.root["committees"]))
