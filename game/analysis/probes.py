"""Paired probes: on the same seeds as the base games, one seat at a time is played by a probe
strategy (a uniformly random player, a seat that accepts every offer, one that rejects every
offer, an acceptance seat that holds out to the last round, or ``mcts``) while every other seat
keeps its agent. The figure is the seat's score with the probe minus its score in the base game
of the same seed: mean and 95% interval of the paired differences.

A study lists its games interleaved by seed (the base game of a seed, then its probe games), so
the pairs complete as the games stream in and only a handful wait for their partner.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .. import Game
from ..errors import CoalitionError
from .stats import Paired

#: Probe names (as given to ``balance --probes``) and the agents that play them.
PROBES = {
    "random": "random",
    "accept": "accept-all",
    "reject": "reject-all",
    "holdout": "hold-out",
    "mcts": "mcts",
}
ACCEPTANCE_ONLY = frozenset({"holdout"})  # probes that only make sense in the acceptance seat


def parse_probes(text: str | None) -> tuple[str, ...]:
    """Probe names from a comma-separated list (agent names are accepted too: ``accept-all``)."""
    if not text:
        return ()
    by_agent = {agent: name for name, agent in PROBES.items()}
    out: list[str] = []
    for part in text.split(","):
        word = part.strip()
        if not word:
            continue
        name = word if word in PROBES else by_agent.get(word)
        if name is None:
            raise CoalitionError(f"--probes: unknown probe {word!r}; probes are {', '.join(PROBES)}")
        if name not in out:
            out.append(name)
    return tuple(out)


class ProbeStudy:
    """The games of a balance run with its probes (``jobs``, each a (seed, seat->agent) pair, and
    ``tags``: ``None`` for a base game, else the (seat, probe) it plays), and the paired
    differences as the result lines come in (``add``)."""

    def __init__(
        self,
        game: Game,
        lineups: Sequence[Mapping[str, str]],
        seed: int,
        probes: Sequence[str],
        probe_games: int,
    ):
        acceptor = game.seats[game.acceptor]
        self.games = probe_games if probes else 0
        self.first_seed = seed
        self.probes = tuple(probes)
        self.pairs: dict[tuple[str, str], Paired] = {}
        for seat in game.seats:
            for name in self.probes:
                if name in ACCEPTANCE_ONLY and seat != acceptor:
                    continue
                if all(names[seat] == PROBES[name] for names in lineups[: self.games]):
                    continue  # the probe is the base agent: nothing to compare
                self.pairs[seat, name] = Paired()
        self.jobs: list[tuple[int, dict[str, str]]] = []
        self.tags: list[tuple[str, str] | None] = []
        for i, names in enumerate(lineups):
            self.jobs.append((seed + i, dict(names)))
            self.tags.append(None)
            if i < self.games:
                for seat, name in self.pairs:
                    self.jobs.append((seed + i, {**names, seat: PROBES[name]}))
                    self.tags.append((seat, name))

    def add(self, tag: tuple[str, str] | None, line: dict) -> None:
        """Count one game's result line (``tag`` as listed with its job)."""
        if "error" in line:
            return
        seed, scores = line["seed"], line["scores"]
        if tag is None:
            if seed < self.first_seed + self.games:
                for (seat, _), paired in self.pairs.items():
                    paired.add(seed, 0, scores[seat]["total"])
            return
        self.pairs[tag].add(seed, 1, scores[tag[0]]["total"])

    def figures(self) -> list[dict]:
        """One entry per (seat, probe): the probe's agent and the paired difference's figures."""
        return [
            {"seat": seat, "probe": name, "agent": PROBES[name], **paired.figures()}
            for (seat, name), paired in self.pairs.items()
        ]
