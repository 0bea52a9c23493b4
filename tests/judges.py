"""Independent judges for the test suite: the Nu HTML Checker, axe-core in chromium
and a real ``pserve`` server to point the browser at.

Nothing here is part of the application; the judges are third-party tools
installed by ``make test`` (``npm ci`` for vnu-jar and axe-core, Debian's
chromium and a Java runtime), so the application is measured by someone
other than itself.

- ``check_html(documents)`` validates many HTML strings in ONE run of the Nu
  checker (Java start-up costs a second or two, so always batch);
- ``Browser`` launches ``/usr/bin/chromium`` through Playwright once and hands
  out fresh contexts; ``Browser.axe(page)`` runs axe-core's WCAG 2.1 A/AA rules;
- ``LiveServer`` runs ``pserve`` on a temp copy of ``development.ini`` (own
  FileStorage, own mail directories, demo data) on a free port on 127.0.0.1
  and reads the administrator's one-time password from its log;
- ``shared(name, factory)`` lets several test modules share one server or
  browser per run (a fixture imported into two modules would start two).
"""
import atexit
import configparser
import contextlib
import glob
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
INSTALL_HINT = "run `make judges` (npm ci, chromium, java) or `make test`"


class JudgeMissing(RuntimeError):
    """A judge is not installed; the message says how to install it."""


# --------------------------------------------------------------------------
# Nu HTML Checker
# --------------------------------------------------------------------------

def vnu_jar():
    """The path of vnu.jar from the npm package vnu-jar."""
    candidates = [NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"]
    candidates += [Path(p) for p in sorted(glob.glob(str(NODE_MODULES / "vnu-jar" / "**" / "vnu.jar"),
                                                     recursive=True))]
    for path in candidates:
        if path.is_file():
            return path
    raise JudgeMissing(f"vnu.jar not found under {NODE_MODULES}/vnu-jar; {INSTALL_HINT}")


def java():
    found = shutil.which("java") or ("/usr/bin/java" if os.path.exists("/usr/bin/java") else None)
    if not found:
        raise JudgeMissing(f"no java on PATH; {INSTALL_HINT}")
    return found


def check_html(documents):
    """Validate HTML documents with the Nu HTML Checker in a single Java run.

    ``documents`` maps a name (usually the URL) to the HTML text, or is an
    iterable of ``(name, html)`` pairs. Returns ``{name: [message, ...]}`` for
    the documents with errors only, so a clean batch gives ``{}``. Each message
    reads ``line N: message «extract»``.
    """
    items = list(documents.items() if isinstance(documents, dict) else documents)
    if not items:
        return {}
    with tempfile.TemporaryDirectory(prefix="vnu-") as tmp:
        by_file = {}
        for index, (name, html) in enumerate(items):
            path = Path(tmp) / f"doc{index:04d}.html"
            path.write_bytes(html.encode("utf-8") if isinstance(html, str) else html)
            by_file[str(path)] = name
        command = [java(), "-Xss8m", "-jar", str(vnu_jar()), "--errors-only", "--format", "json",
                   *by_file]
        proc = subprocess.run(command, capture_output=True, text=True, timeout=300)
    output = proc.stderr or proc.stdout or "{}"
    # The JVM may print notes (JAVA_TOOL_OPTIONS …) before vnu's JSON.
    output = output[output.find('{"messages"'):] if '{"messages"' in output else output
    try:
        report = json.loads(output)
    except json.JSONDecodeError:
        raise RuntimeError(f"vnu did not answer JSON (exit {proc.returncode}):\n"
                           f"{proc.stdout}\n{proc.stderr}") from None
    errors = {}
    for message in report.get("messages", []):
        if message.get("type") not in ("error", "non-document-error"):
            continue
        url = message.get("url", "")
        path = unquote(urlsplit(url).path) if url.startswith("file:") else url
        name = by_file.get(path, by_file.get(os.path.realpath(path), url or "?"))
        line = message.get("lastLine") or message.get("firstLine")
        where = f"line {line}: " if line else ""
        extract = (message.get("extract") or "").strip().replace("\n", " ")
        text = f"{where}{message.get('message', '').strip()}"
        if extract:
            text += f"  «{extract[:120]}»"
        errors.setdefault(name, []).append(text)
    if proc.returncode not in (0, 1) and not errors:
        raise RuntimeError(f"vnu failed (exit {proc.returncode}):\n{proc.stderr}")
    return errors


def format_html_errors(errors):
    """A readable report of ``check_html``'s result for an assertion message."""
    lines = [f"Nu HTML Checker: {sum(map(len, errors.values()))} error(s) in {len(errors)} document(s)"]
    for name in sorted(errors):
        lines.append(f"  {name}")
        lines.extend(f"    - {msg}" for msg in errors[name])
    return "\n".join(lines)


# --------------------------------------------------------------------------
# chromium + axe-core
# --------------------------------------------------------------------------

def axe_source():
    path = NODE_MODULES / "axe-core" / "axe.min.js"
    if not path.is_file():
        raise JudgeMissing(f"{path} not found; {INSTALL_HINT}")
    return path.read_text(encoding="utf-8")


AXE_RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                          resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map(n => ({target: n.target.map(String).join(' '),
                              html: n.html, summary: n.failureSummary}))
  }));
}"""


class Browser:
    """Debian's chromium driven by Playwright's sync API, launched once.

    Playwright's ``launch`` gives chromium a fresh temporary user-data-dir of
    its own (and removes it on close), so no profile leaks between runs.
    """

    def __init__(self):
        from playwright.sync_api import sync_playwright

        if not os.access(CHROMIUM, os.X_OK):
            raise JudgeMissing(f"{CHROMIUM} missing; {INSTALL_HINT}")
        self._axe = axe_source()
        self._pw = sync_playwright().start()
        try:
            self.browser = self._pw.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        except Exception:
            self._pw.stop()
            raise

    def new_context(self, base_url=None, locale=None, axe=False, **kw):
        """A fresh context (own cookies and storage); ``locale`` sets ``_LOCALE_``."""
        context = self.browser.new_context(base_url=base_url, **kw)
        context.set_default_timeout(15000)
        if locale and base_url:
            context.add_cookies([{"name": "_LOCALE_", "value": locale, "url": base_url}])
        if axe:
            # An init script is injected by the browser itself, so a strict
            # Content-Security-Policy of the app does not block it.
            context.add_init_script(script=self._axe)
        return context

    def axe(self, page):
        """axe-core's WCAG 2.0/2.1 A and AA violations of the loaded page."""
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            # Evaluated through the DevTools protocol, which the app's strict
            # Content-Security-Policy does not govern (a script tag it blocks).
            page.evaluate(self._axe + "\n;0")
        return page.evaluate(AXE_RUN, AXE_TAGS)

    def close(self):
        try:
            self.browser.close()
        finally:
            self._pw.stop()


