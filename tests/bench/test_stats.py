"""The arithmetic of honest ratios: medians, spreads, paired rounds, growth."""
import pytest

from roundtable.bench import stats


def test_median_and_quartiles_ignore_missing_figures():
    assert stats.median([3, None, 1, 2]) == 2
    assert stats.median([1, 2, 3, 4]) == 2.5
    assert stats.median([None]) is None
    assert stats.quartiles([1, 2, 3, 4, 5]) == (2, 4)
    assert stats.quartiles([7]) == (7, 7)
    assert stats.quartiles([]) == (None, None)


def test_summary_of_rounds():
    found = stats.summary([0.5, 0.4, 0.45, 0.9, 0.44])
    assert found == {"median": 0.45, "min": 0.4, "max": 0.9, "q1": 0.44, "q3": 0.5, "n": 5}
    assert stats.summary([None, None]) == {}


def test_ratios_pair_each_round_with_its_own_reference():
    # a busy second round halves both sides: the paired ratio does not move
    target = [400.0, 200.0, 410.0]
    hello = [1000.0, 500.0, 1000.0]
    assert stats.ratios(target, hello) == pytest.approx([0.4, 0.4, 0.41])
    assert stats.summary(stats.ratios(target, hello))["median"] == pytest.approx(0.4)
    # whereas one hello run taken at the busy moment would have inflated every ratio
    assert target[0] / hello[1] == pytest.approx(0.8)
    assert stats.ratios([1.0, None, 3.0], [2.0, 2.0, 0]) == [0.5, None, None]


def test_relative_spread():
    assert stats.relative_spread([100, 100, 100]) == 0
    assert stats.relative_spread([100, 90, 110, 100, 100]) == pytest.approx(0)
    assert stats.relative_spread([50, 100, 150, 200, 250]) == pytest.approx(100 / 150)
    assert stats.relative_spread([]) is None


def test_growth_per_latency_round_by_round():
    base = [{"p50_ms": 2.0, "p95_ms": 10.0}, {"p50_ms": 4.0, "p95_ms": 20.0},
            {"p50_ms": 2.0, "p95_ms": 10.0}]
    scaled = [{"p50_ms": 2.2, "p95_ms": 15.0}, {"p50_ms": 4.0, "p95_ms": 20.0},
              {"p50_ms": 2.4, "p95_ms": 10.0}]
    found = stats.growth(base, scaled)
    assert found["p50_ms"]["median"] == pytest.approx(1.1)
    assert (found["p50_ms"]["min"], found["p50_ms"]["max"]) == (1.0, 1.2)
    assert found["p95_ms"]["median"] == pytest.approx(1.0)
    assert found["p95_ms"]["max"] == pytest.approx(1.5)
    assert stats.column(base + [None], "p50_ms") == [2.0, 4.0, 2.0, None]
