"""The newsletter archive as an Atom feed, and telling the catalog when a
scheduled issue has gone out.

The feed is read from the archive itself (the issues whose time has come),
not from the catalog: a scheduled issue becomes public by the clock alone,
with no request changing it, so only the archive knows at once. The catalog
learns it on the first visit of the archive or the feed after that time:
the visit notes the issue as modified, and the catalog is updated after the
request in a transaction of its own (see catalog/deferred.py).
"""
from pyramid.traversal import resource_path
from pyramid.view import view_config

from .. import atom, events, freshness
from ..catalog import get_catalog
from ..i18n import _
from ..security import VIEW
from .resources import Newsletter

FEED_SIZE = 30


def announce_published(request, issues):
    catalog = get_catalog(request.root)
    if catalog is None:
        return
    for issue in issues:
        if not catalog.is_public(resource_path(issue)):
            events.modified(request, issue)


@view_config(context=Newsletter, name="feed.atom", permission=VIEW, request_method="GET",
             # the issues and the site's name; and the minute, since an issue scheduled
             # for 10:30 becomes public by the clock alone, with no event
             freshness=freshness.minute_by_minute("newsletter", "site"))
def archive_feed(context, request):
    issues = context.sent_issues()[:FEED_SIZE]
    announce_published(request, issues)
    entries = []
    for issue in issues:
        summary = " · ".join(item.get("title", "") for section in issue.sections
                             for item in section.get("items", ()) if item.get("title"))
        entries.append(atom.Entry(issue.title, request.resource_url(issue), issue.send_at,
                                  summary=summary, category=issue.mailing_list.title))
    return atom.feed(request, _("Newsletter-Archiv"), entries,
                     site_url=request.resource_url(context), subtitle=request.root.title)
