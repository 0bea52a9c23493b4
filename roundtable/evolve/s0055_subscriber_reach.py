"""Subscriber containers count their reach.

The home page's "subscriptions of the newsletter" counted every subscriber
with a list on each rendering, which loaded all of them (25,000 objects,
about 50 MB per connection in the five-fold benchmark). The containers now
keep the count; this step gives each subscriber its container and counts
once, for the newsletter's subscribers and the follow register's followers.
"""
from ..follow.resources import ATTR as FOLLOWS


def evolve(portal):
    newsletter = portal.get("newsletter") if hasattr(portal, "get") else None
    subscribers = getattr(newsletter, "subscribers", None)
    if subscribers is not None:
        subscribers.reach_shown = True   # on the home page
    containers = [subscribers, getattr(getattr(portal, FOLLOWS, None), "followers", None)]
    for container in containers:
        if container is not None:
            container.recount()
