"""The negotiator's speed (issue 14): games per second per core of the default scenario with a
negotiator in every seat, and the agents' share of a game's time, for the fast negotiator and its
plain reference (``tests/reference_negotiator.py``, the code before the speed work) in alternate
runs. CPU time of this one process (a core's worth), medians; the machine's load is printed.

Usage:
  python bench/negotiator.py [--games 10] [--runs 5] [--seed 0] [--scenario FILE] [--only fast|reference]
  python bench/negotiator.py --mcts [--games 2] [--runs 3]
        one MCTS seat among negotiators, searching from round 1 (the golden games' setting, with
        the default budget): decisions per CPU second, the fast negotiator's helpers against the
        reference's (swapped into ``game.agents.mcts``)
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game import load_game
from game.agents import mcts
from game.agents import negotiator as fast
from game.analysis.runner import game_result, play
from game.paths import DEFAULT_SCENARIO
from tests import reference_evaluate
from tests import reference_negotiator as reference


class Timed:
    """An agent whose decisions are timed (CPU time)."""

    spent = 0.0

    def __init__(self, agent):
        self.agent = agent
        self.decisions = 0

    def act(self, observation, legal):
        self.decisions += 1
        t = time.process_time()
        try:
            return self.agent.act(observation, legal)
        finally:
            Timed.spent += time.process_time() - t


def run(game, seeds: range, make) -> tuple[float, float]:
    """(games per CPU second, the agents' share of it) over ``seeds``."""
    Timed.spent = 0.0
    start = time.process_time()
    for seed in seeds:
        state = play(game, seed, {seat: Timed(make(seat, seed)) for seat in game.seats})
        game_result(state, {seat: "negotiator" for seat in game.seats})
    total = time.process_time() - start
    return len(seeds) / total, Timed.spent / total


#: The names ``game.agents.mcts`` takes from the negotiator, swapped for the reference's.
_MCTS_NAMES = ("NegotiatorAgent", "candidate_packages", "others_accept", "share_options", "E")


def _mcts_helpers(module, evaluate) -> None:
    for name in _MCTS_NAMES:
        setattr(mcts, name, evaluate if name == "E" else getattr(module, name))


def run_mcts(game, seeds: range, helpers) -> float:
    """MCTS decisions per CPU second (one MCTS seat, the rest negotiators of the same kind)."""
    module, evaluate = helpers
    _mcts_helpers(module, evaluate)
    decisions, spent = 0, 0.0
    for seed in seeds:
        seat = game.seats[seed % len(game.seats)]
        agents = {s: module.NegotiatorAgent(s, seed) for s in game.seats}
        searcher = Timed(mcts.MCTSAgent(seat, seed, search_from=1))
        agents[seat] = searcher
        Timed.spent = 0.0
        play(game, seed, agents)
        decisions += searcher.decisions
        spent += Timed.spent
    return decisions / spent


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--games", type=int, default=10)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--scenario", default=str(DEFAULT_SCENARIO))
    p.add_argument("--only", choices=("fast", "reference"))
    p.add_argument("--mcts", action="store_true")
    args = p.parse_args()
    game = load_game(args.scenario)
    seeds = range(args.seed, args.seed + args.games)
    kinds = {"fast": (fast, fast.E), "reference": (reference, reference_evaluate)}
    if args.only:
        kinds = {args.only: kinds[args.only]}
    load = [os.getloadavg()[0]]
    rates: dict[str, list[float]] = {k: [] for k in kinds}
    shares: dict[str, list[float]] = {k: [] for k in kinds}
    for _ in range(args.runs):
        for name, helpers in kinds.items():  # alternate runs: the machine's drift hits both alike
            if args.mcts:
                rates[name].append(run_mcts(game, seeds, helpers))
            else:
                rate, share = run(game, seeds, helpers[0].NegotiatorAgent)
                rates[name].append(rate)
                shares[name].append(share)
            load.append(os.getloadavg()[0])
    what = "MCTS decisions per CPU second" if args.mcts else "games per CPU second"
    print(f"{Path(args.scenario).name}, seeds {seeds.start}..{seeds.stop - 1}, {args.runs} alternate runs; {what}")
    print(f"load average (1 min) during the runs: {min(load):.2f}-{max(load):.2f} on {os.cpu_count()} cores")
    for name in kinds:
        runs = ", ".join(f"{r:.2f}" for r in rates[name])
        line = f"  {name:9s} median {statistics.median(rates[name]):7.2f} (runs: {runs})"
        if shares[name]:
            line += f"; agents' share of the time: median {100 * statistics.median(shares[name]):.0f}%"
        print(line)
    if len(kinds) == 2:
        ratios = [f / r for f, r in zip(rates["fast"], rates["reference"])]
        print(f"  fast / reference: median {statistics.median(ratios):.1f}x")


if __name__ == "__main__":
    main()
