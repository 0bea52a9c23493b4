"""Links that put one session into a visitor's calendar.

Three ways, because no single one works everywhere: the ``event.ics`` file
(served by the calendar feature; opens in Outlook desktop, Apple and
Thunderbird), and the "new event" pages of Google Calendar and Outlook on the
web, filled in with title, time, place and a link back to the session page.
"""
from types import SimpleNamespace
from urllib.parse import quote, urlencode

GOOGLE = "https://calendar.google.com/calendar/render"
OUTLOOK = "https://outlook.live.com/calendar/0/deeplink/compose"


def _place(meeting):
    return ", ".join(p for p in (meeting.place_name, meeting.room, meeting.address) if p)


def google(meeting, page_url):
    stamp = "%Y%m%dT%H%M%SZ"
    query = {"action": "TEMPLATE", "text": meeting.title,
             "dates": f"{meeting.start.strftime(stamp)}/{meeting.end.strftime(stamp)}",
             "details": page_url, "location": meeting.online_url or _place(meeting)}
    return f"{GOOGLE}?{urlencode(query, quote_via=quote)}"


def outlook(meeting, page_url):
    query = {"path": "/calendar/action/compose", "rru": "addevent", "subject": meeting.title,
             "startdt": meeting.start.strftime("%Y-%m-%dT%H:%M:%SZ"),
             "enddt": meeting.end.strftime("%Y-%m-%dT%H:%M:%SZ"),
             "location": meeting.online_url or _place(meeting), "body": page_url}
    return f"{OUTLOOK}?{urlencode(query, quote_via=quote)}"


def event_links(request, meeting):
    """The three links for the meeting page (None for a cancelled session)."""
    if meeting.status == "cancelled":
        return None
    page = request.resource_url(meeting)
    return SimpleNamespace(ics=request.resource_url(meeting, "event.ics"),
                           google=google(meeting, page), outlook=outlook(meeting, page))
