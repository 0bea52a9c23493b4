"""Access and portability: one zip with everything about a person, nothing of anyone else."""
from tests.conftest import edit
from tests.privacy.helpers import (FOLLOWED, OTHER_EMAIL, SUBJECT, SUBJECT_EMAIL, SUBJECT_NAME,
                                   give_every_kind_of_record, load)

KINDS = ("register_entry", "consent_records", "memberships", "attendance", "authorship",
         "account", "subscriptions", "follows", "delivery_log")


def others(db):
    """Names and addresses of everyone else in the register and the accounts."""
    with edit(db) as portal:
        found = [(p.title, p.email) for p in portal["people"].values() if p.__name__ != SUBJECT]
        found += [(None, u.login) for u in portal["users"].values()
                  if u.person_id != SUBJECT]
    return found


def test_export_of_a_demo_person_holds_every_kind_and_nothing_else(admin, db, settings):
    give_every_kind_of_record(db, settings)
    response = admin.get(f"/people/{SUBJECT}/data-export.zip")
    assert response.content_type == "application/zip"
    assert "no-store" in response.headers["Cache-Control"]
    data, html, names = load(response.body)
    assert names == ["daten.json", "uebersicht.html"]
    for kind in KINDS:
        assert data[kind], kind
    assert data["register_entry"]["email"] == SUBJECT_EMAIL
    assert data["consent_records"][-1]["method"] == "paper"
    assert data["attendance"][0]["reply"] == "yes"
    assert data["authorship"][0]["motion"] == "Sprachcafé im Stadtteil"
    assert data["account"]["login"] == SUBJECT_EMAIL
    assert "password_hash" not in data["account"] and "tokens" not in data["account"]
    assert [s["email"] for s in data["subscriptions"]] == [SUBJECT_EMAIL]
    [follow] = data["follows"]
    assert follow["email"] == SUBJECT_EMAIL and follow["confirmed"]
    assert follow["following"] == [{"key": FOLLOWED, "title": "AG Wohnen",
                                    "path": "/bodies/ag-wohnen", "confirmed": True}]
    assert [e["to"] for e in data["delivery_log"]] == [SUBJECT_EMAIL]
    text = response.body.decode("latin-1") + str(data) + html
    for name, email in others(db):
        assert email not in str(data) and email not in html, email
        if name:
            assert name not in str(data) and name not in html, name
    assert OTHER_EMAIL not in str(data)
    # the readable summary names each section and escapes what it shows
    assert f"Gespeicherte Daten: {SUBJECT_NAME}" in html
    assert "Anwesenheit und Rückmeldungen" in html and "<script" not in text.lower()


def test_a_person_downloads_their_own_data_on_my_account(member, board, anonymous, db, settings):
    give_every_kind_of_record(db, settings)
    data, _html, _names = load(member.get("/account/data-export.zip").body)
    assert data["register_entry"]["family_name"] == "Mensah"
    # someone else's export is the coordinator's only
    assert board.get(f"/people/{SUBJECT}/data-export.zip", expect_errors=True).status_int in (403, 404)
    assert anonymous.get("/account/data-export.zip", expect_errors=True).status_int in (303, 403, 404)


def test_a_large_history_is_prepared_in_the_background(admin, member, app, db, settings):
    import time

    give_every_kind_of_record(db, settings)
    app.registry.settings["privacy.export_inline_limit"] = "1"  # our subject has more than one
    page = admin.get(f"/people/{SUBJECT}/data-export.zip")
    assert page.content_type == "text/html" and "wird vorbereitet" in page.text
    link = page.html.select_one("main a[href*='/data-export/']")["href"]
    deadline = time.monotonic() + 120
    response = admin.get(link)
    while response.content_type != "application/zip" and time.monotonic() < deadline:
        time.sleep(0.2)  # polling for the background thread, not a fixed wait
        response = admin.get(link)
    data, _html, _names = load(response.body)
    assert data["register_entry"]["family_name"] == "Mensah"
    # only the one who asked may fetch it; a made-up token is simply not there
    assert member.get(link, expect_errors=True).status_int == 404
    assert admin.get("/data-export/not-a-token.zip", expect_errors=True).status_int == 404
    # the person's own export of a large history takes the same way
    own = member.get("/account/data-export.zip")
    assert "wird vorbereitet" in own.text
