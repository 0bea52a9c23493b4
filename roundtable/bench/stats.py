"""The arithmetic behind honest ratios: medians and spreads of short rounds.

A single wrk run against hello world, taken once before every target, makes
every ratio hostage to that one moment. The runner instead alternates hello
world and each target in short rounds; each round gives one ratio of two
figures measured side by side, and what is reported is the median of those
ratios with their spread. The same pairing gives the growth ratio: the
target on the larger dataset against the same target on the base one, in
the same round.
"""
import statistics


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def quartiles(values):
    """(first, third) quartile; with one value both are that value."""
    values = sorted(v for v in values if v is not None)
    if not values:
        return None, None
    if len(values) == 1:
        return values[0], values[0]
    q1, _q2, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return q1, q3


def summary(values, digits=4):
    """``median``, ``min``, ``max``, ``q1``, ``q3`` of ``values`` (rounded), and
    ``n``; ``{}`` when there is nothing to summarise."""
    values = [v for v in values if v is not None]
    if not values:
        return {}
    q1, q3 = quartiles(values)
    return {"median": round(median(values), digits), "min": round(min(values), digits),
            "max": round(max(values), digits), "q1": round(q1, digits),
            "q3": round(q3, digits), "n": len(values)}


def ratios(numerators, denominators):
    """Round-by-round quotients (None where a figure is missing or zero)."""
    return [n / d if n is not None and d else None for n, d in zip(numerators, denominators)]


def relative_spread(values):
    """The interquartile range as a share of the median: how much a set of
    rounds scatters, robust to one odd round (0 for a steady machine)."""
    q1, q3 = quartiles(values)
    middle = median(values)
    if not middle:
        return None
    return (q3 - q1) / middle


def column(rounds, key):
    """One figure (e.g. ``requests_per_s``) of every round."""
    return [r.get(key) if r else None for r in rounds]


def growth(base_rounds, scaled_rounds, keys=("p50_ms", "p95_ms")):
    """Per latency, the summary of the round-by-round ratio scaled / base:
    how much slower the same answer is on the larger dataset."""
    return {key: summary(ratios(column(scaled_rounds, key), column(base_rounds, key)), 3)
            for key in keys}
