"""Sweeps: the design-health figures of a scenario over a grid of values changed by dotted path
(``--vary actors.us.budget=6,8,12 --vary commitments.no_fly_zone.yearly_cost=0.9,1.8``), the same
seeds at every point, one row per point.

Each point is a variant of the base file (``load_variant``), so a bad value is reported before any
game is played; all points' games go to the executor as one study (point by point, so rows come
out in order as their games finish).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import yaml

from .. import CoalitionError, Game, load_scenario, load_variant
from .executor import Study
from .health import Health, escalating_kinds
from .plotting import pyplot

#: The figures a sweep prints and plots unless told otherwise (``clash_`` and ``use_`` of every
#: kind whose incidents escalate are added).
DEFAULT_FIGURES = ("credible", "no_deal", "collapse", "bloc_share", "bloc_pays_most", "winner_margin")
NOT_RATES = ("winner_margin", "games")


def parse_vary(text: str) -> tuple[str, list[Any]]:
    """``path=v1,v2,...`` -> (path, values); values are YAML scalars (``6`` an int, ``0.9`` a float,
    ``true``, text) or flow lists (``[1, 2]``, whose commas do not split)."""
    path, eq, rest = text.partition("=")
    path = path.strip()
    if not eq or not path or not rest.strip():
        raise CoalitionError(f"--vary {text!r}: expected PATH=VALUE,VALUE,... e.g. actors.us.budget=6,8,12")
    values, depth, word = [], 0, ""
    for ch in rest + ",":
        if ch == "," and depth == 0:
            if not word.strip():
                raise CoalitionError(f"--vary {text!r}: an empty value")
            try:
                values.append(yaml.safe_load(word.strip()))
            except yaml.YAMLError:
                raise CoalitionError(f"--vary {text!r}: {word.strip()!r} is not a value") from None
            word = ""
            continue
        depth += ch in "[{"
        depth -= ch in "]}"
        word += ch
    if len(set(map(repr, values))) != len(values):
        raise CoalitionError(f"--vary {text!r}: a value is given twice")
    return path, values


class Sweep:
    """The grid: its axes, the scenario of every point, and the study that plays them."""

    def __init__(self, base_file: str, axes: Sequence[tuple[str, list[Any]]]):
        if not axes:
            raise CoalitionError("give at least one --vary PATH=VALUES")
        paths = [p for p, _ in axes]
        if len(set(paths)) != len(paths):
            raise CoalitionError("--vary: a path is given twice")
        self.axes = list(axes)
        self.points = [dict(zip(paths, combo)) for combo in itertools.product(*(v for _, v in axes))]
        base = load_scenario(base_file)
        self.scenarios = tuple(load_variant(base_file, point, base) for point in self.points)
        self.game = Game.from_scenario(base)

    def study(self, default: str) -> Study:
        return Study(self.scenarios, (None,) * len(self.scenarios), default)

    def jobs(self, games: int, seed: int, names: Mapping[str, str]) -> list:
        pairs = tuple(sorted(names.items()))
        return [(p, seed + i, pairs) for p in range(len(self.points)) for i in range(games)]


def row_of(point: Mapping[str, Any], h: dict) -> dict:
    """One point's row: its values, then the figures (rates as shares 0-1)."""
    out: dict[str, Any] = dict(point)
    out["games"] = h["games"]
    for name, key in (
        ("credible", "signed"),
        ("bad_terms", "bad_terms"),
        ("no_deal", "no_deal"),
        ("collapse", "collapse"),
    ):
        out[name] = h["outcomes"][key]["rate"]
    b = h["bloc"]
    out["bloc_share"] = b["share_of_bills"]
    out["bloc_pays_most"] = b["pays_most"]["rate"]
    out["top3_share"] = h["deal_sets"]["top_share"]
    out["winner_margin"] = h["winner_margin_median"]
    for kind, rate in h["kinds"].items():
        out[f"use_{kind}"] = rate
    for kind, c in h["clashes"].items():
        out[f"clash_{kind}"] = c["clash_rate"]
    for seat, w in h["win_rate"].items():
        out[f"win_{seat}"] = w["rate"]
    return out


