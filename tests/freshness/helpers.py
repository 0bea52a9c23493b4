"""Shared set-up for the freshness tests: the demo's public pages, found the way
a crawler finds them (the sitemap), and changes made as the coordinator makes
them (her forms, posted through the app)."""
import re
from types import SimpleNamespace

from webtest import TestApp

from roundtable import freshness

SITEMAP_LOC = re.compile(r"<loc>http://localhost([^<]+)</loc>")


def public_site(app):
    """The URLs of one public page of each kind, from the sitemap."""
    paths = SITEMAP_LOC.findall(TestApp(app).get("/sitemap.xml").text)

    def first(pattern, exclude=None):
        found = [p for p in paths if re.fullmatch(pattern, p)
                 and not (exclude and re.search(exclude, p))]
        assert found, pattern
        return found[0]

    minutes = first(r"/bodies/[^/]+/meetings/[^/]+/minutes/")
    meeting = minutes[:-len("minutes/")]
    body = "/".join(meeting.split("/")[:3]) + "/"
    members = TestApp(app).get("/members").text
    person = re.findall(r'href="http://localhost(/people/[^/"]+/)"', members)[0]
    issue = first(r"/newsletter/[^/]+/[^/]+/")
    # a motion past its decision, which takes notes on its implementation
    rows = TestApp(app).get("/motions/").text.split("<tr")
    motion = next(re.search(r'href="http://localhost(/motions/[^/"]+/)"', row).group(1)
                  for row in rows if "state-decided" in row or "state-implementation" in row)
    return SimpleNamespace(
        minutes=minutes, meeting=meeting, body=body,
        month=meeting.rstrip("/").rsplit("/", 1)[1][:7],
        motion=motion,
        committee=first(r"/committees/[^/]+/"),
        person=person,
        organisation=first(r"/organisations/[^/]+/"),
        issue=issue, mailing_list=issue.rsplit("/", 2)[0] + "/",
        concept=first(r"/concept/[^/]+/"),
        measure=first(r"/concept/[^/]+/[^/]+/", exclude="/reports/"),
        report=first(r"/concept/[^/]+/reports/[^/]+/"),
    )


def submit(client, url, button="save", **fields):
    """Fill the page's form (``id="form"``) as a person would and send it."""
    form = client.get(url).forms["form"]
    for name, value in fields.items():
        form[name] = value
    return form.submit(button, status=303)


def cached(app):
    return len(freshness.page_cache(app.registry))
