"""Accounts that can't be pried open: locked stays locked, links from the
configured address, no account enumeration, throttling without lock-out,
reset links and mails under control, strong passwords, a real secret."""
import time

import pytest
from webtest import TestApp

import roundtable
from roundtable.accounts import throttle
from tests.conftest import PASSWORD, ROLE_USERS, deliver, edit, make_settings

MEMBER = ROLE_USERS["member"][0]


def submit_login(client, email, password, **kw):
    form = client.get("/login").forms["form"]
    form["login"] = email
    form["password"] = password
    return form.submit("submit", expect_errors=True, **kw)


def request_reset(app, email, **headers):
    client = TestApp(app)
    form = client.get("/password-reset", headers=headers).forms["form"]
    form["login"] = email
    return form.submit("send", headers=headers)


def links(settings, smtp_server, kind):
    found = []
    for _f, _r, message in deliver(settings, smtp_server):
        text = message.get_body(("plain",)).get_content()
        found += [w for w in text.split() if f"/{kind}/" in w]
    return found


# locked stays locked -----------------------------------------------------------

def _lock(db, email):
    with edit(db) as portal:
        portal["users"].find_by_login(email).active = False


@pytest.mark.parametrize("purpose,route", [("reset", "password-reset"), ("invite", "invitation")])
def test_outstanding_link_does_not_reactivate_a_locked_account(app, db, purpose, route):
    with edit(db) as portal:
        user = portal["users"].find_by_login(MEMBER)
        token, name = user.issue_token(purpose), user.__name__
    client = TestApp(app)
    assert client.get(f"/{route}/{name}/{token}").status_int == 200
    _lock(db, MEMBER)
    assert client.get(f"/{route}/{name}/{token}", expect_errors=True).status_int == 404
    with edit(db) as portal:
        assert portal["users"][name].active is False
    assert client.get("/account", expect_errors=True).status_int != 200


def test_locked_account_gets_no_reset_mail(app, db, settings, smtp_server):
    _lock(db, MEMBER)
    request_reset(app, MEMBER)
    assert links(settings, smtp_server, "password-reset") == []


# links from roundtable.base_url ---------------------------------------------------

def test_reset_link_ignores_the_host_header(app, settings, smtp_server):
    request_reset(app, MEMBER, Host="evil.example")
    found = links(settings, smtp_server, "password-reset")
    assert len(found) == 1 and found[0].startswith("http://localhost/password-reset/")


def test_invitation_link_ignores_the_host_header(admin, settings, smtp_server):
    form = admin.get("/users/invite").forms["form"]
    form["login"] = "neu@example.org"
    cookies = "; ".join(f"{k}={v}" for k, v in admin.cookies.items())
    assert form.submit("save", headers={"Host": "evil.example", "Cookie": cookies}).status_int == 303
    found = links(settings, smtp_server, "invitation")
    assert len(found) == 1 and found[0].startswith("http://localhost/invitation/")


# no enumeration -----------------------------------------------------------------

def test_unknown_login_is_checked_against_a_dummy_hash(app, monkeypatch):
    from argon2 import PasswordHasher

    calls = []
    original = PasswordHasher.verify

    def counting(self, hash, password):
        calls.append(hash)
        return original(self, hash, password)

    monkeypatch.setattr(PasswordHasher, "verify", counting)
    response = submit_login(TestApp(app), "nobody@example.org", "some password")
    assert response.status_int == 400
    assert len(calls) == 1  # the same argon2 work as for an existing account


def _answer(response):
    """What a login answer tells: status and the message (without the typed address)."""
    text = response.text.replace(response.request.POST.get("login", ""), "")
    start = text.index('class="form-error"') if 'class="form-error"' in text else text.index("<main")
    return response.status_int, text[start:start + 300]


