"""Small helpers for the register's functional tests."""
import re

# Demo persons (see roundtable.demo): who consented to be named publicly.
NAMED = "mahmoud-al-hassan"     # consented; delegate of the Syrian-German club, on the board
NAMED_NAME = "Mahmoud Al-Hassan"
NAMED_EMAIL = "mahmoud.al.hassan@example.org"
NAMED_PHONE = "0461 85-1001"
NAMED_ORG = "syrisch-deutscher-kulturverein-e-v"
MEMBER_PERSON = "kwame-mensah"  # the member user's own record (has an account)
UNNAMED = "olena-kovalenko"     # did not consent; delegate of the Ukrainian club
UNNAMED_NAME = "Kovalenko"
UNNAMED_ORG = "ukrainischer-verein-nordlicht-e-v"
ORG = "diakonisches-werk-flensburg"

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_token(client):
    """The session's CSRF token as a browser has it: from a form on a page."""
    for path in ("/", "/login"):
        match = CSRF.search(client.get(path).text)
        if match:
            return match.group(1)
    raise AssertionError("no CSRF token found on / or /login")


def form_with_action(page, suffix):
    """The form on ``page`` whose action ends with ``suffix``."""
    for form in page.forms.values():
        if (form.action or "").endswith(suffix):
            return form
    raise AssertionError(f"no form with action …{suffix} on {page.request.url}")


def check(form, name, values):
    """Tick the checkboxes called ``name`` whose value is in ``values`` (untick the others)."""
    found = set()
    for field in form.fields.get(name, []):
        field.checked = field._value in values
        if field.checked:
            found.add(field._value)
    assert found == set(values), f"checkboxes not offered: {set(values) - found}"


def main_html(response):
    """The page's <main> element, to look at content without the header."""
    text = response.text
    return text[text.index("<main"):text.index("</main>")]
