"""The privacy pages and the export summary are valid HTML (Nu HTML Checker)."""
from tests import judges
from tests.people.helpers import NAMED, csrf_token
from tests.privacy.helpers import SUBJECT, give_every_kind_of_record, load


def test_privacy_pages_are_valid_html(admin, member, db, settings):
    give_every_kind_of_record(db, settings)
    form = admin.get(f"/people/{NAMED}/edit").forms["form"]
    form["public_consent"] = False
    form["consent_method"] = "paper"
    form.submit("save")
    pages = {
        "privacy": admin.get("/data-protection/").text,
        "privacy filtered": admin.get("/data-protection/", params={"kind": "Person", "since": "2020-01-01"}).text,
        "periods": admin.get("/data-protection/periods").text,
        "person with consent history": admin.get(f"/people/{NAMED}/").text,
        "erase preview": admin.get(f"/people/{SUBJECT}/erase").text,
        "account": member.get("/account").text,
        "export summary": load(admin.get(f"/people/{SUBJECT}/data-export.zip").body)[1],
    }
    refused = admin.get("/data-protection/periods").forms["form"]
    refused["audit"] = "99999"
    pages["periods refused"] = refused.submit("save").text
    errors = judges.check_html(pages)
    assert not errors, judges.format_html_errors(errors)
    assert csrf_token(admin) in pages["erase preview"]
