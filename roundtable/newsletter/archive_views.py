"""The public side of issues: the archive of sent issues, a list's page and
an issue's web version. The coordinator sees the same pages with the drafts,
the delivery progress and the actions.
"""
from pyramid.view import view_config

from .. import freshness
from ..i18n import _
from ..security import MANAGE, VIEW
from ..timeutil import format_local
from .feeds import announce_published
from .progress_views import status_for_page
from .rendering import content
from .resources import DRAFT, Issue, MailingList, Newsletter

# an issue scheduled for a time becomes public then, without an event
PAGES = freshness.minute_by_minute("newsletter", "site")

TEMPLATES = "roundtable:templates/newsletter/"


def _may_manage(request, context):
    return bool(request.has_permission(MANAGE, context))


@view_config(context=Newsletter, renderer=TEMPLATES + "archive.pt", permission=VIEW,
             freshness=PAGES)
def archive(context, request):
    announce_published(request, context.sent_issues())
    return {"page_title": _("Newsletter"), "lists": context.lists(),
            "public_lists": context.public_lists(), "issues": context.sent_issues(),
            "fmt": format_local, "may_manage": _may_manage(request, context)}


@view_config(context=MailingList, renderer=TEMPLATES + "list.pt", permission=VIEW,
             freshness=PAGES)
def list_page(context, request):
    may_manage = _may_manage(request, context)
    issues = [i for i in context.issues() if may_manage or i.published]
    subscribers = request.root["newsletter"].subscribers
    return {"page_title": context.title, "mailing_list": context, "issues": issues,
            "fmt": format_local, "may_manage": may_manage,
            "count": subscribers.count(context.__name__) if may_manage else None}


@view_config(context=Issue, renderer=TEMPLATES + "issue.pt", permission=VIEW, freshness=PAGES)
def issue_page(context, request):
    may_manage = _may_manage(request, context)
    arranging = may_manage and context.state == DRAFT
    c = content(context, request.localizer.translate, request.root.title, request.application_url,
                left_out=arranging)
    info = {"page_title": context.title, "issue": context, "c": c, "may_manage": may_manage,
            "mailing_list": context.mailing_list, "fmt": format_local, "is_draft": context.state == DRAFT}
    if may_manage:
        info["recipients"] = request.root["newsletter"].subscribers.count(context.mailing_list.__name__)
        if context.state != DRAFT:
            info["status"] = status_for_page(request, context)
    return info
