"""Site-wide behaviour: bootstrap, database URIs, languages, legal pages, settings."""
import mailbox

import pytest
import transaction
from webtest import TestApp

import roundtable
from tests.conftest import edit, make_settings


def test_first_start_prints_admin_credentials_once(tmp_path, capsys):
    settings = make_settings(tmp_path, **{"roundtable.admin_email": "coord@example.org"})
    app = roundtable.main({}, **settings)
    app.registry._zodb_databases[""].close()
    err = capsys.readouterr().err
    assert "login:    coord@example.org" in err
    password = err.split("password: ")[1].split()[0]
    app = roundtable.main({}, **settings)
    try:
        assert "password:" not in capsys.readouterr().err
        client = TestApp(app)
        form = client.get("/login").forms["form"]
        form["login"], form["password"] = "coord@example.org", password
        assert form.submit("submit").status_int == 303
        assert client.get("/admin").status_int == 200
    finally:
        app.registry._zodb_databases[""].close()


def test_demo_data_is_a_realistic_round_table(app, db):
    with edit(db) as portal:
        kinds = [b.kind for b in portal["bodies"].values()]
        assert kinds.count("working") == 5
        assert {"plenary", "board", "steering"} <= set(kinds)
        assert 20 <= len(portal["people"]) <= 30
        assert len(portal["organisations"]) == 20
        consenting = [p for p in portal["people"].values() if p.public_consent]
        assert 0 < len(consenting) < len(portal["people"])


def test_zeo_uri_works_unchanged(tmp_path):
    from tests.servers import zeo_server

    with zeo_server(tmp_path / "zeo") as server:
        settings = make_settings(tmp_path, **{"zodbconn.uri": server.uri(tmp_path / "blobcache")})
        app = roundtable.main({}, **settings)
        try:
            page = TestApp(app).get("/members")
            assert "Mitgliedsorganisationen" in page.text
            assert "Diakonisches Werk Flensburg" in page.text
        finally:
            app.registry._zodb_databases[""].close()


def test_language_switch_keeps_the_page_and_refuses_foreign_targets(anonymous):
    response = anonymous.get("/language/en?came_from=/members", status=303)
    assert response.location == "http://localhost/members"
    page = response.follow()
    assert '<html lang="en">' in page.text
    assert anonymous.get("/language/de?came_from=https://evil.example/x").location == "http://localhost/"
    assert anonymous.get("/language/de?came_from=//evil.example").location == "http://localhost/"
    page = anonymous.get("/members")
    assert '<html lang="de">' in page.text


def test_unknown_language_is_ignored(anonymous):
    anonymous.get("/language/xx?came_from=/", status=303)
    assert '<html lang="de">' in anonymous.get("/").text


def test_header_navigation_and_footer(anonymous, admin):
    page = anonymous.get("/")
    assert 'href="http://localhost/imprint"' in page.text
    assert 'href="http://localhost/privacy"' in page.text
    assert 'href="http://localhost/bodies/"' in page.text
    assert 'href="http://localhost/members"' in page.text
    assert 'href="http://localhost/admin"' not in page.text
    assert 'href="http://localhost/admin"' in admin.get("/").text


def test_imprint_and_privacy_are_public_and_editable_by_admin_only(clients):
    for name, client in clients.items():
        assert "Koordinierungsstelle" in client.get("/imprint").text
        assert client.get("/privacy").status_int == 200
        if name != "admin":
            assert client.get("/settings", expect_errors=True).status_int == (
                404 if name == "anonymous" else 403)
    form = clients["admin"].get("/settings").forms["form"]
    form["imprint"] = "Neues Impressum <b>fett</b>"
    assert form.submit("save").status_int == 303
    page = clients["anonymous"].get("/imprint")
    assert "Neues Impressum &lt;b&gt;fett&lt;/b&gt;" in page.text


def test_settings_form_validates(admin):
    form = admin.get("/settings").forms["form"]
    form["title"] = ""
    form["contact_email"] = "kein-mail"
    response = form.submit("save")
    assert response.status_int == 200
    assert response.text.count('class="field-error"') == 2


def test_mail_worker_delivers_to_outbox_without_smtp_host(app, settings, tmp_path):
    from pyramid.scripting import prepare

    from roundtable import mail
    from roundtable.scripts.mailqueue import main as worker_main

    env = prepare(registry=app.registry)
    try:
        with transaction.manager:
            env["request"].tm = transaction.manager
            mail.send(env["request"], "someone@example.org", "Hallo", "Text")
    finally:
        env["closer"]()
    ini = tmp_path / "worker.ini"
    ini.write_text("[app:main]\nuse = egg:roundtable\n" + "".join(
        f"{k} = {v}\n" for k, v in settings.items() if k.startswith("mail.")))
    assert worker_main([str(ini), "--once"]) == 0
    box = mailbox.Maildir(settings["mail.outbox"], create=False)
    messages = list(box)
    assert len(messages) == 1 and messages[0]["To"] == "someone@example.org"


def test_production_ini_takes_the_secret_from_the_environment(tmp_path, monkeypatch):
    import os

    from pyramid.paster import get_appsettings

    ini = os.path.join(os.path.dirname(os.path.dirname(__file__)), "production.ini")
    settings = dict(get_appsettings(ini))
    assert settings["pyramid.reload_templates"] == "false"
    assert settings["roundtable.secure_cookies"] == "true"
    assert "roundtable.secret" not in settings
    settings.update({k: v for k, v in make_settings(tmp_path).items()
                     if k.startswith(("zodbconn", "mail.queue", "mail.outbox"))})
    monkeypatch.delenv("ROUNDTABLE_SECRET", raising=False)
    with pytest.raises(RuntimeError):
        roundtable.main({}, **dict(settings))
    monkeypatch.setenv("ROUNDTABLE_SECRET", "from-the-environment")
    with pytest.raises(RuntimeError, match="secret of at least"):  # too short for production
        roundtable.main({}, **dict(settings))
    monkeypatch.setenv("ROUNDTABLE_SECRET", "from-the-environment-Vx93kLq0-zT7mNa2pR5wYc")
    app = roundtable.main({}, **dict(settings))
    try:
        assert TestApp(app).get("/").status_int == 200
    finally:
        app.registry._zodb_databases[""].close()
