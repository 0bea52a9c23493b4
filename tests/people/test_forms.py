"""Creating, editing, retiring persons and organisations through the real forms.

Forms are taken from the pages (with their CSRF token) and submitted as a
browser would; every validation error is shown in the form and nothing is
stored.
"""
import re
from datetime import date

from tests.conftest import edit
from tests.people.helpers import NAMED, ORG, UNNAMED, check, form_with_action, main_html


def count(db, folder):
    with edit(db) as portal:
        return len(portal[folder])


# -- persons --------------------------------------------------------------------

def test_admin_creates_a_person(admin, db):
    page = admin.get("/people/add")
    assert "<label" in page.text and "Vorname" in page.text and "Nachname" in page.text
    form = page.forms["form"]
    form["salutation"] = "Frau"
    form["academic_title"] = "Dr."
    form["given_name"] = "  Gülşen "
    form["family_name"] = "Aydın"
    form["email"] = "guelsen.aydin@example.org"
    form["phone"] = "+49 461 12345"
    check(form, "checkbox", {"de", "tr", "ku", ORG})  # languages and organisations are checkboxes
    form["public_consent"] = True
    form["notes"] = "Kontakt über die Beratungsstelle"
    response = form.submit("save")
    assert response.status_int == 303
    assert response.location == "http://localhost/people/guelsen-aydin/"
    person_page = response.follow()
    assert "<h1>Dr. Gülşen Aydın</h1>" in person_page.text
    assert "Dr. Gülşen Aydın wurde in das Register aufgenommen." in person_page.text
    assert "Deutsch, Türkisch, Kurdisch" in person_page.text
    assert "Diakonisches Werk Flensburg" in person_page.text
    with edit(db) as portal:
        person = portal["people"]["guelsen-aydin"]
        assert (person.given_name, person.family_name) == ("Gülşen", "Aydın")
        assert person.salutation == "Frau" and person.academic_title == "Dr."
        assert person.email == "guelsen.aydin@example.org"
        assert person.phone == "+49 461 12345"
        assert person.languages == ("de", "tr", "ku")
        assert person.organisation_ids == (ORG,)
        assert person.public_consent is True
        assert person.notes == "Kontakt über die Beratungsstelle"
        assert person.active


def test_new_person_without_consent_is_not_public(admin, anonymous, db):
    form = admin.get("/people/add").forms["form"]
    form["given_name"], form["family_name"] = "Nora", "Nichtöffentlich"
    admin_page = form.submit("save").follow()
    assert "<h1>Nora Nichtöffentlich</h1>" in admin_page.text
    response = anonymous.get("/people/nora-nichtoeffentlich/", expect_errors=True)
    assert response.status_int == 404 and "Nichtöffentlich" not in response.text


def test_missing_names_are_reported_and_nothing_stored(admin, db):
    before = count(db, "people")
    form = admin.get("/people/add").forms["form"]
    form["email"] = "jemand@example.org"
    page = form.submit("save")
    assert page.status_int == 200
    assert "Bitte geben Sie den Vornamen an." in page.text
    assert "Bitte geben Sie den Nachnamen an." in page.text
    assert 'aria-invalid="true"' in page.text
    # what was typed is kept
    assert page.forms["form"]["email"].value == "jemand@example.org"
    assert count(db, "people") == before


def test_blank_names_count_as_missing(admin, db):
    before = count(db, "people")
    form = admin.get("/people/add").forms["form"]
    form["given_name"], form["family_name"] = "   ", "\t"
    page = form.submit("save")
    assert "Bitte geben Sie den Vornamen an." in page.text
    assert count(db, "people") == before


def test_bad_email_is_reported(admin, db):
    before = count(db, "people")
    form = admin.get("/people/add").forms["form"]
    form["given_name"], form["family_name"], form["email"] = "Ali", "Kaya", "ali.kaya@"
    page = form.submit("save")
    assert "Bitte geben Sie eine gültige E-Mail-Adresse an" in page.text
    assert count(db, "people") == before


