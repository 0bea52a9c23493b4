"""The public meeting lists: /meetings, its month calendar and /my-meetings.

Kept apart from the single meeting's views because these pages look across
all bodies: they filter and sort meetings rather than act on
one. Everyone sees the public meetings; non-public ones appear only to those
whose ACL lets them view them (``may_view``), so a list never leaks what the
meeting page would refuse.
"""
import calendar
import re
from datetime import date, timedelta
from types import SimpleNamespace as Row

from pyramid.httpexceptions import HTTPBadRequest, HTTPNotFound, HTTPSeeOther
from pyramid.view import view_config

from ..i18n import _
from ..portal import Portal
from ..security import ACCOUNT, ADD, VIEW
from ..timeutil import DEFAULT_TZ, now, zone
from .display import Formatter, format_month, weekday_names
from .resources import REPLIES, Meetings
from .viewhelpers import TEMPLATES, may_view, reply_form, viewer_person_id

# the lists show meetings of every body (a change inside any body bumps "bodies")
LISTS = ("bodies", "site")


def _params(request):
    """The query string; a malformed one (not UTF-8) is the client's error, not ours."""
    try:
        return request.GET
    except UnicodeDecodeError:
        raise HTTPBadRequest(_("Die Anfrage ist ungültig kodiert.")) from None


def _all_meetings(portal, body=None):
    """Every meeting (of one body), dissolved bodies' included: their record stays."""
    for b in [body] if body is not None else portal["bodies"].values():
        meetings = b.get("meetings")
        if meetings is not None:
            yield from meetings.values()


def _visible(request, meetings):
    return [m for m in meetings if may_view(request, m)]


# filters of the public lists -------------------------------------------------------------

_YEAR = re.compile(r"[0-9]{4}")
_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")


def _body_filter(request, params):
    name = params.get("body", "").strip()
    if not name:
        return None
    body = request.root["bodies"].get(name)
    if body is None:
        raise HTTPBadRequest(_("Das Gremium „${name}“ gibt es nicht. Wählen Sie eines aus der Liste.",
                               mapping={"name": name[:80]}))
    return body


def _year_filter(params):
    value = params.get("year", "").strip()
    if not value:
        return None
    if not _YEAR.fullmatch(value) or not 1900 <= int(value) <= 2200:
        raise HTTPBadRequest(_("„${value}“ ist kein gültiges Jahr. Bitte eine Jahreszahl wie "
                               "2027 angeben.", mapping={"value": value[:20]}))
    return int(value)


def _month_filter(params, tzname=DEFAULT_TZ):
    value = params.get("month", "").strip()
    if not value:
        today = now().astimezone(zone(tzname)).date()
        return today.year, today.month
    match = _MONTH.fullmatch(value)
    if not match or not 1 <= int(match.group(2)) <= 12 or not 1900 <= int(match.group(1)) <= 2200:
        raise HTTPBadRequest(_("„${value}“ ist kein gültiger Monat. Bitte im Format JJJJ-MM "
                               "angeben, z. B. 2027-03.", mapping={"value": value[:20]}))
    return int(match.group(1)), int(match.group(2))


def _filter_choices(request, visible):
    bodies = [b for b in request.root["bodies"].listing(include_retired=True)]
    years = sorted({m.local_start.year for m in visible}, reverse=True)
    return bodies, years


def _addable_bodies(request):
    """Bodies whose meetings folder the viewer may add to (for the "new meeting" links)."""
    if request.identity is None:
        return []
    return [b for b in request.root["bodies"].listing()
            if "meetings" in b and request.has_permission(ADD, b["meetings"])]


# the public lists --------------------------------------------------------------------

@view_config(context=Portal, name="meetings", renderer=TEMPLATES + "listing.pt", permission=VIEW,
             freshness=LISTS)
