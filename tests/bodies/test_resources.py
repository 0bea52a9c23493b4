"""Bodies and memberships as objects: terms, roles derived from them, the body tree."""
from datetime import date, timedelta

import pytest

from roundtable.bodies.resources import Body, Membership, MembershipConflict
from roundtable.bootstrap import make_portal
from roundtable.demo import populate

TODAY = date.today()
YESTERDAY = TODAY - timedelta(days=1)
TOMORROW = TODAY + timedelta(days=1)


@pytest.fixture
def portal():
    """The demo portal in memory: no database needed for behaviour on the objects."""
    return populate(make_portal("Runder Tisch für Integration", "Flensburg"))


@pytest.fixture
def bodies(portal):
    return portal["bodies"]


def group(bodies, **values):
    values.setdefault("kind", "working")
    values.setdefault("field_of_action", "housing")
    return bodies.add_body(**values)


# terms -----------------------------------------------------------------------------

def test_membership_term_start_inclusive_end_exclusive():
    m = Membership("p", start=YESTERDAY, end=TOMORROW)
    assert m.is_current(YESTERDAY) and m.is_current(TODAY)
    assert not m.is_current(TOMORROW) and m.is_former(TOMORROW)
    assert not m.is_current(YESTERDAY - timedelta(days=1))
    assert Membership("p", start=TOMORROW).is_upcoming()
    assert not Membership("p", start=TOMORROW).is_current()
    assert Membership("p").is_current()  # open term, no dates: counts


def test_current_and_former_memberships(bodies):
    body = group(bodies, name="AG Test")
    chair = body.add_membership(person_id="a", role="chair", start=date(2024, 1, 1))
    member = body.add_membership(person_id="b", role="member", start=date(2024, 1, 1))
    guest = body.add_membership(person_id="c", role="guest", start=date(2024, 1, 1))
    gone = body.add_membership(person_id="d", role="member", start=date(2020, 1, 1), end=date(2022, 6, 30))
    older = body.add_membership(person_id="e", role="member", start=date(2019, 1, 1), end=date(2021, 1, 1))
    future = body.add_membership(person_id="f", role="member", start=TOMORROW)
    # chair first, whatever the insertion order
    body.add_membership(person_id="g", role="deputy_chair", start=date(2025, 1, 1))
    current = body.current_memberships()
    assert [m.role for m in current][:2] == ["chair", "deputy_chair"]
    assert {m.person_id for m in current} == {"a", "b", "c", "g"}
    assert body.former_memberships() == [gone, older]  # most recently ended first
    assert body.upcoming_memberships() == [future]
    assert chair in body.voting_members() and member in body.voting_members()
    assert guest not in body.voting_members()  # guests never vote


def test_ending_a_membership_keeps_it_on_record_and_takes_effect_at_once(bodies):
    body = group(bodies, name="AG Test")
    m = body.add_membership(person_id="a", role="member", start=date(2024, 1, 1))
    assert body.end_membership(m) is True
    assert m.end == TODAY
    assert m in body.former_memberships() and m not in body.current_memberships()
    assert "a" in body.memberships  # not deleted
    # ending again changes nothing; neither does ending one that has not begun
    assert body.end_membership(m, on=TOMORROW) is False and m.end == TODAY
    future = body.add_membership(person_id="b", role="member", start=TOMORROW)
    assert body.end_membership(future) is False and future.end is None


def test_a_second_overlapping_seat_in_the_same_role_is_refused(bodies):
    body = group(bodies, name="AG Test")
    first = body.add_membership(person_id="a", role="member", start=date(2024, 1, 1))
    with pytest.raises(MembershipConflict) as info:
        body.add_membership(person_id="a", role="member", start=TODAY)
    assert info.value.existing is first
    assert len(body.memberships) == 1
    # another role, or a term that ended before, is fine
    body.add_membership(person_id="a", role="delegate", start=TODAY)
    body.add_membership(person_id="a", role="member", start=date(2020, 1, 1), end=date(2024, 1, 1))
    # editing a membership does not conflict with itself
    body.update_membership(first, note="Sprecherin")
    assert first.note == "Sprecherin"


# roles from memberships ------------------------------------------------------------

def test_local_chair_role_only_for_current_chair_or_deputy_of_an_active_body(bodies):
    sb = bodies["ag-sprache-und-bildung"]
    assert sb.local_roles_for("agnieszka-nowak") == {"chair", "member"}
    ordinary = [m.person_id for m in sb.current_memberships() if m.role == "member"][0]
    assert sb.local_roles_for(ordinary) == {"member"}  # sees the group's internal meetings
    assert sb.local_roles_for("lena-paulsen") == set()  # not in this group
    assert bodies["ag-wohnen"].local_roles_for("agnieszka-nowak") == {"member"}  # a guest there, no chair
    deputy = sb.add_membership(person_id="claudia-schmidt", role="deputy_chair", start=date(2024, 1, 1))
    assert sb.local_roles_for("claudia-schmidt") == {"chair", "member"}
    sb.end_membership(deputy)
    assert sb.local_roles_for("claudia-schmidt") == set()  # at once, not tomorrow
    sb.add_membership(person_id="lena-paulsen", role="chair", start=TOMORROW)
    assert sb.local_roles_for("lena-paulsen") == set()  # not yet
    sb.retire()
    assert sb.local_roles_for("agnieszka-nowak") == set()  # a dissolved body has no chair


