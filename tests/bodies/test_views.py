"""Bodies and memberships through the web, as each role: access, forms, privacy."""
import re
from datetime import date, timedelta


from tests.conftest import edit

SB = "/bodies/ag-sprache-und-bildung/"    # chaired by the `chair` user (Agnieszka Nowak)
WOHNEN = "/bodies/ag-wohnen/"             # chaired by the `board` user (Aylin Demir)
GESUNDHEIT = "/bodies/ag-gesundheit/"     # chaired by someone without a login here
ROLES = ("anonymous", "member", "chair", "board", "admin")


def status(client, url, method="GET", **params):
    if method == "GET":
        return client.get(url, expect_errors=True).status_int
    params.setdefault("csrf_token", csrf_token(client))
    return client.post(url, params, expect_errors=True).status_int


def csrf_token(client):
    """The session's token as a browser has it: from a form on a page."""
    for url in ("/bodies/", "/login"):  # the logout form, else the login form
        field = client.get(url).html.find("input", {"name": "csrf_token"})
        if field is not None:
            return field["value"]
    raise AssertionError("no form with a CSRF token")


def set_dates(form, start=None, end=None):
    """The membership form's two date inputs share the name ``date`` (deform mappings)."""
    if start is not None:
        form.set("date", start.isoformat() if start else "", index=0)
    if end is not None:
        form.set("date", end.isoformat() if end else "", index=1)


def membership_of(portal, body_name, person_id, role=None):
    body = portal["bodies"][body_name]
    found = [m for m in body.memberships.values()
             if m.person_id == person_id and (role is None or m.role == role)]
    return found


# access matrix -----------------------------------------------------------------------

LOGIN = 404     # anonymous GET of a protected page: the same 404 as a missing one
FORBIDDEN = 403

GET_MATRIX = {
    # url: (anonymous, member, chair, board, admin)
    "/bodies/": (200, 200, 200, 200, 200),
    "/bodies/add": (LOGIN, 403, 403, 403, 200),
    SB: (200, 200, 200, 200, 200),
    SB + "edit": (LOGIN, 403, 200, 403, 200),
    WOHNEN + "edit": (LOGIN, 403, 403, 200, 200),
    GESUNDHEIT + "edit": (LOGIN, 403, 403, 403, 200),
    SB + "memberships/": (LOGIN, 200, 200, 200, 200),
    SB + "memberships/add": (LOGIN, 403, 200, 403, 200),
    SB + "memberships/birte-hansen/edit": (LOGIN, 403, 200, 403, 200),
    SB + "memberships/birte-hansen/": (LOGIN, 303, 303, 303, 303),
    GESUNDHEIT + "memberships/add": (LOGIN, 403, 403, 403, 200),
    WOHNEN + "memberships/add": (LOGIN, 403, 403, 200, 200),
}


def test_get_access_matrix(clients):
    """Every view as every role, in one app (logins are slow on purpose: argon2)."""
    wrong = {}
    for url, expected in GET_MATRIX.items():
        got = tuple(status(clients[role], url) for role in ROLES)
        if got != expected:
            wrong[url] = {role: (g, e) for role, g, e in zip(ROLES, got, expected) if g != e}
    assert not wrong, f"(got, expected) by role: {wrong}"


def test_anonymous_gets_404_that_offers_the_login_with_return_path(anonymous):
    response = anonymous.get(SB + "edit", status=404)
    assert 'href="http://localhost/login?came_from=%2Fbodies%2Fag-sprache-und-bildung%2Fedit"' in response.text


POST_MATRIX = {
    # url: (anonymous, member, chair, board, admin) for a POST with a valid token
    GESUNDHEIT + "retire": (404, 403, 403, 403, 303),
    SB + "retire": (404, 403, 403, 403, 303),
    GESUNDHEIT + "memberships/claudia-schmidt/end": (404, 403, 403, 403, 303),
}


def test_post_access_matrix(clients, db):
    """Each role POSTs with its own valid token; only the coordinator's request changes anything."""
    for url, expected in POST_MATRIX.items():
        got = tuple(status(clients[role], url, "POST") for role in ROLES)
        assert got == expected, (url, dict(zip(ROLES, got)))
    with edit(db) as portal:
        assert portal["bodies"]["ag-gesundheit"].dissolved == date.today()
        assert portal["bodies"]["ag-sprache-und-bildung"].dissolved == date.today()
        assert membership_of(portal, "ag-gesundheit", "claudia-schmidt")[0].end == date.today()