def test_duplicate_email_is_rejected_with_a_clear_message(admin, db):
    before = count(db, "people")
    form = admin.get("/people/add").forms["form"]
    form["given_name"], form["family_name"] = "Aylin", "Demir-Doppelt"
    form["email"] = " Aylin.Demir@EXAMPLE.org "
    page = form.submit("save")
    assert page.status_int == 200
    assert "Diese E-Mail-Adresse ist schon bei Aylin Demir eingetragen." in page.text
    assert count(db, "people") == before


def test_bad_phone_and_unknown_choices_are_rejected(admin, db):
    before = count(db, "people")
    page = admin.get("/people/add")
    form = page.forms["form"]
    form["given_name"], form["family_name"], form["phone"] = "Ben", "Bauer", "call me maybe"
    page = form.submit("save")
    assert "Bitte nur Ziffern" in page.text
    # a forged language code that the form never offered
    token = page.forms["form"]["csrf_token"].value
    data = [("csrf_token", token), ("__formid__", "form"), ("given_name", "Ben"),
            ("family_name", "Bauer"), ("__start__", "languages:sequence"), ("checkbox", "xx"),
            ("__end__", "languages:sequence"), ("save", "save")]
    page = admin.post("/people/add", data)
    assert "Unbekannte Sprache: xx" in page.text
    assert count(db, "people") == before


def test_admin_edits_a_person_keeping_the_own_email(admin, db):
    page = admin.get(f"/people/{NAMED}/edit")
    form = page.forms["form"]
    assert form["given_name"].value == "Mahmoud"
    assert form["email"].value == "mahmoud.al.hassan@example.org"
    checked = {f._value for f in form.fields["checkbox"] if f.checked}
    assert {"de", "ar", "en", "syrisch-deutscher-kulturverein-e-v"} <= checked
    form["phone"] = "0461 99-1234"
    response = form.submit("save")
    assert response.status_int == 303 and response.location.endswith(f"/people/{NAMED}/")
    assert "Änderungen gespeichert." in response.follow().text
    with edit(db) as portal:
        person = portal["people"][NAMED]
        assert person.phone == "0461 99-1234"
        assert person.email == "mahmoud.al.hassan@example.org"
        assert person.languages == ("de", "en", "ar")


def test_edit_to_another_persons_email_is_rejected(admin, db):
    form = admin.get(f"/people/{NAMED}/edit").forms["form"]
    form["email"] = "olena.kovalenko@example.org"
    page = form.submit("save")
    assert "Diese E-Mail-Adresse ist schon bei Olena Kovalenko eingetragen." in page.text
    with edit(db) as portal:
        assert portal["people"][NAMED].email == "mahmoud.al.hassan@example.org"


def test_retire_and_reactivate_a_person(admin, anonymous, member, db):
    assert anonymous.get(f"/people/{NAMED}/").status_int == 200
    page = admin.get(f"/people/{NAMED}/")
    response = form_with_action(page, "/retire").submit()
    assert response.status_int == 303
    page = response.follow()
    today = date.today().strftime("%d.%m.%Y")
    assert f"Ausgeschieden am <span>{today}</span>" in page.text
    assert "laufende Mitgliedschaft" in page.text, "the coordinator is reminded of open memberships"
    # kept, but not shown publicly and not in the default list
    assert anonymous.get(f"/people/{NAMED}/", expect_errors=True).status_int == 404
    assert member.get(f"/people/{NAMED}/").status_int == 200
    link = f'href="http://localhost/people/{NAMED}/"'
    assert link not in member.get("/people/")
    assert link in admin.get("/people/", {"retired": "1"})
    with edit(db) as portal:
        assert portal["people"][NAMED].retired == date.today()
    response = form_with_action(admin.get(f"/people/{NAMED}/"), "/reactivate").submit()
    assert "Mahmoud Al-Hassan ist wieder aktiv." in response.follow().text
    assert anonymous.get(f"/people/{NAMED}/").status_int == 200


