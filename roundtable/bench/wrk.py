"""Running ``wrk`` against one URL and reading its report.

wrk prints a human report; ``parse`` turns it into numbers (requests/s, the
latency percentiles in milliseconds, errors). The Lua hook
``percentiles.lua`` adds the p95 that ``--latency`` does not print;
``rotate.lua`` is appended to it when a run rotates among several paths.
"""
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

SCRIPT = Path(__file__).with_name("percentiles.lua")
ROTATE = Path(__file__).with_name("rotate.lua")
CONNECTIONS = 10
THREADS = 2
# wrk counts a request slower than its timeout (default 2 s) as an error and
# leaves it out of the latencies; a slow page must show up as slow instead
TIMEOUT = "30s"

_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}
_DURATION = r"([\d.]+)(us|ms|s|m)\b"


def _ms(value, unit):
    return float(value) * _UNITS_MS[unit]


def parse(text):
    """Figures from a wrk report: ``requests_per_s``, ``p50_ms`` ... ``p99_ms``,
    ``requests``, ``errors`` (socket errors and non-2xx/3xx answers).

    Raises ValueError when the text is no wrk report (wrk failed).
    """
    found = re.search(r"^Requests/sec:\s*([\d.]+)", text, re.M)
    if not found:
        raise ValueError("not a wrk report:\n" + text)
    result = {"requests_per_s": float(found.group(1)), "errors": 0}
    for pct, value, unit in re.findall(r"^\s+(\d+(?:\.\d+)?)%\s+" + _DURATION, text, re.M):
        result[f"p{float(pct):g}_ms"] = _ms(value, unit)
    total = re.search(r"^\s*(\d+) requests in", text, re.M)
    if total:
        result["requests"] = int(total.group(1))
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    if sockets:
        result["errors"] += sum(int(n) for n in sockets.groups())
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    if non_2xx:
        result["errors"] += int(non_2xx.group(1))
    hook = re.search(r"^BENCH (.*)$", text, re.M)
    if hook:
        fields = dict(pair.split("=") for pair in hook.group(1).split())
        for key in ("p50", "p95", "p99"):
            result[f"{key}_ms"] = int(fields[f"{key}_us"]) / 1000
    return result


def available():
    return shutil.which("wrk") is not None


def command(url, seconds, script, headers=(), paths=(), connections=CONNECTIONS,
            threads=THREADS, unique=False):
    """wrk's command line: ``headers`` as "Name: value" strings (-H), ``paths``
    the rotation's paths (handed to the script after ``--``, behind
    ``--unique`` when every request's URL must be new)."""
    args = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency",
            "--timeout", TIMEOUT, "-s", str(script)]
    for header in headers:
        args += ["-H", header]
    args.append(url)
    if paths:
        args += ["--", *(["--unique"] if unique else []), *paths]
    return args


def run(url, seconds, headers=(), paths=(), connections=CONNECTIONS, threads=THREADS,
        unique=False):
    """wrk's report for ``seconds`` of load on ``url``, parsed. With ``paths``
    (absolute paths on the server of ``url``) the requests rotate among them;
    ``unique`` makes each request's URL one the server has not answered yet."""
    with tempfile.TemporaryDirectory() as scratch:
        script = SCRIPT
        if paths:
            script = Path(scratch, "bench.lua")
            script.write_text(SCRIPT.read_text() + "\n" + ROTATE.read_text())
        done = subprocess.run(command(url, seconds, script, headers, paths, connections, threads,
                                      unique),
                              capture_output=True, text=True, timeout=seconds + 120)
    return parse(done.stdout + done.stderr)


def version():
    done = subprocess.run(["wrk", "-v"], capture_output=True, text=True)
    return (done.stdout + done.stderr).split("\n", 1)[0].strip()