def test_refused_posts_change_nothing(clients, db):
    for role in ("anonymous", "member", "chair", "board"):
        refused = 404 if role == "anonymous" else 403
        assert status(clients[role], GESUNDHEIT + "retire", "POST") == refused
        assert status(clients[role], GESUNDHEIT + "memberships/claudia-schmidt/end", "POST") == refused
    assert status(clients["member"], SB + "memberships/birte-hansen/end", "POST") == 403
    with edit(db) as portal:
        assert portal["bodies"]["ag-gesundheit"].active
        assert membership_of(portal, "ag-gesundheit", "claudia-schmidt")[0].end is None
        assert membership_of(portal, "ag-sprache-und-bildung", "birte-hansen")[0].end is None


def test_reactivate_is_for_the_coordinator_only(clients, db):
    assert status(clients["admin"], GESUNDHEIT + "retire", "POST") == 303
    for role in ("member", "chair", "board"):
        assert status(clients[role], GESUNDHEIT + "reactivate", "POST") == 403
    with edit(db) as portal:
        assert not portal["bodies"]["ag-gesundheit"].active
    assert status(clients["admin"], GESUNDHEIT + "reactivate", "POST") == 303
    with edit(db) as portal:
        assert portal["bodies"]["ag-gesundheit"].active


# the chair of a working group ----------------------------------------------------------

def test_chair_edits_own_group_but_not_its_kind_or_place(chair, db):
    form = chair.get(SB + "edit").forms["form"]
    assert "kind" not in form.fields and "parent_id" not in form.fields
    form["description"] = "Sprachkurse, Schule, Weiterbildung. Neu: Sprachcafé donnerstags."
    form["email"] = "ag-sprache@example.org"
    response = form.submit("save", status=303)
    assert response.location == "http://localhost" + SB
    page = response.follow()
    assert "Sprachcafé donnerstags" in page.text and "Gremium gespeichert." in page.text
    # a crafted request cannot turn the group into the board (which would make its members "board")
    fields = dict(form.submit_fields("save"))
    fields.update(kind="board", parent_id="")
    chair.post(SB + "edit", list(fields.items()), status=303)
    with edit(db) as portal:
        body = portal["bodies"]["ag-sprache-und-bildung"]
        assert body.kind == "working" and body.parent_id == "runder-tisch"
        assert body.email == "ag-sprache@example.org"


def test_admin_edit_form_has_kind_and_parent(admin):
    form = admin.get(SB + "edit").forms["form"]
    assert form["kind"].value == "working" and form["parent_id"].value == "runder-tisch"
    options = [value for value, _sel, _text in form["parent_id"].options]
    assert "ag-sprache-und-bildung" not in options  # not itself


def test_chair_manages_memberships_of_own_group(chair, db):
    form = chair.get(SB + "memberships/add").forms["form"]
    form["person_id"] = "samir-haddad"
    form["organisation_id"] = "frauennetzwerk-mira-e-v"
    form["role"] = "deputy_chair"
    set_dates(form, start=date(2026, 1, 15))
    form["note"] = "gewählt in der Januarsitzung"
    response = form.submit("save", status=303)
    assert response.location == "http://localhost" + SB + "memberships/"
    listing = response.follow()
    assert "Samir Haddad ist als „stellv. Vorsitz“ eingetragen." in listing.text
    with edit(db) as portal:
        [m] = membership_of(portal, "ag-sprache-und-bildung", "samir-haddad")
        assert (m.role, m.organisation_id, m.start, m.end, m.voting) == (
            "deputy_chair", "frauennetzwerk-mira-e-v", date(2026, 1, 15), None, True)
        name = m.__name__
    # edit it: no voting right after all
    form = chair.get(f"{SB}memberships/{name}/edit").forms["form"]
    assert form["person_id"].value == "samir-haddad"
    form["voting"] = False
    form.submit("save", status=303)
    # end the guest's membership
    token = csrf_token(chair)
    chair.post(SB + "memberships/jens-christiansen/end", {"csrf_token": token}, status=303)
    with edit(db) as portal:
        assert membership_of(portal, "ag-sprache-und-bildung", "samir-haddad")[0].voting is False
        assert membership_of(portal, "ag-sprache-und-bildung", "jens-christiansen")[0].end == date.today()
    # the page of the body now has the deputy right after the chair
    page = chair.get(SB).text
    assert page.index("Agnieszka Nowak") < page.index("Samir Haddad") < page.index("Birte Hansen")
    assert "für" in page and "Frauennetzwerk Mira e. V." in page


