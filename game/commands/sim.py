"""Headless play: ``simulate``."""

from __future__ import annotations

import argparse
import statistics
from pathlib import Path

from ..errors import CoalitionError
from ..paths import DEFAULT_SCENARIO
from .common import load_game


def _parse_seats(text: str | None, game) -> dict[str, str]:
    if not text:
        return {}
    names = {}
    for part in text.split(","):
        seat, _, agent = part.partition("=")
        if seat not in game.seats or not agent:
            raise CoalitionError(f"--seats: {part!r} should be SEAT=AGENT with SEAT one of {', '.join(game.seats)}")
        names[seat] = agent
    return names


def summarise(states: list) -> list[str]:
    """A short summary of finished games: deal rate, credibility, escalation, scores."""
    from ..scoring import outcome
    from ..state import BAD_TERMS, COLLAPSE, NO_DEAL, SIGNED

    n = len(states)
    outcomes = [outcome(s) for s in states]
    counts = {r: sum(1 for o in outcomes if o.result == r) for r in (SIGNED, BAD_TERMS, NO_DEAL, COLLAPSE)}
    seats = states[0].game.seats
    lines = [
        f"games: {n}",
        f"deal rate: {(counts[SIGNED] + counts[BAD_TERMS]) / n:.1%} "
        f"(credible {counts[SIGNED] / n:.1%}, on Russia's terms {counts[BAD_TERMS] / n:.1%}); "
        f"no deal {counts[NO_DEAL] / n:.1%}; collapse {counts[COLLAPSE] / n:.1%}",
        f"mean credibility: {statistics.fmean(o.credibility for o in outcomes):.1f}",
        "final escalation rung: " + ", ".join(
            f"{rung}: {sum(1 for o in outcomes if o.escalation == rung)}" for rung in range(states[0].game.top + 1)),
        "mean score per seat: " + ", ".join(
            f"{seat} {statistics.fmean(o.scores[i].total for o in outcomes):.1f}" for i, seat in enumerate(seats)),
    ]
    return lines


def cmd_simulate(args: argparse.Namespace) -> int:
    """Play N headless games and print a summary."""
    from ..record import save
    from ..runner import play, seat_agents

    path = args.scenario or str(DEFAULT_SCENARIO)
    game = load_game(path)
    names = _parse_seats(args.seats, game)
    if args.games < 1:
        raise CoalitionError("--games must be at least 1")
    states = []
    for i in range(args.games):
        seed = args.seed + i
        state = play(game, seed, seat_agents(game, seed, names, args.agent))
        states.append(state)
        if args.records:
            players = {seat: names.get(seat, args.agent) for seat in game.seats}
            save(state, Path(args.records) / f"game-{seed}.json", path, players)
    print("\n".join(summarise(states)))
    return 0


def register(sub) -> None:
    m = sub.add_parser("simulate", help="play headless games between AI agents")
    m.add_argument("scenario", nargs="?", help="scenario file (default: the default scenario)")
    m.add_argument("--games", type=int, default=100)
    m.add_argument("--seed", type=int, default=0)
    m.add_argument("--seats", help="agents by seat, e.g. us=random,fr=random")
    m.add_argument("--agent", default="random", help="agent for the seats not named in --seats")
    m.add_argument("--records", help="directory to write each game's JSON record to")
    m.set_defaults(func=cmd_simulate)
