"""The motions' Atom feed: every step of a public motion, newest first.

Journalists and the town's website follow what became of the round table's
motions; a new entry appears when a motion is adopted, submitted, treated in
a committee, decided or done, each with its own id so feed readers show
every step rather than one entry that keeps changing.
"""
from datetime import timedelta

from pyramid.view import view_config

from .. import atom
from ..i18n import _
from ..security import VIEW
from ..timeutil import now
from .queries import status_changes_between
from .register import Motions
from .workflow import motion_workflow

FEED_SIZE = 30
REACH = timedelta(days=10 * 365)


# what the feed shows: the motions and their steps, the site's name
@view_config(context=Motions, name="feed.atom", permission=VIEW, request_method="GET",
             freshness=("motions", "site"))
def motions_feed(context, request):
    portal = request.root
    changes = status_changes_between(portal, now() - REACH, now() + timedelta(days=1))
    entries = []
    for motion, step in reversed(changes[-FEED_SIZE:]):
        url = request.resource_url(motion)
        index = list(motion.history).index(step)
        state = request.localizer.translate(motion_workflow.title(step["to"]))
        entries.append(atom.Entry(f"{motion.label} – {state}", url, step["at"],
                                  summary=motion.resolution, category=_("Antrag"),
                                  id=f"{url}#step-{index}"))
    return atom.feed(request, _("Anträge des Runden Tisches"), entries,
                     site_url=request.resource_url(context), subtitle=portal.title)
