"""The feeds: the site's and a body's public meetings, and one meeting to download.

Public feeds list public meetings and their public agenda items only, the same
for every viewer, so they can be cached (ETag, Last-Modified, 304).
"""
import re
from datetime import timedelta
from types import SimpleNamespace as Row

from pyramid.response import Response
from pyramid.view import view_config

from ..bodies.resources import Body
from ..i18n import _
from ..meetings.resources import Meeting
from ..portal import Portal
from ..security import VIEW
from ..timeutil import now
from . import ical

CONTENT_TYPE = "text/calendar"
SITE_PAST = timedelta(days=365)


def public_meetings(bodies):
    for body in bodies:
        meetings = body.get("meetings")
        if meetings is not None:
            yield from (m for m in meetings.values() if m.public)


def ics_response(request, cal, meetings, filename=None, public=True):
    response = Response(body=cal.to_ical(), content_type=CONTENT_TYPE, charset="utf-8")
    response.md5_etag()
    stamps = [m.modified for m in meetings]
    if stamps:
        response.last_modified = max(stamps)
    response.cache_control.max_age = 0
    if public:
        response.cache_control.public = True
    else:
        response.cache_control.private = True
    if filename:
        response.content_disposition = f'attachment; filename="{filename}"'
    response.conditional_response = True
    return response


def site_past(settings):
    """How far back the site feed reaches: 12 months, unless the setting
    ``roundtable.calendar_past_days`` says otherwise (the benchmark's feed
    covers its ten years of data that way)."""
    days = settings.get("roundtable.calendar_past_days")
    return timedelta(days=int(days)) if days else SITE_PAST


@view_config(context=Portal, name="calendar.ics", permission=VIEW, request_method="GET")
def site_feed(context, request):
    """Public meetings of all bodies: the past 12 months and everything ahead."""
    since = now() - site_past(request.registry.settings)
    meetings = [m for m in public_meetings(context["bodies"].values()) if m.end >= since]
    cal = ical.calendar(meetings, request, context.title)
    return ics_response(request, cal, meetings)


@view_config(context=Body, name="calendar.ics", permission=VIEW, request_method="GET")
def body_feed(context, request):
    meetings = list(public_meetings([context]))
    name = f"{request.root.title}: {context.name}"
    cal = ical.calendar(meetings, request, name)
    return ics_response(request, cal, meetings)


def download_name(meeting):
    body = meeting.body
    short = re.sub(r"[^A-Za-z0-9_-]+", "-", getattr(body, "short_name", "") or "").strip("-")
    return f"{short or 'sitzung'}-{meeting.local_start:%Y-%m-%d}.ics"


@view_config(context=Meeting, name="event.ics", permission=VIEW, request_method="GET")
def meeting_event(context, request):
    """One meeting for download, with the agenda items the viewer may see."""
    def visible(meeting):
        return [i for i in meeting.agenda.ordered()
                if (i.public and meeting.public) or request.has_permission(VIEW, i)]

    cal = ical.calendar([context], request, f"{request.root.title}: {ical.summary(context)}",
                        items=visible)
    return ics_response(request, cal, [context], filename=download_name(context),
                        public=context.public)


def feed_row(title, url):
    """A feed's address as served (https:// behind the TLS proxy) and as webcal://,
    which calendar programs open as a subscription."""
    return Row(title=title, url=url, webcal="webcal://" + url.split("://", 1)[1])


@view_config(context=Portal, name="subscribe", renderer="roundtable:templates/calendar/subscribe.pt",
             permission=VIEW, request_method="GET")
def subscribe(context, request):
    """The addresses of the site's and each body's feed, as https:// and webcal://."""
    feeds = [feed_row(_("Alle Gremien"), request.resource_url(context, "calendar.ics"))]
    feeds += [feed_row(body.name, request.resource_url(body, "calendar.ics"))
              for body in context["bodies"].listing()]
    return {"page_title": _("Kalender abonnieren"), "feeds": feeds}
