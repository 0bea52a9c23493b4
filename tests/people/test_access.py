"""Who may see and change what in the register: every view as every role.

Anonymous visitors asking for a protected page get the 404 of a missing one
(with the login offered);
logged-in users without the permission get 403. Unsafe requests need the
CSRF token; GET never changes anything.
"""
import pytest

from tests.conftest import edit
from tests.people.helpers import (MEMBER_PERSON, NAMED, NAMED_EMAIL, NAMED_NAME, NAMED_PHONE, ORG,
                                  UNNAMED, csrf_token)

LINK = f'href="http://localhost/people/{NAMED}/"'
ROLES = ("anonymous", "member", "chair", "board", "admin")

#  path                                   anonymous member chair board admin
GET_MATRIX = [
    ("/people/",                              404, 200, 200, 200, 200),
    ("/people/add",                           404, 403, 403, 403, 200),
    ("/people/import",                        404, 403, 403, 403, 200),
    ("/people/export.csv",                    404, 403, 403, 403, 200),
    (f"/people/{NAMED}/",                     200, 200, 200, 200, 200),
    (f"/people/{UNNAMED}/",                   404, 200, 200, 200, 200),
    (f"/people/{NAMED}/edit",                 404, 403, 403, 403, 200),
    ("/organisations/",                       200, 200, 200, 200, 200),
    ("/organisations/add",                    404, 403, 403, 403, 200),
    ("/organisations/import",                 404, 403, 403, 403, 200),
    ("/organisations/export.csv",             404, 403, 403, 403, 200),
    (f"/organisations/{ORG}/",                200, 200, 200, 200, 200),
    (f"/organisations/{ORG}/edit",            404, 403, 403, 403, 200),
    ("/people/no-such-person/",               404, 404, 404, 404, 404),
]


def test_get_access_matrix(clients):
    failures = []
    for path, *expected in GET_MATRIX:
        for role, status in zip(ROLES, expected):
            response = clients[role].get(path, expect_errors=True)
            if response.status_int != status:
                failures.append(f"{role} GET {path}: {response.status_int}, expected {status}")
            elif role == "anonymous" and status == 404:
                assert "http://localhost/login?came_from=" in response.text
    assert not failures, "\n".join(failures)


POSTS = [
    (f"/people/{NAMED}/", "people", NAMED),
    (f"/organisations/{ORG}/", "organisations", ORG),
]


@pytest.mark.parametrize("path, folder, name", POSTS)
def test_only_admin_retires_and_reactivates(clients, db, path, folder, name):
    for role in ("anonymous", "member", "chair", "board"):
        client = clients[role]
        token = csrf_token(client)
        for action in ("retire", "reactivate"):
            response = client.post(path + action, {"csrf_token": token}, expect_errors=True)
            assert response.status_int == (404 if role == "anonymous" else 403), (role, action)
    with edit(db) as portal:
        assert portal[folder][name].active

    admin = clients["admin"]
    token = csrf_token(admin)
    assert admin.post(path + "retire", {"csrf_token": token}).status_int == 303
    with edit(db) as portal:
        assert not portal[folder][name].active
    assert admin.post(path + "reactivate", {"csrf_token": token}).status_int == 303
    with edit(db) as portal:
        assert portal[folder][name].active


def test_retire_needs_post_and_csrf_token(admin, db):
    assert admin.get(f"/people/{NAMED}/retire", expect_errors=True).status_int == 404
    response = admin.post(f"/people/{NAMED}/retire", {}, expect_errors=True)
    assert response.status_int == 400
    response = admin.post(f"/people/{NAMED}/retire", {"csrf_token": "forged"}, expect_errors=True)
    assert response.status_int == 400
    with edit(db) as portal:
        assert portal["people"][NAMED].active


