"""Sign-up with double opt-in, one-click unsubscribe, preferences and tampered links,
against the real SMTP server."""
from tests.conftest import deliver, edit
from tests.newsletter.helpers import add_subscribers, links_in, local_path, make_list, set_radio, subscribed


def _signup(client, email, name="", lists=("test-liste",)):
    form = client.get("/newsletter/signup").forms["form"]
    form["email"] = email
    form["name"] = name
    for checkbox in form.fields.get("checkbox", []):
        checkbox.checked = checkbox._value in lists
    return form.submit("subscribe")


def test_double_opt_in_round_trip(anonymous, db, settings, smtp_server):
    make_list(db)
    response = _signup(anonymous, "neu@example.org", "Nora Neu")
    assert response.status_int == 303
    assert "Bestätigungslink" in response.follow().text
    with edit(db) as portal:
        subscriber = portal["newsletter"].subscribers.find("neu@example.org")
        assert subscriber.confirmed is None and subscriber.pending == {"test-liste"}
        assert portal["newsletter"].subscribers.count("test-liste") == 0
    messages = deliver(settings, smtp_server)
    [mail] = [m for _f, to, m in messages if "neu@example.org" in to]
    link = [u for u in links_in(mail.get_body(("plain",)).get_content()) if "/confirm/" in u][0]
    page = anonymous.get(local_path(link))
    response = page.forms["form"].submit("confirm")
    assert response.status_int == 303
    assert "bestätigt" in response.follow().text
    with edit(db) as portal:
        subscriber = portal["newsletter"].subscribers.find("neu@example.org")
        assert subscriber.confirmed is not None and subscriber.lists == {"test-liste"}
        assert subscriber.consent_source == "double opt-in"
    again = anonymous.get(local_path(link))
    assert again.status_int == 200 and "schon bestätigt" in again.text
    assert "form" not in again.forms


def test_signup_refuses_invalid_address(anonymous, db, settings, smtp_server):
    make_list(db)
    for bad in ("kein-at-zeichen", "a@b", "x@example.org\r\nBcc: victim@example.org", "a b@example.org"):
        response = _signup(anonymous, bad)
        assert response.status_int == 200
        assert "gültige E-Mail-Adresse" in response.text
    assert deliver(settings, smtp_server) == []


def test_header_injection_in_name_is_neutralised(anonymous, db, settings, smtp_server):
    make_list(db)
    response = _signup(anonymous, "inject@example.org", "Eve\r\nBcc: victim@example.org")
    assert response.status_int == 200 and "ohne Zeilenumbrüche" in response.text
    with edit(db) as portal:
        assert portal["newsletter"].subscribers.find("inject@example.org") is None
        # names reaching the store another way are made one line
        subscriber = portal["newsletter"].subscribers.request(
            "inject@example.org", ["test-liste"], "Eve\r\nBcc: victim@example.org")
        assert subscriber.name == "Eve Bcc: victim@example.org"
    messages = deliver(settings, smtp_server)
    assert all("victim@example.org" not in to for _f, to, _m in messages)


def test_one_click_unsubscribe_post(anonymous, db):
    sid, _prefs, url = subscribed(db, "weg@example.org")
    # a mail client: no session, no CSRF token, only the RFC 8058 body
    response = anonymous.post(local_path(url), {"List-Unsubscribe": "One-Click"})
    assert response.status_int == 200
    with edit(db) as portal:
        assert portal["newsletter"].subscribers.get(sid).lists == frozenset()
    again = anonymous.post(local_path(url), {"List-Unsubscribe": "One-Click"})
    assert again.status_int == 200  # idempotent
    # GET shows a button and changes nothing by itself
    add_subscribers(db, "test-liste", ["weg@example.org"])
    page = anonymous.get(local_path(url))
    assert page.status_int == 200 and "abmelden" in page.text
    with edit(db) as portal:
        assert portal["newsletter"].subscribers.get(sid).lists == {"test-liste"}


def test_tampered_signatures_are_refused(anonymous, db):
    sid, prefs, url = subscribed(db, "bleibt@example.org")
    tampered = url[:-1] + ("0" if url[-1] != "0" else "1")
    response = anonymous.post(local_path(tampered), {"List-Unsubscribe": "One-Click"}, expect_errors=True)
    assert response.status_int == 404 and "Link ungültig" in response.text
    other_list = url.replace("/test-liste/", "/andere/")
    assert anonymous.post(local_path(other_list), expect_errors=True).status_int == 404
    assert anonymous.get(local_path(prefs[:-2] + "zz"), expect_errors=True).status_int == 404
    assert anonymous.get("/newsletter/confirm/" + sid + "/x" * 3, expect_errors=True).status_int == 404
    with edit(db) as portal:
        assert portal["newsletter"].subscribers.get(sid).lists == {"test-liste"}


def test_preferences_page(anonymous, db):
    make_list(db, "zweite", "Zweite Liste")
    sid, prefs, _url = subscribed(db, "prefs@example.org")
    form = anonymous.get(local_path(prefs)).forms["form"]
    set_radio(form, "en")
    response = form.submit("save")
    assert response.status_int == 303
    with edit(db) as portal:
        subscriber = portal["newsletter"].subscribers.get(sid)
        assert subscriber.language == "en"
    form = anonymous.get(local_path(prefs)).forms["form"]
    form.submit("unsubscribe_all").follow()
    with edit(db) as portal:
        assert portal["newsletter"].subscribers.get(sid).lists == frozenset()


def test_expired_signups_are_purged(anonymous, db):
    from datetime import timedelta

    from roundtable.timeutil import now

    make_list(db)
    with edit(db) as portal:
        subs = portal["newsletter"].subscribers
        old = subs.request("alt@example.org", ["test-liste"], at=now() - timedelta(days=8))
        assert subs.confirm(old) == "expired"
        assert subs.purge_expired() == 1
        assert subs.find("alt@example.org") is None
        sid = old.id
    from roundtable.newsletter.tokens import sign

    page = anonymous.get(f"/newsletter/confirm/{sid}/{sign('test-secret', 'confirm', sid)}", status=410)
    assert "abgelaufen" in page.text


def test_member_subscribes_from_account(member, db):
    make_list(db)
    form = member.get("/account/newsletter").forms["form"]
    for checkbox in form.fields["checkbox"]:
        checkbox.checked = checkbox._value == "test-liste"
    form.submit("save").follow()
    with edit(db) as portal:
        subscriber = portal["newsletter"].subscribers.find("kwame.mensah@example.org")
        assert subscriber.subscribed_to("test-liste") and subscriber.source == "account"


def test_repeated_signups_send_no_flood(db):
    make_list(db)
    with edit(db) as portal:
        subs = portal["newsletter"].subscribers
        assert subs.request("flut@example.org", ["test-liste"]) is not None
        assert subs.request("flut@example.org", ["test-liste"]) is None  # within 10 minutes
