"""Views of bodies (Gremien) and their memberships.

Who may do what follows from the ACLs: everyone reads the list of bodies and
a body's page; the coordinator (admin) creates, dissolves and reactivates
bodies; the chair or deputy chair of a body (local role ``chair``, EDIT on
that body only) edits it and manages its memberships, like the coordinator.

Privacy on the body page: a member is named only to viewers who may see the
person (``VIEW`` on the Person, i.e. the person consented to be named, or the
viewer is a member, board member or the coordinator); everyone else only
learns how many further members there are. Former members, the voting right
and future memberships are internal (``VIEW_INTERNAL``): the public page
shows who sits in a body now, the member-facing page also who sat in it.
"""
from datetime import date
from types import SimpleNamespace

import deform
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config

from .. import events, forms
from ..i18n import _, flash
from ..people.views import change_active
from ..security import ADD, EDIT, MANAGE, VIEW, VIEW_INTERNAL
from .charts import attendance_chart
from .resources import Bodies, Body, Membership, Memberships
from .schemas import (BodySchema, MembershipSchema, body_form_values, body_values, format_date,
                      membership_values)

# bodies' pages show their meetings, parent and child bodies, members' and
# organisations' names (register)
PAGES = ("bodies", "register", "site")

FORM = "roundtable:templates/form.pt"


def _people(request):
    return request.root["people"]


def _organisations(request):
    return request.root["organisations"]


def _may_name(request):
    """Whether the viewer may see (and so be shown the name of) a person."""
    return lambda person: bool(request.has_permission(VIEW, person))


# the list of bodies -------------------------------------------------------------

@view_config(context=Bodies, renderer="roundtable:templates/bodies/listing.pt", permission=VIEW,
             freshness=PAGES)
def listing(context, request):
    """All active bodies grouped by kind; dissolved ones for the coordinator only."""
    may_manage = bool(request.has_permission(MANAGE, context))
    return {
        "page_title": _("Gremien"),
        "groups": context.grouped(),
        "dissolved": context.dissolved() if may_manage else [],
        "may_add": bool(request.has_permission(ADD, context)),
        "format_date": lambda d: format_date(d, request),
    }


@view_config(context=Bodies, name="add", renderer=FORM, permission=ADD)
def add_body(context, request):
    form = forms.make_form(request, BodySchema(), buttons=(deform.Button("save", _("Anlegen")),))

    def save(data):
        body = context.add_body(**body_values(data))
        events.added(request, body)
        flash(request, _("Gremium „${name}“ angelegt.", mapping={"name": body.name}))
        return HTTPSeeOther(location=request.resource_url(body))

    result = forms.handle(request, form, save, {"kind": request.params.get("kind", "working")})
    return forms.page(result, _("Gremium anlegen"), cancel_url=request.resource_url(context))


# one body ------------------------------------------------------------------------

@view_config(context=Body, renderer="roundtable:templates/bodies/body.pt", permission=VIEW,
             freshness=PAGES)
def body_page(context, request):
    people = _people(request)
    may_name = _may_name(request)
    internal = bool(request.has_permission(VIEW_INTERNAL, context))
    members, unnamed = context.roster(context.current_memberships(), people, may_name)
    former, former_unnamed = ([], 0)
    if internal:
        former, former_unnamed = context.roster(context.former_memberships(), people, may_name,
                                                by_term=True)
    bodies = context.__parent__
    return {
        "page_title": context.name,
        "body": context,
        "parent": context.parent_body,
        "children": bodies.children_of(context),
        "members": members,
        "unnamed": unnamed,
        "former": former,
        "former_unnamed": former_unnamed,
        "internal": internal,
        "may_edit": bool(request.has_permission(EDIT, context)),
        "may_manage": bool(request.has_permission(MANAGE, context)),
        "organisations": _organisations(request),
        "may_view": lambda obj: bool(request.has_permission(VIEW, obj)),
        "format_date": lambda d: format_date(d, request),
        "attendance_chart": attendance_chart(request, context),
    }


@view_config(context=Body, name="edit", renderer=FORM, permission=EDIT)
def edit_body(context, request):
    form = forms.make_form(request, BodySchema())

    def save(data):
        context.update(**body_values(data))
        events.modified(request, context)
        flash(request, _("Gremium gespeichert."))
        return HTTPSeeOther(location=request.resource_url(context))

    result = forms.handle(request, form, save, body_form_values(context))
    return forms.page(result, _("Gremium bearbeiten: ${name}", mapping={"name": context.name}),
                      cancel_url=request.resource_url(context))