def test_forms_cannot_be_posted_by_non_admins(clients, db):
    with edit(db) as portal:
        before = len(portal["people"]), len(portal["organisations"])
    for role in ("member", "chair", "board"):
        client = clients[role]
        token = csrf_token(client)
        data = {"csrf_token": token, "given_name": "Eva", "family_name": "Eindringling",
                "name": "Eindringling e. V.", "kind": "club", "save": "save"}
        assert client.post("/people/add", data, expect_errors=True).status_int == 403
        assert client.post("/organisations/add", data, expect_errors=True).status_int == 403
        assert client.post(f"/people/{NAMED}/edit", data, expect_errors=True).status_int == 403
    with edit(db) as portal:
        assert (len(portal["people"]), len(portal["organisations"])) == before
        assert portal["people"][NAMED].family_name == "Al-Hassan"


def test_undecodable_search_is_a_bad_request_not_an_error(anonymous, member):
    assert anonymous.get("/organisations/?q=%FC", expect_errors=True).status_int == 400
    assert member.get("/people/?q=%FC", expect_errors=True).status_int == 400


def test_navigation_offers_the_register_to_members_only(clients):
    anonymous = clients["anonymous"].get("/").text
    assert 'href="http://localhost/people/"' not in anonymous
    assert 'href="http://localhost/organisations/"' in anonymous
    assert 'href="http://localhost/people/"' in clients["member"].get("/").text


def test_contact_data_for_board_and_admin_only(clients):
    for role in ("anonymous", "member", "chair"):
        page = clients[role].get(f"/people/{NAMED}/")
        assert NAMED_NAME in page.text
        assert NAMED_EMAIL not in page.text and NAMED_PHONE not in page.text, role
    for role in ("board", "admin"):
        page = clients[role].get(f"/people/{NAMED}/")
        assert f'href="mailto:{NAMED_EMAIL}"' in page.text and NAMED_PHONE in page.text, role
    # the list too: contact columns only for board and admin
    assert NAMED_EMAIL not in clients["member"].get("/people/").text
    assert NAMED_EMAIL in clients["board"].get("/people/").text
    # search by e-mail address only where it is shown
    assert LINK not in clients["member"].get("/people/", {"q": NAMED_EMAIL})
    assert LINK in clients["board"].get("/people/", {"q": NAMED_EMAIL})


def test_notes_only_for_admin(clients, db):
    with edit(db) as portal:
        portal["people"][NAMED].notes = "Rückruf wegen Dolmetschen vereinbart"
    for role in ("anonymous", "member", "chair", "board"):
        page = clients[role].get(f"/people/{NAMED}/")
        assert "Rückruf" not in page.text, role
        # ... and the search does not reveal them either
        if role != "anonymous":
            assert LINK not in clients[role].get("/people/", {"q": "Rückruf"}), role
    assert "Rückruf wegen Dolmetschen vereinbart" in clients["admin"].get(f"/people/{NAMED}/").text
    assert LINK in clients["admin"].get("/people/", {"q": "rueckruf"})


def test_admin_tools_only_for_admin(clients):
    for role in ("anonymous", "member", "chair", "board"):
        text = clients[role].get(f"/people/{NAMED}/").text
        assert "/edit" not in text and "/retire" not in text and "invite" not in text, role
        text = clients[role].get(f"/organisations/{ORG}/").text
        assert f"/organisations/{ORG}/edit" not in text and "/retire" not in text, role
    for role in ("member", "board"):
        text = clients[role].get("/people/").text
        assert "/people/add" not in text and "export.csv" not in text, role
        assert 'name="retired"' not in text, "only the coordinator sees retired persons"


def test_invite_link_for_persons_without_account(admin):
    page = admin.get(f"/people/{UNNAMED}/")
    assert f'href="http://localhost/users/invite?person={UNNAMED}"' in page.text
    assert "Zugang einladen" in page.text
    invite = admin.get(f"/users/invite?person={UNNAMED}")
    assert invite.forms["form"]["login"].value == "olena.kovalenko@example.org"
    # the member user's account is linked to Kwame Mensah: no invitation, a link to the account
    page = admin.get(f"/people/{MEMBER_PERSON}/")
    assert "Zugang einladen" not in page.text
    assert "kwame.mensah@example.org" in page.text and "/users/" in page.text
