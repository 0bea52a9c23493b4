"""Shared helpers of the newsletter tests: lists, subscribers, signed links."""
import re

from roundtable.newsletter.resources import MailingList
from tests.conftest import edit

WEEKLY = "verteiler-zusammenleben"
SECRET = "test-secret"


def make_list(db, name="test-liste", title="Testliste", public=True, **kw):
    with edit(db) as portal:
        newsletter = portal["newsletter"]
        if name not in newsletter:
            newsletter.add(MailingList(title, "koordination@example.org", sender_name="Koordinierungsstelle",
                                       public_signup=public, **kw), name=name)
    return name


def add_subscribers(db, list_name, emails, language="de"):
    with edit(db) as portal:
        subs = portal["newsletter"].subscribers
        return [subs.subscribe_confirmed(e, [list_name], language=language, source="test").id
                for e in emails]


def csrf(page):
    return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)


def links_in(text):
    return re.findall(r"https?://[^\s<>\"]+", text)


def set_radio(form, value):
    """deform names radio groups by their field id; pick the group offering ``value``."""
    for name, fields in form.fields.items():
        if fields and fields[0].__class__.__name__ == "Radio" and value in [o[0] for o in fields[0].options]:
            form[name] = value
            return
    raise KeyError(value)
