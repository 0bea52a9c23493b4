"""Databases made before the privacy package: step 0041 adds its office, and
the app opens them with consent flags read as before (step 0040 covered in
test_consent)."""
from ZODB import DB
from ZODB.FileStorage import FileStorage

from roundtable.bootstrap import make_portal, upgrade
from roundtable.db import ROOT_KEY
from roundtable.evolve import applied, steps
from roundtable.people.resources import Person
from roundtable.privacy.resources import PrivacyOffice


def test_privacy_step_on_a_database_without_the_office(tmp_path):
    db = DB(FileStorage(str(tmp_path / "Data.fs")))
    try:
        with db.transaction() as conn:
            portal = make_portal("Runder Tisch")
            portal.remove("data-protection")
            person = portal["people"].add(Person(given_name="Alt", family_name="Bestand"), "alt")
            person.consent_records = ()
            person.__dict__["public_consent"] = True
            conn.root()[ROOT_KEY] = portal
            done = applied(conn.root())
            for name, _step in steps():   # every other step (other features') is done
                if name not in ("0040-consent-records", "0041-privacy"):
                    done[name] = True
        assert upgrade(db) == ["0040-consent-records", "0041-privacy"]
        with db.transaction() as conn:
            portal = conn.root()[ROOT_KEY]
            assert isinstance(portal["data-protection"], PrivacyOffice)
            assert len(portal["data-protection"].audit) == 0
            assert [r.method for r in portal["people"]["alt"].consent_records] == ["migration"]
        assert upgrade(db) == []
    finally:
        db.close()
