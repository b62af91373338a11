"""AI agents. Every agent sees only its seat's observation and the legal actions, and draws any
randomness from its own RNG derived from the game seed and its seat.

An agent is an object with ``act(observation, legal) -> action``; ``make_agent(name, seat, seed)``
builds one by name (the names the CLI and the GUI offer are the keys of ``AGENTS``):

- ``random``: uniform over the legal actions (the baseline);
- ``negotiator``: utility-based, with a time-dependent concession curve and the seat's persona
  from the scenario (``game/agents/negotiator.py``);
- ``mcts``: information-set Monte Carlo tree search over whole proposals (``game/agents/mcts.py``);
- ``accept-all``, ``reject-all``, ``hold-out``: simple fixed strategies, the probes of the
  design-health report (``game/agents/fixed.py``).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from typing import Protocol

from ..core.actions import Action
from ..core.observe import Observation


class Agent(Protocol):
    def act(self, observation: Observation, legal: Sequence[Action]) -> Action:  # pragma: no cover
        ...


def agent_rng(seed: int, seat: str) -> random.Random:
    """The agent's own RNG: a function of the game seed and its seat only."""
    return random.Random(f"agent:{seed}:{seat}")


class RandomAgent:
    """Uniform over the legal actions: the baseline."""

    def __init__(self, seat: str, seed: int):
        self.rng = agent_rng(seed, seat)

    def act(self, observation: Observation, legal: Sequence[Action]) -> Action:
        return self.rng.choice(legal)  # the same draw as legal[rng.randrange(len(legal))]


def _negotiator(seat: str, seed: int) -> Agent:
    from .negotiator import NegotiatorAgent  # noqa: PLC0415 - loaded when first asked for

    return NegotiatorAgent(seat, seed)


def _mcts(seat: str, seed: int) -> Agent:
    from .mcts import MCTSAgent  # noqa: PLC0415

    return MCTSAgent(seat, seed)


def _fixed(name: str) -> Callable[[str, int], Agent]:
    def make(seat: str, seed: int) -> Agent:
        from . import fixed  # noqa: PLC0415

        return getattr(fixed, name)(seat, seed)

    return make


AGENTS: dict[str, Callable[[str, int], Agent]] = {
    "random": RandomAgent,
    "negotiator": _negotiator,
    "mcts": _mcts,
    "accept-all": _fixed("AcceptAllAgent"),
    "reject-all": _fixed("RejectAllAgent"),
    "hold-out": _fixed("HoldOutAgent"),
}


def make_agent(name: str, seat: str, seed: int) -> Agent:
    """An agent by name for ``seat`` in the game with ``seed``."""
    if name not in AGENTS:
        raise ValueError(f"unknown agent {name!r}; agents are {', '.join(sorted(AGENTS))}")
    return AGENTS[name](seat, seed)
