"""Views of council committees: public list and page; the coordinator
(``role:admin``, who alone holds ADD/EDIT/MANAGE here) adds and edits. The
committee's own page and its removal depend on the motions addressed to it,
so they live with the motions (``motions.committee_views``)."""
import deform
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config

from .. import events, forms
from ..i18n import _, flash
from ..security import ADD, EDIT, VIEW
from ..timeutil import DEFAULT_TZ, format_local, now
from .resources import Committee, Committees
from .schemas import CommitteeSchema, committee_appstruct, committee_values

FORM = "roundtable:templates/form.pt"


def format_meeting_time(dt):
    """A committee meeting's date and time in the town's zone (list and page)."""
    return format_local(dt, DEFAULT_TZ)


@view_config(context=Committees, renderer="roundtable:templates/committees/listing.pt",
             permission=VIEW, freshness=("committees", "site"))
def listing(context, request):
    return {"page_title": _("Ratsausschüsse"), "committees": context.ordered(), "at": now(),
            "may_add": bool(request.has_permission(ADD, context)), "fmt": format_meeting_time}


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
