"""The newsletter's reach (subscribers with at least one list) is a kept
count: the home page shows it without loading every subscriber, and every
way a subscriber's lists change keeps it equal to counting them one by one."""
import random
import re

from roundtable.evolve import s0055_subscriber_reach
from roundtable.newsletter.subscribers import Subscriber, Subscribers
from tests.conftest import edit
from tests.newsletter.helpers import add_subscribers, make_list, subscribed
from tests.test_home import section


def counted(subscribers):
    return sum(1 for s in subscribers.values() if s.lists)


def test_every_change_of_lists_keeps_the_count():
    subs = Subscribers()
    rng = random.Random(7)
    emails = [f"leser{i}@example.org" for i in range(30)]
    for step in range(400):
        email = rng.choice(emails)
        found = subs.find(email)
        kind = rng.choice(("request", "confirm", "import", "lists", "none", "remove", "purge"))
        if kind == "request":
            subs.request(email, [rng.choice(("a", "b"))])
        elif kind == "confirm" and found is not None:
            subs.confirm(found)
        elif kind == "import":
            subs.subscribe_confirmed(email, [rng.choice(("a", "b"))], source="test")
        elif kind == "lists" and found is not None:
            found.set_lists(set(rng.sample(("a", "b", "c"), rng.randrange(3))), "preferences")
        elif kind == "none" and found is not None:
            found.set_lists(set(), "unsubscribed all")
        elif kind == "remove" and found is not None:
            subs.remove(found)
        elif kind == "purge":
            subs.purge_expired()
        assert subs.reach() == counted(subs), (step, kind)
    assert subs.reach() > 0


def test_a_removed_subscriber_no_longer_counts_even_when_changed_later():
    subs = Subscribers()
    gone = subs.subscribe_confirmed("weg@example.org", ["a"], source="test")
    subs.subscribe_confirmed("da@example.org", ["a"], source="test")
    subs.remove(gone)
    gone.set_lists(set(), "erased")   # a stale reference changes nothing
    assert subs.reach() == counted(subs) == 1
    # a sample made for a preview is in no container: nothing is counted
    Subscriber("probe@example.org").set_lists({"a"}, "preview")
    assert subs.reach() == 1


def test_the_upgrade_counts_a_container_made_before_the_counter():
    subs = Subscribers()
    for i in range(5):
        subs.subscribe_confirmed(f"alt{i}@example.org", ["a"] if i % 2 else [], source="test")
    # as stored before step 0055: no counter, no container on the subscribers
    del subs.reached
    for s in subs.values():
        del s._roll

    class Portal(dict):
        pass

    portal = Portal(newsletter=type("Newsletter", (), {"subscribers": subs})())
    s0055_subscriber_reach.evolve(portal)
    assert subs.reach() == counted(subs) == 2
    next(s for s in subs.values() if not s.lists).set_lists({"a"}, "later")
    assert subs.reach() == 3


def test_the_home_page_shows_the_kept_reach(anonymous, admin, db):
    make_list(db)
    add_subscribers(db, "test-liste", [f"leser{i}@example.org" for i in range(4)])
    _sid, _prefs, unsubscribe = subscribed(db, "geht@example.org", "test-liste")
    with edit(db) as portal:
        subs = portal["newsletter"].subscribers
        expected = counted(subs)
        assert subs.reach() == expected

    def shown():
        year = section(anonymous.get("/"), "h-year")
        return int(re.search(r"(\d+)\D*Abonnements des Newsletters", year, re.S).group(1))

    assert shown() == expected
    # the one-click unsubscribe of the last list counts down at once
    anonymous.post(unsubscribe, {"List-Unsubscribe": "One-Click"})
    assert shown() == expected - 1
