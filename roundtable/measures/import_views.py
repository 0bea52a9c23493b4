"""Spreadsheet import and export of a concept's measures (CSV and .xlsx)."""
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.response import Response
from pyramid.view import view_config

from .. import events
from ..i18n import _, flash
from ..security import EDIT, VIEW
from .resources import Concept
from .spreadsheet import (SpreadsheetError, check_rows, export_rows, import_rows, read_rows,
                          to_csv, to_xlsx)
from .views import TEMPLATES

MAX_BYTES = 5 * 1024 * 1024
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _upload(request):
    """(filename, bytes) of the posted file, or raises SpreadsheetError."""
    field = request.POST.get("upload")
    if field is None or not hasattr(field, "file") or not getattr(field, "filename", ""):
        raise SpreadsheetError(_("Bitte wählen Sie eine Datei aus."))
    filename = field.filename.replace("\\", "/").rsplit("/", 1)[-1]
    if not filename.lower().endswith((".csv", ".xlsx")):
        raise SpreadsheetError(_("Bitte laden Sie eine .csv- oder .xlsx-Datei hoch."))
    data = field.file.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise SpreadsheetError(_("Die Datei ist größer als 5 MB."))
    return filename, data


@view_config(context=Concept, name="import", renderer=TEMPLATES + "import.pt", permission=EDIT)
def import_measures(context, request):
    """Every row is checked first; one bad row and nothing is imported."""
    problems = []
    if request.method == "POST":
        try:
            rows = read_rows(*_upload(request))
        except SpreadsheetError as error:
            problems = [error.args[0]]
        else:
            checked, problems = check_rows(request, context, rows)
            if not problems and not checked:
                problems = [_("Die Datei enthält keine Maßnahmen.")]
            if not problems:
                made = import_rows(context, checked)
                for measure in made:
                    events.added(request, measure)
                events.modified(request, context)
                flash(request, _("${n} Maßnahmen importiert.", mapping={"n": len(made)}))
                return HTTPSeeOther(location=request.resource_url(context))
        request.response.status = 400
    return {"page_title": _("Maßnahmen importieren: ${title}", mapping={"title": context.title}),
            "concept": context, "problems": problems}


@view_config(context=Concept, name="measures.csv", permission=VIEW)
def export_csv(context, request):
    response = Response(body=to_csv(export_rows(request.root, context)),
                        content_type="text/csv", charset="utf-8")
    response.headers["Content-Disposition"] = f'attachment; filename="{context.__name__}.csv"'
    return response


@view_config(context=Concept, name="measures.xlsx", permission=VIEW)
def export_xlsx(context, request):
    response = Response(body=to_xlsx(export_rows(request.root, context)), content_type=XLSX)
    response.headers["Content-Disposition"] = f'attachment; filename="{context.__name__}.xlsx"'
    return response
