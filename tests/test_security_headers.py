"""Security headers on every response, and pages that keep within the CSP.

The policy forbids inline script and style attributes, so a page that used
them would silently break; the crawl below (as the coordinator and as an
anonymous visitor) fails on any such markup.
"""
import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from webtest import TestApp

import roundtable
from roundtable.views.headers import CSP
from tests.conftest import make_settings

MAX_PAGES = 120


def directives(header):
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def test_csp_forbids_inline_script_and_framing():
    policy = directives(CSP)
    assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"] and policy["object-src"] == ["'none'"]
    assert not any("unsafe" in " ".join(values) for values in policy.values())


@pytest.mark.parametrize("path,status", [("/", 200), ("/no/such/page", 404), ("/static/css/site.css", 200),
                                        ("/login", 200), ("/calendar.ics", 200)])
def test_headers_on_every_kind_of_response(anonymous, path, status):
    response = anonymous.get(path, status=status)
    assert response.headers["Content-Security-Policy"] == CSP
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "Strict-Transport-Security" not in response.headers  # development: no HTTPS
    assert "no-store" not in response.headers.get("Cache-Control", "")


def test_pages_of_a_logged_in_person_are_not_stored(member, anonymous):
    for path in ("/", "/account", "/my-meetings", "/no/such/page"):
        response = member.get(path, expect_errors=True)
        assert response.headers["Cache-Control"] == "private, no-store", path
    assert "no-store" not in anonymous.get("/").headers.get("Cache-Control", "")


def test_hsts_in_production(tmp_path):
    settings = make_settings(tmp_path, **{"roundtable.production": "true",
                                          "roundtable.secret": "Zx81-qwe7Yt55LpmnBv0r3Aa-9hJkL2mN4pQ",
                                          "roundtable.base_url": "https://rt.example.org",
                                          "roundtable.demo_data": "false"})
    wsgi = roundtable.main({}, **settings)
    try:
        response = TestApp(wsgi).get("/")
        assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    finally:
        wsgi.registry._zodb_databases[""].close()


class InlineFinder(HTMLParser):
    """Links to follow and markup the CSP would block."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links, self.problems = [], []
        self._svg = 0
        self._script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "svg":
            self._svg += 1
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "script":
            if not attrs.get("src") and attrs.get("type") not in ("application/ld+json", "application/json"):
                self.problems.append("inline <script>")
        for name in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…>")
            if name == "style":
                self.problems.append(f"<{tag} style=…>")
        if tag == "style":
            self.problems.append("<style> element")
        if any((value or "").strip().lower().startswith("javascript:") for value in attrs.values()):
            self.problems.append(f"<{tag} …javascript:…>")

    def handle_endtag(self, tag):
        if tag == "svg":
            self._svg -= 1


SKIP = re.compile(r"^/(static|language)/|/logout|\.(ics|pdf|csv|atom|xml|txt|zip)$|/login\?")


def crawl(client, start="/"):
    seen, queue, problems = set(), [start], {}
    while queue and len(seen) < MAX_PAGES:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path, expect_errors=True)
        assert response.status_int < 500, (path, response.status)
        if response.status_int in (301, 302, 303):
            target = urlsplit(response.location)
            queue.append(target.path + ("?" + target.query if target.query else ""))
            continue
        if not response.content_type.startswith("text/html"):
            continue
        finder = InlineFinder()
        finder.feed(response.text)
        if finder.problems:
            problems[path] = sorted(set(finder.problems))
        for href in finder.links:
            url = urlsplit(urljoin("http://localhost" + path, href))
            if url.netloc != "localhost":
                continue
            target = url.path + ("?" + url.query if url.query else "")
            if not SKIP.search(target) and target not in seen and target.count("?") <= 1 and "page=" not in target:
                queue.append(target)
    return seen, problems


@pytest.mark.parametrize("role", ["anonymous", "admin"])
def test_no_page_relies_on_inline_script_or_style(clients, role):
    seen, problems = crawl(clients[role])
    assert len(seen) > 40
    assert not problems, problems
