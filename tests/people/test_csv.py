"""CSV import and export of persons and organisations, through the upload form.

Files are semicolon-separated UTF-8 with German headers; each row is checked
by the same schema as the web form; bad rows are reported with their row
number (the header is row 1) and not stored, good rows are stored.
"""
import codecs
import re

import pytest
import roundtable
from webtest import TestApp, Upload

from tests.conftest import PASSWORD, edit, login, make_settings

PERSON_HEADER = ("Anrede;Titel;Vorname;Nachname;E-Mail;Telefon;Sprachen;Organisationen;"
                 "Einwilligung Veröffentlichung;Notizen")
ORG_HEADER = "Name;Art;Straße;PLZ;Ort;Website;E-Mail;Telefon;Beschreibung;Mitglied seit"


def upload(client, path, content, filename="liste.csv", status=None):
    page = client.get(path)
    form = page.forms["form"]
    data = content if isinstance(content, bytes) else content.encode("utf-8")
    form["upload"] = Upload(filename, data, "text/csv")
    return form.submit("import", status=status)


def report_rows(page):
    """{row number: reasons text} from the result page's error table."""
    rows = {}
    for number, cells in re.findall(r'<th scope="row">(\d+)</th>(.*?)</tr>', page.text, re.S):
        rows[int(number)] = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", cells)).strip()
    return rows


PERSONS_CSV = "\ufeff" + "\r\n".join([
    PERSON_HEADER,                                                                              # 1
    "Frau;Dr.;Leyla;Şahin;leyla.sahin@example.org;0461 1234;de,tr,ku;"
    "Türkischer Elternverein Flensburg e. V.|caritasverband flensburg;ja;\"Dolmetscht; auch abends\"",  # 2
    "Herr;;Jonas;;jonas@example.org;;;;nein;",                                                 # 3 no family name
    ";;Hanna;Berg;hanna.berg@;;;;;",                                                           # 4 bad e-mail
    ";;Aylin;Zweitname;AYLIN.DEMIR@example.org;;;;;",                                          # 5 existing e-mail
    ";;Omar;Haddad;omar.haddad@example.org;;Arabisch, fr;;JA;\"Zeile eins\nZeile zwei\"",      # 6 good (multi-line)
    ";;Omar;Doppelt;omar.haddad@example.org;;;;;",                                             # 7 dup in file
    ";;;;;;;;;",                                                                               # 8 empty: skipped
    "Frau;;Anna;Nowak;anna.nowak@example.org;;de,xx;Gibt es nicht e. V.;vielleicht;",          # 9 three errors
    "neutrale Anrede;;Kim;Lee;;;en;;;",                                                        # 10 good, no e-mail
    ";;Ola;Nordmann;ola@example.org;;;;;;zu viel",                                             # 11 extra cell
]) + "\r\n"


def test_import_persons_with_good_and_bad_rows(admin, db):
    with edit(db) as portal:
        before = len(portal["people"])
    page = upload(admin, "/people/import", PERSONS_CSV)
    assert page.status_int == 200
    assert "3 importiert, 6 fehlerhaft" in page.text
    rows = report_rows(page)
    assert sorted(rows) == [3, 4, 5, 7, 9, 11]
    assert "Nachname: Bitte geben Sie den Nachnamen an." in rows[3]
    assert "Jonas" in rows[3], "the row is named in the report"
    assert "E-Mail: Bitte geben Sie eine gültige E-Mail-Adresse an" in rows[4]
    assert "E-Mail: Diese E-Mail-Adresse ist schon bei Aylin Demir eingetragen." in rows[5]
    assert "E-Mail: Diese E-Mail-Adresse ist schon bei Omar Haddad eingetragen." in rows[7]
    assert "Sprachen: Unbekannte Sprache: xx" in rows[9]
    assert "Organisationen: Unbekannte Organisation: Gibt es nicht e. V." in rows[9]
    assert "Darf öffentlich genannt werden: „vielleicht“ ist keine gültige Angabe" in rows[9]
    assert "mehr Spalten als die Kopfzeile" in rows[11]

    with edit(db) as portal:
        people = portal["people"]
        assert len(people) == before + 3
        leyla = people.find_by_email("leyla.sahin@example.org")
        assert (leyla.salutation, leyla.academic_title, leyla.given_name, leyla.family_name) == (
            "Frau", "Dr.", "Leyla", "Şahin")
        assert leyla.languages == ("de", "tr", "ku")
        assert leyla.organisation_ids == ("caritasverband-flensburg",
                                          "tuerkischer-elternverein-flensburg-e-v")
        assert leyla.public_consent is True
        assert leyla.notes == "Dolmetscht; auch abends"
        omar = people.find_by_email("omar.haddad@example.org")
        assert omar.family_name == "Haddad", "the first of two rows with one address wins"
        assert omar.languages == ("ar", "fr") and omar.public_consent is True
        assert omar.notes == "Zeile eins\nZeile zwei"
        kim = [p for p in people.values() if p.given_name == "Kim"][0]
        assert kim.salutation == "neutral" and kim.email == "" and kim.public_consent is False
        for bad in ("jonas@example.org", "anna.nowak@example.org", "ola@example.org"):
            assert people.find_by_email(bad) is None, bad
        assert not [p for p in people.values() if p.family_name in ("Berg", "Zweitname", "Doppelt")]
    # the imported persons are linked from the result page
    assert 'href="http://localhost/people/leyla-sahin/"' in page


