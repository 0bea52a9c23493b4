"""The whole public site, as an anonymous visitor finds it, judged by outsiders.

A real ``pserve`` serves the demo portal; every page reachable from the home
page by following links is fetched (same host; not /static/, not the
/language/ switch, not the /login?came_from=… variants; at most MAX_PAGES).
Then:

- no page, linked asset or redirect target answers 5xx, no link is broken;
- every HTML page passes the Nu HTML Checker with no error (one Java run for
  the whole module: German pages, the 404 page, the English pages);
- every HTML page passes axe-core's WCAG 2.1 A/AA rules in chromium;
- no HTML page scrolls sideways on a 390 px phone or a 1280 px desk: neither
  the page nor a box inside it (a wide table must stack, not scroll);
- the 404 page and a few pages with the English locale get the same checks;
- the search: its page with a few fixed queries (the crawl does not follow
  result or filter permutations) including bad input, which must get a
  friendly page, and the machine-readable files (sitemap, robots.txt,
  OpenSearch, feeds) answer without error.
"""
import http.cookiejar
import re
import urllib.error
import urllib.request
from html.parser import HTMLParser
from urllib.parse import urlencode, urljoin, urlsplit, urlunsplit

import pytest

from tests import judges

MAX_PAGES = 800  # two years of public sessions: meeting, minutes and their print pages
NOT_FOUND_PATH = "/no-such-page/at-all"
ENGLISH_PATHS = ["/", "/members", "/login", "/imprint", "/privacy", "/password-reset", "/search?q=Wohnen"]
# fixed search pages judged like the crawled ones, with the status each must answer
SEARCH_PATHS = {"/search": 200, "/search?q=Wohnen": 200, "/search?q=Sitzung&type=meeting&page=2": 200,
                "/search?q=stra%C3%9Fe&year=2099": 200, "/search?q=wohnen&page=9999": 200,
                "/search?q=" + "x" * 300: 400, "/search?body=%3Cscript%3E": 400}
MACHINE_PATHS = {"/sitemap.xml": "application/xml", "/robots.txt": "text/plain",
                 "/opensearch.xml": "application/opensearchdescription+xml",
                 "/minutes.atom": "application/atom+xml", "/search.atom?q=wohnen": "application/atom+xml",
                 "/bodies/ag-wohnen/feed.atom": "application/atom+xml"}
EXPECTED_PUBLIC = ["/", "/members", "/imprint", "/privacy", "/login", "/minutes/"]


class Fetched:
    def __init__(self, url, status, final_url, content_type, body):
        self.url, self.status, self.final_url = url, status, final_url
        self.content_type, self.body = content_type, body

    @property
    def is_html(self):
        return self.content_type.startswith("text/html")

    @property
    def text(self):
        return self.body.decode("utf-8", errors="replace")


def fetch(url, locale=None):
    """GET as an anonymous visitor (redirects followed), any status."""
    request = urllib.request.Request(url, headers={"User-Agent": "roundtable-crawler"})
    if locale:
        request.add_header("Cookie", f"_LOCALE_={locale}")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return Fetched(url, response.status, response.url,
                           response.headers.get("Content-Type", ""), response.read())
    except urllib.error.HTTPError as error:
        return Fetched(url, error.code, error.url or url,
                       error.headers.get("Content-Type", "") if error.headers else "", error.read())


class LinkParser(HTMLParser):
    """Page links (<a href>) and assets (<link href>, <script src>, <img src>)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links, self.assets = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "link" and attrs.get("href"):
            self.assets.append(attrs["href"])
        elif tag in ("script", "img", "source") and attrs.get("src"):
            self.assets.append(attrs["src"])


def normalise(url):
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))


def skipped(path, query):
    return (path.startswith("/static/") or path.startswith("/language/")
            or (path in ("/login", "/search", "/search.atom") and bool(query)))


class Site:
    """The result of crawling: pages by URL, assets, and who links where."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.host = urlsplit(base_url).netloc
        self.pages = {}       # url -> Fetched
        self.assets = {}      # url -> Fetched
        self.linked_from = {}  # url -> first page linking to it
        self.truncated = False
        self._html = None

    def crawl(self, limit=MAX_PAGES):
        start = normalise(self.base_url + "/")
        queue, seen = [start], {start}
        self.linked_from[start] = "(start)"
        while queue:
            if len(self.pages) >= limit:
                self.truncated = True
                break
            url = queue.pop(0)
            page = self.pages[url] = fetch(url)
            if not page.is_html:
                continue
            parser = LinkParser()
            parser.feed(page.text)
            base = page.final_url
            for href in parser.assets:
                target = normalise(urljoin(base, href))
                if urlsplit(target).netloc == self.host and target not in self.assets:
                    self.assets[target] = fetch(target)
                    self.linked_from.setdefault(target, url)
            for href in parser.links:
                if href.startswith(("mailto:", "tel:", "javascript:", "#")):
                    continue
                target = normalise(urljoin(base, href))
                parts = urlsplit(target)
                if parts.scheme not in ("http", "https") or parts.netloc != self.host:
                    continue
                if skipped(parts.path, parts.query) or target in seen:
                    continue
                seen.add(target)
                self.linked_from[target] = url
                queue.append(target)
        return self

    def path(self, url):
        parts = urlsplit(url)
        return parts.path + (f"?{parts.query}" if parts.query else "")

    def html_pages(self):
        """HTML pages to judge, once each: not error pages (``test_no_link_is_broken``
        reports those), not the login page again after a redirect to it."""
        if self._html is None:
            self._html = {}
            for page in self.pages.values():
                final = urlsplit(page.final_url)
                if page.is_html and page.status < 400 and not skipped(final.path, final.query):
                    self._html.setdefault(normalise(page.final_url), page)
        return self._html


