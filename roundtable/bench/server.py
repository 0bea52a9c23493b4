"""Serving an app under waitress for the benchmark, one app per process.

Both apps get exactly the same server settings (``SETTINGS``); each runs in
its own process so its peak memory can be read and wrk's load does not share
an interpreter with the runner. Each app's process runs its own module
(``PROCESS_MODULES``), so the baseline process never loads the portal.
"""
import logging
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import waitress

# pyramid 2.1 imports pkg_resources, whose deprecation warning each server
# process would print otherwise
QUIET = "ignore:pkg_resources is deprecated:UserWarning"

# waitress options for both apps: the defaults of a production set-up
SETTINGS = {"threads": 4, "connection_limit": 100, "backlog": 1024, "channel_timeout": 120}
SECRET = "bench-secret-not-for-production"  # the benchmark's throwaway database only
TEN_YEARS_AND_MORE = 4000  # days: the site feed covers the whole dataset
# the module a server process runs (``python -m``) for each app
PROCESS_MODULES = {"hello": "roundtable.bench.hello", "roundtable": "roundtable.bench.portal"}


def app_settings(data_dir, port):
    """Roundtable's settings for the generated database in ``data_dir``."""
    data_dir = Path(data_dir).resolve()
    return {
        # the object cache of production.ini: the figures are production's
        "zodbconn.uri": f"file://{data_dir}/Data.fs?connection_cache_size=20000",
        "roundtable.secret": SECRET,
        "roundtable.title": "Runder Tisch für Integration",
        "roundtable.town": "Flensburg",
        "roundtable.base_url": f"http://127.0.0.1:{port}",
        "roundtable.calendar_past_days": str(TEN_YEARS_AND_MORE),
        "pyramid.reload_templates": "false",
        "pyramid.default_locale_name": "de",
        "mail.queue_path": str(data_dir / "mailqueue"),
        "mail.outbox": str(data_dir / "outbox"),
        "mail.default_sender": "koordination@example.org",
        "mail.host": "",
    }


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A server process: started, waited for until it answers, stopped."""

    def __init__(self, name, data_dir=None):
        self.name, self.data_dir = name, data_dir
        self.port = free_port()
        self.process = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        args = [sys.executable, "-m", PROCESS_MODULES[self.name], str(self.port)]
        if self.data_dir:
            args.append(str(self.data_dir))
        env = dict(os.environ, PYTHONWARNINGS=QUIET)
        self.process = subprocess.Popen(args, stdout=subprocess.DEVNULL, env=env)
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(self.url + "/", timeout=5).close()
                return self
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.__exit__()
                    raise RuntimeError(f"the {self.name} server did not start")
                time.sleep(0.2)

    def __exit__(self, *exc):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def peak_rss_mb(self):
        """The process's peak resident memory (VmHWM), in MB; None off Linux."""
        try:
            status = Path(f"/proc/{self.process.pid}/status").read_text()
        except OSError:
            return None
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return None


def serve(app, port):
    """Serve ``app`` on 127.0.0.1:``port`` with the shared settings (a server process)."""
    logging.basicConfig(level=logging.WARNING)
    # waitress warns about every queued request; under wrk that is all of them
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    waitress.serve(app, host="127.0.0.1", port=port, ident=None, _quiet=True, **SETTINGS)
    return 0
