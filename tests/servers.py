"""Database servers for the tests, started as an operator would start them.

- ``zeo_server(directory)``: ``roundtable-zeo`` (ZEO's ``runzeo``) on a
  FileStorage with blobs, the command that ``make zeo`` runs, in a process of
  its own.
- ``postgres_cluster(directory)``: a private PostgreSQL cluster (Debian's
  binaries, ``initdb`` + ``pg_ctl``) on a free port of 127.0.0.1, for
  RelStorage. PostgreSQL refuses to run as root, so as root (CI) the cluster
  runs as the ``postgres`` user through ``runuser``.

Both yield an object whose ``uri(cache_dir)`` is a ``zodbconn.uri`` for one
application process (each process needs a blob cache of its own).
"""
import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.judges import free_port, stop_process


def _tool(name):
    path = Path(sys.executable).parent / name
    if not path.exists():
        raise RuntimeError(f"{name} not found beside {sys.executable}; run make install-test")
    return str(path)


def wait_for_port(host, port, proc=None, timeout=30, log=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}:\n{log() if log else ''}")
        with contextlib.suppress(OSError), socket.create_connection((host, port), timeout=1):
            return
        time.sleep(0.1)
    raise RuntimeError(f"nothing listens on {host}:{port} after {timeout}s:\n{log() if log else ''}")


class ZEOServer:
    """A running ``runzeo``; ``stop()`` ends it, ``kill()`` ends it hard."""

    def __init__(self, directory):
        self.dir = Path(directory)
        self.dir.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.address = ("127.0.0.1", self.port)
        self.path = self.dir / "zeo.fs"
        self.log_path = self.dir / "runzeo.log"
        self._log = open(self.log_path, "w")
        self.proc = subprocess.Popen(
            [_tool("roundtable-zeo"), str(self.path), "--address", f"127.0.0.1:{self.port}",
             "--blobs", str(self.dir / "zeoblobs")],
            stdout=self._log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        try:
            wait_for_port("127.0.0.1", self.port, self.proc, log=self.log)
        except BaseException:
            self.stop()
            raise

    def log(self):
        return self.log_path.read_text(errors="replace")

    def uri(self, cache_dir):
        return (f"zeo://127.0.0.1:{self.port}?blob_dir={cache_dir}&shared_blob_dir=false"
                "&connection_cache_size=5000")

    def stop(self):
        stop_process(self.proc)
        self._log.close()


@contextlib.contextmanager
def zeo_server(directory):
    server = ZEOServer(directory)
    try:
        yield server
    finally:
        server.stop()


# --------------------------------------------------------------------------
# PostgreSQL for RelStorage
# --------------------------------------------------------------------------

def postgres_bin():
    """Debian keeps the server binaries out of PATH, one folder per version."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(p.split("/")[4]) if p.split("/")[4].isdigit() else 0)
    if not found:
        raise RuntimeError("PostgreSQL is not installed; run make postgres (or make install-test)")
    return os.path.dirname(found[-1])


class PostgresCluster:
    """A throw-away cluster with ``trust`` authentication on 127.0.0.1 only."""

    user = "postgres"

    def __init__(self):
        self.bin = postgres_bin()
        # Not under pytest's tmp_path: that is private to root, and the
        # cluster's owner must be able to enter its folder.
        self.dir = Path(tempfile.mkdtemp(prefix="roundtable-pg-"))
        self.data = self.dir / "data"
        self.port = free_port()
        self.log_path = self.dir / "postgres.log"
        self._as_root = os.geteuid() == 0
        if self._as_root:
            owner = pwd.getpwnam("postgres")
            os.chmod(self.dir, 0o755)
            os.chown(self.dir, owner.pw_uid, owner.pw_gid)
        else:
            self.user = pwd.getpwuid(os.geteuid()).pw_name
        self._run("initdb", "-D", str(self.data), "-U", self.user, "--auth=trust",
                  "--encoding=UTF8", "--locale=C.UTF-8")
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log_path), "-w", "-t", "60",
                  "-o", f"-p {self.port} -c listen_addresses=127.0.0.1 "
                        f"-k {self.dir} -c fsync=off -c full_page_writes=off",
                  "start")
        self.started = True

    def _run(self, tool, *args):
        command = [os.path.join(self.bin, tool), *args]
        if self._as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, stdin=subprocess.DEVNULL)
        if result.returncode != 0:
            raise RuntimeError(f"{tool} failed ({result.returncode}):\n{result.stdout}\n"
                               f"{result.stderr}\n{self.log()}")
        return result.stdout

    def log(self):
        try:
            return self.log_path.read_text(errors="replace")
        except OSError:
            return ""

    def create_database(self, name):
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", self.user, name)
        return name

    def dsn_uri(self, name):
        return f"postgres://{self.user}@127.0.0.1:{self.port}/{name}"

    def stop(self):
        if getattr(self, "started", False):
            with contextlib.suppress(RuntimeError):
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
            self.started = False
        shutil.rmtree(self.dir, ignore_errors=True)


class RelStorageDatabase:
    """One database of the cluster; ``uri(cache_dir)`` as for ZEO."""

    def __init__(self, cluster, name):
        self.cluster = cluster
        self.name = cluster.create_database(name)

    def uri(self, cache_dir):
        return (f"{self.cluster.dsn_uri(self.name)}?blob_dir={cache_dir}&shared_blob_dir=false"
                "&cache_local_mb=20&connection_cache_size=5000")
