"""Playing strength: does putting agent A in a seat score better than agent B would there?

For every seat, the same seeds are played twice against the same background (every other seat
played by ``--background``, by default B): once with A in the seat, once with B. A "beats" B in
that seat assignment when its mean score there is higher. Prints a table per seat (means, the
difference with a 95% interval over the paired games) and the share of seats A wins.

Usage: python bench/strength.py --a negotiator --b random [--games 20] [--jobs 2] [--seed 0] [--seats us,uk]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game import load_game
from game.analysis.runner import run_games
from game.analysis.stats import Paired  # the paired statistics of balance and compare
from game.paths import DEFAULT_SCENARIO


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--a", default="negotiator")
    p.add_argument("--b", default="random")
    p.add_argument("--background", help="agent in the other seats (default: B)")
    p.add_argument("--games", type=int, default=20)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--jobs", type=int, default=2)
    p.add_argument("--scenario", default=str(DEFAULT_SCENARIO))
    p.add_argument("--seats", help="only these seats, comma-separated (default: every seat)")
    args = p.parse_args()
    game = load_game(args.scenario)
    seats = args.seats.split(",") if args.seats else list(game.seats)
    unknown = [s for s in seats if s not in game.seats]
    if unknown:
        p.error(f"unknown seat(s) {', '.join(unknown)}; seats are {', '.join(game.seats)}")
    background = args.background or args.b
    seeds = list(range(args.seed, args.seed + args.games))
    jobs = [(seed, {seat: who}) for seat in seats for who in (args.a, args.b) for seed in seeds]
    start = time.perf_counter()
    lines = list(run_games(args.scenario, jobs, background, args.jobs))
    elapsed = time.perf_counter() - start
    errors = [x for x in lines if "error" in x]
    if errors:
        print(f"{len(errors)} game(s) failed, e.g. seed {errors[0]['seed']}: {errors[0]['error']}")
    print(
        f"{args.a} vs {args.b} in each seat, background {background}; {args.games} paired games per seat "
        f"(seeds {seeds[0]}-{seeds[-1]}); {len(lines)} games in {elapsed:.0f} s"
    )
    print(f"{'seat':6}{args.a[:10]:>11}{args.b[:10]:>11}{'diff':>8}{'95% CI':>9}  better")
    wins = 0
    i = 0
    for seat in seats:
        a = lines[i : i + len(seeds)]
        b = lines[i + len(seeds) : i + 2 * len(seeds)]
        i += 2 * len(seeds)
        paired = Paired()  # A - B: A's games are the variant side
        for x, y in zip(a, b):
            if "error" not in x and "error" not in y:
                paired.add(x["seed"], 1, x["scores"][seat]["total"])
                paired.add(y["seed"], 0, y["scores"][seat]["total"])
        ma = statistics.fmean(x["scores"][seat]["total"] for x, y in zip(a, b) if "error" not in x and "error" not in y)
        mb = ma - paired.diff.mean
        half = paired.diff.half_width
        better = ma > mb
        wins += better
        print(f"{seat:6}{ma:11.1f}{mb:11.1f}{ma - mb:+8.1f}{'±' + format(half, '.1f'):>9}  {'yes' if better else 'no'}")
    print(f"{args.a} beats {args.b} in {wins} of {len(seats)} seat assignments ({wins / len(seats):.0%})")


if __name__ == "__main__":
    main()
