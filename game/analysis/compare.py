"""Paired A/B comparisons: two scenarios (or variants), or two assignments of agents to seats,
played on the same seeds. For every seat, the mean score difference B - A with a 95% interval of
the paired differences; for every outcome, and each seat's share of the wins, the difference of
rates (paired too: the mean of B's indicator minus A's, seed by seed). The statistics are the
probes' (``stats.Paired``).

Games are listed A, B, A, B... seed by seed, so pairs complete as they stream in.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import attrs

from .. import CoalitionError, Game, Scenario
from .executor import Study
from .health import RESULTS, Health
from .stats import Paired, fmt_interval


@attrs.frozen
class Side:
    """One side of a comparison: a scenario, a label for it, and the agents by seat."""

    label: str
    scenario: Scenario
    names: Mapping[str, str]
    file: str | None = None


def plan(a: Side, b: Side, games: int, seed: int, default: str) -> tuple[Study, list]:
    """The study of both sides and its jobs, interleaved seed by seed."""
    seats_a = tuple(s.id for s in a.scenario.seats)
    seats_b = tuple(s.id for s in b.scenario.seats)
    if seats_a != seats_b:
        raise CoalitionError(f"the two scenarios have different seats ({', '.join(seats_a)} / {', '.join(seats_b)})")
    if a.scenario == b.scenario and dict(a.names) == dict(b.names):
        raise CoalitionError("A and B are the same: give two scenarios, or different --a-seats / --b-seats")
    same = a.scenario == b.scenario
    study = Study((a.scenario,) if same else (a.scenario, b.scenario), (a.file,) if same else (a.file, b.file), default)
    jobs = []
    for i in range(games):
        jobs.append((0, seed + i, tuple(sorted(a.names.items()))))
        jobs.append((0 if same else 1, seed + i, tuple(sorted(b.names.items()))))
    return study, jobs


def run_compare(
    a: Side,
    b: Side,
    games: int,
    seed: int,
    executor,
    default: str = "negotiator",
    backstop: Sequence[str] | None = None,
    progress: Callable[[int], None] | None = None,
) -> dict:
    """Play both sides on seeds ``seed``.. ``seed + games - 1``; the paired figures, JSON-ready."""
    study, jobs = plan(a, b, games, seed, default)
    game_a, game_b = Game.from_scenario(a.scenario), Game.from_scenario(b.scenario)
    seats = game_a.seats
    health = [Health(game_a, backstop), Health(game_b, backstop)]
    scores = {s: Paired() for s in seats}
    wins = {s: Paired() for s in seats}
    outcomes = {r: Paired() for r in RESULTS}
    for n, line in enumerate(executor.run(study, jobs), 1):
        side = (n - 1) % 2
        health[side].add(line)
        if progress:
            progress(n)
        if "error" in line:
            continue
        seed_ = line["seed"]
        winners = line["winners"]
        for s in seats:
            scores[s].add(seed_, side, line["scores"][s]["total"])
            wins[s].add(seed_, side, 1 / len(winners) if s in winners else 0.0)
        for r in RESULTS:
            outcomes[r].add(seed_, side, 1.0 if line["outcome"] == r else 0.0)
    ha, hb = (h.figures() for h in health)
    return {
        "a": {"label": a.label, "seats": dict(a.names), "games": ha["games"], "failed": ha["failed"]},
        "b": {"label": b.label, "seats": dict(b.names), "games": hb["games"], "failed": hb["failed"]},
        "seed": seed,
        "default_agent": default,
        "seats": list(seats),
        "score": {s: _paired(scores[s], ha["mean_score"][s]["mean"], hb["mean_score"][s]["mean"]) for s in seats},
        "win_rate": {s: _paired(wins[s], ha["win_rate"][s]["rate"], hb["win_rate"][s]["rate"]) for s in seats},
        "outcomes": {r: _paired(outcomes[r], ha["outcomes"][r]["rate"], hb["outcomes"][r]["rate"]) for r in RESULTS},
        "bloc_share": {"a": ha["bloc"]["share_of_bills"], "b": hb["bloc"]["share_of_bills"]},
        "health": {"a": ha, "b": hb},
    }


def _paired(p: Paired, a: float | None, b: float | None) -> dict:
    return {"a": a, "b": b, "difference": p.figures()}


def format_compare(c: dict) -> str:
    """The comparison as text: who is A and B, then per seat and per outcome B - A with intervals."""
    a, b = c["a"], c["b"]
    n = c["score"][c["seats"][0]]["difference"]["n"] if c["seats"] else 0
    out = [
        f"compare, {n} paired games (seeds {c['seed']}-{c['seed'] + max(a['games'], b['games']) - 1}):",
        f"  A: {a['label']}" + (f"; seats {_names(a['seats'])}" if a["seats"] else ""),
        f"  B: {b['label']}" + (f"; seats {_names(b['seats'])}" if b["seats"] else ""),
        f"  (other seats: {c['default_agent']}; differences are B - A with 95% intervals; * excludes zero)",
        "",
        f"{'seat':8}{'score A':>9}{'score B':>9}{'B - A':>24}{'wins A':>9}{'wins B':>9}{'B - A':>24}",
    ]
    for s in c["seats"]:
        sc, w = c["score"][s], c["win_rate"][s]
        out.append(
            f"{s:8}{_num(sc['a'], '.1f'):>9}{_num(sc['b'], '.1f'):>9}{_diff(sc['difference'], 1):>24}"
            f"{_num(w['a'], '.0%'):>9}{_num(w['b'], '.0%'):>9}{_diff(w['difference'], 2, 100, '%'):>24}"
        )
    out += ["", f"{'outcome':10}{'A':>8}{'B':>8}{'B - A (points of %)':>26}"]
    for r, o in c["outcomes"].items():
        out.append(f"{r:10}{_num(o['a'], '.0%'):>8}{_num(o['b'], '.0%'):>8}{_diff(o['difference'], 1, 100):>26}")
    share = c["bloc_share"]
    bloc = c["health"]["a"]["bloc"]
    out += [
        "",
        f"the bloc's ({', '.join(bloc['seats'])}) share of the bills of credible deals: "
        f"A {_num(share['a'], '.0%')}, B {_num(share['b'], '.0%')}",
    ]
    failed = a["failed"] + b["failed"]
    if failed:
        out.append(f"! {failed} game(s) failed and are left out of the pairs")
    return "\n".join(out)


def _names(names: Mapping[str, str]) -> str:
    return ",".join(f"{s}={a}" for s, a in names.items())


def _num(x: float | None, spec: str) -> str:
    return "-" if x is None else format(x, spec)


def _diff(d: dict, digits: int, scale: float = 1, unit: str = "") -> str:
    def sc(x):
        return None if x is None else x * scale

    text = fmt_interval(sc(d["mean"]), sc(d["low"]), sc(d["high"]), digits if scale == 1 else 1)
    return text + unit + ("*" if d["significant"] else " ")
