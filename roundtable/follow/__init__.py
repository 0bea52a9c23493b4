"""Following by e-mail: a motion, a body or a saved search, without an account.

Reuses the newsletter's double opt-in, signed links and the mail queue;
learns of changes through the content events; sends digests from a periodic
job in the application (every ``follow.digest_every_minutes``, default 60, see
``roundtable.schedule``) or from the ``roundtable-follow`` script (cron, ZEO).
"""
from ..events import ObjectAdded, ObjectModified
from .alerts import on_change, run_digests

DIGEST_EVERY_MINUTES = 60


def includeme(config):
    # signed links and a form about things elsewhere in the tree: routes (DESIGN)
    config.add_route("follow", "/follow")
    config.add_route("follow_confirm", "/follow/confirm/{sid}/{sig}")
    config.add_route("follow_manage", "/follow/manage/{sid}/{sig}")
    config.add_route("follow_unsubscribe", "/follow/unsubscribe/{sid}/{key}/{sig}")
    config.add_route("account_follow", "/account/follow")
    config.add_subscriber(on_change, ObjectModified)
    config.add_subscriber(on_change, ObjectAdded)
    config.scan(".views")
    config.add_periodic_job("follow-digests", run_digests, "follow.digest_every_minutes",
                            default=DIGEST_EVERY_MINUTES, unit=60)
