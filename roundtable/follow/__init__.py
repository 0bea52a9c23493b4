"""Following by e-mail: a motion, a body or a saved search, without an account.

Reuses the newsletter's double opt-in, signed links and the mail queue;
learns of changes through the content events; sends digests from the
``roundtable-follow`` job (see ``alerts.send_due``).
"""
from ..events import ObjectAdded, ObjectModified
from .alerts import on_change


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
