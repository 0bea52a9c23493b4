"""Login, logout, throttling, CSRF, password reset and invitations, end to end."""
import re

from webtest import TestApp

from tests.conftest import PASSWORD, ROLE_USERS, deliver, edit


def submit_login(client, email, password, came_from=None):
    page = client.get("/login" + (f"?came_from={came_from}" if came_from else ""))
    form = page.forms["form"]
    form["login"] = email
    form["password"] = password
    return form.submit("submit", expect_errors=True)


def test_login_sets_httponly_samesite_cookie_and_redirects_back(app):
    client = TestApp(app)
    response = submit_login(client, ROLE_USERS["admin"][0], PASSWORD, came_from="/admin")
    assert response.status_int == 303
    assert response.location.endswith("/admin")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "secure" not in cookie.lower()  # development; production.ini turns it on
    page = response.follow()
    assert "Verwaltung" in page.text and "Abmelden" in page.text


def test_secure_cookie_in_production_settings(tmp_path):
    import roundtable
    from tests.conftest import make_settings

    wsgi = roundtable.main({}, **make_settings(tmp_path, **{"roundtable.secure_cookies": "true",
                                                            "roundtable.demo_data": "false"}))
    try:
        client = TestApp(wsgi)
        response = client.get("/login")
        assert "; secure" in response.headers["Set-Cookie"].lower()
    finally:
        wsgi.registry._zodb_databases[""].close()


def test_login_redirect_refuses_foreign_hosts(app):
    client = TestApp(app)
    response = submit_login(client, ROLE_USERS["admin"][0], PASSWORD, came_from="https://evil.example/")
    assert response.status_int == 303
    assert response.location == "http://localhost/"


def test_wrong_password_shows_message_in_form(app):
    client = TestApp(app)
    response = submit_login(client, ROLE_USERS["member"][0], "wrong password")
    assert response.status_int == 400
    assert "E-Mail-Adresse oder Passwort ist falsch." in response.text
    assert client.get("/account", expect_errors=True).status_int == 404


def test_empty_login_form_gives_field_errors(app):
    client = TestApp(app)
    response = submit_login(client, "", "")
    assert response.status_int == 200
    assert "field-error" in response.text
    assert "Abmelden" not in response.text


def test_deactivated_account_cannot_log_in(app, db):
    with edit(db) as portal:
        portal["users"].find_by_login(ROLE_USERS["member"][0]).active = False
    assert submit_login(TestApp(app), ROLE_USERS["member"][0], PASSWORD).status_int == 400


def test_logout_requires_post_with_csrf(member):
    assert member.post("/logout", expect_errors=True).status_int == 400
    assert member.get("/account").status_int == 200
    page = member.get("/account")
    response = page.forms[0].submit()  # the header's logout form carries the token
    assert response.status_int == 303
    assert member.get("/account", expect_errors=True).status_int == 404


def test_post_without_csrf_token_is_rejected_and_changes_nothing(admin, db):
    response = admin.post("/users/invite", {"login": "x@example.org", "save": "save"},
                          expect_errors=True)
    assert response.status_int == 400
    assert "Formular abgelaufen" in response.text
    with edit(db) as portal:
        assert portal["users"].find_by_login("x@example.org") is None


def test_not_found_page_is_in_layout(anonymous):
    response = anonymous.get("/does/not/exist", status=404)
    assert "Seite nicht gefunden" in response.text
    assert 'class="site-header"' in response.text


def test_forbidden_for_logged_in_user_is_403(member):
    response = member.get("/admin", status=403)
    assert "Kein Zugriff" in response.text


def test_user_admin_access_matrix(clients):
    for name in ("member", "chair", "board"):
        assert clients[name].get("/users/", expect_errors=True).status_int == 403
        assert clients[name].get("/admin", expect_errors=True).status_int == 403
    assert clients["anonymous"].get("/users/", expect_errors=True).status_int == 404
    assert clients["admin"].get("/users/").status_int == 200


def test_roles_derived_from_memberships(clients):
    assert "Vorstand" in clients["board"].get("/account").text
    member_page = clients["member"].get("/account").text
    assert "badge\">Mitglied" in member_page and "badge\">Vorstand" not in member_page


def test_change_own_password(member, app):
    page = member.get("/account")
    form = page.forms["form"]
    form["current"] = PASSWORD
    form["password"] = "a new long password"
    form["confirm"] = "a new long password"
    assert form.submit("change").status_int == 303
    assert submit_login(TestApp(app), ROLE_USERS["member"][0], "a new long password").status_int == 303


def test_change_password_rejects_wrong_current_and_mismatch(member):
    form = member.get("/account").forms["form"]
    form["current"] = "wrong"
    form["password"] = "a new long password"
    form["confirm"] = "another long password"
    response = form.submit("change")
    assert "Das bisherige Passwort stimmt nicht." in response.text
    assert "Die beiden Passwörter stimmen nicht überein." in response.text


def check(form, name, value):
    """Tick the checkbox of a deform checkbox choice with the given value."""
    for field in form.fields[name]:
        if field._value == value:
            field.checked = True


