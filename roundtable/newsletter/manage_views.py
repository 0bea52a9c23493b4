"""The coordinator's newsletter administration: lists, subscribers, CSV import."""
import deform
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config

from .. import events, forms
from ..i18n import _, flash
from ..security import MANAGE
from .csvimport import ImportError_, MAX_UPLOAD, import_subscribers
from .resources import MailingList, Newsletter
from .schemas import ImportSchema, ListSchema

FORM = "roundtable:templates/form.pt"
TEMPLATES = "roundtable:templates/newsletter/"


@view_config(context=Newsletter, name="add-list", renderer=FORM, permission=MANAGE)
def add_list(context, request):
    form = forms.make_form(request, ListSchema(), buttons=(deform.Button("save", _("Anlegen")),))

    def save(data):
        lst = context.add(MailingList(**data))
        events.added(request, lst)
        flash(request, _("Die Liste „${title}“ ist angelegt.", mapping={"title": lst.title}))
        return HTTPSeeOther(location=request.resource_url(lst))

    return forms.page(forms.handle(request, form, save, appstruct={
        "sender_name": request.root.title, "cadence": "weekly", "public_signup": True,
        "sender_email": request.registry.settings.get("mail.default_sender", "")}),
        _("Newsletter-Liste anlegen"), cancel_url=request.resource_url(context))


@view_config(context=MailingList, name="edit", renderer=FORM, permission=MANAGE)
def edit_list(context, request):
    form = forms.make_form(request, ListSchema())

    def save(data):
        context.update(**data)
        events.modified(request, context)
        flash(request, _("Gespeichert."))
        return HTTPSeeOther(location=request.resource_url(context))

    appstruct = {k: getattr(context, k) for k in context.fields}
    return forms.page(forms.handle(request, form, save, appstruct=appstruct),
                      _("Liste bearbeiten"), cancel_url=request.resource_url(context))


@view_config(context=Newsletter, name="subscribers", renderer=TEMPLATES + "subscribers.pt",
             permission=MANAGE)
def subscribers(context, request):
    removed = context.subscribers.purge_expired()
    rows = sorted(context.subscribers.values(), key=lambda s: s.email.casefold())
    return {"page_title": _("Abonnentinnen und Abonnenten"), "rows": rows, "removed": removed,
            "lists": {lst.__name__: lst.title for lst in context.lists()},
            "counts": [(lst, context.subscribers.count(lst.__name__)) for lst in context.lists()]}


@view_config(context=Newsletter, name="import", renderer=TEMPLATES + "import.pt", permission=MANAGE)
def import_view(context, request):
    form = forms.make_form(request, ImportSchema(), buttons=(deform.Button("import", _("Importieren")),))

    def save(data):
        raw = data["upload"]["fp"].read(MAX_UPLOAD + 1)
        try:
            imported, already, errors = import_subscribers(
                context.subscribers, raw, data["list_name"], data["consent_source"], data["consent_date"])
        except ImportError_ as exc:
            request.response.status = 400
            return {"form": forms.render(request, form, {k: v for k, v in data.items() if k != "upload"}),
                    "error": exc.args[0]}
        return {"form": None, "imported": imported, "already": already, "errors": errors,
                "list_title": context[data["list_name"]].title}

    return forms.page(forms.handle(request, form, save, button="import"),
                      _("Adressen importieren (CSV)"))
