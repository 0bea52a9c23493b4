"""Consent on record: given and withdrawn, it changes every public output at once,
and the person page shows the dated history (what, when, how, entered by whom)."""
from roundtable.people.consent import ConsentRecord, may_be_named_publicly
from roundtable.people.resources import Person
from tests.conftest import edit
from tests.people.helpers import NAMED, NAMED_NAME, NAMED_ORG

NAME_SEARCH = "Al-Hassan"


def public_outputs(anonymous, db):
    """Pages, feeds and search results anyone can read that could name a person."""
    with edit(db) as portal:
        bodies = list(portal["bodies"].keys())
    paths = ["/", "/members", "/organisations/", f"/organisations/{NAMED_ORG}/", "/bodies/",
             f"/people/{NAMED}/", "/sitemap.xml", "/minutes.atom", "/motions.atom",
             "/newsletter/feed.atom", "/calendar.ics", f"/search?q={NAME_SEARCH}",
             f"/search.atom?q={NAME_SEARCH}", "/oparl/v1/body/rt/person",
             "/oparl/v1/body/rt/organization", "/oparl/v1/body/rt/membership"]
    paths += [f"/bodies/{name}/" for name in bodies] + [f"/bodies/{name}/feed.atom" for name in bodies]
    found = {}
    for path in paths:
        response = anonymous.get(path, expect_errors=True)
        assert response.status_int < 500, path
        found[path] = response
    return found


def naming(outputs):
    return sorted(path for path, r in outputs.items()
                  if r.status_int == 200 and (NAMED_NAME in r.text or NAMED in r.text))


def set_consent(admin, given, method):
    form = admin.get(f"/people/{NAMED}/edit").forms["form"]
    form["public_consent"] = given
    form["consent_method"] = method
    assert form.submit("save").status_int == 303


def test_withdrawal_and_renewed_consent_change_every_public_output(admin, anonymous, db):
    before = naming(public_outputs(anonymous, db))
    assert f"/people/{NAMED}/" in before and f"/organisations/{NAMED_ORG}/" in before
    assert "/oparl/v1/body/rt/person" in before

    set_consent(admin, False, "email")
    outputs = public_outputs(anonymous, db)
    assert naming(outputs) == []
    assert outputs[f"/people/{NAMED}/"].status_int in (303, 404)  # 404 once hidden = missing

    set_consent(admin, True, "paper")
    assert naming(public_outputs(anonymous, db)) == before


def test_person_page_shows_the_consent_history(admin, board, anonymous):
    set_consent(admin, False, "email")
    set_consent(admin, True, "paper")
    page = board.get(f"/people/{NAMED}/")
    history = page.html.find(id="h-consent").find_parent("section")
    rows = [[td.get_text(strip=True) for td in tr.find_all("td")] for tr in history.find_all("tr")[1:]]
    # newest first: the renewed consent on paper, the withdrawal by e-mail, the demo's consent
    assert [r[2] for r in rows[:2]] == ["eingewilligt", "widerrufen"]
    assert [r[3] for r in rows[:2]] == ["Papier (unterschrieben)", "E-Mail"]
    assert rows[0][4] == "admin@example.org"
    assert len(rows) == 3
    # the history is not for the public, nor for ordinary members
    assert "h-consent" not in anonymous.get(f"/people/{NAMED}/").text


def test_records_are_the_single_source_and_old_flags_still_read():
    person = Person(given_name="Ada", family_name="Lovelace", public_consent=True,
                    consent_method="paper", consent_by="admin")
    assert may_be_named_publicly(person) and person.publicly_named
    assert [(r.given, r.method, r.by) for r in person.consent_records] == [(True, "paper", "admin")]
    person.update(public_consent=False, consent_method="email", consent_by="admin")
    assert not may_be_named_publicly(person)
    person.update(public_consent=False)  # no change: no new record
    assert len(person.consent_records) == 2
    # a person pickled before records existed: the flag counts until evolve step 0040
    old = Person.__new__(Person)
    old.__setstate__({"given_name": "Old", "family_name": "Flag", "public_consent": True,
                      "retired": None})
    assert old.public_consent is True


def test_evolve_step_turns_flags_into_records(db):
    from roundtable.evolve.s0040_consent_records import evolve

    with edit(db) as portal:
        person = portal["people"][NAMED]
        person.consent_records = ()
        person.__dict__["public_consent"] = True
        person._p_changed = True
    with edit(db) as portal:
        evolve(portal)
    with edit(db) as portal:
        person = portal["people"][NAMED]
        assert "public_consent" not in person.__dict__
        assert [(r.given, r.method) for r in person.consent_records] == [(True, "migration")]
        assert person.publicly_named


def test_an_unknown_method_is_refused_in_the_form(admin):
    form = admin.get(f"/people/{NAMED}/edit").forms["form"]
    form["consent_method"].force_value("fax")
    response = form.submit("save")
    assert response.status_int == 200 and "error" in response.text


def test_consent_record_defaults():
    record = ConsentRecord("public", True, method="smoke-signal")
    assert record.method == "form" and record.by is None


def test_newsletter_opt_ins_appear_in_the_person_s_consent_history(admin, db, settings):
    from tests.privacy.helpers import SUBJECT, give_every_kind_of_record

    give_every_kind_of_record(db, settings)
    page = admin.get(f"/people/{SUBJECT}/")
    history = page.html.find(id="h-consent").find_parent("section")
    rows = [[td.get_text(strip=True) for td in tr.find_all("td")] for tr in history.find_all("tr")[1:]]
    newsletter = [r for r in rows if r[1].startswith("Newsletter:")]
    assert newsletter and newsletter[0][2] == "eingewilligt"
    assert any(r[3] == "Papier (unterschrieben)" for r in rows)  # the register's own record
