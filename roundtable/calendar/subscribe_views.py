"""The "Kalender abonnieren" page: ready-made feeds, a builder for a filtered
feed, and the member's personal feed address (create, regenerate, revoke)."""
from pyramid.httpexceptions import HTTPBadRequest, HTTPSeeOther
from pyramid.view import view_config

from ..i18n import _, flash
from ..portal import Portal
from ..security import ACCOUNT, VIEW
from . import filters, personal
from .links import subscription


def filtered_url(request, portal, selection):
    url = request.resource_url(portal, "calendar.ics")
    query = selection.query()
    return f"{url}?{query}" if query else url


def personal_url(request, token):
    return request.route_url(personal.ROUTE, token=token)


@view_config(context=Portal, name="subscribe", renderer="roundtable:templates/calendar/subscribe.pt",
             permission=VIEW, request_method="GET")
def subscribe(context, request):
    """Ready-made feeds; with ``body``/``field`` parameters also the address of
    that selection (the form on the page submits them here by GET)."""
    bodies = context["bodies"]
    feeds = [subscription(_("Alle Gremien"), request.resource_url(context, "calendar.ics"))]
    feeds += [subscription(body.name, request.resource_url(body, "calendar.ics"))
              for body in bodies.listing()]
    error, built = None, None
    try:
        selection = filters.parse(request.GET, bodies)
    except filters.FeedFilterError as exc:
        error, selection = exc.message, filters.FeedFilter()
        request.response.status = 400
    if selection:
        title = ", ".join(selection.labels(bodies, request.localizer.translate))
        built = subscription(title, filtered_url(request, context, selection))
    user = request.identity
    token = personal.current(user) if user is not None else None
    return {"page_title": _("Kalender abonnieren"), "feeds": feeds, "built": built,
            "error": error, "bodies": bodies.listing(), "fields": filters.field_choices(),
            "selection": selection, "user": user,
            "mine": subscription(_("Meine Sitzungen"), personal_url(request, token)) if token else None}


@view_config(context=Portal, name="personal-calendar", permission=ACCOUNT, request_method="POST")
def personal_calendar(context, request):
    """Create or regenerate (``issue``) or revoke the personal feed address."""
    users, user = context["users"], request.identity
    action = request.POST.get("action")
    if action == "issue":
        personal.issue(users, user)
        flash(request, _("Ihre persönliche Kalenderadresse ist erzeugt. Eine frühere Adresse "
                         "funktioniert nicht mehr."))
    elif action == "revoke":
        personal.revoke(users, user)
        flash(request, _("Ihre persönliche Kalenderadresse ist gesperrt."))
    else:
        return HTTPBadRequest(text=request.localizer.translate(_("Unbekannte Aktion.")))
    return HTTPSeeOther(request.resource_url(context, "subscribe", anchor="personal"))