def format_axe_violations(results):
    """``{url: violations}`` as a readable report for an assertion message."""
    results = {url: v for url, v in results.items() if v}
    lines = [f"axe-core: violations on {len(results)} page(s)"]
    for url in sorted(results):
        lines.append(f"  {url}")
        for v in results[url]:
            lines.append(f"    - [{v['impact']}] {v['id']}: {v['help']} ({len(v['nodes'])} node(s))")
            for node in v["nodes"][:5]:
                lines.append(f"        {node['target']}  {node['html'][:140]}")
    return "\n".join(lines)


# --------------------------------------------------------------------------
# A real server
# --------------------------------------------------------------------------

def stop_process(proc):
    """Terminate a server process, and kill it if it does not end in time."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pserve_command(ini):
    pserve = Path(sys.executable).parent / "pserve"
    if pserve.exists():
        return [str(pserve), str(ini)]
    return [sys.executable, "-m", "pyramid.scripts.pserve", str(ini)]


class LiveServer:
    """``pserve`` on a temp copy of development.ini, on a free local port.

    Attributes: ``base_url``, ``admin_login``, ``admin_password``, ``log_path``.

    ``prepare(settings)``, if given, runs before ``pserve`` starts with the app
    settings of the ini: it creates the database itself (e.g. with
    ``roundtable.bootstrap.bootstrap`` plus test data) and returns the administrator's
    password, which ``pserve`` then no longer prints.
    """

    def __init__(self, directory=None, settings=None, timeout=60, prepare=None):
        self._tmp = None
        self.admin_password = None
        if directory is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="roundtable-live-")
            directory = self._tmp.name
        self.dir = Path(directory)
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.ini = self.dir / "live.ini"
        self.log_path = self.dir / "pserve.log"
        self._write_ini(settings or {})
        if prepare is not None:
            try:
                self.admin_password = prepare(dict(self.settings))
            except BaseException:
                if self._tmp is not None:
                    self._tmp.cleanup()
                raise
        self._log = open(self.log_path, "w")
        self.proc = subprocess.Popen(pserve_command(self.ini), cwd=str(self.dir), stdout=self._log,
                                     stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        try:
            self._wait(timeout)
        except BaseException:
            self.stop()
            raise

    def _write_ini(self, overrides):
        config = configparser.ConfigParser(interpolation=None)
        config.optionxform = str
        config.read(ROOT / "development.ini", encoding="utf-8")
        app = config["app:main"]
        var = self.dir / "var"
        var.mkdir(exist_ok=True)
        app.update({
            "zodbconn.uri": f"file://{var}/Data.fs?blobstorage_dir={var}/blobs",
            "roundtable.templates": str(ROOT / "templates"),
            "roundtable.static": str(ROOT / "static"),
            "roundtable.demo_data": "true",
            "roundtable.demo_logins": "false",  # the tests add their own role users
            "roundtable.base_url": self.base_url,
            "pyramid.reload_templates": "false",
            "mail.queue_path": str(var / "mailqueue"),
            "mail.outbox": str(var / "outbox"),
            "mail.host": "",
        })
        app.update(overrides)
        self.settings = dict(app)
        self.admin_login = app.get("roundtable.admin_email", "admin@example.org")
        config["server:main"]["listen"] = f"127.0.0.1:{self.port}"
        config["server:main"]["threads"] = "4"
        with open(self.ini, "w", encoding="utf-8") as f:
            config.write(f)

    def log(self):
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    def _wait(self, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"pserve exited with {self.proc.returncode}:\n{self.log()}")
            try:
                with urllib.request.urlopen(self.base_url + "/", timeout=5) as response:
                    if response.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            time.sleep(0.2)
        else:
            raise RuntimeError(f"pserve did not answer within {timeout}s:\n{self.log()}")
        log = self.log()
        if "password: " not in log and self.admin_password is not None:
            return  # prepared database: the password came from ``prepare``
        if "password: " not in log:
            raise RuntimeError(f"no administrator password in the pserve log:\n{log}")
        self.admin_password = log.split("password: ", 1)[1].split()[0]
        if "login:    " in log:
            self.admin_login = log.split("login:    ", 1)[1].split()[0]

    def stop(self):
        stop_process(self.proc)
        self._log.close()
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None


# --------------------------------------------------------------------------
# Sharing one server / one browser between test modules
# --------------------------------------------------------------------------

_SHARED = {}


def _close(instance):
    (getattr(instance, "stop", None) or instance.close)()


@contextlib.contextmanager
def shared(name, factory):
    """One instance of ``factory()`` under ``name`` for all who hold it.

    Session fixtures in different modules (a fixture imported into two modules
    would be started twice) share a single server and browser this way; the
    last one to leave closes it. An ``atexit`` hook stops a forgotten one.
    """
    entry = _SHARED.get(name)
    if entry is None:
        entry = _SHARED[name] = [factory(), 0]
        atexit.register(_close_at_exit, name, entry)
    entry[1] += 1
    try:
        yield entry[0]
    finally:
        entry[1] -= 1
        if entry[1] == 0 and _SHARED.get(name) is entry:
            del _SHARED[name]
            _close(entry[0])


def _close_at_exit(name, entry):
    if _SHARED.get(name) is entry:
        del _SHARED[name]
        _close(entry[0])


def sign_in(page, login, password):
    """Log in through the real form, as a person would."""
    import re

    page.goto("/login")
    page.get_by_label(re.compile(r"^\s*E-Mail-Adresse")).fill(login)
    page.get_by_label(re.compile(r"^\s*Passwort")).fill(password)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(re.compile(r"/$"))
