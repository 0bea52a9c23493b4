"""Creating a series of meetings in one form ("every second Tuesday,
17:00–19:00, for 12 months"): first the dates are shown with the public
holidays flagged, then the meetings are created, each on its own.
"""
import deform
from babel.dates import format_date
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config

from .. import events, forms
from ..i18n import _, flash
from ..security import ADD
from .resources import Meeting, Meetings
from .schemas import SeriesSchema, meeting_values
from .series import holiday_names, new_series_id, series_dates
from .viewhelpers import TEMPLATES
from .views import last_place

BUTTONS = ("preview", "save")


def _dates(request, data):
    dates = series_dates(data["rule"], data["date"], data["months"])
    return dates, holiday_names(dates, request.registry.settings.get("roundtable.state"))


def create_series(context, data, dates, flagged):
    """One meeting per date (holidays left out unless asked for), sharing a series id."""
    series_id = new_series_id()
    created = []
    for day in dates:
        if day in flagged and not data["on_holidays"]:
            continue
        meeting = Meeting(**meeting_values(dict(data, date=day), context.tzname))
        meeting.series_id = series_id
        created.append(context.add_meeting(meeting))
    return created


@view_config(context=Meetings, name="add-series", renderer=TEMPLATES + "series.pt", permission=ADD)
def add_series(context, request):
    body = context.body
    form = forms.make_form(request, SeriesSchema(), buttons=(
        deform.Button("preview", _("Termine prüfen")), deform.Button("save", _("Serie anlegen"))))
    info = {"page_title": _("Sitzungsreihe anlegen: ${body}", mapping={"body": body.name}),
            "cancel_url": request.resource_url(body), "rows": None}
    button = next((b for b in BUTTONS if b in request.POST), None)
    if button is None:
        info["form"] = forms.render(request, form, {
            "title": request.localizer.translate(_("Sitzung: ${body}", mapping={"body": body.name})),
            "rule": "monthly_weekday", "months": 12, "public": body.kind != "board",
            **last_place(context)})
        return info
    data, html = forms.process(request, form, button)
    if data is None:
        request.response.status = 400
        info["form"] = html
        return info
    dates, flagged = _dates(request, data)
    if button == "save":
        created = create_series(context, data, dates, flagged)
        for meeting in created:
            events.added(request, meeting)
        flash(request, _("${n} Sitzungen angelegt; jede lässt sich einzeln bearbeiten.",
                         mapping={"n": len(created)}))
        return HTTPSeeOther(location=request.resource_url(body))
    info["form"] = forms.render(request, form, data)
    info["rows"] = [{"date": format_date(d, "EEEE, dd.MM.yyyy", locale=request.locale_name),
                     "iso": d.isoformat(), "holiday": flagged.get(d),
                     "skipped": d in flagged and not data["on_holidays"]} for d in dates]
    return info
