"""A small, generic Atom 1.0 (RFC 4287) builder: a list of entries in, a Response out.

Feeds of any feature are one call::

    return atom.feed(request, title=_("Neue Protokolle"), entries=[
        atom.Entry(title=m.title, url=request.resource_url(m), updated=m.modified,
                   summary=text, category=_("Protokoll")) for m in latest])

Titles and summaries are plain text (translated here when they are
TranslationStrings) and escaped by the XML writer; dates must be aware.
"""
from datetime import datetime, timezone
from xml.etree import ElementTree as ET

from pyramid.response import Response

from .i18n import translate

NS = "http://www.w3.org/2005/Atom"
CONTENT_TYPE = "application/atom+xml"
MAX_SUMMARY = 600


class Entry:
    """One feed entry; ``url`` is also its permanent id unless ``id`` is given
    (several entries about one page, e.g. the steps of a motion)."""

    def __init__(self, title, url, updated=None, summary="", category=None, author=None,
                 id=None):
        self.title, self.url, self.updated = title, url, updated
        self.summary, self.category, self.author = summary, category, author
        self.id = id or url


def _date(dt):
    dt = dt or datetime.now(timezone.utc)
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _text(parent, tag, text, request):
    element = ET.SubElement(parent, tag)
    element.text = str(translate(text, request) if text is not None else "")
    return element


def _shorten(text, limit=MAX_SUMMARY):
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def build(request, title, entries, feed_url=None, site_url=None, subtitle=None, author=None):
    """The feed document as bytes (UTF-8, with XML declaration)."""
    feed_url = feed_url or request.url
    site_url = site_url or request.application_url + "/"
    author = author or request.root.title
    root = ET.Element("feed", {"xmlns": NS, "xml:lang": request.locale_name})
    _text(root, "title", title, request)
    if subtitle:
        _text(root, "subtitle", subtitle, request)
    ET.SubElement(root, "id").text = feed_url
    ET.SubElement(root, "link", {"rel": "self", "type": CONTENT_TYPE, "href": feed_url})
    ET.SubElement(root, "link", {"rel": "alternate", "type": "text/html", "href": site_url})
    dates = [e.updated for e in entries if e.updated is not None]
    ET.SubElement(root, "updated").text = _date(max(dates) if dates else None)
    _text(ET.SubElement(root, "author"), "name", author, request)
    for entry in entries:
        node = ET.SubElement(root, "entry")
        _text(node, "title", entry.title, request)
        ET.SubElement(node, "id").text = entry.id
        ET.SubElement(node, "link", {"rel": "alternate", "type": "text/html", "href": entry.url})
        ET.SubElement(node, "updated").text = _date(entry.updated)
        if entry.author:
            _text(ET.SubElement(node, "author"), "name", entry.author, request)
        if entry.category:
            ET.SubElement(node, "category", {"term": str(translate(entry.category, request))})
        if entry.summary:
            _text(node, "summary", _shorten(str(translate(entry.summary, request))), request)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def feed(request, title, entries, **kw):
    """An Atom Response; see :func:`build` for the arguments."""
    response = Response(build(request, title, entries, **kw), content_type=CONTENT_TYPE,
                        charset="utf-8")
    # a signed-in reader's feed may hold non-public items: never in shared caches
    response.cache_control = ("private, no-store" if request.identity is not None
                              else "public, max-age=600")
    return response
