from tests.conftest import edit


def test_roles_resolve(clients, db):
    r = clients["admin"].get("/admin")
    assert r.status_int == 200
    r = clients["board"].get("/account")
    assert "board" in r.text
