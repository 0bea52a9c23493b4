"""The audit trail: every change by a logged-in person is in the log with the
right actor, the changed fields with old and new value, never a secret; the
coordinator filters it and exports it as CSV; nobody else can read it."""
import csv
import io
from datetime import datetime, timezone

from roundtable.privacy.audit import field_changes
from tests.conftest import edit
from tests.motions.helpers import make_motion, path
from tests.people.helpers import NAMED, NAMED_ORG, csrf_token


def entries(db, **match):
    with edit(db) as portal:
        found = []
        for e in portal["data-protection"].audit.newest_first():
            if all(getattr(e, k) == v for k, v in match.items()):
                found.append((e.actor_login, e.action, e.path, e.kind, dict(
                    (f, (old, new)) for f, old, new in e.changes)))
        return found


def submit(client, url, button="save", **values):
    form = client.get(url).forms["form"]
    for name, value in values.items():
        form[name] = value
    response = form.submit(button)
    assert response.status_int == 303, [l for l in response.text.splitlines() if "error" in l][:5]
    return response


def test_changes_to_every_audited_kind_are_logged_with_the_actor(admin, board, db):
    submit(admin, f"/people/{NAMED}/edit", phone="0461 99-1", public_consent=False,
           consent_method="email")
    submit(admin, f"/organisations/{NAMED_ORG}/edit", city="Harrislee")
    submit(admin, "/people/add", given_name="Neu", family_name="Person-Audit")
    with edit(db) as portal:
        body = portal["bodies"]["ag-wohnen"]
        taken = {m.person_id for m in body.memberships.values()}
        newcomer = next(p for p in portal["people"].keys() if p not in taken)
    submit(admin, "/bodies/ag-wohnen/memberships/add", person_id=newcomer, role="member")
    with edit(db) as portal:
        board_user = portal["users"].find_by_login("aylin.demir@example.org").__name__
        membership = [m for m in portal["bodies"]["ag-wohnen"].memberships.values()
                      if m.person_id == newcomer][-1].__name__
    assert admin.post(f"/bodies/ag-wohnen/memberships/{membership}/end",
                      {"csrf_token": csrf_token(admin)}).status_int == 303
    form = admin.get(f"/users/{board_user}/edit").forms["form"]
    for box in form.fields["checkbox"]:  # the roles
        box.checked = box._value == "member"
    assert form.submit("save").status_int == 303
    with edit(db) as portal:
        draft = path(make_motion(portal, title="Auditantrag"))
    submit(board, draft + "edit", title="Auditantrag geändert")

    person = entries(db, path=f"/people/{NAMED}")[0]
    assert person[:2] == ("admin@example.org", "modified")
    assert person[4]["phone"] == ("0461 85-1001", "0461 99-1")
    assert person[4]["consent:public"] == (None, "withdrawn (email)")
    org = entries(db, path=f"/organisations/{NAMED_ORG}")[0]
    assert org[4]["city"] == ("Flensburg", "Harrislee") and org[0] == "admin@example.org"
    added = entries(db, kind="Person", action="added")[0]
    assert added[4]["family_name"] == (None, "Person-Audit")
    kinds = [(e[1], e[3]) for e in entries(db, actor_login="admin@example.org")]
    assert ("added", "Membership") in kinds and ("modified", "Membership") in kinds
    account = entries(db, kind="User")[0]
    assert account[4]["roles"] == ("", "member")
    motion = entries(db, kind="Motion")[0]
    assert motion[0] == "aylin.demir@example.org"
    assert motion[4]["title"] == ("Auditantrag", "Auditantrag geändert")


def test_the_log_never_holds_secrets():
    old = {"login": "a@example.org", "password_hash": "$argon2$x", "tokens": {"reset": "x"},
           "feed_token": "abc"}
    new = {"login": "b@example.org", "password_hash": "$argon2$y", "tokens": {}, "feed_token": "d"}
    assert field_changes(old, new) == [("login", "a@example.org", "b@example.org")]


def test_coordinator_filters_and_exports_csv(admin, db):
    submit(admin, f"/organisations/{NAMED_ORG}/edit", city="Glücksburg")
    submit(admin, f"/people/{NAMED}/edit", phone="0461 1")
    page = admin.get("/data-protection/", params={"kind": "Organisation"})
    rows = page.html.select("main tbody tr")
    assert rows and all("Organisation:" in r.get_text() for r in rows)
    assert "Glücksburg" in page.text
    today = datetime.now(timezone.utc).date().isoformat()
    response = admin.get("/data-protection/audit.csv", params={"actor": "admin@", "since": today,
                                                       "until": today})
    assert response.content_type == "text/csv"
    lines = list(csv.reader(io.StringIO(response.body.decode("utf-8-sig")), delimiter=";"))
    assert lines[0][:3] == ["Zeit (UTC)", "Wer", "Aktion"]
    fields = {(r[3], r[6], r[8]) for r in lines[1:]}
    assert ("Organisation", "city", "Glücksburg") in fields and ("Person", "phone", "0461 1") in fields
    # a bad date in the filter is ignored, not an error
    assert admin.get("/data-protection/", params={"since": "gestern"}).status_int == 200


def test_only_the_coordinator_reads_the_log(clients):
    for role in ("anonymous", "member", "chair", "board"):
        status = clients[role].get("/data-protection/", expect_errors=True).status_int
        assert status in (303, 403, 404), role
        status = clients[role].get("/data-protection/audit.csv", expect_errors=True).status_int
        assert status in (303, 403, 404), role
    assert clients["admin"].get("/data-protection/").status_int == 200


def test_meetings_minutes_and_newsletters_are_audited_with_their_actor(chair, board, admin, db):
    from pyramid.traversal import find_resource

    from tests.minutes import data as md

    with edit(db) as portal:
        paths = md.populate(portal)
        md.write_minutes(find_resource(portal, paths.march), "draft")
        list_path = "/newsletter/" + portal["newsletter"].lists()[0].__name__ + "/"
    submit(chair, paths.may + "edit", place_name="Stadtbibliothek, Raum 2")  # her group
    submit(board, paths.march + "minutes/edit", general="Eröffnung um 18:05 Uhr.")
    submit(admin, list_path + "edit", title="Wochenbrief")

    meeting = entries(db, kind="Meeting")[0]
    assert meeting[0] == "agnieszka.nowak@example.org"
    assert meeting[4]["place_name"][1] == "Stadtbibliothek, Raum 2"
    minutes = entries(db, kind="Minutes")[0]
    assert minutes[0] == "aylin.demir@example.org"
    assert minutes[4]["general"][1] == "Eröffnung um 18:05 Uhr."
    mailing_list = entries(db, kind="MailingList")[0]
    assert mailing_list[0] == "admin@example.org" and mailing_list[4]["title"][1] == "Wochenbrief"


def test_csv_cells_that_look_like_formulas_are_quoted():
    from roundtable.privacy.audit import as_csv
    from roundtable.privacy.resources import AuditEntry

    entry = AuditEntry(datetime(2026, 1, 2, tzinfo=timezone.utc), "u", "=cmd|' /C calc'!A0",
                       "modified", "/people/x", "Person", "X", [("notes", "", "@SUM(1)")])
    rows = list(csv.reader(io.StringIO(as_csv([entry]).lstrip("\ufeff")), delimiter=";"))
    assert rows[1][1].startswith("'=") and rows[1][8] == "'@SUM(1)"
