"""The implementation report of a year: as a web page, PDF and ODT, the
coordinator's introduction, publishing it into the public archive (frozen:
rendered from its snapshot from then on) and withdrawing it to a draft."""
import re
from urllib.parse import quote

from pyramid.httpexceptions import HTTPSeeOther
from pyramid.response import Response
from pyramid.view import view_config

from .. import events
from ..forms import handle, make_form, page
from ..i18n import _, flash
from ..security import EDIT, VIEW
from ..workflow import WorkflowError
from .report import freeze, report_data
from .report_files import report_odt, report_pdf
from .resources import STEER
from .rounds import Report
from .schemas import ReportSchema
from .views import TEMPLATES, formatter, number

# a report names responsible organisations and bodies
PAGES = ("concept", "register", "bodies", "site")

FORM = "roundtable:templates/form.pt"
ODT = "application/vnd.oasis.opendocument.text"


def _data(request, report):
    return report_data(request.root, report, request.localizer.translate(_("Zielwert")))


@view_config(context=Report, renderer=TEMPLATES + "report.pt", permission=VIEW, freshness=PAGES)
def report_page(context, request):
    return {"page_title": _("Umsetzungsbericht ${year}", mapping={"year": context.year}),
            "report": context, "data": _data(request, context),
            "may_edit": bool(request.has_permission(EDIT, context)),
            "may_steer": bool(request.has_permission(STEER, context)),
            "fmt": formatter(request), "number": number}


@view_config(context=Report, name="edit", renderer=FORM, permission=EDIT)
def edit_report(context, request):
    if context.published:
        flash(request, _("Ein veröffentlichter Bericht kann nicht geändert werden. Ziehen Sie "
                         "ihn zuerst zurück; das wird vermerkt."))
        return HTTPSeeOther(location=request.resource_url(context))
    form = make_form(request, ReportSchema())

    def save(data):
        context.introduction = data["introduction"]
        events.modified(request, context)
        flash(request, _("Einleitung gespeichert."))
        return HTTPSeeOther(location=request.resource_url(context))
    return page(handle(request, form, save, {"introduction": context.introduction}),
                _("Umsetzungsbericht ${year}: Einleitung", mapping={"year": context.year}))


@view_config(context=Report, name="publish", request_method="POST", permission=EDIT)
def publish(context, request):
    try:
        context.publish(freeze(request.root, context.concept, context.year,
                               context.introduction), by=request.authenticated_userid)
    except WorkflowError as error:
        flash(request, error.args[0])
        return HTTPSeeOther(location=request.resource_url(
            context, "" if context.published else "edit"))
    events.modified(request, context)
    flash(request, _("Der Bericht ist veröffentlicht."))
    return HTTPSeeOther(location=request.resource_url(context))


@view_config(context=Report, name="withdraw", request_method="POST", permission=EDIT)
def withdraw(context, request):
    """Back to a draft, e.g. to correct it; recorded on the report."""
    try:
        context.withdraw(by=request.authenticated_userid)
    except WorkflowError as error:
        flash(request, error.args[0])
        return HTTPSeeOther(location=request.resource_url(context))
    events.modified(request, context)
    flash(request, _("Der Bericht ist zurückgezogen und wieder ein Entwurf."))
    return HTTPSeeOther(location=request.resource_url(context))


def _download(body, content_type, filename):
    response = Response(body=body, content_type=content_type)
    ascii_name = re.sub(r"[^A-Za-z0-9._-]", "_", filename)
    response.headers["Content-Disposition"] = (
        f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}")
    return response


@view_config(context=Report, name="report.pdf", permission=VIEW, freshness=PAGES)
def pdf(context, request):
    return _download(report_pdf(request, context, _data(request, context)), "application/pdf",
                     f"Umsetzungsbericht-{context.year}.pdf")


@view_config(context=Report, name="report.odt", permission=VIEW, freshness=PAGES)
def odt(context, request):
    return _download(report_odt(request, context, _data(request, context)), ODT,
                     f"Umsetzungsbericht-{context.year}.odt")
