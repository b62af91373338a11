"""AI agents. Every agent sees only its seat's observation and the legal actions, and draws any
randomness from its own RNG derived from the game seed and its seat.

An agent is an object with ``act(observation, legal) -> action``, made by a factory called with
``(seat, seed)`` (a class, usually). ``make_agent(name, seat, seed)`` builds one by name:

- ``random``: uniform over the legal actions (the baseline);
- ``negotiator``: utility-based, with a time-dependent concession curve and the seat's persona
  from the scenario (``game/agents/negotiator.py``);
- ``mcts``: information-set Monte Carlo tree search over whole proposals (``game/agents/mcts.py``);
- ``accept-all``, ``reject-all``, ``hold-out``: simple fixed strategies, the probes of the
  design-health report (``game/agents/fixed.py``);
- any agent an installed package registers under the entry-point group ``coalition.agents``
  (the entry point's name is the agent's name);
- ``package.module:ClassName`` (or ``path/to/file.py:ClassName``): a factory of your own, imported
  when first asked for (a module not found on the path is looked for in the current directory).

``AGENTS`` holds the named ones (the CLI and the GUI offer its keys); ``load_agent(spec)`` finds
the factory for a name or a ``module:ClassName`` spec. The protocol, with an example agent, is in
docs/agents.md.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import random
import sys
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path
from types import ModuleType
from typing import Any, Protocol

from .. import Action, CoalitionError, Observation


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


Factory = Callable[[str, int], Agent]

#: The entry-point group under which installed packages register agents.
ENTRY_POINT_GROUP = "coalition.agents"

BUILT_IN: dict[str, Factory] = {
    "random": RandomAgent,
    "negotiator": _negotiator,
    "mcts": _mcts,
    "accept-all": _fixed("AcceptAllAgent"),
    "reject-all": _fixed("RejectAllAgent"),
    "hold-out": _fixed("HoldOutAgent"),
}


class AgentError(CoalitionError):
    """An agent that cannot be found, loaded or made, with the reason."""


class _EntryPointFactory:
    """An installed package's agent, imported when first made."""

    def __init__(self, entry_point: metadata.EntryPoint):
        self.entry_point = entry_point
        self._factory: Factory | None = None

    def __call__(self, seat: str, seed: int) -> Agent:
        if self._factory is None:
            try:
                self._factory = self.entry_point.load()
            except Exception as e:
                raise AgentError(
                    f"agent {self.entry_point.name!r} ({self.entry_point.value}) cannot be loaded: "
                    f"{type(e).__name__}: {e}"
                ) from None
        return self._factory(seat, seed)


def _installed() -> dict[str, Factory]:
    """The agents installed packages register (``coalition.agents``); a built-in name wins."""
    found = {}
    for ep in sorted(metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda ep: ep.name):
        if ep.name not in BUILT_IN and ep.name not in found and ":" not in ep.name:
            found[ep.name] = _EntryPointFactory(ep)
    return found


AGENTS: dict[str, Factory] = {**BUILT_IN, **_installed()}


def is_spec(name: str) -> bool:
    """Whether ``name`` is a ``module:ClassName`` spec rather than an agent's name."""
    module, _, attr = name.rpartition(":")
    return bool(module) and bool(attr)


def _import(module_name: str) -> ModuleType:
    if module_name.endswith(".py"):  # a file of the user's own
        path = Path(module_name).resolve()
        if not path.is_file():
            raise AgentError(f"no such file: {module_name}")
        name = f"coalition_agent_{path.stem}"
        if name not in sys.modules:
            spec = importlib.util.spec_from_file_location(name, path)
            module = importlib.util.module_from_spec(spec)
            sys.modules[name] = module  # before running it, as import does (dataclasses, pickling)
            try:
                spec.loader.exec_module(module)
            except BaseException:
                del sys.modules[name]
                raise
        return sys.modules[name]
    try:
        return importlib.import_module(module_name)
    except ModuleNotFoundError as e:
        # The `coalition` command's path does not have the current directory (python -m does):
        # look there too, after everything installed, for the module the user named.
        here = os.getcwd()
        if e.name != module_name.split(".")[0] or here in sys.path:
            raise
        sys.path.append(here)
        return importlib.import_module(module_name)


def load_agent(name: str) -> Factory:
    """The factory of the agent ``name``: a key of ``AGENTS``, or a ``module:ClassName`` spec
    (imported now). Raises ``AgentError`` saying why it cannot."""
    if name in AGENTS:
        return AGENTS[name]
    if not is_spec(name):
        raise AgentError(f"unknown agent {name!r}; agents are {', '.join(sorted(AGENTS))}, or package.module:ClassName")
    module_name, _, attr = name.rpartition(":")
    try:
        module = _import(module_name)
    except AgentError:
        raise
    except Exception as e:  # whatever the user's module raises on import
        raise AgentError(f"agent {name!r}: cannot import {module_name}: {type(e).__name__}: {e}") from None
    factory: Any = module
    for part in attr.split("."):
        if not hasattr(factory, part):
            raise AgentError(f"agent {name!r}: {module_name} has no {attr!r}")
        factory = getattr(factory, part)
    if not callable(factory):
        raise AgentError(f"agent {name!r}: {attr} is not a class or function (it is called with seat and seed)")
    return factory


def register(name: str, factory: Factory) -> None:
    """Offer ``factory`` under ``name`` in this process (the GUI does this for an agent a player
    names by ``module:ClassName``; a notebook can too). A built-in name cannot be taken."""
    if name in BUILT_IN:
        raise AgentError(f"{name!r} is a built-in agent; choose another name")
    AGENTS[name] = factory


def make_agent(name: str, seat: str, seed: int) -> Agent:
    """An agent by name (or ``module:ClassName``) for ``seat`` in the game with ``seed``."""
    agent = load_agent(name)(seat, seed)
    if not callable(getattr(agent, "act", None)):
        raise AgentError(f"agent {name!r} made a {type(agent).__name__} with no act(observation, legal) method")
    return agent