def test_chair_gets_403_on_another_group(chair):
    assert status(chair, GESUNDHEIT + "edit") == 403
    assert status(chair, GESUNDHEIT + "memberships/add") == 403
    assert status(chair, GESUNDHEIT + "memberships/claudia-schmidt/edit") == 403
    assert status(chair, GESUNDHEIT + "memberships/claudia-schmidt/end", "POST") == 403
    assert status(chair, "/bodies/add") == 403
    assert status(chair, SB + "retire", "POST") == 403
    page = chair.get(GESUNDHEIT).text
    assert "Gremium bearbeiten" not in page and "Mitglied eintragen" not in page


def test_chair_who_steps_down_loses_the_rights_at_once(chair):
    chair.post(SB + "memberships/agnieszka-nowak/end", {"csrf_token": csrf_token(chair)}, status=303)
    assert status(chair, SB + "edit") == 403
    assert status(chair, SB + "memberships/") == 200  # still a member of the round table


def test_board_has_no_edit_rights_on_bodies_it_does_not_chair(board):
    assert status(board, SB + "edit") == 403
    page = board.get(SB + "memberships/").text
    assert "Bearbeiten" not in page and "Beenden" not in page
    assert status(board, "/bodies/vorstand/edit") == 200  # Aylin Demir chairs the board


# the coordinator creates bodies and memberships through the forms ----------------------------

def test_admin_creates_a_body_through_the_form(admin, anonymous, db):
    form = admin.get("/bodies/add").forms["form"]
    assert form["kind"].value == "working"
    form["name"] = "AG Kinder vor der Schule"
    form["short_name"] = "AG KvS"
    form["field_of_action"] = "early_childhood"
    form["parent_id"] = "runder-tisch"
    form["description"] = "Kita, Tagespflege und Elternarbeit.\n\nTrifft sich monatlich."
    form["email"] = "ag-kvs@example.org"
    response = form.submit("save", status=303)
    assert response.location == "http://localhost/bodies/ag-kinder-vor-der-schule/"
    page = response.follow()
    assert "Gremium „AG Kinder vor der Schule“ angelegt." in page.text
    assert "<h1>AG Kinder vor der Schule</h1>" in page.text
    assert "Kinder vor der Schule" in page.text and "Elternarbeit." in page.text
    assert 'href="http://localhost/bodies/runder-tisch/"' in page.text
    listing = anonymous.get("/bodies/").text
    assert 'href="http://localhost/bodies/ag-kinder-vor-der-schule/"' in listing
    assert "Zurzeit sind keine Mitglieder eingetragen." in anonymous.get(
        "/bodies/ag-kinder-vor-der-schule/").text
    # the parent lists it as a sub-body
    assert "AG Kinder vor der Schule" in anonymous.get("/bodies/runder-tisch/").text
    with edit(db) as portal:
        body = portal["bodies"]["ag-kinder-vor-der-schule"]
        assert (body.kind, body.field_of_action, body.parent_id, body.email) == (
            "working", "early_childhood", "runder-tisch", "ag-kvs@example.org")
        assert "memberships" in body


def test_admin_adds_a_membership_through_the_form(admin, db):
    form = admin.get(GESUNDHEIT + "memberships/add").forms["form"]
    person_options = [text for _v, _s, text in form["person_id"].options][1:]
    assert person_options == sorted(person_options, key=lambda t: t.lower().replace("ö", "o").replace("ü", "u"))
    form["person_id"] = "kwame-mensah"
    form["role"] = "member"
    form["voting"] = False
    set_dates(form, start=date(2026, 2, 1), end=date(2026, 12, 31))
    form.submit("save", status=303)
    with edit(db) as portal:
        [m] = membership_of(portal, "ag-gesundheit", "kwame-mensah")
        assert (m.role, m.voting, m.start, m.end, m.organisation_id) == (
            "member", False, date(2026, 2, 1), date(2026, 12, 31), None)


