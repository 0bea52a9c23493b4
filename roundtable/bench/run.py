"""The runner of ``make bench`` (console script ``roundtable-bench``).

One run: every server up at once (hello world, Roundtable on the base
dataset and, with ``--scale 5``, on the five-times one); each target of
``targets.TARGETS`` measured in short rounds alternating with hello world
(``rounds.py``); then, with the servers stopped, each in-process comparison
of ``targets.IN_PROCESS`` on the base dataset. Everything goes to
``var/bench/<date>.json``, hello world's figure also to the machine's
history (``history.py``), and the table (``report.py``) is printed with
every aim beside its figure. Nothing is asserted.
"""
import argparse
import contextlib
import json
import os
import platform
import sys
from datetime import date, datetime, timezone
from pathlib import Path

from . import dataset, history, portal, report, rounds, server, stats, targets, wrk

BASE_URL = "http://127.0.0.1:6543"


def scale_key(scale):
    return f"{scale:g}"


def scales_of(args):
    """The scales of this run: the base alone, or the base and a larger one."""
    if args.scale > args.base_scale:
        return [args.base_scale, args.scale]
    return [args.scale]


def data_dir(root, scale):
    """Each scale's dataset in its own directory, generated once and reused."""
    return Path(root) / f"scale-{scale_key(scale)}"


def setup(args):
    """What must match for two runs' hello-world figures to be comparable."""
    return {"cpus": os.cpu_count(), "connections": wrk.CONNECTIONS, "wrk_threads": wrk.THREADS,
            "waitress_threads": server.SETTINGS["threads"], "seconds": args.seconds}


def progress_printer(out):
    def progress(target, number, total):
        print(f"  {target.title}: round {number}/{total}", file=out, flush=True)
    return progress


def measure(args, directories, infos, out):
    """The wrk part: every target on every server (``directories``: scale ->
    dataset folder, the base first); returns (targets, peak RSS)."""
    found = {}
    with contextlib.ExitStack() as stack:
        servers = {"hello": stack.enter_context(server.Server("hello"))}
        for key, directory in directories.items():
            servers[key] = stack.enter_context(server.Server("roundtable", directory))
        for target in targets.TARGETS:
            found[target.name] = rounds.measure_target(
                target, servers, infos, args.rounds, args.seconds, args.warmup,
                progress_printer(out))
        rss = {key: running.peak_rss_mb() for key, running in servers.items()}
    return found, {key: round(mb, 1) if mb else mb for key, mb in rss.items()}


def in_process(info, directory, out):
    app = portal.make_app(directory, 6543)
    found = {}
    try:
        for comparison in targets.IN_PROCESS:
            print(f"  {comparison.title} (in process)", file=out, flush=True)
            try:
                found[comparison.name] = comparison.run(app, BASE_URL, info)
            except Exception as error:  # one broken comparison must not lose the run
                found[comparison.name] = {"error": f"{type(error).__name__}: {error}"}
    finally:
        app.registry._zodb_databases[""].close()
    return found


def judge_hello(results, out_dir, setup_):
    """The run's hello-world figures against the machine's usual: the summary,
    the flags, and this run added to the history."""
    everything = [v for t in results["targets"].values() for v in t["hello"].get("rounds", [])]
    earlier = history.load(out_dir)
    usual, count = history.usual(earlier, setup_)
    results["hello"] = dict(stats.summary(everything, 1), usual=usual, earlier_runs=count)
    results["flags"] = history.flags(everything, usual, count, {
        found["title"]: found["hello"].get("rounds", []) for found in results["targets"].values()})
    if results["hello"].get("median"):
        history.record(out_dir, {"date": results["started"], "setup": setup_,
                                 "hello_per_s": results["hello"]["median"],
                                 "flagged": bool(results["flags"])})


def write(results, out_dir):
    """``<date>.json``; an earlier run of the same day keeps its file under
    its start time (``<date>-HHMMSS.json``)."""
    path = Path(out_dir) / f"{results['date']}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        try:
            started = json.loads(path.read_text()).get("started", "")
        except ValueError:
            started = ""
        stamp = "".join(c for c in started[11:19] if c.isdigit()) or "earlier"
        path.rename(path.with_name(f"{results['date']}-{stamp}.json"))
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    return path


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description="Benchmark Roundtable against a bare Pyramid app, in alternating rounds.")
    parser.add_argument("--data-dir", default=os.path.join("var", "bench"),
                        help="where the datasets live, one folder per scale (reused if present)")
    parser.add_argument("--out-dir", default=os.path.join("var", "bench"),
                        help="where <date>.json and the hello-world history are written")
    parser.add_argument("--scale", type=float, default=1.0,
                        help="dataset size (1 = 10 years); above the base scale the run "
                             "measures both and prints the growth")
    parser.add_argument("--base-scale", type=float, default=1.0,
                        help="the scale the growth is measured against")
    parser.add_argument("--rounds", type=int, default=5, help="alternating rounds per target")
    parser.add_argument("--seconds", type=int, default=3, help="wrk duration per server and round")
    parser.add_argument("--warmup", type=int, default=1, help="unmeasured wrk run before each target")
    parser.add_argument("--skip-in-process", action="store_true",
                        help="only the wrk part (no feed or newsletter comparison)")
    parser.add_argument("--generate-only", action="store_true")
    return parser.parse_args(argv)


def main(argv=None, out=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    out = out or sys.stdout
    directories = {scale_key(s): data_dir(args.data_dir, s) for s in scales_of(args)}
    datasets = {key: dataset.load_or_generate(directories[key], float(key), out=out)
                for key in directories}
    if args.generate_only:
        return 0
    if not wrk.available():
        print("wrk is not installed (`make bench` installs it: apt-get install wrk)", file=sys.stderr)
        return 2
    minutes = (len(targets.TARGETS) * (args.rounds * (len(datasets) + 1) * args.seconds
                                       + len(datasets) * args.warmup)) / 60
    print(f"Measuring (about {minutes:.0f} min under wrk) ...", file=out, flush=True)
    started = datetime.now(timezone.utc)
    setup_ = setup(args)
    results = {"date": started.date().isoformat(), "started": started.isoformat(timespec="seconds"),
               "rounds": args.rounds, "seconds": args.seconds, "warmup": args.warmup,
               "connections": wrk.CONNECTIONS, "waitress": server.SETTINGS,
               "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                           "wrk": wrk.version(), "host": platform.node()},
               "scales": list(datasets), "datasets": datasets}
    base = next(iter(datasets))
    results["targets"], results["peak_rss_mb"] = measure(args, directories, datasets, out)
    judge_hello(results, args.out_dir, setup_)
    if not args.skip_in_process:
        results["in_process"] = in_process(datasets[base], directories[base], out)
    path = write(results, args.out_dir)
    print("\n" + report.table(results) + f"\n\nResults: {path}", file=out, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