def meetings_listing(context, request):
    """Upcoming and past sessions the viewer may see, filtered by body and year."""
    if request.subpath:
        raise HTTPNotFound()
    params = _params(request)
    body, year = _body_filter(request, params), _year_filter(params)
    visible = _visible(request, _all_meetings(context, body))
    bodies, years = _filter_choices(request, visible)
    if year is not None and year not in years:
        years = sorted(years + [year], reverse=True)
    if year is not None:
        visible = [m for m in visible if m.local_start.year == year]
    at = now()
    upcoming = sorted((m for m in visible if not m.is_past(at)), key=lambda m: m.start)
    past = sorted((m for m in visible if m.is_past(at)), key=lambda m: m.start, reverse=True)
    addable = _addable_bodies(request)
    title = _("Sitzungen")
    if body is not None:
        title = _("Sitzungen: ${body}", mapping={"body": body.name})
    return {
        "page_title": title,
        "body": body,
        "year": year,
        "bodies": bodies,
        "years": years,
        "upcoming": upcoming,
        "past": past,
        "addable": [b for b in addable if body is None or b is body],
        "fmt": Formatter(request),
        # the calendar has its own body filter; linking each body's calendar
        # from here would multiply the months a crawler walks through
        "calendar_url": request.route_url("meetings_calendar"),
    }


@view_config(route_name="meetings_calendar", renderer=TEMPLATES + "calendar.pt", permission=VIEW,
             freshness=LISTS)
def meetings_calendar(context, request):
    """A month as a table (Monday first), the visible meetings in their days."""
    params = _params(request)
    body = _body_filter(request, params)
    year, month = _month_filter(params)
    first = date(year, month, 1)
    last = date(year, month, calendar.monthrange(year, month)[1])
    by_day = {}
    in_month = []
    earlier = later = False
    for m in _visible(request, _all_meetings(context, body)):
        day = m.local_start.date()
        if first <= day <= last:
            by_day.setdefault(day, []).append(m)
            in_month.append(m)
        earlier = earlier or day < first
        later = later or day > last
    for items in by_day.values():
        items.sort(key=lambda m: m.start)
    in_month.sort(key=lambda m: m.start)
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    prev_month = (first - timedelta(days=1)).replace(day=1)
    next_month = last + timedelta(days=1)

    def month_url(day):
        query = {"month": day.strftime("%Y-%m")}
        if body is not None:
            query["body"] = body.__name__
        return request.route_url("meetings_calendar", _query=query)

    locale = request.locale_name
    return {
        "page_title": _("Sitzungskalender ${month}", mapping={"month": format_month(first, locale)}),
        "month_title": format_month(first, locale),
        "first": first,
        "weeks": weeks,
        "by_day": by_day,
        "in_month": in_month,
        "weekdays": weekday_names(locale),
        # Links lead only as far as there are meetings, so the months do not
        # run on forever for a crawler; any month stays reachable by URL.
        "prev": Row(url=month_url(prev_month), title=format_month(prev_month, locale)) if earlier else None,
        "next": Row(url=month_url(next_month), title=format_month(next_month, locale)) if later else None,
        "this_month": month_url(now().astimezone(zone(DEFAULT_TZ)).date()),
        "today": now().astimezone(zone(DEFAULT_TZ)).date(),
        "body": body,
        "bodies": request.root["bodies"].listing(include_retired=True),
        "fmt": Formatter(request),
        "list_url": request.resource_url(request.root, "meetings",
                                         query={"body": body.__name__} if body else {}),
    }


@view_config(context=Meetings, permission=VIEW)
def body_meetings(context, request):
    """A body's meetings are the public list filtered by that body."""
    return HTTPSeeOther(location=request.resource_url(
        request.root, "meetings", query={"body": context.body.__name__}))


# my meetings ---------------------------------------------------------------------------

@view_config(context=Portal, name="my-meetings", renderer=TEMPLATES + "my.pt", permission=ACCOUNT)
def my_meetings(context, request):
    """The upcoming sessions of the bodies one belongs to, with one's own reply."""
    person_id = viewer_person_id(request)
    rows = []
    if person_id:
        at = now()
        for body in context["bodies"].listing():
            if "member" not in body.local_roles_for(person_id):
                continue
            for m in body["meetings"].values():
                if not m.is_past(at):
                    rows.append(Row(meeting=m, body=body, record=m.attendance_for(person_id),
                                    can_reply=m.accepts_replies(at)))
        rows.sort(key=lambda r: r.meeting.start)
    return {"page_title": _("Meine Sitzungen"), "rows": rows, "person_id": person_id,
            "fmt": Formatter(request), "replies": dict(REPLIES), "reply_form": reply_form()}