@view_config(context=Body, name="retire", request_method="POST", permission=MANAGE)
def retire_body(context, request):
    """Dissolve the body: it stays on record (and at its URL) with the date."""
    return change_active(request, context, False, _("Gremium „${name}“ als aufgelöst vermerkt.",
                                                    mapping={"name": context.name}))


@view_config(context=Body, name="reactivate", request_method="POST", permission=MANAGE)
def reactivate_body(context, request):
    return change_active(request, context, True, _("Gremium „${name}“ ist wieder aktiv.",
                                                   mapping={"name": context.name}))


# memberships ---------------------------------------------------------------------

@view_config(context=Memberships, renderer="roundtable:templates/bodies/memberships.pt",
             permission=VIEW_INTERNAL)
def memberships(context, request):
    """The full record of a body's memberships: current, upcoming and former."""
    body = context.__parent__
    people = _people(request)
    may_name = _may_name(request)
    sections = []
    for key, title, items in (
            ("current", _("Aktuelle Mitgliedschaften"), body.current_memberships()),
            ("upcoming", _("Künftige Mitgliedschaften"), body.upcoming_memberships()),
            ("former", _("Beendete Mitgliedschaften"), body.former_memberships())):
        named, unnamed = body.roster(items, people, may_name, by_term=key == "former")
        sections.append(SimpleNamespace(key=key, title=title, rows=named, unnamed=unnamed))
    return {
        "page_title": _("Mitgliedschaften: ${name}", mapping={"name": body.name}),
        "body": body,
        "sections": sections,
        "may_edit": bool(request.has_permission(EDIT, context)),
        "organisations": _organisations(request),
        "format_date": lambda d: format_date(d, request),
    }


@view_config(context=Memberships, name="add", renderer=FORM, permission=EDIT)
def add_membership(context, request):
    body = context.__parent__
    form = forms.make_form(request, MembershipSchema(),
                           buttons=(deform.Button("save", _("Eintragen")),))

    def save(data):
        membership = body.add_membership(**membership_values(data))
        events.added(request, membership)
        person = _people(request).get(membership.person_id)
        flash(request, _("${person} ist als „${role}“ eingetragen.",
                          mapping={"person": person.title,
                                   "role": request.localizer.translate(membership.role_title)}))
        return HTTPSeeOther(location=request.resource_url(context))

    defaults = {"role": "member", "voting": True, "start": date.today()}
    result = forms.handle(request, form, save, defaults)
    return forms.page(result, _("Mitglied eintragen: ${name}", mapping={"name": body.name}),
                      cancel_url=request.resource_url(context))


@view_config(context=Membership, permission=VIEW_INTERNAL)
def membership_default(context, request):
    """A membership has no page of its own; its row is in the body's list."""
    return HTTPSeeOther(location=request.resource_url(
        context.__parent__, anchor="membership-" + context.__name__))


@view_config(context=Membership, name="edit", renderer=FORM, permission=EDIT)
def edit_membership(context, request):
    body = context.body
    form = forms.make_form(request, MembershipSchema())

    def save(data):
        body.update_membership(context, **membership_values(data))
        events.modified(request, context)
        flash(request, _("Mitgliedschaft gespeichert."))
        return HTTPSeeOther(location=request.resource_url(context.__parent__))

    values = context.field_values()
    values["organisation_id"] = values["organisation_id"] or ""
    person = _people(request).get(context.person_id)
    result = forms.handle(request, form, save, values)
    return forms.page(result, _("Mitgliedschaft bearbeiten: ${name}", mapping={"name": body.name}),
                      intro=person.title if person is not None else None,
                      cancel_url=request.resource_url(context.__parent__))


@view_config(context=Membership, name="end", request_method="POST", permission=EDIT)
def end_membership(context, request):
    """End a membership today; the person moves to the former members, on record."""
    body = context.body
    person = _people(request).get(context.person_id)
    name = person.title if person is not None else context.person_id
    if body.end_membership(context):
        events.modified(request, context)
        flash(request, _("Die Mitgliedschaft von ${person} ist beendet.",
                          mapping={"person": name}))
    else:
        flash(request, _("Die Mitgliedschaft von ${person} besteht zurzeit nicht; "
                          "ändern Sie ihre Daten über „Bearbeiten“.", mapping={"person": name}))
    return HTTPSeeOther(location=request.resource_url(context.__parent__))