@pytest.fixture(scope="module")
def live_server():
    """A server of its own, so the browser tests' changes do not leak in."""
    server = judges.LiveServer()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def site(live_server):
    return Site(live_server.base_url).crawl()


@pytest.fixture(scope="module")
def not_found(live_server):
    return {"de": fetch(live_server.base_url + NOT_FOUND_PATH),
            "en": fetch(live_server.base_url + NOT_FOUND_PATH, locale="en")}


@pytest.fixture(scope="module")
def english(live_server, site):
    """The fixed English paths plus the first few other pages the crawl found."""
    paths = list(ENGLISH_PATHS)
    for url in site.html_pages():
        path = site.path(url)
        if path not in paths and len(paths) < len(ENGLISH_PATHS) + 4:
            paths.append(path)
    return {path: fetch(live_server.base_url + path, locale="en") for path in paths}


@pytest.fixture(scope="module")
def login_with_errors(live_server):
    """The login page after submitting it empty, as a browser would (session, CSRF)."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    with opener.open(live_server.base_url + "/login", timeout=30) as response:
        form = response.read().decode("utf-8")
    fields = dict(re.findall(r'<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"', form))
    assert "csrf_token" in fields, "the login form carries no CSRF token"
    data = urlencode({**fields, "login": "", "password": "", "submit": "submit"}).encode()
    try:
        with opener.open(live_server.base_url + "/login", data=data, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


@pytest.fixture(scope="module")
def search_pages(live_server):
    return {path: fetch(live_server.base_url + path) for path in SEARCH_PATHS}


@pytest.fixture(scope="module")
def html_errors(site, not_found, english, login_with_errors, search_pages):
    """One Nu checker run over every document the module judges."""
    documents = {site.path(url): page.body for url, page in site.html_pages().items()}
    for path, page in search_pages.items():
        documents[f"{path} (search)"] = page.body
    documents["/login (with errors)"] = login_with_errors[1]
    documents[f"{NOT_FOUND_PATH} (404)"] = not_found["de"].body
    documents[f"{NOT_FOUND_PATH} (404) [en]"] = not_found["en"].body
    for path, page in english.items():
        documents[f"{path} [en]"] = page.body
    return judges.check_html(documents)


def axe_pages(browser, base_url, paths, locale=None):
    """axe-core's violations per path, all in one fresh browser context."""
    context = browser.new_context(base_url=base_url, locale=locale, axe=True)
    try:
        page = context.new_page()
        results = {}
        for path in paths:
            page.goto(path, wait_until="load")
            results[path] = browser.axe(page)
        return results
    finally:
        context.close()


def test_the_crawl_reaches_the_public_site(site):
    paths = {site.path(url) for url in site.pages}
    missing = [p for p in EXPECTED_PUBLIC if p not in paths]
    assert not missing, f"not reachable from the home page: {missing}; found {sorted(paths)}"
    assert not site.truncated, f"more than {MAX_PAGES} public pages; raise MAX_PAGES"
    print(f"\ncrawled {len(site.pages)} pages, {len(site.html_pages())} HTML, "
          f"{len(site.assets)} assets")


def test_no_page_answers_a_server_error(site):
    failures = [f"{r.status} {site.path(url)} (linked from {site.path(site.linked_from.get(url, ''))})"
                for url, r in {**site.pages, **site.assets}.items() if r.status >= 500]
    assert not failures, "server errors:\n  " + "\n  ".join(failures)


def test_no_link_is_broken(site):
    broken = [f"{r.status} {site.path(url)} (linked from {site.path(site.linked_from.get(url, ''))})"
              for url, r in {**site.pages, **site.assets}.items() if r.status >= 400]
    assert not broken, "broken links for an anonymous visitor:\n  " + "\n  ".join(broken)


def test_every_public_page_is_valid_html(site, html_errors):
    paths = {site.path(url) for url in site.html_pages()}
    errors = {path: msgs for path, msgs in html_errors.items() if path in paths}
    assert not errors, judges.format_html_errors(errors)


# what scrolls sideways on the loaded page: the page itself, or a box in it that scrolls
SIDEWAYS = """() => {
  const found = [];
  const root = document.documentElement;
  if (root.scrollWidth > window.innerWidth) found.push(`the page (${root.scrollWidth}px)`);
  for (const el of document.querySelectorAll('body *')) {
    if (el.scrollWidth > el.clientWidth + 1 && ['auto', 'scroll'].includes(getComputedStyle(el).overflowX))
      found.push(`${el.tagName.toLowerCase()}.${el.className} (${el.scrollWidth}px in ${el.clientWidth}px)`);
  }
  return found;
}"""
PHONE, DESK = {"width": 390, "height": 844}, {"width": 1280, "height": 800}


