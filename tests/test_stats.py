"""The reports' statistics: running means equal the textbook formulas, merged accumulators equal
one fed everything, Wilson intervals match published values, paired differences pair by seed."""

from __future__ import annotations

import math
import random
import statistics

import pytest

from game.analysis.stats import Paired, Running, fmt_interval, mean_ci, significance, wilson


def test_running_mean_and_interval_equal_the_formulas():
    rng = random.Random(1)
    values = [rng.gauss(3, 2) for _ in range(500)]
    r = Running(values)
    assert r.mean == statistics.fmean(values)
    assert r.sd == pytest.approx(statistics.stdev(values))
    assert r.half_width == pytest.approx(1.96 * statistics.stdev(values) / math.sqrt(500))
    assert mean_ci(values) == pytest.approx((r.mean, r.half_width))


def test_the_mean_is_exact_whatever_the_order():
    values = [1e16, 1.0, -1e16, 0.1] * 50 + [3.3] * 7
    shuffled = values[::-1]
    assert Running(values).mean == Running(shuffled).mean == statistics.fmean(values)
    assert Running(values).sd == Running(shuffled).sd


def test_merged_accumulators_equal_one_fed_everything():
    rng = random.Random(2)
    a, b = [rng.random() for _ in range(37)], [rng.random() * 5 for _ in range(91)]
    left, right = Running(a), Running(b)
    left.merge(right)
    whole = Running(a + b)
    assert (left.n, left.mean, left.sd) == (whole.n, whole.mean, whole.sd)
    empty = Running()
    empty.merge(Running())
    assert empty.n == 0


def test_too_few_values_give_no_interval():
    assert math.isnan(Running([4.0]).half_width)
    assert Running().figures() == {"mean": None, "low": None, "high": None, "n": 0}
    m, h = mean_ci([])
    assert math.isnan(m) and math.isnan(h)


def test_wilson_interval_matches_known_values():
    # 8 of 10: [0.490, 0.943] (Wilson 1927, as tabulated by Newcombe 1998)
    lo, hi = wilson(8, 10)
    assert lo == pytest.approx(0.4902, abs=1e-3) and hi == pytest.approx(0.9433, abs=1e-3)
    assert wilson(0, 20)[0] == 0.0 and wilson(20, 20)[1] == 1.0
    assert all(math.isnan(x) for x in wilson(0, 0))


def test_paired_differences_pair_by_seed_in_any_order():
    p = Paired()
    p.add(1, 0, 10.0)
    p.add(2, 1, 7.0)
    p.add(1, 1, 12.0)  # +2
    p.add(2, 0, 8.0)  # -1
    p.add(3, 0, 5.0)  # never paired
    f = p.figures()
    assert f["n"] == 2 and f["mean"] == pytest.approx(0.5) and f["unpaired"] == 1
    with pytest.raises(ValueError, match="twice"):
        p.add(3, 0, 1.0)


def test_significance_and_formatting():
    assert significance(0.1, 2) == "higher" and significance(-3, -0.2) == "lower" and significance(-1, 1) == ""
    assert fmt_interval(3.14, 0.4, 5.8) == "+3.1 [+0.4, +5.8]"
    assert fmt_interval(-2, None, None) == "-2.0" and fmt_interval(None, None, None) == "-"
