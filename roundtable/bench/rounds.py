"""Measuring each target beside its reference: short alternating rounds.

All servers of a run are up at once: hello world, and Roundtable on each
dataset (the base one and, with ``--scale 5``, the larger one). For one
target, every round runs wrk on hello world and on the target at each
scale, in turn, for a few seconds each; odd rounds go in reverse order, so
a load that rises or falls during a round weighs on both sides alike. Each
round yields a ratio to hello world (and a growth ratio between the
scales) from figures taken seconds apart; the medians of those go to the
table, with their spread.
"""
import urllib.error
import urllib.request

from . import stats, wrk

KEPT = ("requests_per_s", "p50_ms", "p95_ms", "p99_ms", "requests", "errors")


def fetch(url, headers=None):
    """(status, response headers, body) of one GET; an error status is an answer too."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, b""


def prepare(target, base_url, info, base_info=None):
    """What wrk needs to load ``target`` on the server at ``base_url``:
    ``{"path", "status", "url", "paths", "headers"}`` (plus ``events`` for a
    feed), or with ``error`` when it cannot be measured (a page that fails,
    a conditional target whose page gives no ETag or no 304)."""
    paths = target.paths(info, base_info)
    row = {"path": paths[0] if len(paths) == 1 else paths, "url": base_url + paths[0],
           "paths": paths if len(paths) > 1 else [], "headers": []}
    if target.unique:
        row["unique"] = True
    for path in paths:
        status, headers, body = fetch(base_url + path)
        row["status"] = status
        if status != 200:
            row["error"] = f"HTTP {status}"
            return row
    if b"BEGIN:VEVENT" in body:
        row["events"] = body.count(b"BEGIN:VEVENT")
    if target.conditional:
        tag = headers.get("ETag")
        if not tag:
            row["error"] = "no ETag yet"
            return row
        status, _headers, _body = fetch(row["url"], {"If-None-Match": tag})
        row["status"] = status
        if status != 304:
            row["error"] = f"no 304 (HTTP {status})"
            return row
        row["headers"] = [f"If-None-Match: {tag}"]
    return row


# what a prepared row holds for wrk only (not a figure of the report)
WRK_ONLY = ("url", "paths", "headers", "unique")


def load(row, seconds):
    """One wrk run on a prepared row: its figures, rounded. A round in which
    no answer came back has no latencies (wrk prints zeros), not fast ones."""
    figures = wrk.run(row["url"], seconds, row["headers"], row["paths"],
                      unique=row.get("unique", False))
    found = {k: round(v, 3) if isinstance(v, float) else v
             for k, v in figures.items() if k in KEPT}
    if found.get("requests") == 0:
        found.update(p50_ms=None, p95_ms=None, p99_ms=None)
    return found


def summarise(row, rounds, hello_rounds):
    """The row of one target at one scale: its rounds, their medians, and the
    round-by-round ratio to hello world summarised."""
    found = {k: v for k, v in row.items() if k not in WRK_ONLY}
    found["rounds"] = rounds
    for key in ("requests_per_s", "p50_ms", "p95_ms", "p99_ms"):
        value = stats.median(stats.column(rounds, key))
        found[key] = round(value, 3) if value is not None else None
    found["errors"] = sum(r.get("errors", 0) for r in rounds)
    found["ratio"] = stats.summary(stats.ratios(stats.column(rounds, "requests_per_s"),
                                                stats.column(hello_rounds, "requests_per_s")))
    return found


def measure_target(target, servers, infos, rounds, seconds, warmup, progress=None):
    """One target on every Roundtable server of ``servers`` (``{"hello":
    server, scale: server, ...}``, the base scale first), alternating with
    hello world; ``infos`` holds each scale's dataset info."""
    scales = [key for key in servers if key != "hello"]
    base_info = infos[scales[0]]
    rows = {key: prepare(target, servers[key].url, infos[key], base_info) for key in scales}
    usable = [key for key in scales if "error" not in rows[key]]
    hello_url = servers["hello"].url + "/"
    hello_rounds, measured = [], {key: [] for key in usable}
    if warmup:
        for key in usable:
            load(rows[key], warmup)
    for number in range(rounds if usable else 0):
        order = ["hello"] + usable
        if number % 2:
            order.reverse()
        for key in order:
            if key == "hello":
                hello_rounds.append(load({"url": hello_url, "headers": [], "paths": []}, seconds))
                continue
            if target.conditional and number:
                # the ETag may move on (e.g. with the hour): take the current one
                fresh = prepare(target, servers[key].url, infos[key], base_info)
                rows[key] = fresh if "error" not in fresh else rows[key]
            measured[key].append(load(rows[key], seconds))
        if progress:
            progress(target, number + 1, rounds)
    result = {"title": target.title,
              "hello": dict(stats.summary(stats.column(hello_rounds, "requests_per_s"), 1),
                            rounds=stats.column(hello_rounds, "requests_per_s")),
              "scales": {}}
    for key in scales:
        if key in measured:
            result["scales"][key] = summarise(rows[key], measured[key], hello_rounds)
        else:
            result["scales"][key] = {k: v for k, v in rows[key].items() if k not in WRK_ONLY}
    if len(usable) > 1 and usable[0] == scales[0]:
        result["growth"] = {key: stats.growth(measured[usable[0]], measured[key])
                            for key in usable[1:]}
    return result
