"""Helpers the commands share."""

from __future__ import annotations

from pathlib import Path


def load_game(path: str | Path):
    """Load and compile a scenario file (raises ScenarioError with located problems)."""
    from ..core.state import Game
    from ..scenario.loader import load_scenario

    return Game.from_scenario(load_scenario(path))
