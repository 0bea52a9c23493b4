"""Sessions end when they should: logout, password change and reset end every
session of the account; an absolute lifetime; flash messages not in the cookie."""
import time

from webtest import TestApp

from roundtable.accounts import sessions
from tests.conftest import PASSWORD, ROLE_USERS, deliver, edit, login


def copy_cookies(source, app):
    """A second client with the same cookies: a stolen or copied session."""
    other = TestApp(app)
    for cookie in source.cookiejar:
        other.cookiejar.set_cookie(cookie)
    return other


def logout(client):
    page = client.get("/account")
    return page.forms[0].submit()  # the header's logout form


def test_logout_ends_a_copied_session(app):
    client = login(TestApp(app), "member")
    thief = copy_cookies(client, app)
    assert thief.get("/account").status_int == 200
    assert logout(client).status_int == 303
    assert thief.get("/account", expect_errors=True).status_int != 200


def test_logout_ends_the_sessions_on_other_devices(app):
    laptop = login(TestApp(app), "member")
    phone = login(TestApp(app), "member")
    logout(laptop)
    assert phone.get("/account", expect_errors=True).status_int != 200


def test_password_change_ends_other_sessions_but_keeps_this_one(app):
    client = login(TestApp(app), "member")
    other = login(TestApp(app), "member")
    form = client.get("/account").forms["form"]
    form["current"] = PASSWORD
    form["password"] = "Kanu Regal Zimtstern Ebbe"
    form["confirm"] = "Kanu Regal Zimtstern Ebbe"
    page = form.submit("change").follow()
    assert "Ihr Passwort wurde geändert." in page.text
    assert client.get("/account").status_int == 200
    assert other.get("/account", expect_errors=True).status_int != 200


def _reset_link(app, settings, smtp_server, email, **headers):
    client = TestApp(app)
    form = client.get("/password-reset").forms["form"]
    form["login"] = email
    form.submit("send", headers=headers)
    messages = deliver(settings, smtp_server)
    text = messages[-1][2].get_body(("plain",)).get_content()
    return [w for w in text.split() if "/password-reset/" in w][0]


def test_password_reset_ends_other_sessions(app, settings, smtp_server):
    other = login(TestApp(app), "member")
    link = _reset_link(app, settings, smtp_server, ROLE_USERS["member"][0])
    client = TestApp(app)
    form = client.get(link).forms["form"]
    form["password"] = form["confirm"] = "Kanu Regal Zimtstern Ebbe"
    assert form.submit("save").status_int == 303
    assert client.get("/account").status_int == 200
    assert other.get("/account", expect_errors=True).status_int != 200


def test_session_has_an_absolute_lifetime(app, monkeypatch):
    client = login(TestApp(app), "member")
    assert client.get("/account").status_int == 200
    started = time.time()
    # still in use all along (so the idle timeout never strikes), but 13 hours later
    monkeypatch.setattr(sessions.time, "time", lambda: started + sessions.DEFAULT_LIFETIME + 60)
    assert client.get("/account", expect_errors=True).status_int != 200


def test_many_saves_without_following_redirects_never_fail(admin, db):
    """Each save flashes a message; a client that never shows them must not
    grow the cookie until a committed write answers 500."""
    with edit(db) as portal:
        name = portal["users"].find_by_login(ROLE_USERS["member"][0]).__name__
    form = admin.get(f"/users/{name}/edit").forms["form"]
    for _ in range(70):
        response = form.submit("save", expect_errors=True)
        assert response.status_int == 303, response.status
    cookie = admin.cookies.get("roundtable", "")
    assert len(cookie) < 1000
    page = admin.get("/users/")
    assert "Zugang gespeichert." in page.text
    # shown once, then gone
    assert "Zugang gespeichert." not in admin.get("/users/").text


def test_flash_survives_the_redirect_and_is_kept_in_the_database(admin, db):
    with edit(db) as portal:
        name = portal["users"].find_by_login(ROLE_USERS["member"][0]).__name__
    form = admin.get(f"/users/{name}/edit").forms["form"]
    response = form.submit("save")
    assert "Zugang gespeichert" not in str(admin.cookies)
    assert "Zugang gespeichert." in response.follow().text
    with edit(db) as portal:
        tree = portal._p_jar.root()[sessions.FLASH_ROOT_KEY]
        assert [box.messages for box in tree.values()] == [()]  # popped when shown