def _link(message, kind):
    text = message.get_body(("plain",)).get_content()
    match = re.search(rf"http://localhost/{kind}/\S+", text)
    assert match, text
    return match.group(0)


def test_password_reset_by_mail_round_trip(app, settings, smtp_server):
    client = TestApp(app)
    email = ROLE_USERS["member"][0]
    form = client.get("/password-reset").forms["form"]
    form["login"] = email
    response = form.submit("send")
    assert response.status_int == 303
    messages = deliver(settings, smtp_server)
    assert len(messages) == 1
    mail_from, rcpts, message = messages[0]
    assert rcpts == [email]
    assert "Passwort zurücksetzen" in message["Subject"]
    link = _link(message, "password-reset")
    page = client.get(link)
    form = page.forms["form"]
    form["password"] = "brand new secret"
    form["confirm"] = "brand new secret"
    response = form.submit("save")
    assert response.status_int == 303 and response.location.endswith("/account")
    # the link works once only
    assert client.get(link, expect_errors=True).status_int == 404
    assert submit_login(TestApp(app), email, "brand new secret").status_int == 303


def test_reset_for_unknown_address_sends_nothing_and_reveals_nothing(app, settings, smtp_server):
    client = TestApp(app)
    form = client.get("/password-reset").forms["form"]
    form["login"] = "nobody@example.org"
    page = form.submit("send").follow()
    assert "Wenn es zu dieser Adresse einen Zugang gibt" in page.text
    assert deliver(settings, smtp_server) == []


def test_tampered_or_expired_reset_token(app, db):
    with edit(db) as portal:
        user = portal["users"].find_by_login(ROLE_USERS["member"][0])
        token = user.issue_token("reset")
        name = user.__name__
    client = TestApp(app)
    assert client.get(f"/password-reset/{name}/{token}x", status=404)
    assert client.get(f"/password-reset/nobody/{token}", status=404)
    with edit(db) as portal:
        user = portal["users"][name]
        digest, _expires = user.tokens["reset"]
        from datetime import datetime, timedelta, timezone

        user.tokens = {"reset": (digest, datetime.now(timezone.utc) - timedelta(seconds=1))}
    assert "abgelaufen" in client.get(f"/password-reset/{name}/{token}", status=404).text


def test_invitation_round_trip(admin, app, settings, smtp_server, db):
    page = admin.get("/users/invite?person=claudia-schmidt")
    form = page.forms["form"]
    assert form["login"].value == "claudia.schmidt@example.org"
    assert form["person_id"].value == "claudia-schmidt"
    check(form, "checkbox", "member")
    response = form.submit("save")
    assert response.status_int == 303
    assert "claudia.schmidt@example.org" in response.follow().text
    messages = deliver(settings, smtp_server)
    assert [m[1] for m in messages] == [["claudia.schmidt@example.org"]]
    link = _link(messages[0][2], "invitation")
    client = TestApp(app)
    form = client.get(link).forms["form"]
    form["password"] = "invited and happy"
    form["confirm"] = "invited and happy"
    account = form.submit("save").follow()
    assert "Claudia Schmidt" in account.text
    assert client.get(link, expect_errors=True).status_int == 404


def test_invite_rejects_duplicate_and_invalid_login(admin, db):
    form = admin.get("/users/invite").forms["form"]
    form["login"] = ROLE_USERS["member"][0]
    response = form.submit("save")
    assert "Für diese E-Mail-Adresse gibt es schon einen Zugang." in response.text
    form = response.forms["form"]
    form["login"] = "not an address"
    response = form.submit("save")
    assert "field-error" in response.text
    with edit(db) as portal:
        assert len(portal["users"]) == 5  # bootstrap admin + four role users


def test_admin_edits_roles_and_deactivates(admin, db, app):
    with edit(db) as portal:
        name = portal["users"].find_by_login(ROLE_USERS["member"][0]).__name__
    form = admin.get(f"/users/{name}/edit").forms["form"]
    form["active"] = False
    assert form.submit("save").status_int == 303
    assert submit_login(TestApp(app), ROLE_USERS["member"][0], PASSWORD).status_int == 400


def test_no_mail_is_queued_when_the_transaction_fails(app, settings, smtp_server, db):
    """Mail joins the transaction: an aborted request queues nothing."""
    import transaction
    from pyramid.scripting import prepare

    from roundtable import mail

    env = prepare(registry=app.registry)
    try:
        request = env["request"]
        request.tm = transaction.TransactionManager()
        request.tm.begin()
        mail.send(request, "someone@example.org", "Betreff", "Text")
        request.tm.abort()
    finally:
        env["closer"]()
    assert deliver(settings, smtp_server) == []


def test_header_injection_in_subject_is_neutralised(app, settings, smtp_server):
    import transaction
    from pyramid.scripting import prepare

    from roundtable import mail

    env = prepare(registry=app.registry)
    try:
        request = env["request"]
        with transaction.manager:
            request.tm = transaction.manager
            mail.send(request, "someone@example.org", "Hallo\r\nBcc: victim@example.org", "Text")
    finally:
        env["closer"]()
    messages = deliver(settings, smtp_server)
    assert [m[1] for m in messages] == [["someone@example.org"]]
    assert messages[0][2]["Bcc"] is None