def test_people_list_search(member):
    page = member.get("/people/", {"q": "ozdemir"})
    assert 'href="http://localhost/people/yusuf-oezdemir/"' in page
    assert "<p class=\"meta\">1 Person</p>" in page.text
    page = member.get("/people/", {"q": "Jürgensen"})
    assert 'href="http://localhost/people/sabine-juergensen/"' in page
    assert 'href="http://localhost/people/yusuf-oezdemir/"' not in page
    page = member.get("/people/", {"q": "Nordlicht"})  # by organisation
    assert f'href="http://localhost/people/{UNNAMED}/"' in page
    page = member.get("/people/", {"q": "gibtesnicht"})
    assert "Keine Person gefunden" in page.text


# -- organisations --------------------------------------------------------------

def test_admin_creates_an_organisation(admin, anonymous, db):
    page = admin.get("/organisations/add")
    form = page.forms["form"]
    form["name"] = "Eritreischer Kulturverein e. V."
    form["kind"] = "mso"
    form["street"] = "Norderstraße 100"
    form["postcode"] = "24939"
    form["city"] = "Flensburg"
    form["website"] = "www.eritrea-flensburg.example"
    form["email"] = "info@eritrea-flensburg.example"
    form["phone"] = "0461 555-0"
    form["delegate_id"] = "dawit-tesfaye"
    form["deputy_id"] = "merve-yilmaz"
    form["description"] = "Kultur und Beratung.\n\nTreffen jeden Freitag."
    form["date"] = "2023-05-01"
    response = form.submit("save")
    assert response.status_int == 303
    assert response.location == "http://localhost/organisations/eritreischer-kulturverein-e-v/"
    page = response.follow()
    assert "<h1>Eritreischer Kulturverein e. V.</h1>" in page.text
    with edit(db) as portal:
        org = portal["organisations"]["eritreischer-kulturverein-e-v"]
        assert org.kind == "mso" and org.city == "Flensburg"
        assert org.website == "https://www.eritrea-flensburg.example"
        assert org.delegate_id == "dawit-tesfaye" and org.deputy_id == "merve-yilmaz"
        assert org.member_since == date(2023, 5, 1)
    public = main_html(anonymous.get("/organisations/eritreischer-kulturverein-e-v/"))
    assert "Migrantenselbstorganisation" in public
    assert "Norderstraße 100" in public and "24939 Flensburg" in public
    assert 'href="https://www.eritrea-flensburg.example"' in public
    assert "info@eritrea-flensburg.example" in public, "organisational contact data is public"
    assert "01.05.2023" in public
    assert "<p>Treffen jeden Freitag.</p>" in public
    # Dawit Tesfaye did not consent, Merve Yılmaz did
    assert "Tesfaye" not in public
    assert re.search(r"<dt>Delegierte Person</dt>\s*<dd>nicht öffentlich genannt</dd>", public)
    assert "Merve Yılmaz" in public
    assert 'href="http://localhost/organisations/eritreischer-kulturverein-e-v/"' in anonymous.get(
        "/organisations/")


def test_organisation_validation(admin, db):
    before = count(db, "organisations")
    form = admin.get("/organisations/add").forms["form"]
    form["name"] = "  caritasverband   FLENSBURG "
    form["website"] = "javascript:alert(1)"
    form["postcode"] = "?"
    form["email"] = "kein-at-zeichen"
    form["delegate_id"] = "aylin-demir"
    form["deputy_id"] = "aylin-demir"
    page = form.submit("save")
    text = page.text
    assert "Eine Organisation mit dem Namen „Caritasverband Flensburg“ ist schon eingetragen." in text
    assert "Bitte wählen Sie die Art der Organisation." in text
    assert "Bitte eine vollständige Web-Adresse mit http:// oder https:// angeben" in text
    assert "Bitte eine gültige Postleitzahl angeben" in text
    assert "Bitte geben Sie eine gültige E-Mail-Adresse an" in text
    assert count(db, "organisations") == before
    form = page.forms["form"]
    form["name"], form["kind"], form["website"], form["postcode"], form["email"] = (
        "Neuer Verein", "club", "https://neuer-verein.example", "24937", "")
    page = form.submit("save")
    assert "Delegierte Person und Stellvertretung müssen verschiedene Personen sein." in page.text
    assert count(db, "organisations") == before


