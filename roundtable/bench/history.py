"""This machine's usual hello-world figure, and the flags of a run that is off.

Ratios measured beside their reference survive a busy machine; absolute
figures (requests/s, latencies) do not. Each run appends its hello-world
median to ``hello-history.json`` beside the results; a run whose hello
world is far below the median of the earlier runs on the same set-up, or
whose hello-world rounds scatter widely, is flagged in the printed table
and in its JSON, so nobody quotes its figures as the machine's.
"""
import json
from pathlib import Path

from . import stats

HISTORY_FILE = "hello-history.json"
KEEP = 50                 # runs remembered
BELOW_USUAL = 0.7         # flagged under 70 % of the usual hello world
SCATTER = 0.25            # flagged when the rounds' IQR exceeds 25 % of their median


def load(directory):
    path = Path(directory) / HISTORY_FILE
    try:
        entries = json.loads(path.read_text())
    except (OSError, ValueError):
        return []
    return entries if isinstance(entries, list) else []


def record(directory, entry):
    """Append ``entry`` (keeping the last ``KEEP``) and return the list."""
    entries = (load(directory) + [entry])[-KEEP:]
    path = Path(directory) / HISTORY_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(entries, indent=1))
    return entries


def usual(entries, setup):
    """(median hello world req/s, number of runs) of the earlier runs with the
    same ``setup`` (cores, wrk connections and threads, waitress threads)."""
    alike = [e["hello_per_s"] for e in entries
             if e.get("setup") == setup and e.get("hello_per_s")]
    return (stats.median(alike), len(alike)) if alike else (None, 0)


def flags(hello_rounds, usual_per_s, earlier_runs, per_target=None):
    """The warnings of this run, each ``{"kind", "text"}``: hello world far
    below the machine's usual, hello world's rounds scattering widely over
    the run, or within the rounds of a target (``per_target``: title ->
    that target's hello rounds), whose ratio is then less sure."""
    found = []
    middle = stats.median(hello_rounds)
    if middle and usual_per_s and middle < BELOW_USUAL * usual_per_s:
        found.append({"kind": "hello_below_usual", "text": (
            f"hello world {middle:,.0f} req/s is {middle / usual_per_s:.0%} of this machine's "
            f"usual {usual_per_s:,.0f} (median of {earlier_runs} earlier "
            f"run{'s' * (earlier_runs != 1)}): the machine was busy; trust the ratios, "
            f"not the absolute figures")})
    spread = stats.relative_spread(hello_rounds)
    if spread is not None and spread > SCATTER:
        q1, q3 = stats.quartiles(hello_rounds)
        found.append({"kind": "hello_scatter", "text": (
            f"hello world scattered between rounds (middle half {q1:,.0f}–{q3:,.0f} req/s, "
            f"{spread:.0%} of the median): the load on the machine changed during the run")})
    unsteady = {title: stats.relative_spread(rounds) for title, rounds in (per_target or {}).items()}
    unsteady = {title: spread for title, spread in unsteady.items()
                if spread is not None and spread > SCATTER}
    if unsteady:
        found.append({"kind": "target_scatter", "targets": list(unsteady), "text": (
            f"hello world scattered over {SCATTER:.0%} during the rounds of: "
            + ", ".join(f"{title} ({spread:.0%})" for title, spread in unsteady.items()))})
    return found
