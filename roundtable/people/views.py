"""Views of the register: persons and organisations, their forms, CSV import/export.

The views stay thin: who may see what is decided by the ACLs on the resources
(a person without consent is simply not viewable by the public) and by asking
``request.has_permission`` for the parts of a page (contact data, notes);
validation lives in ``schemas``; file handling in ``csvio``.
"""
from datetime import date

import colander
import deform
from pyramid.httpexceptions import HTTPBadRequest, HTTPSeeOther
from pyramid.response import Response
from pyramid.view import view_config

from .. import events, forms
from ..i18n import _, flash
from ..security import ADD, EDIT, MANAGE, VIEW, VIEW_CONTACT, VIEW_INTERNAL
from ..timeutil import format_date
from . import csvio
from .actions import consent_lines, person_actions
from .resources import Organisation, Organisations, People, Person
from .vocabulary import ORGANISATION_KINDS
from .schemas import ImportSchema, OrganisationSchema, PersonSchema

# the register's pages; a person's page also lists the bodies they sit in
REGISTER = ("register", "site")
PERSON = ("register", "bodies", "site")

TEMPLATES = "roundtable:templates/people/"
MAX_QUERY = 200


def _date_formatter(request):
    """Dates as the reader expects them: 12.03.2026 in German, 12 Mar 2026 in English."""
    def fmt(value):
        return format_date(value, request.locale_name)
    return fmt


def _form_values(record):
    """A record's values as a form appstruct (``None`` means "not filled in")."""
    return {k: (colander.null if v is None else v) for k, v in record.field_values().items()}


def _params(request):
    """The query string; a malformed one (not UTF-8) is the client's error, not ours."""
    try:
        return request.GET
    except UnicodeDecodeError:
        raise HTTPBadRequest(_("Die Suchanfrage ist ungültig kodiert.")) from None


def _search_query(request):
    return _params(request).get("q", "").strip()[:MAX_QUERY]


# -- persons ---------------------------------------------------------------------



def _entered_by(request, userid):
    """Who entered a consent record: the account's login ("—" for records from
    the demo data or from before accounts were noted)."""
    if not userid:
        return "—"
    user = request.root["users"].get(userid)
    return user.login if user is not None else userid

@view_config(context=People, renderer=TEMPLATES + "people.pt", permission=VIEW,
             freshness=REGISTER)
def people_list(context, request):
    """The register for members, the board and the coordinator, with a search.

    Contact columns only for those who may read contact data; notes are
    searched only for the coordinator, who alone may read them.
    """
    query = _search_query(request)
    can_manage = request.has_permission(EDIT, context)
    include_retired = can_manage and request.GET.get("retired") == "1"
    show_contact = request.has_permission(VIEW_CONTACT, context)
    people = context.listing(query, include_retired, contact=show_contact, notes=can_manage)
    return {"page_title": _("Personen"), "people": people, "q": query,
            "include_retired": include_retired, "can_manage": can_manage,
            "can_add": request.has_permission(ADD, context),
            "can_import": request.has_permission(MANAGE, context),
            "show_contact": show_contact, "localize": request.localizer.translate}


@view_config(context=Person, renderer=TEMPLATES + "person.pt", permission=VIEW, freshness=PERSON)
def person_view(context, request):
    """A person's page. The public reaches it only with the person's consent (ACL)
    and then reads name and affiliation only: languages can hint at ethnic origin,
    so they are for members; contact data needs ``view_contact``; notes and
    administration need ``edit``."""
    portal = request.root
    can_edit = request.has_permission(EDIT, context)
    memberships = [(body, m) for body, m in portal["bodies"].memberships_of_person(context.__name__)
                   if request.has_permission(VIEW, body)]
    memberships.sort(key=lambda bm: (bm[1].end is not None and bm[1].end < date.today(),
                                     bm[0].sort_key))
    account = portal["users"].find_by_person(context.__name__) if can_edit else None
    current = [m for _b, m in memberships if m.is_current()]
    translate = request.localizer.translate
    show_contact = request.has_permission(VIEW_CONTACT, context)
    consents = consent_lines(request, context, lambda userid: _entered_by(request, userid)
                             ) if show_contact else []
    return {"page_title": context.title,
            "organisations": context.organisations(),
            "languages": ", ".join(translate(t) for t in context.language_titles),
            "memberships": memberships,
            "show_contact": show_contact, "consents": consents, "localize": translate,
            "actions": person_actions(request, context) if can_edit else [],
            "show_internal": request.has_permission(VIEW_INTERNAL, context),
            "can_edit": can_edit, "account": account,
            "open_memberships": len(current) if not context.active else 0,
            "fmt_date": _date_formatter(request)}