ORGS_CSV = "\r\n".join([
    ORG_HEADER,
    "Eritreische Gemeinde e. V.;Migrantenselbstorganisation;Holm 5;24937;Flensburg;"
    "www.eritrea.example;info@eritrea.example;0461 77;Beratung;01.03.2015",        # 2 good
    "CARITASVERBAND  flensburg;welfare;;;;;;;;",                                  # 3 existing name
    "Sportverein Nord;Sportclub;;;;;;;;",                                         # 4 unknown kind
    "Musikschule;education;;;;javascript:alert(1);;;;31.02.2020",                  # 5 url + date
    ";club;;;;;;;;",                                                              # 6 no name
    "Eritreische Gemeinde e. V.;mso;;;;;;;;",                                     # 7 dup in file
    "Jugendhaus Mürwik;Verein;;24943;Flensburg;https://jugendhaus.example;;;;2020-09-01",  # 8 good
])


def test_import_organisations(admin, db):
    page = upload(admin, "/organisations/import", ORGS_CSV)
    assert "2 importiert, 5 fehlerhaft" in page.text
    rows = report_rows(page)
    assert sorted(rows) == [3, 4, 5, 6, 7]
    assert "Name: Eine Organisation mit dem Namen „Caritasverband Flensburg“ ist schon eingetragen." in rows[3]
    assert "Art: Unbekannte Art: Sportclub" in rows[4]
    assert "Website: Bitte eine vollständige Web-Adresse" in rows[5]
    assert "Mitglied seit:" in rows[5]
    assert "Name: Bitte geben Sie den Namen der Organisation an." in rows[6]
    assert "schon eingetragen" in rows[7]
    with edit(db) as portal:
        orgs = portal["organisations"]
        eritrea = orgs.find_by_name("Eritreische Gemeinde e. V.")
        assert eritrea.kind == "mso" and eritrea.website == "https://www.eritrea.example"
        assert eritrea.member_since.isoformat() == "2015-03-01"
        assert eritrea.postcode == "24937" and eritrea.phone == "0461 77"
        jugendhaus = orgs.find_by_name("Jugendhaus Mürwik")
        assert jugendhaus.kind == "club" and jugendhaus.member_since.isoformat() == "2020-09-01"
        assert orgs.find_by_name("Musikschule") is None
        assert orgs.find_by_name("Sportverein Nord") is None


def test_export_persons(admin, db):
    with edit(db) as portal:
        portal["people"]["thomas-petersen"].retire()
        active = len([p for p in portal["people"].values() if p.active])
    response = admin.get("/people/export.csv")
    assert response.content_type == "text/csv"
    assert response.charset == "utf-8"
    assert response.headers["Content-Disposition"].startswith('attachment; filename="personen-')
    assert "no-store" in response.headers["Cache-Control"]
    assert response.body.startswith(codecs.BOM_UTF8)
    lines = response.body[3:].decode("utf-8").split("\r\n")
    assert lines[0] == PERSON_HEADER
    assert lines[-1] == ""
    assert len(lines) - 2 == active, "one line per active person"
    assert ("Frau;;Aylin;Demir;aylin.demir@example.org;0461 85-1000;de,tr;"
            "Türkischer Elternverein Flensburg e. V.;ja;") in lines
    assert any(line.startswith("Herr;;Mahmoud;Al-Hassan;") and ";de,en,ar;" in line for line in lines), \
        "languages in the order of the offered list"
    assert not [line for line in lines if "Petersen" in line], "retired persons are not exported"


def test_export_organisations(admin):
    response = admin.get("/organisations/export.csv")
    lines = response.body.decode("utf-8-sig").split("\r\n")
    assert lines[0] == ORG_HEADER
    assert ("Diakonisches Werk Flensburg;Wohlfahrtsverband;Johanniskirchhof 19;24937;Flensburg;"
            ";;;;01.06.2015") in lines
    assert len(lines) == 1 + 20 + 1


def test_export_protects_spreadsheets_from_formulas(admin, db):
    with edit(db) as portal:
        portal["people"]["lena-paulsen"].family_name = '=HYPERLINK("http://evil.example","x")'
        portal["people"]["lena-paulsen"].phone = "+49 461 1234"
    text = admin.get("/people/export.csv").body.decode("utf-8-sig")
    assert ';"\'=HYPERLINK(""http://evil.example"",""x"")";' in text
    assert ";'+49 461 1234;" in text


