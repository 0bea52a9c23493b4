"""Consent and escaping: what the public may read about persons, and nothing more.

A person is named on public pages only with their consent; contact data of
persons never appears publicly; text typed into the register is always
escaped.
"""
import re

from tests.conftest import edit
from tests.people.helpers import (NAMED, NAMED_EMAIL, NAMED_NAME, NAMED_ORG, UNNAMED, UNNAMED_ORG,
                                  check, main_html)


def public_pages(anonymous, db):
    """Every public page that could mention a person: members, organisations, bodies."""
    with edit(db) as portal:
        orgs = list(portal["organisations"].keys())
        bodies = list(portal["bodies"].keys())
    paths = ["/", "/members", "/organisations/", "/bodies/"]
    paths += [f"/organisations/{name}/" for name in orgs]
    paths += [f"/bodies/{name}/" for name in bodies]
    pages = {}
    for path in paths:
        response = anonymous.get(path, expect_errors=True)
        assert response.status_int < 500, path
        pages[path] = response
    return pages


def test_non_consenting_persons_are_named_nowhere_in_public(anonymous, db):
    with edit(db) as portal:
        people = list(portal["people"].values())
        unnamed = [(p.family_name, p.email, p.phone) for p in people if not p.public_consent]
        named = [(p.family_name, p.email, p.phone) for p in people if p.public_consent]
    assert len(unnamed) >= 5 and len(named) >= 10
    pages = public_pages(anonymous, db)
    for path, response in pages.items():
        for family_name, email, phone in unnamed:
            assert family_name not in response.text, f"{family_name} named on {path}"
        for _name, email, phone in unnamed + named:
            assert email not in response.text, f"{email} on {path}"
            assert phone not in response.text, f"{phone} on {path}"
    # the organisation pages that matter were really there
    assert pages[f"/organisations/{UNNAMED_ORG}/"].status_int == 200
    assert pages["/members"].status_int == 200


def test_consenting_persons_are_named_with_their_organisation(anonymous):
    org_page = anonymous.get(f"/organisations/{NAMED_ORG}/")
    assert NAMED_NAME in org_page.text
    assert f'href="http://localhost/people/{NAMED}/"' in org_page
    # individual members (not delegates) with consent are listed on /members, linked to their page
    members = anonymous.get("/members")
    assert 'href="http://localhost/people/ingrid-feddersen/">Ingrid Feddersen</a>' in members.text
    assert anonymous.get("/people/ingrid-feddersen/").status_int == 200
    person_page = anonymous.get(f"/people/{NAMED}/")
    assert f"<h1>{NAMED_NAME}</h1>" in person_page.text
    assert "Syrisch-Deutscher Kulturverein e. V." in person_page.text
    assert "Vorstand" in person_page.text  # memberships in bodies are public with consent
    assert NAMED_EMAIL not in person_page.text and "mailto:" not in main_html(person_page)
    assert "Notizen" not in person_page.text
    # name and affiliation only: languages may hint at origin, they are for members
    assert "Sprachen" not in main_html(person_page) and "Arabisch" not in person_page.text


def test_unnamed_delegate_is_mentioned_without_name(anonymous, member):
    public = main_html(anonymous.get(f"/organisations/{UNNAMED_ORG}/"))
    assert re.search(r"<dt>Delegierte Person</dt>\s*<dd>nicht öffentlich genannt</dd>", public)
    assert "Kovalenko" not in public and UNNAMED not in public
    internal = main_html(member.get(f"/organisations/{UNNAMED_ORG}/"))
    assert "Olena Kovalenko" in internal, "members see the delegate by name"
    assert f'href="http://localhost/people/{UNNAMED}/"' in internal


def test_unnamed_person_page_is_not_reachable_publicly(anonymous):
    response = anonymous.get(f"/people/{UNNAMED}/", expect_errors=True)
    assert response.status_int == 404
    assert "Kovalenko" not in response.text
    # the very answer of a person who is not in the register at all
    missing = anonymous.get("/people/olena-kovalenkx/", expect_errors=True)
    assert (missing.status_int, missing.text.replace("kovalenkx", "kovalenko")) == (404, response.text)
    assert anonymous.get("/people/", expect_errors=True).status_int == 404


def test_withdrawn_consent_takes_effect_at_once(anonymous, admin, db):
    assert anonymous.get(f"/people/{NAMED}/").status_int == 200
    form = admin.get(f"/people/{NAMED}/edit").forms["form"]
    form["public_consent"] = False
    form.submit("save")
    assert anonymous.get(f"/people/{NAMED}/", expect_errors=True).status_int == 404
    for path, response in public_pages(anonymous, db).items():
        assert "Al-Hassan" not in response.text, path


XSS = "<script>alert(1)</script>"


def test_user_text_is_escaped_everywhere(admin, anonymous, db):
    page = admin.get("/organisations/add")
    form = page.forms["form"]
    form["name"] = 'Verein "<b>fett</b>" & Co'
    form["kind"] = "club"
    form["description"] = XSS
    form["street"] = "<img src=x onerror=alert(2)>"
    org_url = form.submit("save").location
    org_name = org_url.rstrip("/").rsplit("/", 1)[1]
    form = admin.get(f"/people/add?organisation={org_name}").forms["form"]
    form["given_name"] = "Mallory"
    form["family_name"] = XSS
    form["public_consent"] = True
    form["notes"] = "<iframe src=//evil.example>"
    person_url = form.submit("save").location
    person_name = person_url.rstrip("/").rsplit("/", 1)[1]
    with edit(db) as portal:
        portal["organisations"][org_name].delegate_id = person_name
        assert portal["people"][person_name].family_name == XSS, "stored as typed"

    for client, path in [(admin, person_url), (admin, "/people/"), (admin, org_url),
                         (anonymous, person_url), (anonymous, org_url), (anonymous, "/organisations/"),
                         (admin, f"/people/?q={person_name}")]:
        text = client.get(path).text
        assert "<script>alert" not in text, path
        assert "<img src=x" not in text and "<iframe" not in text and "<b>fett" not in text, path
    text = admin.get(person_url).text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "&lt;iframe src=//evil.example&gt;" in text
    assert re.search(r'<h1>Verein ("|&quot;|&#34;)&lt;b&gt;fett&lt;/b&gt;("|&quot;|&#34;) &amp; Co</h1>',
                     anonymous.get(org_url).text)