@view_config(context=People, name="add", renderer="roundtable:templates/form.pt", permission=ADD)
def person_add(context, request):
    form = forms.make_form(request, PersonSchema())

    def save(data):
        person = context.add_person(dict(data, consent_by=request.authenticated_userid))
        events.added(request, person)
        flash(request, _("${name} wurde in das Register aufgenommen.",
                                mapping={"name": person.title}))
        return HTTPSeeOther(location=request.resource_url(person))

    appstruct = {}
    org = request.root["organisations"].get(_params(request).get("organisation", ""))
    if org is not None:
        appstruct["organisation_ids"] = (org.__name__,)
    return forms.page(forms.handle(request, form, save, appstruct), _("Person anlegen"),
                      cancel_url=request.resource_url(context))


# -- organisations ---------------------------------------------------------------

@view_config(context=Organisations, renderer=TEMPLATES + "organisations.pt", permission=VIEW,
             freshness=REGISTER)
def organisations_list(context, request):
    """The public list of member organisations; the coordinator also finds retired ones."""
    query = _search_query(request)
    kind = request.GET.get("kind", "")
    kind = kind if kind in dict(ORGANISATION_KINDS) else ""
    can_manage = request.has_permission(EDIT, context)
    include_retired = can_manage and request.GET.get("retired") == "1"
    orgs = context.listing(query, include_retired)
    if kind:
        orgs = [o for o in orgs if o.kind == kind]
    return {"page_title": _("Mitgliedsorganisationen"), "organisations": orgs, "q": query,
            "kind": kind, "kinds": ORGANISATION_KINDS, "include_retired": include_retired,
            "can_manage": can_manage, "can_add": request.has_permission(ADD, context),
            "can_import": request.has_permission(MANAGE, context),
            "fmt_date": _date_formatter(request)}


@view_config(context=Organisation, renderer=TEMPLATES + "organisation.pt", permission=VIEW,
             freshness=REGISTER)
def organisation_view(context, request):
    """An organisation's public page. Its delegate and deputy are named only to
    those who may see that person's page: the public only with consent."""
    def visible(person):
        return person if person is not None and request.has_permission(VIEW, person) else None

    people = [p for p in context.people() if request.has_permission(VIEW, p)]
    return {"page_title": context.name,
            "delegate": visible(context.delegate), "has_delegate": context.delegate is not None,
            "deputy": visible(context.deputy), "has_deputy": context.deputy is not None,
            "people": people, "can_edit": request.has_permission(EDIT, context),
            "can_add_person": request.has_permission(ADD, request.root["people"]),
            "fmt_date": _date_formatter(request)}


@view_config(context=Organisations, name="add", renderer="roundtable:templates/form.pt",
             permission=ADD)
def organisation_add(context, request):
    form = forms.make_form(request, OrganisationSchema())

    def save(data):
        org = context.add_organisation(data)
        events.added(request, org)
        flash(request, _("${name} wurde in das Register aufgenommen.",
                                mapping={"name": org.name}))
        return HTTPSeeOther(location=request.resource_url(org))

    return forms.page(forms.handle(request, form, save), _("Organisation anlegen"),
                      cancel_url=request.resource_url(context))


@view_config(context=Person, name="edit", renderer="roundtable:templates/form.pt", permission=EDIT)
@view_config(context=Organisation, name="edit", renderer="roundtable:templates/form.pt",
             permission=EDIT)
