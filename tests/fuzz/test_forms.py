"""Every form and upload under generated input, posted through WebTest with the
session's valid CSRF token: never a 5xx, never markup echoed unescaped, and a
refused post leaves the database exactly as it was (no transaction at all)."""
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from webtest.forms import Submit, Upload

from tests.fuzz.strategies import texts
from tests.meetings.helpers import create_meetings

SCRIPT = "<script>alert(1)</script>"
IMPORTED = re.compile(r"\b[1-9][0-9]* importiert")
# Fields deform and the CSRF check need to recognise the post at all; the rest is fuzzed.
PROTECTED = {"csrf_token", "__formid__", "_charset_", "__start__", "__end__"}
FUZZ = settings(max_examples=25, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

FORMS = [
    ("admin", "/people/add"), ("admin", "/people/kwame-mensah/edit"),
    ("admin", "/organisations/add"), ("admin", "/bodies/add"), ("admin", "/bodies/ag-wohnen/edit"),
    ("admin", "/bodies/ag-wohnen/memberships/add"), ("admin", "/bodies/ag-wohnen/meetings/add"),
    ("admin", "{wohnen}edit"), ("admin", "{wohnen}agenda/add"), ("admin", "{wohnen}agenda/top-1/edit"),
    ("admin", "{past}minutes/edit"), ("admin", "{past}minutes/edit/top-1"),
    ("admin", "/users/invite"), ("admin", "/settings"), ("admin", "/account"),
    ("anonymous", "/login"), ("anonymous", "/password-reset"),
]
UPLOADS = [("admin", "/people/import"), ("admin", "/organisations/import"),
           ("admin", "{wohnen}agenda/top-1/upload")]


@pytest.fixture
def site(admin, anonymous, db):
    """One database for all targets (a full setup per target would dominate the run)."""
    urls = create_meetings(db)
    clients = {"admin": admin, "anonymous": anonymous}
    page = admin.get(urls["past"] + "create-minutes")
    [form] = [f for f in page.forms.values() if (f.action or "").endswith("/create-minutes")]
    form.submit(status=303)
    return clients, urls


def the_form(client, path, field=None):
    """The page's own form: deform's ``form``, or the one with ``field`` (not the
    header's logout form)."""
    page = client.get(path)
    unique = {id(f): f for f in page.forms.values()}.values()  # listed by index and by id
    forms = [f for f in unique if "csrf_token" in f.fields and f.method.upper() == "POST"
             and not (f.action or "").endswith("/logout")]
    forms = [f for f in forms if (field in f.fields if field else f.id == "form")]
    assert len(forms) == 1, f"no single form on {path}"
    return forms[0]


def submit_button(form):
    for name, fields in form.fields.items():
        if name and any(isinstance(f, Submit) for f in fields):
            return name
    return None


# Refusals that are written down by design: a failed login is counted by the
# throttle (roundtable/accounts/throttle.py), in the database so that every
# process sees it.
RECORDED_REFUSALS = {"/login"}


def check_post(client, db, action, params, posted):
    before = db.storage.lastTransaction()
    response = client.post(action, params=params, expect_errors=True)
    assert response.status_int < 500, (action, params, response.text[-2000:])
    if SCRIPT in posted:
        assert SCRIPT not in response.text, (action, params)
    if not accepted(response) and action not in RECORDED_REFUSALS:
        assert db.storage.lastTransaction() == before, ("refused but stored", action, params)
    elif response.status_int == 303:
        # as a browser does: the next page shows (and so removes) the stored
        # flash message, which a later refused post must not be blamed for
        response.follow(expect_errors=True)


def accepted(response):
    """A redirect after saving, or a CSV import's report that rows were imported
    (good rows are stored, bad ones listed: by design not all or nothing)."""
    return response.status_int == 303 or bool(IMPORTED.search(response.text))


def fuzz_form(client, db, path):
    form = the_form(client, path)
    button = submit_button(form)
    assert button, f"no submit button on {path}"
    fields = form.submit_fields(button)
    action = form.action or path

    @FUZZ
    @given(data=st.data())
    def post(data):
        params, posted = [], []
        for name, value in fields:
            if name in PROTECTED or name == button:
                params.append((name, value))
                continue
            choice = data.draw(st.sampled_from(("keep", "fuzz", "fuzz", "drop")))
            if choice == "keep":
                params.append((name, value))
            elif choice == "fuzz":
                value = data.draw(texts)
                posted.append(value)
                params.append((name, value))
        check_post(client, db, action, params, posted)

    post()


def each_target(site, targets, fuzz):
    clients, urls = site
    for role, path in targets:
        path = path.format(**urls).replace("//", "/")
        try:
            fuzz(clients[role], path)
        except Exception as exc:
            raise AssertionError(f"{role} on {path}: {exc}") from exc


def test_every_form_refuses_or_stores_cleanly(site, db):
    each_target(site, FORMS, lambda client, path: fuzz_form(client, db, path))


files = st.one_of(
    st.binary(max_size=300),
    st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.sampled_from([b"", b"\xef\xbb\xbf", b"%PDF-1.4\n", b"\x89PNG\r\n\x1a\n", b"PK\x03\x04",
                     "Vorname;Nachname\r\n;\r\n\"\"\";\r\n".encode(), b"a;b\n" * 2000,
                     "Name;Art\r\nX;" .encode() + b"\xff\xfe"]),
)


def fuzz_upload(client, db, path):
    form = the_form(client, path, field="upload")
    button = submit_button(form)
    fields = [(n, v) for n, v in form.submit_fields(button) if n != "upload"]
    action = form.action or path

    @FUZZ
    @given(content=files, filename=texts, content_type=st.sampled_from(
        ["text/csv", "application/pdf", "image/png", "application/octet-stream", "", "text/html"]),
        title=texts)
    def post(content, filename, content_type, title):
        params = [(n, title if n == "title" else v) for n, v in fields]
        params.append(("upload", Upload(filename or "x", content, content_type or None)))
        check_post(client, db, action, params, [filename, title])

    post()


def test_every_upload_refuses_or_stores_cleanly(site, db):
    each_target(site, UPLOADS, lambda client, path: fuzz_upload(client, db, path))
