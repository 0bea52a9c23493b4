"""/minutes/: every published minutes, newest session first, filtered by body and year.

The public finds the record of past sessions here (menu entry "Protokolle")
without knowing the date of the session. Only minutes the viewer may read are
listed: for the public the published minutes of public sessions; members and
the board also see those of non-public sessions once published.
"""
from types import SimpleNamespace as Row

from pyramid.httpexceptions import HTTPNotFound
from pyramid.view import view_config

from ..i18n import _
from ..portal import Portal
from ..security import VIEW
from ..meetings.display import format_short_day, format_when_short
from ..meetings.listing_views import _all_meetings, _body_filter, _params, _year_filter
from .workflow import PUBLISHED


def published_minutes(portal, body=None):
    """Published minutes of every (or one body's) meeting, newest session first."""
    found = [m.minutes for m in _all_meetings(portal, body)
             if m.minutes is not None and m.minutes.state == PUBLISHED]
    return sorted(found, key=lambda minutes: minutes.meeting.start, reverse=True)


def readable_minutes(request, body=None):
    """The published minutes the viewer may read (the ACL decides: hidden means absent)."""
    return [m for m in published_minutes(request.root, body)
            if m.is_public or request.has_permission(VIEW, m)]


@view_config(context=Portal, name="minutes", renderer="roundtable:templates/minutes/list.pt",
             permission=VIEW, freshness=("bodies", "site"))
def minutes_listing(context, request):
    if request.subpath:
        raise HTTPNotFound()
    params = _params(request)
    body, year = _body_filter(request, params), _year_filter(params)
    found = readable_minutes(request, body)
    years = sorted({m.meeting.local_start.year for m in found}, reverse=True)
    if year is not None:
        found = [m for m in found if m.meeting.local_start.year == year]
        if year not in years:
            years = sorted(years + [year], reverse=True)
    rows = [Row(minutes=m, meeting=m.meeting, body=m.meeting.body,
                day=format_short_day(m.meeting.local_start.date(), request.locale_name),
                published=m.published_at) for m in found]
    title = _("Protokolle")
    if body is not None:
        title = _("Protokolle: ${body}", mapping={"body": body.name})
    return {"page_title": title, "rows": rows, "body": body, "year": year, "years": years,
            "bodies": request.root["bodies"].listing(include_retired=True)}


NEW_MINUTES = 5


def home_minutes(request):
    """The home page's panel: the most recently published minutes the visitor may read."""
    found = readable_minutes(request)
    found.sort(key=lambda m: (m.published_at or m.meeting.start).timestamp(), reverse=True)
    return {"minutes": [Row(minutes=m, meeting=m.meeting, body=m.meeting.body,
                            when=format_when_short(m.meeting, request.locale_name))
                        for m in found[:NEW_MINUTES]]}