def run_sweep(
    sweep: Sweep,
    games: int,
    seed: int,
    executor,
    default: str = "negotiator",
    names: Mapping[str, str] | None = None,
    backstop: Sequence[str] | None = None,
    on_row: Callable[[dict], None] | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[dict]:
    """Play ``games`` games (seeds ``seed``...) at every point; the rows, in the grid's order."""
    jobs = sweep.jobs(games, seed, names or {})
    rows: list[dict] = []
    health: Health | None = None
    for n, line in enumerate(executor.run(sweep.study(default), jobs), 1):
        if health is None:
            health = Health(Game.from_scenario(sweep.scenarios[len(rows)]), backstop)
        health.add(line)
        if progress:
            progress(n)
        if n % games == 0:
            rows.append(row_of(sweep.points[len(rows)], health.figures()))
            health = None
            if on_row:
                on_row(rows[-1])
    return rows


def figures_of(sweep: Sweep, chosen: Sequence[str] | None) -> list[str]:
    """The figures to print and plot: ``chosen``, else the defaults and the escalating kinds' use
    and clash rates."""
    if chosen:
        return list(chosen)
    clash = escalating_kinds(sweep.game)
    return [*DEFAULT_FIGURES[:4], *(f"use_{k}" for k in clash), *(f"clash_{k}" for k in clash), *DEFAULT_FIGURES[4:]]


FIXED = ("games", "credible", "bad_terms", "no_deal", "collapse", "bloc_share", "bloc_pays_most", "top3_share")


def figure_names(game: Game) -> list[str]:
    """Every figure a row holds (``row_of``), for this scenario's kinds and seats."""
    return [
        *FIXED,
        "winner_margin",
        *(f"use_{k}" for k in game.kinds),
        *(f"clash_{k}" for k in escalating_kinds(game)),
        *(f"win_{s}" for s in game.seats),
    ]


def check_figures(figures: Sequence[str], game: Game) -> None:
    """A plain error for a figure no row has."""
    names = figure_names(game)
    unknown = [f for f in figures if f not in names]
    if unknown:
        raise CoalitionError(f"--figures: no figure {unknown[0]!r}; figures are {', '.join(names)}")


def _cell(name: str, value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    if name in NOT_RATES:
        return f"{value:.1f}" if isinstance(value, float) else str(value)
    return f"{value:.0%}"


def format_rows(
    axes: Sequence[tuple[str, list]], figures: Sequence[str], rows: Sequence[Mapping[str, Any]]
) -> list[str]:
    """The header and the rows as a text table: the axes' values, then the figures (the widths
    depend only on the grid, so rows printed as they come line up)."""
    widths = [max(len(p), *(len(str(v)) for v in values)) for p, values in axes]
    widths += [max(len(f), 6) for f in figures]
    heads = [p for p, _ in axes] + list(figures)
    out = ["  ".join(h.rjust(w) for h, w in zip(heads, widths))]
    for r in rows:
        cells = [str(r[p]) for p, _ in axes] + [_cell(f, r[f]) for f in figures]
        out.append("  ".join(c.rjust(w) for c, w in zip(cells, widths)))
    return out


def plot_sweep(axes: Sequence[tuple[str, list]], figures: Sequence[str], rows: Sequence[Mapping], path: str) -> None:
    """One axis: a line per figure (rates in one panel, points in another); two axes: a heatmap
    per figure."""
    plt = pyplot()
    if len(axes) == 1:
        fig = _lines(plt, axes[0], figures, rows)
    elif len(axes) == 2:
        fig = _heatmaps(plt, axes, figures, rows)
    else:
        raise CoalitionError("--plot draws one or two --vary axes (a line per figure, or a heatmap per figure)")
    try:
        fig.savefig(path, dpi=100)
    except OSError as e:
        raise CoalitionError(f"cannot write {path}: {e.strerror or e}") from None
    finally:
        plt.close(fig)


def _value(v: Any) -> float:
    return float("nan") if v is None else float(v)


def _lines(plt, axis, figures, rows):
    path, values = axis
    numeric = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values)
    xs = values if numeric else list(range(len(values)))
    rates = [f for f in figures if f not in NOT_RATES]
    others = [f for f in figures if f in NOT_RATES]
    panels = [p for p in (rates, others) if p]
    fig, ax = plt.subplots(1, len(panels), figsize=(6 * len(panels), 4), squeeze=False)
    for panel, names in zip(ax[0], panels):
        scale = 100 if names is rates else 1
        for f in names:
            panel.plot(xs, [scale * _value(r[f]) for r in rows], marker="o", label=f)
        panel.set_xlabel(path)
        panel.set_ylabel("% of games (or of deals)" if names is rates else "points")
        if not numeric:
            panel.set_xticks(xs, [str(v) for v in values])
        panel.legend(fontsize="small")
        panel.grid(alpha=0.3)
    fig.suptitle(f"sweep over {path}: {rows[0]['games']} games a point, the same seeds", fontsize="medium")
    fig.tight_layout()
    return fig


def _heatmaps(plt, axes, figures, rows):
    (ypath, ys), (xpath, xs) = axes
    cols = min(3, len(figures))
    nrows = math.ceil(len(figures) / cols)
    fig, grid = plt.subplots(nrows, cols, figsize=(4.5 * cols, 3.6 * nrows), squeeze=False)
    for k, f in enumerate(figures):
        panel = grid[k // cols][k % cols]
        rate = f not in NOT_RATES
        table = [
            [_value(rows[i * len(xs) + j][f]) * (100 if rate else 1) for j in range(len(xs))] for i in range(len(ys))
        ]
        image = panel.imshow(
            table, origin="lower", aspect="auto", cmap="viridis", vmin=0 if rate else None, vmax=100 if rate else None
        )
        for i in range(len(ys)):
            for j in range(len(xs)):
                v = table[i][j]
                panel.text(
                    j, i, "-" if math.isnan(v) else f"{v:.0f}", ha="center", va="center", color="white", fontsize=8
                )
        panel.set_xticks(range(len(xs)), [str(x) for x in xs])
        panel.set_yticks(range(len(ys)), [str(y) for y in ys])
        panel.set_xlabel(xpath, fontsize="small")
        panel.set_ylabel(ypath, fontsize="small")
        panel.set_title(f + (" (%)" if rate else ""), fontsize="small")
        fig.colorbar(image, ax=panel)
    for k in range(len(figures), nrows * cols):
        grid[k // cols][k % cols].axis("off")
    fig.suptitle(f"sweep: {rows[0]['games']} games a point, the same seeds", fontsize="medium")
    fig.tight_layout()
    return fig
