"""Golden digests: a hash of the action sequence of fixed-seed games (random, negotiator and MCTS
agents) of every shipped scenario, kept in ``tests/golden.json``. A change to the rules, a
scenario or an agent that changes play changes a digest; a change meant to keep play the same
(speed work, refactoring) must not.

When play is meant to change, regenerate them and say why in the commit that changes them::

    python -m tests.golden --update
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

from game import actions_of, load_game
from game.agents import make_agent
from game.agents.mcts import MCTSAgent
from game.analysis.runner import play
from game.paths import scenario_files

FILE = Path(__file__).with_name("golden.json")
UPDATE = "python -m tests.golden --update"

#: The games: (name, seed, agents per seat). MCTS searches from the first round with a small
#: budget in one seat (the rest negotiators), so that its search decides moves yet the suite stays quick.
RANDOM_SEEDS = (0, 1, 2)
NEGOTIATOR_SEEDS = (0, 1)
MCTS_SEEDS = (0,)
MCTS_SIMULATIONS = 12


def _agents(game, kind: str, seed: int) -> dict:
    if kind == "mcts":
        agents = {seat: make_agent("negotiator", seat, seed) for seat in game.seats}
        seat = game.seats[0]
        agents[seat] = MCTSAgent(seat, seed, simulations=MCTS_SIMULATIONS, search_from=1)
        return agents
    return {seat: make_agent(kind, seat, seed) for seat in game.seats}


def games() -> list[tuple[str, str, str, int]]:
    """Every golden game as (scenario name, game name, agent kind, seed)."""
    out = []
    for path in scenario_files():
        for kind, seeds in (("random", RANDOM_SEEDS), ("negotiator", NEGOTIATOR_SEEDS), ("mcts", MCTS_SEEDS)):
            out += [(path.stem, f"{kind}-{seed}", kind, seed) for seed in seeds]
    return out


def digest(scenario: str, kind: str, seed: int) -> str:
    """The hash of a golden game's action sequence (with its length, for a reader)."""
    game = load_game(scenario)
    actions = actions_of(play(game, seed, _agents(game, kind, seed)))
    return f"{len(actions)}:{hashlib.sha256(chr(10).join(actions).encode()).hexdigest()[:20]}"


def compute() -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for scenario, name, kind, seed in games():
        out.setdefault(scenario, {})[name] = digest(scenario, kind, seed)
    return out


def stored() -> dict[str, dict[str, str]]:
    return json.loads(FILE.read_text()) if FILE.exists() else {}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--update", action="store_true", help=f"rewrite {FILE.name} with the digests of today's play")
    args = parser.parse_args(argv)
    now, before = compute(), stored()
    changed = sorted(
        f"{s}/{g}"
        for s in now.keys() | before.keys()
        for g in now.get(s, {}).keys() | before.get(s, {}).keys()
        if now.get(s, {}).get(g) != before.get(s, {}).get(g)
    )
    if args.update:
        FILE.write_text(json.dumps(now, indent=2, sort_keys=True) + "\n")
        print(f"{FILE}: {len(changed)} digest(s) changed" + (f": {', '.join(changed)}" if changed else ""))
        return 0
    print("\n".join(changed) if changed else "every golden game plays as recorded")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
