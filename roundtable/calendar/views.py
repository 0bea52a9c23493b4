"""The feeds: the site's (optionally filtered) and a body's public meetings,
one meeting to download, and a member's personal feed.

Public feeds list public meetings and their public agenda items only, the same
for every viewer, so they can be cached (ETag, Last-Modified, 304). The
personal feed is private and answers 404 for an unknown or revoked token, so
an old address reveals nothing about whether it ever existed.
"""
import re
from datetime import timedelta

from pyramid.httpexceptions import HTTPBadRequest, HTTPNotFound
from pyramid.response import Response
from pyramid.view import view_config

from ..bodies.resources import Body
from ..freshness import body_section
from ..i18n import _, translate
from ..meetings.resources import REPLIES, Meeting
from ..portal import Portal
from ..security import VIEW, has_role
from ..timeutil import now
from . import cache, council, filters, ical, personal

CONTENT_TYPE = "text/calendar"
SITE_PAST = timedelta(days=365)


def public_meetings(bodies):
    for body in bodies:
        meetings = body.get("meetings")
        if meetings is not None:
            yield from (m for m in meetings.values() if m.public)


def ics_response(request, body, meetings, filename=None, public=True, stamps=None):
    """The calendar's bytes with validators (an anonymous answer gets the ETag
    of the ``freshness=`` option instead); ``stamps`` are the change times
    behind its content (default: the meetings'), the newest becomes Last-Modified."""
    response = Response(body=body, content_type=CONTENT_TYPE, charset="utf-8")
    response.md5_etag()
    stamps = [m.modified for m in meetings] if stamps is None else stamps
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


def site_depends(context, request):
    """The counters behind the site feed (``freshness=``): the chosen bodies'
    meetings, the motions' consultations and committees, the site's name."""
    names = request.GET.getall("body")
    if names and not request.GET.getall("field") and set(request.GET) <= {"body"}:
        bodies = context["bodies"]
        # a body not (yet) there: any change of bodies
        return tuple(body_section(bodies[n]) if n in bodies else "bodies" for n in names) + (
            "site",)
    return ("bodies", "motions", "committees", "site")


@view_config(context=Portal, name="calendar.ics", permission=VIEW, request_method="GET",
             freshness=site_depends)
def site_feed(context, request):
    """Public meetings of all bodies, or of those the query selects: the past
    12 months (``roundtable.calendar_past_days``) and everything ahead."""
    bodies = context["bodies"]
    try:
        selection = filters.parse(request.GET, bodies)
    except filters.FeedFilterError as error:
        return HTTPBadRequest(text=translate(error.message, request), content_type="text/plain",
                              charset="utf-8")
    since = now() - site_past(request.registry.settings)
    chosen = [b for b in bodies.values() if selection.selects(b)]
    meetings = [m for m in public_meetings(chosen) if m.end >= since]
    # council committee dates of our motions: all of them, or those of the
    # chosen fields of action; a selection of bodies alone has none
    extras, stamps = [], [m.modified for m in meetings]
    if not selection or selection.fields:
        extras, more = council.consultations(request, context, since,
                                             set(selection.fields) if selection else None,
                                             built=cache.consultation_events(request))
        stamps += more
    name = context.title
    if selection:
        name += ": " + ", ".join(selection.labels(bodies, lambda t: translate(t, request)))
    return ics_response(request, feed(request, meetings, name, extras), meetings, stamps=stamps)


def feed(request, meetings, name, extras=()):
    """A public feed's bytes, its events and time zone from the cache of events."""
    return ical.calendar(meetings, request, name, extras=extras,
                         built=cache.meeting_events(request), timezone_bytes=cache.timezone_bytes)


@view_config(context=Body, name="calendar.ics", permission=VIEW, request_method="GET",
             freshness=lambda context, request: (body_section(context), "site"))
def body_feed(context, request):
    meetings = list(public_meetings([context]))
    body = feed(request, meetings, f"{request.root.title}: {context.name}")
    return ics_response(request, body, meetings)


def download_name(meeting):
    body = meeting.body
    short = re.sub(r"[^A-Za-z0-9_-]+", "-", getattr(body, "short_name", "") or "").strip("-")
    return f"{short or 'sitzung'}-{meeting.local_start:%Y-%m-%d}.ics"


@view_config(context=Meeting, name="event.ics", permission=VIEW, request_method="GET",
             freshness=lambda context, request: (body_section(context.body), "site"))
def meeting_event(context, request):
    """One meeting for download, with the agenda items the viewer may see."""
    def visible(meeting):
        return [i for i in meeting.agenda.ordered()
                if (i.public and meeting.public) or request.has_permission(VIEW, i)]

    cal = ical.calendar([context], request, f"{request.root.title}: {ical.summary(context)}",
                        items=visible)
    return ics_response(request, cal, [context], filename=download_name(context),
                        public=context.public and request.identity is None)


@view_config(route_name=personal.ROUTE, permission=VIEW, request_method="GET")
def personal_feed(request):
    """The meetings of the token owner's bodies, non-public ones included, with
    the agenda items they may see and their own reply."""
    user = request.identity
    if user is None:
        return HTTPNotFound()
    portal = request.root
    meetings = list(personal.meetings_of(request, personal.bodies_of(request, portal, user)))

    def visible(meeting):
        return [i for i in meeting.agenda.ordered() if request.has_permission(VIEW, i)]

    replies = dict(REPLIES)

    def reply(meeting):
        attendance = meeting.attendance.get(user.person_id) if user.person_id else None
        if attendance is None or attendance.reply is None:
            return None
        return translate(_("Ihre Rückmeldung: ${reply}",
                           mapping={"reply": translate(replies[attendance.reply], request)}),
                         request)

    extras, consulted, dated = [], [], []
    if has_role(request, "board") or has_role(request, "admin"):
        # the board speaks in the committees and must meet their deadlines
        since = now() - personal.PAST
        consultations, consulted = council.consultations(request, portal, since)
        deadlines, dated = council.deadlines(request, portal, since)
        extras = consultations + deadlines
    name = translate(_("${site}: meine Sitzungen", mapping={"site": portal.title}), request)
    cal = ical.calendar(meetings, request, name, items=visible, notes=reply, extras=extras)
    # a changed reply changes the feed, so its time counts for Last-Modified
    stamps = [m.modified for m in meetings]
    stamps += [a.replied_at for m in meetings for a in [m.attendance.get(user.person_id)]
               if a is not None and a.replied_at is not None] if user.person_id else []
    stamps += consulted + dated
    return ics_response(request, cal, meetings, public=False, stamps=stamps)
