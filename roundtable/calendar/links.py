"""Addresses under which a calendar program subscribes to a feed.

A feed is offered four ways because no single link works everywhere: the
https:// address to copy (every program), webcal:// (opens the system's
calendar app: Apple, Thunderbird, Outlook desktop), and the "add by URL" pages
of Google Calendar and Outlook on the web, which otherwise make the user find
the right menu themselves.
"""
from types import SimpleNamespace
from urllib.parse import quote, urlencode

GOOGLE = "https://calendar.google.com/calendar/render"
OUTLOOK_COM = "https://outlook.live.com/calendar/0/addfromweb"
OUTLOOK_365 = "https://outlook.office.com/calendar/0/addfromweb"


def webcal(url):
    """``https://host/x.ics`` → ``webcal://host/x.ics`` (the scheme calendar apps claim)."""
    return "webcal://" + url.split("://", 1)[1]


def google(url):
    # Google subscribes to what ``cid`` names; given webcal:// it polls the feed
    # instead of importing it once.
    return f"{GOOGLE}?{urlencode({'cid': webcal(url)}, quote_via=quote)}"


def outlook(url, name, base=OUTLOOK_COM):
    return f"{base}?{urlencode({'url': url, 'name': name}, quote_via=quote)}"


def subscription(title, url):
    """Everything the subscribe page shows for one feed."""
    return SimpleNamespace(title=title, url=url, webcal=webcal(url), google=google(url),
                           outlook=outlook(url, title), outlook365=outlook(url, title, OUTLOOK_365))