def test_retired_persons_are_not_offered(admin, db):
    with edit(db) as portal:
        portal["people"]["dawit-tesfaye"].retire()
    form = admin.get(GESUNDHEIT + "memberships/add").forms["form"]
    assert "dawit-tesfaye" not in [v for v, _s, _t in form["person_id"].options]


# validation: messages in the form, nothing stored -----------------------------------------------

def count_bodies(db):
    with edit(db) as portal:
        return len(portal["bodies"])


def field_error(page, name):
    """The error text shown under the field called ``name``."""
    field = page.html.find(attrs={"name": name})
    item = field.find_parent(class_="field")
    errors = item.find_all(class_="field-error")
    return " ".join(e.get_text(" ", strip=True) for e in errors)


def test_body_without_name_is_refused(admin, db):
    before = count_bodies(db)
    form = admin.get("/bodies/add").forms["form"]
    form["field_of_action"] = "health"
    page = form.submit("save")
    assert page.status_int == 200
    assert field_error(page, "name")
    assert page.html.find(attrs={"name": "name"})["aria-invalid"] == "true"
    assert count_bodies(db) == before


def test_working_group_needs_a_field_of_action(admin, db):
    before = count_bodies(db)
    form = admin.get("/bodies/add").forms["form"]
    form["name"] = "AG Ohne Feld"
    page = form.submit("save")
    assert page.status_int == 200
    assert field_error(page, "field_of_action") == "Eine Arbeitsgruppe braucht ein Handlungsfeld."
    assert count_bodies(db) == before
    # another kind does not need one
    form = page.forms["form"]
    form["kind"] = "steering"
    assert form.submit("save").status_int == 303
    assert count_bodies(db) == before + 1


def test_body_name_must_be_unique(admin, db):
    before = count_bodies(db)
    form = admin.get("/bodies/add").forms["form"]
    form["name"] = "ag wohnen"
    form["field_of_action"] = "housing"
    page = form.submit("save")
    assert field_error(page, "name") == "Ein Gremium mit diesem Namen gibt es schon."
    assert count_bodies(db) == before
    # keeping its own name while editing is fine
    form = admin.get(WOHNEN + "edit").forms["form"]
    assert form.submit("save").status_int == 303


def test_body_cannot_be_placed_below_itself(admin, db):
    form = admin.get("/bodies/runder-tisch/edit").forms["form"]
    assert "ag-wohnen" not in [v for v, _s, _t in form["parent_id"].options]  # its own sub-body
    form["parent_id"].force_value("ag-wohnen")
    page = form.submit("save")
    assert "Untergremien untergeordnet" in field_error(page, "parent_id")
    with edit(db) as portal:
        assert portal["bodies"]["runder-tisch"].parent_id is None


def test_membership_ending_before_it_starts_is_refused(admin, db):
    form = admin.get(SB + "memberships/add").forms["form"]
    form["person_id"] = "kwame-mensah"
    set_dates(form, start=date(2026, 3, 1), end=date(2026, 2, 1))
    page = form.submit("save")
    assert page.status_int == 200
    end_input = page.html.find_all("input", {"name": "date"})[1]
    item = end_input.find_parent(class_="field")
    assert "Das Ende darf nicht vor dem Beginn liegen." in item.get_text()
    assert end_input["aria-invalid"] == "true"
    with edit(db) as portal:
        assert membership_of(portal, "ag-sprache-und-bildung", "kwame-mensah") == []


def test_second_current_membership_in_the_same_role_is_refused(admin, db):
    form = admin.get(SB + "memberships/add").forms["form"]
    form["person_id"] = "birte-hansen"
    form["role"] = "member"
    page = form.submit("save")
    assert page.status_int == 200
    message = field_error(page, "person_id")
    assert "Birte Hansen ist in diesem Gremium bereits in der Funktion „Mitglied“ eingetragen" in message
    assert "seit 01.01.2024" in message
    with edit(db) as portal:
        assert len(membership_of(portal, "ag-sprache-und-bildung", "birte-hansen")) == 1
    # the same person in another role is fine
    form = page.forms["form"]
    form["role"] = "deputy_chair"
    assert form.submit("save").status_int == 303


def test_membership_form_requires_person_and_start(admin, db):
    form = admin.get(SB + "memberships/add").forms["form"]
    set_dates(form, start="")
    page = form.submit("save")
    assert field_error(page, "person_id")
    with edit(db) as portal:
        assert len(portal["bodies"]["ag-sprache-und-bildung"].memberships) == 5


