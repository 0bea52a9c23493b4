"""Unit tests of the register's resources: ACLs, lookups, listing and search."""
from datetime import date

import pytest
from pyramid.authorization import ACLHelper, Authenticated, Everyone

from roundtable.bootstrap import make_portal
from roundtable.people.resources import Organisation, Person
from roundtable.people.vocabulary import language_title, ordered_languages
from roundtable.security import ADD, EDIT, VIEW, VIEW_CONTACT

ANONYMOUS = [Everyone]
MEMBER = [Everyone, Authenticated, "u1", "role:member"]
BOARD = [Everyone, Authenticated, "u2", "role:board", "role:member"]
ADMIN = [Everyone, Authenticated, "u3", "role:admin"]


def permits(context, principals, permission):
    return bool(ACLHelper().permits(context, principals, permission))


@pytest.fixture
def portal():
    portal = make_portal("Runder Tisch", "Teststadt")
    orgs = portal["organisations"]
    orgs.add_organisation({"name": "Türkischer Elternverein e. V.", "kind": "mso", "city": "Flensburg"})
    orgs.add_organisation({"name": "Caritasverband", "kind": "welfare", "city": "Flensburg"})
    people = portal["people"]
    people.add_person({"given_name": "Yusuf", "family_name": "Özdemir", "email": "Yusuf@Example.org",
                       "public_consent": True, "organisation_ids": ("tuerkischer-elternverein-e-v",),
                       "notes": "spricht auch Kurdisch"})
    people.add_person({"given_name": "Sabine", "family_name": "Jürgensen", "email": "s.j@example.org"})
    people.add_person({"given_name": "Heinz", "family_name": "Strauß", "email": ""})
    people.add_person({"given_name": "Merve", "family_name": "Yılmaz", "public_consent": True})
    return portal


def test_person_acl_public_only_with_consent_and_while_active(portal):
    named = portal["people"]["yusuf-oezdemir"]
    unnamed = portal["people"]["sabine-juergensen"]
    assert permits(named, ANONYMOUS, VIEW)
    assert not permits(unnamed, ANONYMOUS, VIEW)
    named.retire()
    assert not permits(named, ANONYMOUS, VIEW), "a retired person is no longer shown publicly"
    assert permits(named, MEMBER, VIEW)
    named.reactivate()
    assert permits(named, ANONYMOUS, VIEW)


def test_person_contact_data_only_for_board_and_admin(portal):
    person = portal["people"]["yusuf-oezdemir"]  # consented: still no public contact data
    assert not permits(person, ANONYMOUS, VIEW_CONTACT)
    assert not permits(person, MEMBER, VIEW_CONTACT)
    assert permits(person, BOARD, VIEW_CONTACT)
    assert permits(person, ADMIN, VIEW_CONTACT)


def test_only_admin_edits_and_adds(portal):
    person = portal["people"]["yusuf-oezdemir"]
    org = portal["organisations"]["caritasverband"]
    for principals in (ANONYMOUS, MEMBER, BOARD):
        assert not permits(person, principals, EDIT)
        assert not permits(org, principals, EDIT)
        assert not permits(portal["people"], principals, ADD)
        assert not permits(portal["organisations"], principals, ADD)
    assert permits(person, ADMIN, EDIT) and permits(org, ADMIN, EDIT)


def test_people_folder_hidden_from_public_organisations_public(portal):
    assert not permits(portal["people"], ANONYMOUS, VIEW)
    assert permits(portal["people"], MEMBER, VIEW)
    assert permits(portal["organisations"], ANONYMOUS, VIEW)
    assert permits(portal["organisations"]["caritasverband"], ANONYMOUS, VIEW)


def test_find_by_email_ignores_case_and_space_and_excludes_self(portal):
    people = portal["people"]
    yusuf = people["yusuf-oezdemir"]
    assert people.find_by_email("  yusuf@example.ORG ") is yusuf
    assert people.find_by_email("yusuf@example.org", exclude=yusuf) is None
    assert people.find_by_email("nobody@example.org") is None
    assert people.find_by_email("") is None, "persons without e-mail are not duplicates of each other"