def test_roles_of_person_derive_member_and_board(bodies):
    assert bodies.roles_of_person("aylin-demir") == {"member", "board"}
    assert bodies.roles_of_person("kwame-mensah") == {"member"}
    assert bodies.roles_of_person("agnieszka-nowak") == {"member"}
    assert bodies.roles_of_person("nobody") == set()
    board = bodies["vorstand"]
    seat = next(m for m in board.memberships.values() if m.person_id == "birte-hansen")
    board.end_membership(seat)
    assert "board" not in bodies.roles_of_person("birte-hansen")
    assert "member" in bodies.roles_of_person("birte-hansen")  # still in the plenary
    board.retire()
    assert "board" not in bodies.roles_of_person("aylin-demir")


def test_former_member_only_has_no_roles(bodies):
    lena = [m for m in bodies["runder-tisch"].memberships.values() if m.person_id == "lena-paulsen"]
    assert any(m.is_former() for m in lena)
    for body in bodies.values():
        for m in list(body.memberships.values()):
            if m.person_id == "samir-haddad" and m.is_current():
                body.end_membership(m)
    assert bodies.roles_of_person("samir-haddad") == set()


# the body tree -------------------------------------------------------------------

def test_parent_may_not_be_itself_or_below_itself(bodies):
    top = group(bodies, name="AG Oben")
    middle = group(bodies, name="UAG Mitte", parent_id=top.__name__)
    low = group(bodies, name="UAG Unten", parent_id=middle.__name__)
    assert bodies.ancestors(low.__name__) == [low.__name__, middle.__name__, top.__name__]
    assert not bodies.parent_allowed(top, top.__name__)
    assert not bodies.parent_allowed(top, low.__name__)
    assert not bodies.parent_allowed(top, "no-such-body")
    assert bodies.parent_allowed(low, top.__name__)
    assert bodies.parent_allowed(top, None) and bodies.parent_allowed(None, top.__name__)
    candidates = {b.__name__ for b in bodies.parent_candidates(top)}
    assert top.__name__ not in candidates and low.__name__ not in candidates
    assert "runder-tisch" in candidates
    assert low.parent_body is middle
    assert bodies.children_of(top) == [middle]


def test_names_are_unique_case_and_umlaut_insensitive(bodies):
    wohnen = bodies["ag-wohnen"]
    assert bodies.find_by_name("ag wohnen") is wohnen
    assert bodies.find_by_name("AG WOHNEN", exclude=wohnen) is None
    frauen = bodies["ag-maedchen-und-frauen"]
    assert bodies.find_by_name("AG Maedchen und Frauen") is frauen


def test_listing_groups_by_kind_and_dissolved_bodies_leave_it(bodies):
    groups = bodies.grouped()
    assert [kind for kind, _h, _b in groups] == ["plenary", "board", "steering", "working"]
    working = dict((k, b) for k, _h, b in groups)["working"]
    assert [b.name for b in working] == sorted(b.name for b in working)
    gesundheit = bodies["ag-gesundheit"]
    gesundheit.retire(date(2026, 3, 1))
    assert gesundheit.dissolved == date(2026, 3, 1)
    assert gesundheit not in bodies.listing() and bodies.dissolved() == [gesundheit]
    gesundheit.reactivate()
    assert gesundheit in bodies.listing() and bodies.dissolved() == []


def test_new_body_gets_a_stable_url_name_and_its_memberships_folder(bodies):
    body = bodies.add_body(kind="working", name="AG Kinder vor der Schule", field_of_action="early_childhood")
    assert body.__name__ == "ag-kinder-vor-der-schule"
    assert "memberships" in body
    body.update(name="AG Frühe Kindheit")
    assert bodies["ag-kinder-vor-der-schule"] is body
    again = bodies.add_body(kind="working", name="AG Kinder vor der Schule", field_of_action="early_childhood")
    assert again.__name__ == "ag-kinder-vor-der-schule-2"
    assert isinstance(again, Body)


def test_roster_names_only_who_may_be_named(portal):
    body = portal["bodies"]["ag-sprache-und-bildung"]
    people = portal["people"]
    named, unnamed = body.roster(body.current_memberships(), people, lambda p: p.public_consent)
    assert [p.__name__ for _m, p in named][0] == "agnieszka-nowak"  # chair first
    assert {p.__name__ for _m, p in named} == {"agnieszka-nowak", "birte-hansen", "sabine-juergensen"}
    assert unnamed == 2  # Thomas Petersen and Jens Christiansen did not consent
    named, unnamed = body.roster(body.current_memberships(), people, lambda p: True)
    assert len(named) == 5 and unnamed == 0


def test_former_roster_lists_the_most_recently_ended_first(portal):
    body = portal["bodies"]["ag-wohnen"]
    early = body.add_membership(person_id="claudia-schmidt", role="member",
                                start=date(2019, 1, 1), end=date(2020, 1, 1))
    late = body.add_membership(person_id="samir-haddad", role="chair",
                               start=date(2021, 1, 1), end=date(2023, 1, 1))
    named, unnamed = body.roster(body.former_memberships(), portal["people"], lambda p: True, by_term=True)
    assert [m for m, _p in named] == [late, early] and unnamed == 0