@pytest.fixture
def empty_app(tmp_path):
    """A second portal without demo data, to import an export into."""
    from roundtable.accounts.resources import User

    (tmp_path / "empty").mkdir()
    app = roundtable.main({}, **make_settings(tmp_path / "empty", **{"roundtable.demo_data": "false"}))
    db = app.registry._zodb_databases[""]
    with edit(db) as portal:
        user = User("admin@example.org", roles={"admin"})
        user.set_password(PASSWORD)
        portal["users"].add_user(user)
    yield app
    db.close()


def test_export_import_round_trip(admin, db, empty_app, tmp_path):
    with edit(db) as portal:
        tricky = portal["people"]["lena-paulsen"]
        tricky.family_name = "=1+2"
        tricky.phone = "+49 461 1234"
        tricky.notes = 'Sagt "Moin";\nzweite Zeile'
        portal["organisations"]["diakonisches-werk-flensburg"].description = "Beratung; Hilfe\n\nund mehr"
    orgs_csv = admin.get("/organisations/export.csv").body
    people_csv = admin.get("/people/export.csv").body

    other = login(TestApp(empty_app), "admin")
    page = upload(other, "/organisations/import", orgs_csv, "organisationen.csv")
    assert "20 importiert, 0 fehlerhaft" in page.text
    page = upload(other, "/people/import", people_csv, "personen.csv")
    assert "24 importiert, 0 fehlerhaft" in page.text

    assert other.get("/organisations/export.csv").body == orgs_csv
    assert other.get("/people/export.csv").body == people_csv
    with edit(empty_app.registry._zodb_databases[""]) as portal:
        lena = portal["people"].find_by_email("lena.paulsen@example.org")
        assert lena.family_name == "=1+2" and lena.phone == "+49 461 1234"
        assert lena.notes == 'Sagt "Moin";\nzweite Zeile'

    # importing the same export again adds nothing: every row is a duplicate
    page = upload(admin, "/people/import", people_csv)
    assert "0 importiert, 24 fehlerhaft" in page.text


@pytest.mark.parametrize("content, message", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "nicht im Zeichensatz UTF-8"),
    (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00", "keine CSV-Datei"),
    ((PERSON_HEADER + "\r\n;;Jörg;Müller;;;;;;\r\n").encode("latin-1"), "nicht im Zeichensatz UTF-8"),
    ("Vorname,Nachname,E-Mail\r\nA,B,a@example.org\r\n".encode(), "nicht durch Semikolons getrennt"),
    ((ORG_HEADER + "\r\nX;club;;;;;;;;\r\n").encode(),
     "unbekannte Spalten: Name, Art, Straße, PLZ, Ort, Website, Beschreibung, Mitglied seit; "
     "fehlende Spalten: Vorname, Nachname). Erwartet wird die Kopfzeile: " + PERSON_HEADER),
    ("Vorname;Familienname\r\nA;B\r\n".encode(), "fehlende Spalten: Nachname"),
    ("Vorname;Nachname;Vorname\r\nA;B;C\r\n".encode(), "doppelte Spalten: Vorname"),
    (b"", "Die Datei ist leer."),
    ('Vorname;Nachname\r\n"A;B\r\n'.encode(), "keine gültige CSV-Datei"),
])
def test_unusable_files_are_rejected_with_a_message(admin, db, content, message):
    with edit(db) as portal:
        before = len(portal["people"])
    page = upload(admin, "/people/import", content, status=400)
    assert message in page.text
    assert 'role="alert"' in page.text
    assert page.forms["form"], "the upload form is offered again"
    with edit(db) as portal:
        assert len(portal["people"]) == before


def test_import_without_file(admin):
    page = admin.get("/people/import")
    response = page.forms["form"].submit("import")
    assert "Bitte wählen Sie eine CSV-Datei aus." in response.text


def test_import_needs_csrf_token(admin, db):
    response = admin.post("/people/import", {"upload": ("x.csv", PERSONS_CSV.encode())},
                          upload_files=[("upload", "x.csv", PERSONS_CSV.encode())],
                          expect_errors=True)
    assert response.status_int == 400
    with edit(db) as portal:
        assert portal["people"].find_by_email("leyla.sahin@example.org") is None


def test_import_page_explains_the_format(admin):
    page = admin.get("/people/import")
    assert f'<code class="csv-header">{PERSON_HEADER}</code>' in page.text.replace("<wbr>", "")
    assert "Pflichtspalten: <strong>Vorname, Nachname</strong>" in page.text
    assert "UTF-8" in page.text and 'href="http://localhost/people/export.csv"' in page.text
    assert 'accept=".csv,text/csv"' in page.text
