"""The table ``make bench`` prints: every figure with its aim and a mark.

It reads only the results dict (the one written to ``<date>.json``), so an
older run's file can be printed again, and the tests feed it canned figures.
"""
from . import server, targets, wrk


def figure(value, fmt):
    """``value`` formatted, or a dash as wide (a figure that could not be measured)."""
    if isinstance(value, (int, float)):
        return format(value, fmt)
    width = fmt.split(".")[0].lstrip("<>^,")
    return "–".rjust(int(width or 1))


def span(found, scale=1.0, fmt=".1f"):
    """"(min–max)" of a summary, times ``scale``; empty when there is none."""
    if not found or found.get("min") is None:
        return ""
    return f"({found['min'] * scale:{fmt}}–{found['max'] * scale:{fmt}})"


def scale_label(key):
    return f"{key}×"


def header(results):
    scales = results["scales"]
    lines = [f"Roundtable benchmark {results['date']}"]
    for key in scales:
        counts = results["datasets"][key]["counts"]
        lines.append(f"  dataset {scale_label(key)}: " + ", ".join(
            f"{n} {kind.replace('_', ' ')}" for kind, n in counts.items()))
    lines.append(
        f"  {results['rounds']} rounds of {results['seconds']} s per server and target, hello "
        f"world alternating with the target; wrk {results.get('connections', wrk.CONNECTIONS)} "
        f"connections; waitress "
        + ", ".join(f"{k}={v}" for k, v in results.get("waitress", server.SETTINGS).items()))
    return lines


def hello_lines(results):
    hello = results.get("hello") or {}
    line = (f"hello world (reference): median {figure(hello.get('median'), ',.0f')} req/s "
            f"in {hello.get('n', 0)} rounds, middle half "
            f"{figure(hello.get('q1'), ',.0f')}–{figure(hello.get('q3'), ',.0f')}")
    if hello.get("usual"):
        line += (f"; this machine's usual {hello['usual']:,.0f} "
                 f"(median of {hello['earlier_runs']} earlier run{'s' * (hello['earlier_runs'] != 1)})")
    else:
        line += "; no earlier run on this machine to compare with"
    return [line] + [f"  !! {flag['text']}" for flag in results.get("flags", [])]


def target_lines(results, tally):
    lines = [f"{'target':<32}{'scale':>6}{'req/s':>9}{'hello/s':>9}{'vs hello':>10}  {'(min–max)':<14}"
             f"{'p50 ms':>9}{'p95 ms':>9}  aim"]
    for target in targets.TARGETS:
        found = results["targets"].get(target.name)
        if not found:
            continue
        for number, (key, row) in enumerate(found["scales"].items()):
            # the hello-world rounds beside this target (shared by its scales)
            title, hello = (target.title, found["hello"].get("median")) if not number else ("", "")
            if "error" in row:
                lines.append(f"{title:<32}{scale_label(key):>6}  {row['error']}")
                tally.extend([targets.UNKNOWN] if target.aims else [])
                continue
            ratio = row.get("ratio") or {}
            median = ratio.get("median")
            mark = mark_of(target.aims, row, tally)
            aim = f"{targets.labels(target.aims)}  {mark}" if target.aims else ""
            extra = f"  ({row['events']} events)" if "events" in row else ""
            extra += f"  ({row['errors']} errors)" if row.get("errors") else ""
            lines.append(
                f"{title:<32}{scale_label(key):>6}{figure(row.get('requests_per_s'), '9.1f')}"
                f"{figure(hello, '9.0f') if hello != '' else ' ' * 9}"
                f"{figure(median * 100 if median is not None else None, '8.1f')} %  "
                f"{span(ratio, 100):<14}{figure(row.get('p50_ms'), '9.2f')}"
                f"{figure(row.get('p95_ms'), '9.2f')}  {aim}{extra}")
    return lines


def growth_lines(results, tally):
    scales = results["scales"]
    if len(scales) < 2:
        return []
    base = scales[0]
    lines = []
    for key in scales[1:]:
        lines.append(f"{'growth, latency ' + scale_label(key) + ' / ' + scale_label(base):<38}"
                     f"{'p50 (min–max)':<24}{'p95 (min–max)':<24}aim")
        for target in targets.TARGETS:
            growth = (results["targets"].get(target.name) or {}).get("growth", {}).get(key)
            if growth is None:
                continue
            cells = ""
            for latency in ("p50_ms", "p95_ms"):
                found = growth.get(latency) or {}
                cells += f"{figure(found.get('median'), '.2f')}× {span(found, 1, '.2f')}".ljust(24)
            aim = (f"{targets.labels(targets.GROWTH)}  {mark_of(targets.GROWTH, growth, tally)}"
                   if target.growth else "(grows with the data by nature)")
            lines.append(f"{target.title:<38}{cells}{aim}")
    return lines


def in_process_lines(results, tally):
    lines = []
    for comparison in targets.IN_PROCESS:
        found = (results.get("in_process") or {}).get(comparison.name)
        if not found:
            continue
        if "error" in found:
            lines.append(f"{comparison.title:<38}failed: {found['error']}")
            tally.append(targets.UNKNOWN)
            continue
        lines.append(f"{comparison.title:<38}{figure(found.get('ratio'), '.2f')}×   aim "
                     f"{targets.labels(comparison.aims)}  {mark_of(comparison.aims, found, tally)}")
        lines.append("    " + ", ".join(f"{k} {v}" for k, v in found.items() if k != "ratio"))
    return lines


def rss_lines(results, tally):
    lines = []
    for key, rss in results.get("peak_rss_mb", {}).items():
        if key == "hello":
            lines.append(f"{'peak RSS, hello world server':<38}{figure(rss, '7.1f')} MB")
            continue
        found = {"peak_rss_mb": rss}
        lines.append(f"{'peak RSS, Roundtable ' + scale_label(key) + ' server':<38}"
                     f"{figure(rss, '7.1f')} MB   aim {targets.labels(targets.RSS)}  "
                     f"{mark_of(targets.RSS, found, tally)}")
    return lines


def mark_of(aims, figures, tally):
    """The verdict on ``aims``, also counted in ``tally``."""
    mark = targets.verdict(aims, figures)
    if mark:
        tally.append(mark)
    return mark


def count_line(tally):
    return (f"aims: {tally.count(targets.MET)} met, {tally.count(targets.NOT_MET)} NOT met, "
            f"{tally.count(targets.UNKNOWN)} not measured")


def table(results):
    """The report printed after a run, ending with the count of aims met."""
    tally = []
    sections = [header(results), hello_lines(results), target_lines(results, tally),
                growth_lines(results, tally), in_process_lines(results, tally),
                rss_lines(results, tally)]
    sections.append([count_line(tally)])
    return "\n\n".join("\n".join(section) for section in sections if section)
