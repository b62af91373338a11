"""Agents that kill the process playing them, to test that the executors replay or report the games
of a worker that died. ``register`` adds them to the agents (a Ray worker runs it at start-up)."""

from __future__ import annotations

import os
import signal
from pathlib import Path

from game import agents as agents_module

DIES_AT = 13  # the seed whose game kills its worker
MARKER = "COALITION_TEST_DIED"  # environment variable: the file that says the worker died already


class DiesOnce:
    """Kills its process the first time it plays seed 13 (it leaves a marker file then)."""

    def __init__(self, seat, seed):
        self.inner = agents_module.RandomAgent(seat, seed)
        marker = Path(os.environ[MARKER])
        if seed == DIES_AT and not marker.exists():
            marker.write_text("died")
            os.kill(os.getpid(), signal.SIGKILL)

    def act(self, observation, legal):
        return self.inner.act(observation, legal)


class AlwaysDies(DiesOnce):
    """Kills its process whenever it plays seed 13."""

    def __init__(self, seat, seed):
        if seed == DIES_AT:
            os._exit(3)
        self.inner = agents_module.RandomAgent(seat, seed)


def register() -> None:
    agents_module.AGENTS["dies-once"] = DiesOnce
    agents_module.AGENTS["always-dies"] = AlwaysDies