def test_missing_organisation_name(admin, db):
    form = admin.get("/organisations/add").forms["form"]
    form["kind"] = "club"
    page = form.submit("save")
    assert "Bitte geben Sie den Namen der Organisation an." in page.text


def test_admin_edits_an_organisation(admin, db):
    form = admin.get(f"/organisations/{ORG}/edit").forms["form"]
    assert form["name"].value == "Diakonisches Werk Flensburg"
    assert form["kind"].value == "welfare"
    form["description"] = "Beratung für Geflüchtete"
    form["name"] = "Diakonisches Werk Flensburg"  # its own name is not a duplicate
    response = form.submit("save")
    assert response.status_int == 303
    with edit(db) as portal:
        org = portal["organisations"][ORG]
        assert org.description == "Beratung für Geflüchtete"
        assert org.delegate_id == "birte-hansen", "untouched fields keep their values"


def test_retired_organisation_is_kept_but_not_listed_publicly(admin, anonymous, db):
    link = f'href="http://localhost/organisations/{ORG}/"'
    assert link in anonymous.get("/organisations/") and link in anonymous.get("/members")
    response = form_with_action(admin.get(f"/organisations/{ORG}/"), "/retire").submit()
    assert "Diakonisches Werk Flensburg ist als ausgeschieden vermerkt." in response.follow().text
    assert link not in anonymous.get("/organisations/")
    assert link not in anonymous.get("/members")
    assert link in admin.get("/organisations/", {"retired": "1"})
    page = anonymous.get(f"/organisations/{ORG}/")
    assert "Nicht mehr Mitglied seit" in page.text, "the stable URL still answers"
    with edit(db) as portal:
        assert portal["organisations"][ORG].retired == date.today()
    form_with_action(admin.get(f"/organisations/{ORG}/"), "/reactivate").submit()
    assert link in anonymous.get("/organisations/")


def test_organisation_list_search_and_kind_filter(anonymous):
    page = anonymous.get("/organisations/", {"q": "tuerkisch"})
    assert "Türkischer Elternverein Flensburg e. V." in page.text
    assert "Caritasverband" not in page.text
    page = anonymous.get("/organisations/", {"kind": "welfare"})
    assert "Caritasverband Flensburg" in page.text and "Diakonisches Werk" in page.text
    assert "Türkischer Elternverein" not in main_html(page).split("</form>")[1]
    assert "<p class=\"meta\">4 Organisationen</p>" in page.text


def test_person_added_from_organisation_page_is_preselected(admin):
    page = admin.get(f"/organisations/{ORG}/")
    assert f"/people/add?organisation={ORG}" in page.text
    form = admin.get(f"/people/add?organisation={ORG}").forms["form"]
    assert [f._value for f in form.fields["checkbox"] if f.checked] == [ORG]


def test_register_pages_in_english(anonymous, admin):
    anonymous.set_cookie("_LOCALE_", "en")
    page = main_html(anonymous.get("/organisations/"))
    assert "<h1>Member organisations</h1>" in page and "Member since" in page
    page = main_html(anonymous.get(f"/organisations/{ORG}/"))
    assert "<dt>Type</dt>" in page and "Welfare association" in page
    assert "1 Jun 2015" in page, "dates in the reader's language (timeutil.format_date)"
    page = main_html(anonymous.get("/organisations/ukrainischer-verein-nordlicht-e-v/"))
    assert re.search(r"<dt>Delegate</dt>\s*<dd>not named publicly</dd>", page)
    admin.set_cookie("_LOCALE_", "en")
    form = admin.get("/people/add").forms["form"]
    page = form.submit("save")
    assert "Please enter the first name." in page.text and "First name" in page.text
    assert "German" in page.text and "Arabic" in page.text
