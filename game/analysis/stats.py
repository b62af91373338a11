"""The statistics of the reports, in one place: running means with 95% intervals (kept as exact
running sums, so a long run's memory stays flat and the figures do not depend on the order of the
games), Wilson intervals for rates, and paired differences
(the same seeds played twice, one thing changed) for the probes of ``balance`` and for ``compare``.

Intervals are normal approximations (1.96 standard errors) for means and Wilson score intervals
for proportions, which stay inside [0, 1] and behave near 0% and 100%.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

Z95 = 1.96


class ExactSum:
    """A float sum without rounding error (Shewchuk's partials, as ``math.fsum`` keeps them), so a
    total does not depend on the order the values came in; a handful of floats of memory."""

    __slots__ = ("partials",)

    def __init__(self) -> None:
        self.partials: list[float] = []

    def add(self, x: float) -> None:
        i = 0
        partials = self.partials
        for y in partials:
            if abs(x) < abs(y):
                x, y = y, x
            hi = x + y
            lo = y - (hi - x)
            if lo:
                partials[i] = lo
                i += 1
            x = hi
        partials[i:] = [x]

    def merge(self, other: ExactSum) -> None:
        for x in other.partials:
            self.add(x)

    @property
    def value(self) -> float:
        return math.fsum(self.partials)


class Running:
    """A running mean and variance from exact sums of the values and their squares: the figures do
    not depend on the order the values came in, and accumulators merge (``merge``)."""

    __slots__ = ("n", "_sum", "_squares")

    def __init__(self, values: Iterable[float] = ()):
        self.n = 0
        self._sum = ExactSum()
        self._squares = ExactSum()
        for v in values:
            self.add(v)

    def add(self, value: float) -> None:
        self.n += 1
        self._sum.add(value)
        self._squares.add(value * value)

    def merge(self, other: Running) -> None:
        """Fold in another accumulator, as if its values had been added here."""
        self.n += other.n
        self._sum.merge(other._sum)
        self._squares.merge(other._squares)

    @property
    def mean(self) -> float:
        """The mean (equal to ``statistics.fmean``); 0 with no values."""
        return self._sum.value / self.n if self.n else 0.0

    @property
    def sd(self) -> float:
        if self.n < 2:
            return math.nan
        total = self._sum.value
        return math.sqrt(max(0.0, (self._squares.value - total * total / self.n) / (self.n - 1)))

    @property
    def half_width(self) -> float:
        """Half the width of the mean's 95% interval (NaN with fewer than two values)."""
        return Z95 * self.sd / math.sqrt(self.n) if self.n > 1 else math.nan

    def interval(self) -> tuple[float, float]:
        h = self.half_width
        return self.mean - h, self.mean + h

    def figures(self) -> dict:
        """Mean, 95% interval and count, JSON-ready (an unknown bound is ``None``)."""
        lo, hi = self.interval()
        return {
            "mean": _num(self.mean if self.n else math.nan),
            "low": _num(lo),
            "high": _num(hi),
            "n": self.n,
        }


def _num(x: float) -> float | None:
    return None if math.isnan(x) else x


def mean_ci(values: Iterable[float]) -> tuple[float, float]:
    """Mean and the half-width of its 95% interval (NaN when there are too few values)."""
    r = Running(values)
    return (r.mean if r.n else math.nan), r.half_width


def wilson(successes: float, n: int) -> tuple[float, float]:
    """The 95% Wilson score interval of a rate (``successes`` may be fractional: split ties)."""
    if n <= 0:
        return math.nan, math.nan
    p = successes / n
    z2 = Z95 * Z95
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = Z95 * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def significance(low: float, high: float) -> str:
    """``"higher"`` or ``"lower"`` when the 95% interval excludes zero, else ``""``."""
    if low > 0:
        return "higher"
    if high < 0:
        return "lower"
    return ""


class Paired:
    """Paired differences ``b - a`` on the same seeds: feed the two sides' values per seed in any
    order; a difference is counted once both sides of a seed are in (unpaired seeds, e.g. a game
    that failed on one side, are left out and counted)."""

    def __init__(self) -> None:
        self.diff = Running()
        self._waiting: dict[int, tuple[int, float]] = {}

    def add(self, seed: int, side: int, value: float) -> None:
        """``side`` 0 is the baseline (a), 1 the variant (b)."""
        other = self._waiting.pop(seed, None)
        if other is None:
            self._waiting[seed] = (side, value)
            return
        if other[0] == side:
            raise ValueError(f"seed {seed} given twice for the same side")
        a, b = (other[1], value) if side == 1 else (value, other[1])
        self.diff.add(b - a)

    @property
    def unpaired(self) -> int:
        return len(self._waiting)

    def figures(self) -> dict:
        f = self.diff.figures()
        f["significant"] = significance(*self.diff.interval()) if self.diff.n > 1 else ""
        f["unpaired"] = self.unpaired
        return f


def fmt_interval(mean: float | None, low: float | None, high: float | None, digits: int = 1) -> str:
    """``+3.1 [+0.4, +5.8]`` (or ``+3.1`` alone when the interval is unknown)."""
    if mean is None:
        return "-"
    text = f"{mean:+.{digits}f}"
    if low is None or high is None:
        return text
    return f"{text} [{low:+.{digits}f}, {high:+.{digits}f}]"
