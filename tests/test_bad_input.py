"""Bad input never gives a 500: invalid UTF-8 in a path, query or form body
answers 400; a CR/LF in ``came_from`` is refused; single-line fields refuse
control characters at validation, so a body's name cannot break its feeds."""
import itertools
from urllib.parse import unquote_to_bytes

import pytest
from webob import Request

from tests.people.helpers import csrf_token

BAD_BYTES = ["%ff", "%c3%28", "%e2%82", "%80abc", "%ed%a0%80", "%f8%88%80%80%80"]
PLACES = ["/{bad}", "/bodies/{bad}/", "/bodies/ag-wohnen/{bad}", "/search?q={bad}", "/meetings?body={bad}",
          "/login?came_from={bad}", "/calendar.ics?body={bad}", "/people/?q=x{bad}", "/static/{bad}.css",
          "/language/en?came_from=/{bad}", "/bodies/ag-wohnen/calendar.ics?x={bad}", "/?{bad}={bad}"]


def raw_get(app, client, path_qs):
    """GET exactly these bytes, as a server hands them over (WebTest itself
    chokes on such URLs before the app sees them)."""
    path, _, query = path_qs.partition("?")
    request = Request.blank("/")
    request.environ["PATH_INFO"] = unquote_to_bytes(path).decode("latin-1")
    request.environ["QUERY_STRING"] = query
    request.environ["HTTP_COOKIE"] = "; ".join(f"{k}={v}" for k, v in client.cookies.items())
    return request.get_response(app)


@pytest.mark.parametrize("place", PLACES)
def test_invalid_utf8_in_path_or_query_is_a_400(app, clients, place):
    for bad, role in itertools.product(BAD_BYTES, ("anonymous", "admin")):
        response = raw_get(app, clients[role], place.format(bad=bad))
        assert response.status_int == 400, (role, place.format(bad=bad), response.status)
        assert "nosniff" in response.headers["X-Content-Type-Options"]
        if "?" in place and "{bad}" not in place.split("?")[0]:
            assert "Die Anfrage ist ungültig kodiert." in response.text  # inside the layout


def test_invalid_utf8_in_a_form_body_is_a_400(admin):
    token = csrf_token(admin)
    body = f"csrf_token={token}&given_name=%ff%fe&family_name=X&save=save".encode()
    response = admin.post("/people/add", body, content_type="application/x-www-form-urlencoded",
                          expect_errors=True)
    assert response.status_int == 400


def test_valid_utf8_still_works(anonymous):
    assert anonymous.get("/search?q=stra%C3%9Fe").status_int == 200
    assert anonymous.get("/bodies/ag-wohnen/").status_int == 200


@pytest.mark.parametrize("came_from", ["/%0d%0aSet-Cookie:%20x=1", "/account%0aLocation:%20https://evil.example",
                                       "/\\evil.example", "/%00"])
def test_control_characters_in_came_from_are_refused(anonymous, came_from):
    from tests.conftest import PASSWORD, ROLE_USERS

    page = anonymous.get("/login?came_from=" + came_from)
    form = page.forms["form"]
    form["login"] = ROLE_USERS["member"][0]
    form["password"] = PASSWORD
    response = form.submit("submit", expect_errors=True)
    assert response.status_int == 303, response.status
    assert response.location == "http://localhost/"
    switched = anonymous.get("/language/en?came_from=" + came_from, status=303)
    assert switched.location == "http://localhost/"


def test_hidden_came_from_field_with_crlf_does_not_break_the_login(anonymous):
    from tests.conftest import PASSWORD, ROLE_USERS

    form = anonymous.get("/login").forms["form"]
    form["login"] = ROLE_USERS["member"][0]
    form["password"] = PASSWORD
    form["came_from"] = "/account\r\nSet-Cookie: x=1"
    response = form.submit("submit", expect_errors=True)
    assert response.status_int < 500
    assert "Set-Cookie: x" not in str(response.headers)


@pytest.mark.parametrize("value", ["AG Wohnen\r\nX-Injected: 1", "AG\tWohnen", "AG Wohnen\x00", "AG\x85Wohnen"])
def test_control_characters_in_a_single_line_field_are_refused(admin, anonymous, value):
    form = admin.get("/bodies/ag-wohnen/edit").forms["form"]
    form["name"] = value
    response = form.submit("save")
    assert response.status_int == 200
    assert "Bitte ohne Zeilenumbrüche und Steuerzeichen eingeben." in response.text
    assert anonymous.get("/bodies/ag-wohnen/calendar.ics").status_int == 200
    assert anonymous.get("/calendar.ics").status_int == 200


def test_multi_line_fields_keep_their_line_breaks(admin):
    form = admin.get("/bodies/ag-wohnen/edit").forms["form"]
    textareas = [name for name, fields in form.fields.items()
                 if fields and fields[0].tag == "textarea"]
    assert textareas, "the body form has a description"
    form[textareas[0]] = "Erster Absatz.\r\n\r\nZweiter Absatz."
    assert form.submit("save").status_int == 303


def test_csv_import_refuses_control_characters_in_names(admin, db):
    from tests.conftest import edit

    page = admin.get("/people/import")
    form = [f for f in page.forms.values() if "file" in f.fields or "upload" in f.fields][0]
    field = "file" if "file" in form.fields else "upload"
    data = 'Vorname;Nachname\n"Zeilen\numbruch";Test\n'.encode("utf-8")
    from webtest.forms import Upload

    form[field] = Upload("personen.csv", data, "text/csv")
    buttons = [n for n, fs in form.fields.items() if n and fs and getattr(fs[0], "tag", "") == "button"]
    response = form.submit(buttons[0] if buttons else None, expect_errors=True)
    assert response.status_int < 500
    with edit(db) as portal:
        assert not any("umbruch" in p.title for p in portal["people"].values())
