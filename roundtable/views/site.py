"""Home, the public member overview, imprint and privacy, the admin dashboard."""
import os

import colander
import deform
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.response import FileResponse
from pyramid.renderers import render
from pyramid.view import view_config

from .. import forms, freshness
from ..i18n import _, flash
from ..portal import Portal
from ..security import EDIT, MANAGE, VIEW

# the members page names plenary members (with consent) and organisations
MEMBERS = ("register", "bodies", "site")


# What the home page shows, contributed by the features (views come before
# them in the layer order): name → (order, template, values(request) → dict or
# None to leave the panel out). See ARCHITECTURE.md, "registries".
HOME_PANELS = "roundtable.home_panels"


def add_home_panel(config, name, template, values, order=50):
    config.registry.setdefault(HOME_PANELS, {})[name] = (order, template, values)


def home_panels(request):
    """The rendered panels, in their order."""
    panels = sorted(request.registry.get(HOME_PANELS, {}).items(), key=lambda i: (i[1][0], i[0]))
    rendered = []
    for _name, (_order, template, values) in panels:
        found = values(request)
        if found is not None:
            rendered.append(render(template, found, request=request))
    return rendered


# the home page shows a little of everything, so any change renews it
@view_config(context=Portal, renderer="roundtable:templates/site/home.pt", permission=VIEW,
             freshness=("all",))
def home(context, request):
    return {"panels": home_panels(request), "page_title": None}


@view_config(context=Portal, name="favicon.ico", permission=VIEW, request_method="GET")
def favicon(context, request):
    """Browsers ask for /favicon.ico whatever the page says: answer from static/img."""
    path = os.path.join(request.registry.settings["roundtable.static"], "img", "favicon.ico")
    response = FileResponse(path, request=request, content_type="image/vnd.microsoft.icon")
    response.cache_control.max_age = 86400
    return response


@view_config(context=Portal, name="members", renderer="roundtable:templates/site/members.pt",
             permission=VIEW, freshness=MEMBERS)
def members(context, request):
    """Individual members of the plenary (with consent) and member organisations."""
    plenaries = [b for b in context["bodies"].listing() if b.kind == "plenary"]
    people = context["people"]
    named, unnamed = [], 0
    seen = set()
    for body in plenaries:
        for m in body.current_memberships():
            person = people.get(m.person_id)
            if person is None or m.organisation_id or m.person_id in seen:
                continue
            seen.add(m.person_id)
            if person.publicly_named:
                named.append((person, m))
            else:
                unnamed += 1
    named.sort(key=lambda pm: pm[0].sort_key)
    organisations = context["organisations"].listing()
    return {"page_title": _("Mitglieder"), "named": named, "unnamed": unnamed,
            "organisations": organisations}


@view_config(context=Portal, name="imprint", renderer="roundtable:templates/site/text_page.pt",
             permission=VIEW, freshness=("site",))
def imprint(context, request):
    return {"page_title": _("Impressum"), "text": context.imprint, "edit": "edit-imprint"}


@view_config(context=Portal, name="privacy", renderer="roundtable:templates/site/text_page.pt",
             permission=VIEW, freshness=("site",))
def privacy(context, request):
    return {"page_title": _("Datenschutz"), "text": context.privacy, "edit": "edit-privacy"}


class SiteSchema(colander.Schema):
    title = colander.SchemaNode(colander.String(), title=_("Name des Runden Tisches"),
                                validator=colander.Length(1, 200))
    town = colander.SchemaNode(colander.String(), title=_("Stadt / Kreis"), missing="",
                               validator=colander.Length(0, 200))
    about = colander.SchemaNode(colander.String(), title=_("Über den Runden Tisch (Startseite)"),
                                missing="", validator=colander.Length(0, 2000),
                                description=_("Ein kurzer Text für die Startseite: wer der Runde "
                                              "Tisch ist und was er tut."),
                                widget=deform.widget.TextAreaWidget(rows=5))
    contact_email = colander.SchemaNode(colander.String(), title=_("Kontakt-E-Mail"),
                                        missing="", validator=colander.Email())
    imprint = colander.SchemaNode(colander.String(), title=_("Impressum"), missing="",
                                  widget=deform.widget.TextAreaWidget(rows=10))
    privacy = colander.SchemaNode(colander.String(), title=_("Datenschutzerklärung"),
                                  missing="", widget=deform.widget.TextAreaWidget(rows=10))


@view_config(context=Portal, name="settings", renderer="roundtable:templates/form.pt",
             permission=EDIT)
def site_settings(context, request):
    form = forms.make_form(request, SiteSchema())

    def save(data):
        for key, value in data.items():
            setattr(context, key, value)
        # every page shows the title; no event: the catalog would walk the whole tree
        freshness.bump(context)
        flash(request, _("Einstellungen gespeichert."))
        return HTTPSeeOther(request.resource_url(context, "admin"))

    values = {k: getattr(context, k) for k in ("title", "town", "about", "contact_email", "imprint", "privacy")}
    result = forms.handle(request, form, save, values)
    if isinstance(result, dict):
        result["page_title"] = _("Einstellungen")
    return result


@view_config(context=Portal, name="admin", renderer="roundtable:templates/site/admin.pt",
             permission=MANAGE)
def admin(context, request):
    return {
        "page_title": _("Verwaltung"),
        "counts": {
            "people": len([p for p in context["people"].values() if p.active]),
            "organisations": len([o for o in context["organisations"].values() if o.active]),
            "bodies": len([b for b in context["bodies"].values() if b.active]),
            "users": len(context["users"]),
        },
    }
