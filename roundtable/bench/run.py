"""The runner of ``make bench`` (console script ``roundtable-bench``).

Measures, one after another in one run: each entry of ``TARGETS`` under wrk
(10 connections) against its app served by waitress, then each entry of
``IN_PROCESS``; writes everything to ``var/bench/<date>.json`` and prints a
table with the aims of issue 8 beside the figures. Nothing is asserted.

Adding a page is one line in ``TARGETS`` (its path, or a function of the
dataset info that returns it); adding an in-process comparison is one line
in ``IN_PROCESS``.
"""
import argparse
import json
import os
import platform
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable, Union

from . import dataset, icalcompare, newsletter, portal, server, wrk

PAGE_AIM = "≥ 40 %, p95 < 50 ms"


@dataclass
class Target:
    """A URL measured under wrk: on the ``hello`` or the ``roundtable`` app."""

    name: str
    title: str
    app: str
    path: Union[str, Callable[[dict], str]]
    aim: str = PAGE_AIM

    def url(self, base, info):
        return base + (self.path(info) if callable(self.path) else self.path)


@dataclass
class InProcess:
    """A comparison run inside this process on the generated database:
    ``function(app, base_url, info)`` returns a dict with at least ``ratio``."""

    name: str
    title: str
    function: Callable
    aim: str


TARGETS = [
    Target("hello", "hello world (bare Pyramid)", "hello", "/", "reference"),
    Target("home", "public home page", "roundtable", "/"),
    Target("meeting", "meeting page", "roundtable", lambda info: info["paths"]["meeting"]),
    Target("motion", "motion page", "roundtable", lambda info: info["paths"]["motion"]),
    Target("feed", "site iCal feed", "roundtable", "/calendar.ics"),
    Target("search", "search", "roundtable", lambda info: info["paths"]["search"]),
]

IN_PROCESS = [
    InProcess("ical", "feed view / raw icalendar",
              lambda app, base, info: icalcompare.compare(app, base), "≤ 1.3×"),
    InProcess("newsletter", "newsletter: raw smtplib / ours",
              lambda app, base, info: newsletter.compare(app, base, info), "≥ 0.5×"),
]

RSS_AIM_MB = 300


def check(url):
    """The status and body of one GET (a target that fails is reported, not measured)."""
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def measure_app(app, targets, info, data_dir, seconds, warmup, out):
    """Serve ``app`` and measure its targets; returns (results, peak RSS in MB)."""
    results = {}
    with server.Server(app, data_dir if app != "hello" else None) as running:
        for target in targets:
            url = target.url(running.url, info)
            status, body = check(url)
            row = {"path": url[len(running.url):], "status": status}
            if status != 200:
                row["error"] = f"HTTP {status}"
            else:
                if b"BEGIN:VEVENT" in body:
                    row["events"] = body.count(b"BEGIN:VEVENT")
                print(f"  {target.title}: {url}", file=out, flush=True)
                wrk.run(url, warmup)
                row.update(wrk.run(url, seconds))
            results[target.name] = row
        return results, running.peak_rss_mb()


def measure(info, data_dir, seconds, warmup, out):
    results = {"targets": {}, "peak_rss_mb": {}}
    for app in dict.fromkeys(t.app for t in TARGETS):
        found, rss = measure_app(app, [t for t in TARGETS if t.app == app], info,
                                 data_dir, seconds, warmup, out)
        results["targets"].update(found)
        results["peak_rss_mb"][app] = round(rss, 1) if rss else rss
    hello = results["targets"].get("hello", {}).get("requests_per_s")
    for row in results["targets"].values():
        if hello and "requests_per_s" in row:
            row["ratio"] = round(row["requests_per_s"] / hello, 4)
    base = "http://127.0.0.1:6543"
    app = portal.make_app(data_dir, 6543)
    results["in_process"] = {c.name: c.function(app, base, info) for c in IN_PROCESS}
    return results


def _figure(value, fmt):
    """``value`` formatted, or a dash as wide (figures that could not be measured)."""
    if isinstance(value, (int, float)):
        return format(value, fmt)
    return "–".rjust(int(fmt.split(".")[0]))


def table(results):
    """The short report printed after a run."""
    counts = results["dataset"]["counts"]
    rows = [
        f"Roundtable benchmark {results['date']}: "
        + ", ".join(f"{n} {kind.replace('_', ' ')}" for kind, n in counts.items()),
        f"wrk {wrk.CONNECTIONS} connections, {results['seconds']} s per target; "
        f"waitress {', '.join(f'{k}={v}' for k, v in server.SETTINGS.items())}",
        "",
        f"{'target':<28}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'vs hello':>10}  aim",
    ]
    for target in TARGETS:
        row = results["targets"].get(target.name, {})
        if "error" in row:
            rows.append(f"{target.title:<28}{row['error']:>9}")
            continue
        ratio = row.get("ratio")
        title = target.title + (f" ({row['events']} events)" if "events" in row else "")
        rows.append(f"{title:<28}{_figure(row.get('requests_per_s'), '9.1f')}"
                    f"{_figure(row.get('p50_ms'), '9.2f')}{_figure(row.get('p95_ms'), '9.2f')}"
                    f"{_figure(ratio * 100 if ratio is not None else None, '9.1f')} %  {target.aim}"
                    + (f"  ({row['errors']} errors)" if row.get("errors") else ""))
    rows.append("")
    for comparison in IN_PROCESS:
        found = results["in_process"].get(comparison.name)
        if not found:
            continue
        details = ", ".join(f"{k} {v}" for k, v in found.items() if k != "ratio")
        rows.append(f"{comparison.title:<28}{found['ratio']:>9.2f}×  ({details})  "
                    f"aim {comparison.aim}")
    for app, rss in results["peak_rss_mb"].items():
        aim = f"aim < {RSS_AIM_MB} MB" if app == "roundtable" else ""
        rows.append(f"{'peak RSS, ' + app + ' server':<28}{_figure(rss, '9.1f')} MB  {aim}")
    return "\n".join(rows)


def parse_args(argv):
    parser = argparse.ArgumentParser(description="Benchmark Roundtable against a bare Pyramid app.")
    parser.add_argument("--data-dir", default=os.path.join("var", "bench"),
                        help="where the generated dataset lives (reused if present)")
    parser.add_argument("--out-dir", default=os.path.join("var", "bench"),
                        help="where <date>.json is written")
    parser.add_argument("--seconds", type=int, default=10, help="wrk duration per target")
    parser.add_argument("--warmup", type=int, default=3, help="unmeasured wrk run before each")
    parser.add_argument("--scale", type=float, default=1.0, help="dataset size (1 = 10 years)")
    parser.add_argument("--generate-only", action="store_true")
    return parser.parse_args(argv)


def main(argv=None, out=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    out = out or sys.stdout
    info = dataset.load_or_generate(args.data_dir, args.scale, out=out)
    if args.generate_only:
        return 0
    if not wrk.available():
        print("wrk is not installed (`make bench` installs it: apt-get install wrk)", file=sys.stderr)
        return 2
    print("Measuring ...", file=out, flush=True)
    results = {"date": date.today().isoformat(), "seconds": args.seconds,
               "connections": wrk.CONNECTIONS, "waitress": server.SETTINGS,
               "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                           "wrk": wrk.version()},
               "dataset": info}
    results.update(measure(info, args.data_dir, args.seconds, args.warmup, out))
    path = Path(args.out_dir) / f"{results['date']}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    print("\n" + table(results) + f"\n\nResults: {path}", file=out, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