# privacy on the body page ---------------------------------------------------------------------

def test_non_consenting_members_are_counted_not_named_to_the_public(anonymous, member):
    public = anonymous.get(SB).text
    assert "Agnieszka Nowak" in public and "Birte Hansen" in public
    assert "Thomas Petersen" not in public and "Jens Christiansen" not in public
    assert "thomas-petersen" not in public
    assert re.search(r"sowie\s*(<span>)?2(</span>)?\s*weitere Mitglieder, die nicht namentlich genannt werden",
                     public)
    internal = member.get(SB).text
    assert "Thomas Petersen" in internal and "Jens Christiansen" in internal
    assert "nicht namentlich" not in internal
    assert 'href="http://localhost/people/thomas-petersen/"' in internal


def test_person_links_only_where_the_viewer_may_see_the_person(anonymous):
    page = anonymous.get("/bodies/runder-tisch/").text
    assert 'href="http://localhost/people/aylin-demir/"' in page
    assert "olena-kovalenko" not in page and "Olena Kovalenko" not in page
    # organisations are public: the consenting delegate is shown "für" hers
    assert re.search(r"für\s*<span><a href=\"http://localhost/organisations/tuerkischer-elternverein", page)


def test_voting_right_and_former_members_are_internal(anonymous, member, admin):
    public = anonymous.get("/bodies/runder-tisch/").text
    assert "Stimmrecht" not in public and "Ehemalige Mitglieder" not in public
    assert "2023" not in public  # the former member's term is not public either
    internal = member.get("/bodies/runder-tisch/").text
    assert "Stimmrecht" in internal and "stimmberechtigt" in internal
    assert "Ehemalige Mitglieder" in internal and "Lena Paulsen" in internal
    assert '<time datetime="2023-12-31">31.12.2023</time>' in internal
    guests = member.get(SB).text
    assert "beratend" in guests  # the guest of AG Sprache und Bildung


def test_former_member_stays_visible_to_internal_viewers_after_end(admin, member, anonymous, db):
    page = admin.get(SB + "memberships/")
    end_form = next(f for f in page.forms.values()
                    if f.action.endswith("/memberships/birte-hansen/end"))
    response = end_form.submit(status=303)
    assert "Die Mitgliedschaft von Birte Hansen ist beendet." in response.follow().text
    today = date.today()
    internal = member.get(SB).html
    former = internal.find(id="h-former").find_parent("section")
    current = internal.find(id="h-members").find_parent("section")
    assert "Birte Hansen" in former.get_text() and "Birte Hansen" not in current.get_text()
    assert former.find("time", datetime=today.isoformat()) is not None
    assert former.find("time", datetime="2024-01-01") is not None
    public = anonymous.get(SB).text
    assert "Birte Hansen" not in public
    listing = member.get(SB + "memberships/").html
    ended = listing.find(id="h-former").find_parent("section")
    assert "Birte Hansen" in ended.get_text()
    with edit(db) as portal:
        [m] = membership_of(portal, "ag-sprache-und-bildung", "birte-hansen")
        assert m.end == today and m.start == date(2024, 1, 1)


def test_ending_twice_keeps_the_first_end_date(admin, db):
    with edit(db) as portal:
        [m] = membership_of(portal, "ag-sprache-und-bildung", "birte-hansen")
        m.end = date.today() - timedelta(days=30)
    token = csrf_token(admin)
    response = admin.post(SB + "memberships/birte-hansen/end", {"csrf_token": token}, status=303)
    assert "besteht zurzeit nicht" in response.follow().text
    with edit(db) as portal:
        assert membership_of(portal, "ag-sprache-und-bildung", "birte-hansen")[0].end == \
            date.today() - timedelta(days=30)


# dissolving -----------------------------------------------------------------------------------