def test_find_organisation_by_name_folds_case_umlauts_and_spaces(portal):
    orgs = portal["organisations"]
    org = orgs["tuerkischer-elternverein-e-v"]
    assert orgs.find_by_name("TUERKISCHER  Elternverein e. V.") is org
    assert orgs.find_by_name("türkischer elternverein e. v.") is org
    assert orgs.find_by_name("Türkischer Elternverein", exclude=None) is None
    assert orgs.find_by_name("Türkischer Elternverein e. V.", exclude=org) is None


@pytest.mark.parametrize("query, expected", [
    ("Özdemir", ["yusuf-oezdemir"]),
    ("oezdemir", ["yusuf-oezdemir"]),
    ("OZDEMIR", ["yusuf-oezdemir"]),
    ("Jürgensen", ["sabine-juergensen"]),
    ("juergensen", ["sabine-juergensen"]),
    ("jurgensen", ["sabine-juergensen"]),
    ("strauss", ["heinz-strauss"]),
    ("Strauß", ["heinz-strauss"]),
    ("yilmaz", ["merve-yilmaz"]),
    ("elternverein", ["yusuf-oezdemir"]),  # by organisation name
    ("sabine jürgensen", ["sabine-juergensen"]),
    ("sabine özdemir", []),
])
def test_search_with_german_folding(portal, query, expected):
    assert [p.__name__ for p in portal["people"].listing(query)] == expected


def test_search_reaches_private_fields_only_when_allowed(portal):
    people = portal["people"]
    assert people.listing("kurdisch") == []
    assert [p.__name__ for p in people.listing("kurdisch", notes=True)] == ["yusuf-oezdemir"]
    assert people.listing("s.j@example") == []
    assert [p.__name__ for p in people.listing("s.j@example", contact=True)] == ["sabine-juergensen"]


def test_listing_sorted_by_family_name_and_hides_retired(portal):
    people = portal["people"]
    assert [p.family_name for p in people.listing()] == ["Jürgensen", "Özdemir", "Strauß", "Yılmaz"]
    people["heinz-strauss"].retire(on=date(2025, 6, 30))
    assert "heinz-strauss" not in [p.__name__ for p in people.listing()]
    retired = people["heinz-strauss"]
    assert retired in people.listing(include_retired=True)
    assert retired.retired == date(2025, 6, 30)


def test_names_are_readable_unique_and_never_hide_folder_views(portal):
    people = portal["people"]
    second = people.add_person({"given_name": "Yusuf", "family_name": "Özdemir"})
    assert second.__name__ == "yusuf-oezdemir-2"
    orgs = portal["organisations"]
    for name in ("Import", "Add", "Export.csv"):
        org = orgs.add_organisation({"name": name, "kind": "other"})
        assert org.__name__ not in ("import", "add", "export.csv", "export-csv-2")
        assert org.__name__ not in orgs.reserved


def test_person_organisations_and_organisation_people(portal):
    yusuf = portal["people"]["yusuf-oezdemir"]
    org = portal["organisations"]["tuerkischer-elternverein-e-v"]
    assert yusuf.organisations() == [org]
    assert org.people() == [yusuf]
    org.delegate_id = yusuf.__name__
    assert org.delegate is yusuf and org.deputy is None


def test_languages_in_german_and_in_offered_order():
    assert language_title("ar") == "Arabisch"
    assert language_title("xx") == "xx"
    assert ordered_languages(["ar", "de", "ar", "tr"]) == ("de", "ar", "tr")
    person = Person(given_name="A", family_name="B", languages=("uk", "de"))
    assert person.language_titles == ["Deutsch", "Ukrainisch"]


def test_organisation_address_lines():
    org = Organisation(name="X", street="Holm 19", postcode="24937", city="Flensburg")
    assert org.address_lines == ["Holm 19", "24937 Flensburg"]
    assert Organisation(name="Y").address_lines == []
