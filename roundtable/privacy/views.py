"""The coordinator's privacy pages: audit log, retention, a person's export and erasure;
and the export of one's own data from "Mein Zugang"."""
import os
from datetime import datetime, time, timedelta, timezone

import colander
from pyramid.httpexceptions import HTTPNotFound, HTTPSeeOther
from pyramid.renderers import render_to_response
from pyramid.response import Response
from pyramid.settings import asbool
from pyramid.traversal import resource_path
from pyramid.view import view_config
from pyramid_zodbconn import get_connection

from .. import forms
from ..i18n import _, flash
from ..people.resources import Person
from ..security import ACCOUNT, MANAGE
from ..timeutil import format_date
from . import audit, erasure, export
from .subject import holdings
from .resources import PERIODS, PrivacyOffice
from .schemas import AuditFilter, periods_schema

TEMPLATES = "roundtable:templates/privacy/"
SHOWN = 200


def audit_filter(request):
    """The filter values from the query string; an invalid one counts as not given."""
    params = {k: v for k, v in request.GET.items() if k in ("actor", "kind", "path", "since", "until")}
    try:
        values = AuditFilter().deserialize(params)
    except colander.Invalid as exc:
        bad = exc.asdict()
        values = AuditFilter().deserialize({k: v for k, v in params.items() if k not in bad})
    since = values.pop("since")
    until = values.pop("until")
    values["since"] = datetime.combine(since, time(), timezone.utc) if since else None
    values["until"] = (datetime.combine(until, time(), timezone.utc) + timedelta(days=1)
                       if until else None)
    return values


def _download(body, content_type, filename):
    response = Response(body=body, content_type=content_type)
    response.content_disposition = f'attachment; filename="{filename}"'
    response.cache_control = "no-store"  # personal data
    return response


@view_config(context=PrivacyOffice, renderer=TEMPLATES + "office.pt", permission=MANAGE)
def office(context, request):
    filters = audit_filter(request)
    entries = []
    for entry in audit.matching(context.audit, **filters):
        entries.append(entry)
        if len(entries) > SHOWN:
            break
    people = request.root["people"]
    notices = [(people.get(pid), at) for pid, at in context.notices.items() if pid in people]
    return {"page_title": _("Datenschutz"), "entries": entries[:SHOWN],
            "more": len(entries) > SHOWN, "total": len(context.audit),
            "kinds": sorted({e.kind for e in context.audit.newest_first()}),
            "q": {k: request.GET.get(k, "") for k in ("actor", "kind", "path", "since", "until")},
            "csv_url": request.resource_url(context, "audit.csv", query=request.GET),
            "periods": [(title, context.period(key).days) for key, title, _d in PERIODS],
            "runs": list(reversed(context.runs[-10:])), "notices": notices,
            "fmt_date": lambda v: format_date(v, request.locale_name),
            "localize": request.localizer.translate}


@view_config(context=PrivacyOffice, name="audit.csv", permission=MANAGE)
def audit_csv(context, request):
    body = audit.as_csv(audit.matching(context.audit, **audit_filter(request)))
    return _download(body.encode("utf-8"), "text/csv", "protokoll.csv")


@view_config(context=PrivacyOffice, name="periods", renderer="roundtable:templates/form.pt",
             permission=MANAGE)
def periods(context, request):
    form = forms.make_form(request, periods_schema())

    def save(data):
        context.periods.update(data)
        flash(request, _("Aufbewahrungsfristen gespeichert."))
        return HTTPSeeOther(location=request.resource_url(context))

    current = {key: context.period(key).days for key, _t, _d in PERIODS}
    return forms.page(forms.handle(request, form, save, current), _("Aufbewahrungsfristen"),
                      cancel_url=request.resource_url(context))


def _export(request, person, filename):
    """The zip at once, or for a large history a page that says it is being
    prepared (the download link is on it; it works once the file is ready)."""
    settings = request.registry.settings
    limit = int(settings.get("privacy.export_inline_limit", export.INLINE_LIMIT))
    if export.size(holdings(request.root, person, settings)) <= limit:
        return _download(export.export_zip(request.root, person, settings), "application/zip",
                         filename)
    token = export.prepare(get_connection(request).db(), settings, resource_path(person),
                           request.authenticated_userid)
    return render_to_response(TEMPLATES + "export_pending.pt", {
        "page_title": _("Die Datenauskunft wird vorbereitet"),
        "url": request.route_url("prepared_export", token=token)}, request=request)


@view_config(context=Person, name="data-export.zip", permission=MANAGE)
def person_export(context, request):
    return _export(request, context, f"daten-{context.__name__}.zip")


@view_config(route_name="account_export", permission=ACCOUNT)
def own_export(request):
    """Everything stored about the logged-in person, for themselves (Art. 15/20)."""
    user = request.identity
    person = request.root["people"].get(user.person_id) if user.person_id else None
    if person is None:
        raise HTTPNotFound()
    return _export(request, person, "meine-daten.zip")


@view_config(route_name="prepared_export", permission=ACCOUNT)
def prepared_export(request):
    """A prepared export, for the one who asked for it only; until it is ready
    a page that asks to try again in a moment."""
    settings = request.registry.settings
    token = request.matchdict["token"]
    if export.owner_of(settings, token) != request.authenticated_userid:
        raise HTTPNotFound()
    path = export.prepared_path(settings, token)
    if not os.path.exists(path):
        return render_to_response(TEMPLATES + "export_pending.pt", {
            "page_title": _("Die Datenauskunft wird vorbereitet"), "url": request.url},
            request=request)
    with open(path, "rb") as f:
        return _download(f.read(), "application/zip", "daten.zip")


@view_config(context=Person, name="erase", renderer=TEMPLATES + "erase.pt", permission=MANAGE)
def erase(context, request):
    """GET: the preview of what goes and what is anonymised; POST: do it."""
    if request.method == "POST":
        count = erasure.erase(request, context)
        if asbool(request.registry.settings.get("privacy.pack_after_erasure", True)):
            db = get_connection(request).db()
            request.tm.get().addAfterCommitHook(
                lambda ok: erasure.drop_old_revisions(db) if ok else None)
        flash(request, _("Die Person wurde gelöscht; ${count} Einträge wurden anonymisiert.",
                         mapping={"count": count}))
        return HTTPSeeOther(location=request.resource_url(request.root["people"]))
    preview = erasure.preview(request.root, context, request.registry.settings)
    return {"page_title": _("Person löschen: ${name}", mapping={"name": context.title}),
            "preview": preview, "localize": request.localizer.translate}