def record_edit(context, request):
    """Edit a person or an organisation with the schema that also validates CSV rows."""
    schema, title = ((PersonSchema, _("Person bearbeiten")) if isinstance(context, Person)
                     else (OrganisationSchema, _("Organisation bearbeiten")))
    form = forms.make_form(request, schema())

    def save(data):
        if isinstance(context, Person):
            data["consent_by"] = request.authenticated_userid
        context.update(**data)
        events.modified(request, context)
        flash(request, _("Änderungen gespeichert."))
        return HTTPSeeOther(location=request.resource_url(context))

    return forms.page(forms.handle(request, form, save, _form_values(context)), title,
                      intro=context.title, cancel_url=request.resource_url(context))


# -- retiring and reactivating (both kinds of record) ----------------------------

@view_config(context=Person, name="retire", request_method="POST", permission=EDIT)
@view_config(context=Organisation, name="retire", request_method="POST", permission=EDIT)
def retire(context, request):
    """Mark a record as retired ("ausgeschieden"); it is kept, never deleted, so
    minutes and memberships that name it stay complete."""
    return change_active(request, context, False, _("${name} ist als ausgeschieden vermerkt.",
                                                    mapping={"name": context.title}))


def change_active(request, record, active, message):
    """Retire or reactivate a ``Record`` (person, organisation, body) if it is
    not so already, tell the catalog and the user, and go back to its page."""
    if record.active != active:
        if active:
            record.reactivate()
        else:
            record.retire()
        events.modified(request, record)
        flash(request, message)
    return HTTPSeeOther(location=request.resource_url(record))


@view_config(context=Person, name="reactivate", request_method="POST", permission=EDIT)
@view_config(context=Organisation, name="reactivate", request_method="POST", permission=EDIT)
def reactivate(context, request):
    return change_active(request, context, True,
                         _("${name} ist wieder aktiv.", mapping={"name": context.title}))


# -- CSV import and export -------------------------------------------------------

def _import(context, request, fmt, title):
    """Upload form → validated rows stored → result page with a row-by-row report."""
    form = forms.make_form(request, ImportSchema(),
                           buttons=(deform.Button("import", _("Importieren")),))
    extra = {"headers": [c.header for c in fmt.columns],
             "required_columns": ", ".join(c.header for c in fmt.columns if c.required),
             "export_url": request.resource_url(context, "export.csv"),
             "list_url": request.resource_url(context), "kind": fmt.filename}

    def run(data):
        upload = data["upload"]
        try:
            report = csvio.import_csv(request, context, fmt, upload["fp"].read(csvio.MAX_UPLOAD + 1))
        except csvio.CSVError as exc:
            request.response.status = 400
            return {"form": forms.render(request, form), "error": exc.message}
        request.override_renderer = TEMPLATES + "import_result.pt"
        summary = _("${imported} importiert, ${errors} fehlerhaft",
                    mapping={"imported": len(report.imported), "errors": len(report.errors)})
        return {"report": report, "summary": summary}

    result = forms.handle(request, form, run, button="import")
    return forms.page(result, title, **extra)


@view_config(context=People, name="import", renderer=TEMPLATES + "import.pt", permission=MANAGE)
def people_import(context, request):
    return _import(context, request, csvio.PEOPLE, _("CSV-Import: Personen"))


@view_config(context=Organisations, name="import", renderer=TEMPLATES + "import.pt",
             permission=MANAGE)
def organisations_import(context, request):
    return _import(context, request, csvio.ORGANISATIONS, _("CSV-Import: Organisationen"))


def _export(records, fmt, request):
    body = csvio.export_csv(records, fmt, request.root)
    response = Response(body=body, content_type="text/csv", charset="utf-8")
    response.content_disposition = f'attachment; filename="{fmt.filename}-{date.today():%Y-%m-%d}.csv"'
    # personal data: not to be kept in shared caches or the browser's cache
    response.cache_control = "no-store"
    return response


@view_config(context=People, name="export.csv", permission=MANAGE)
def people_export(context, request):
    """All active persons, in the import format (so it can be edited and re-imported)."""
    return _export(context.listing(), csvio.PEOPLE, request)


@view_config(context=Organisations, name="export.csv", permission=MANAGE)
def organisations_export(context, request):
    return _export(context.listing(), csvio.ORGANISATIONS, request)