class Clock:
    """The throttle's clock, moved by hand (the machine's speed must not matter)."""

    def __init__(self):
        self.now = 1_800_000_000.0

    def time(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(throttle, "time", clock)
    return clock


def test_same_answer_for_existing_and_unknown_logins_also_when_throttled(app, clock):
    client = TestApp(app)
    known, unknown = [], []
    for _ in range(throttle.LOGIN_FREE + 1):
        known.append(_answer(submit_login(client, MEMBER, "wrong password")))
        unknown.append(_answer(submit_login(client, "nobody@example.org", "wrong password")))
    assert known[0][0] == 400 and known[-1][0] == 429
    assert [k[0] for k in known] == [u[0] for u in unknown]
    assert known == unknown


# throttling without lock-out ---------------------------------------------------------

def test_failures_slow_down_the_login_with_a_growing_delay(app, clock):
    client = TestApp(app)
    for _ in range(throttle.LOGIN_FREE):
        assert submit_login(client, MEMBER, "wrong password").status_int == 400
    refused = submit_login(client, MEMBER, PASSWORD)
    assert refused.status_int == 429 and refused.headers["Retry-After"] == "1"
    assert "Bitte warten Sie 1 Sekunden" in refused.text
    clock.now += 2
    assert submit_login(client, MEMBER, "wrong password").status_int == 400
    assert submit_login(client, MEMBER, PASSWORD).headers["Retry-After"] == "2"
    clock.now += 3
    # never refused for long: after the delay the right password gets in
    assert submit_login(client, MEMBER, PASSWORD).status_int == 303


def test_delay_grows_to_a_minute_at_most():
    assert [throttle.delay(n, 3) for n in (0, 2, 3, 4, 5)] == [0, 0, 1, 2, 4]
    assert throttle.delay(100, 3) == throttle.MAX_DELAY == 60


def test_attackers_tries_do_not_block_others_behind_the_same_address(app, clock):
    attacker = TestApp(app)
    for i in range(20):
        submit_login(attacker, f"guess{i}@example.org", "wrong password")
    for _ in range(20):
        submit_login(attacker, ROLE_USERS["board"][0], "wrong password")
    colleague = TestApp(app)  # same client address (the town hall's NAT)
    assert submit_login(colleague, MEMBER, PASSWORD).status_int == 303


def test_known_device_gets_in_while_the_login_is_under_attack(app, clock):
    person = TestApp(app)
    assert submit_login(person, MEMBER, PASSWORD).status_int == 303
    person.get("/account").forms[0].submit()  # logged out, the device cookie stays
    attacker = TestApp(app)
    for _ in range(10):
        submit_login(attacker, MEMBER, "wrong password")
    assert submit_login(attacker, MEMBER, PASSWORD).status_int == 429
    assert submit_login(person, MEMBER, PASSWORD).status_int == 303


# reset links and mails --------------------------------------------------------------

def test_password_change_invalidates_open_reset_links(app, settings, smtp_server, member):
    request_reset(app, MEMBER)
    link = links(settings, smtp_server, "password-reset")[0]
    form = member.get("/account").forms["form"]
    form["current"] = PASSWORD
    form["password"] = form["confirm"] = "Kanu Regal Zimtstern Ebbe"
    assert form.submit("change").status_int == 303
    assert TestApp(app).get(link, expect_errors=True).status_int == 404


def test_reset_mails_per_account_are_rate_limited(app, settings, smtp_server):
    for _ in range(6):
        page = request_reset(app, MEMBER).follow()
        assert "Wenn es zu dieser Adresse einen Zugang gibt" in page.text  # the same answer
    assert len(links(settings, smtp_server, "password-reset")) == 3


# strong passwords -----------------------------------------------------------------------

@pytest.mark.parametrize("password,message", [
    ("kurz", "Mindestens 10 Zeichen"),
    ("password123", "zu leicht zu erraten"),
    ("qwertzuiop1", "zu leicht zu erraten"),
    ("Flensburg2024!", "fast nur aus Ihrem Namen"),
    ("kwame.mensah1", "fast nur aus Ihrem Namen"),
    ("Runder Tisch Integration", "fast nur aus Ihrem Namen"),
])
def test_weak_passwords_are_refused_with_a_helpful_message(member, db, password, message):
    form = member.get("/account").forms["form"]
    form["current"] = PASSWORD
    form["password"] = form["confirm"] = password
    response = form.submit("change")
    assert response.status_int == 200
    assert message in response.text
    assert "Ihr Passwort wurde geändert" not in response.text


def test_strong_password_is_accepted(member):
    form = member.get("/account").forms["form"]
    form["current"] = PASSWORD
    form["password"] = form["confirm"] = "Kanu Regal Zimtstern Ebbe"
    assert form.submit("change").status_int == 303


# production secret ------------------------------------------------------------------------

@pytest.mark.parametrize("secret", ["development-secret-not-for-production", "short", ""])
def test_production_refuses_a_short_or_known_secret(tmp_path, secret):
    settings = make_settings(tmp_path, **{"roundtable.production": "true", "roundtable.secret": secret,
                                          "roundtable.demo_data": "false"})
    with pytest.raises(RuntimeError, match="secret"):
        roundtable.main({}, **settings)


def test_production_starts_with_a_long_random_secret(tmp_path):
    settings = make_settings(tmp_path, **{"roundtable.production": "true",
                                          "roundtable.secret": "k" * 10 + "Zx81-qwe7Yt55LpmnBv0r3Aa",
                                          "roundtable.base_url": "https://rt.example.org",
                                          "roundtable.demo_data": "false"})
    wsgi = roundtable.main({}, **settings)
    wsgi.registry._zodb_databases[""].close()


def test_production_ini_has_no_secret_and_development_secret_is_known():
    import configparser
    import os

    from roundtable.settings import KNOWN_SECRETS
    from tests.conftest import ROOT

    def app_section(name):
        ini = configparser.ConfigParser(interpolation=None)
        ini.read(os.path.join(ROOT, name))
        return ini["app:main"]

    assert app_section("development.ini")["roundtable.secret"] in KNOWN_SECRETS
    production = app_section("production.ini")
    assert "roundtable.secret" not in production  # from ROUNDTABLE_SECRET
    assert production["roundtable.production"] == "true"