def test_dissolved_body_stays_on_record_listed_for_the_coordinator_only(admin, anonymous, member):
    page = admin.get(GESUNDHEIT)
    retire = next(f for f in page.forms.values() if f.action.endswith("/retire"))
    retire.submit(status=303)
    public_list = anonymous.get("/bodies/").text
    assert "AG Gesundheit" not in public_list and "Aufgelöste Gremien" not in public_list
    assert "Aufgelöste Gremien" not in member.get("/bodies/").text
    admin_list = admin.get("/bodies/").html
    dissolved = admin_list.find(id="group-dissolved").find_parent("section")
    assert "AG Gesundheit" in dissolved.get_text()
    assert dissolved.find("time", datetime=date.today().isoformat()) is not None
    # its page stays at its URL, marked as dissolved, with its members on record
    body_page = anonymous.get(GESUNDHEIT).text
    assert "Dieses Gremium wurde am" in body_page and "Claudia Schmidt" in body_page
    page = admin.get(GESUNDHEIT)
    assert "Gremium wieder aktivieren" in page.text and "Mitglied eintragen" not in page.text
    reactivate = next(f for f in page.forms.values() if f.action.endswith("/reactivate"))
    reactivate.submit(status=303)
    assert "AG Gesundheit" in anonymous.get("/bodies/").text


# escaping and CSRF ----------------------------------------------------------------------------

def test_user_text_is_escaped(admin, anonymous):
    form = admin.get(SB + "edit").forms["form"]
    form["name"] = 'AG <script>alert("x")</script> & Bildung'
    form["description"] = "<img src=x onerror=alert(1)>\n\n<b>fett</b>"
    form.submit("save", status=303)
    page = anonymous.get(SB).text
    assert "<script>alert" not in page and "<img src=x" not in page and "<b>fett" not in page
    assert "AG &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Bildung" in page \
        or "AG &lt;script&gt;alert(\"x\")&lt;/script&gt; &amp; Bildung" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page and "&lt;b&gt;fett&lt;/b&gt;" in page
    assert "&lt;script&gt;" in anonymous.get("/bodies/").text
    form = admin.get(SB + "memberships/birte-hansen/edit").forms["form"]
    form["note"] = "<i>vertraulich</i>"
    form.submit("save", status=303)
    listing = admin.get(SB + "memberships/").text
    assert "&lt;i&gt;vertraulich&lt;/i&gt;" in listing and "<i>vertraulich" not in listing


def test_post_without_csrf_token_is_refused_and_changes_nothing(admin, db):
    response = admin.post(SB + "memberships/birte-hansen/end", {}, expect_errors=True)
    assert response.status_int == 400
    response = admin.post(GESUNDHEIT + "retire", {"csrf_token": "forged"}, expect_errors=True)
    assert response.status_int == 400
    form = admin.get(SB + "edit").forms["form"]
    form["name"] = "Umbenannt ohne Token"
    fields = [(k, v) for k, v in form.submit_fields("save") if k != "csrf_token"]
    assert admin.post(SB + "edit", fields, expect_errors=True).status_int == 400
    form = admin.get(SB + "memberships/add").forms["form"]
    form["person_id"] = "kwame-mensah"
    fields = [(k, v) for k, v in form.submit_fields("save") if k != "csrf_token"]
    assert admin.post(SB + "memberships/add", fields, expect_errors=True).status_int == 400
    with edit(db) as portal:
        body = portal["bodies"]["ag-sprache-und-bildung"]
        assert body.name == "AG Sprache und Bildung"
        assert membership_of(portal, "ag-sprache-und-bildung", "birte-hansen")[0].end is None
        assert membership_of(portal, "ag-sprache-und-bildung", "kwame-mensah") == []
        assert portal["bodies"]["ag-gesundheit"].active


def test_english_interface(member):
    member.get("/language/en?came_from=/bodies/", status=303)
    page = member.get(SB + "memberships/")
    assert '<html lang="en">' in page.text
    # one date format per language across the site (timeutil.format_date)
    assert '<time datetime="2024-01-01">1 Jan 2024</time>' in page.text


def test_quorum_is_set_per_body_by_the_coordinator(admin, chair, db):
    from tests.conftest import edit

    form = admin.get("/bodies/ag-wohnen/edit").forms["form"]
    assert form["quorum_percent"].value == "50"
    form["quorum_percent"] = "150"
    assert "Höchstens 100 Prozent." in form.submit("save").text
    form["quorum_percent"] = "67"
    form.submit("save", status=303)
    with edit(db) as portal:
        assert portal["bodies"]["ag-wohnen"].quorum == 0.67
    # the rules of procedure are not the chair's to change
    assert "quorum_percent" not in chair.get("/bodies/ag-sprache-und-bildung/edit").forms["form"].fields
