"""The pages of a council committee that show or guard its motions.

Committees come before motions in the layer order (a motion names the
committees it goes to), so the committee page listing its motions and the
removal that refuses while motions address the committee are registered here.
"""
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config

from .. import events
from ..committees.resources import Committee
from ..committees.views import format_meeting_time
from ..i18n import _, flash
from ..security import EDIT, MANAGE, VIEW
from ..timeutil import now
from .queries import motions_for_committee, public_motions_for_committee


@view_config(context=Committee, renderer="roundtable:templates/committees/committee.pt",
             permission=VIEW, freshness=("committees", "motions", "register", "site"))
def committee_page(context, request):
    at = now()
    return {
        "page_title": context.name,
        "committee": context,
        "upcoming": [(d, context.submission_deadline(d)) for d in context.upcoming_meetings(at)],
        "past": list(reversed(context.past_meetings(at)))[:10],
        "motions": public_motions_for_committee(request.root, context.__name__),
        "may_edit": bool(request.has_permission(EDIT, context)),
        "may_manage": bool(request.has_permission(MANAGE, context)),
        "fmt": format_meeting_time,
    }


@view_config(context=Committee, name="delete", request_method="POST", permission=MANAGE)
def delete_committee(context, request):
    """Only a committee no motion addresses: the register must keep its links."""
    if motions_for_committee(request.root, context.__name__):
        flash(request, _("Der Ausschuss „${name}“ ist Ziel von Anträgen und bleibt deshalb "
                         "erhalten.", mapping={"name": context.name}))
        return HTTPSeeOther(location=request.resource_url(context))
    events.removed(request, context)   # out of the search catalog
    context.__parent__.remove(context.__name__)
    flash(request, _("Ausschuss „${name}“ gelöscht.", mapping={"name": context.name}))
    return HTTPSeeOther(location=request.resource_url(request.root["committees"]))