def sideways(browser, base_url, paths, viewport):
    """{path: what scrolls sideways} for the paths at one viewport size."""
    context = browser.new_context(base_url=base_url, viewport=viewport)
    try:
        page = context.new_page()
        found = {}
        for path in paths:
            page.goto(path, wait_until="load")
            wide = page.evaluate(SIDEWAYS)
            if wide:
                found[path] = wide
        return found
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESK], ids=["390px", "1280px"])
def test_no_public_page_scrolls_sideways(browser, live_server, site, viewport):
    paths = [site.path(url) for url in site.html_pages()]
    found = sideways(browser, live_server.base_url, paths, viewport)
    assert not found, f"{len(found)} page(s) scroll sideways at {viewport['width']}px:\n  " + "\n  ".join(
        f"{path}: {', '.join(what[:3])}" for path, what in sorted(found.items())[:30])


def test_every_public_page_passes_axe(browser, live_server, site):
    paths = [site.path(url) for url in site.html_pages()]
    results = axe_pages(browser, live_server.base_url, paths)
    assert not any(results.values()), judges.format_axe_violations(results)


def test_the_not_found_page(browser, live_server, not_found, html_errors):
    page = not_found["de"]
    assert page.status == 404
    assert page.is_html and 'class="skip-link"' in page.text and "<main" in page.text
    assert "Seite nicht gefunden" in page.text
    errors = {k: v for k, v in html_errors.items() if k.startswith(f"{NOT_FOUND_PATH} (404)")}
    assert not errors, judges.format_html_errors(errors)
    results = axe_pages(browser, live_server.base_url, [NOT_FOUND_PATH])
    results.update({f"{p} [en]": v for p, v in axe_pages(
        browser, live_server.base_url, [NOT_FOUND_PATH], locale="en").items()})
    assert not any(results.values()), judges.format_axe_violations(results)


def test_the_login_page_is_public_and_clean(site, html_errors):
    url = normalise(site.base_url + "/login")
    login = site.pages.get(url)
    assert login is not None and login.status == 200
    assert 'name="login"' in login.text and 'type="password"' in login.text
    assert url in site.html_pages()  # so it is judged by the Nu checker and axe above
    assert not html_errors.get("/login"), judges.format_html_errors({"/login": html_errors["/login"]})


def test_the_login_form_with_errors(browser, live_server, login_with_errors, html_errors):
    """Error messages are rendered by the shared deform templates: judge them too."""
    status, text = login_with_errors
    assert status == 200 and 'aria-invalid="true"' in text, text[:2000]
    errors = {k: v for k, v in html_errors.items() if k == "/login (with errors)"}
    assert not errors, judges.format_html_errors(errors)
    context = browser.new_context(base_url=live_server.base_url, axe=True)
    try:
        page = context.new_page()
        page.goto("/login")
        page.locator("form#form button[type=submit]").click()
        page.wait_for_selector("[aria-invalid=true]")
        results = {"/login (with errors)": browser.axe(page)}
    finally:
        context.close()
    assert not any(results.values()), judges.format_axe_violations(results)


def test_english_pages(browser, live_server, english, html_errors):
    problems = [f"{r.status} {p}" for p, r in english.items() if r.status != 200]
    assert not problems, f"English pages not answering 200: {problems}"
    not_english = [p for p, r in english.items() if not re.search(r'<html[^>]*\blang="en"', r.text)]
    assert not not_english, f"pages without <html lang=\"en\"> under the English locale: {not_english}"
    errors = {k: v for k, v in html_errors.items() if k.endswith(" [en]") and "(404)" not in k}
    assert not errors, judges.format_html_errors(errors)
    results = axe_pages(browser, live_server.base_url, list(english), locale="en")
    assert not any(results.values()), judges.format_axe_violations(results)


def test_the_search_pages(browser, live_server, search_pages, html_errors):
    """Fixed queries, also odd ones: the expected status, valid HTML, no axe violation."""
    wrong = [f"{r.status} {p} (expected {SEARCH_PATHS[p]})" for p, r in search_pages.items()
             if r.status != SEARCH_PATHS[p]]
    assert not wrong, "search pages:\n  " + "\n  ".join(wrong)
    assert all('role="search"' in r.text for r in search_pages.values())
    errors = {k: v for k, v in html_errors.items() if k.endswith(" (search)")}
    assert not errors, judges.format_html_errors(errors)
    results = axe_pages(browser, live_server.base_url, list(SEARCH_PATHS))
    assert not any(results.values()), judges.format_axe_violations(results)


def test_the_files_for_machines(live_server):
    problems = []
    for path, content_type in MACHINE_PATHS.items():
        r = fetch(live_server.base_url + path)
        if r.status != 200 or not r.content_type.startswith(content_type):
            problems.append(f"{r.status} {r.content_type} {path}")
    assert not problems, "files for machines:\n  " + "\n  ".join(problems)
