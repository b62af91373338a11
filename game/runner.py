"""Playing whole games headless: agents in every seat, chance from the game's seeded RNG."""

from __future__ import annotations

from typing import Mapping

from .agents import Agent, make_agent
from .observe import observe
from .rules import CHANCE, apply, current_seat, is_over, legal_actions, new_game, sample_chance
from .state import Game, State


def play(game: Game, seed: int, agents: Mapping[str, Agent], max_actions: int = 1_000_000) -> State:
    """Play one game to the end and return the final state."""
    state = new_game(game, seed)
    for _ in range(max_actions):
        if is_over(state):
            return state
        seat = current_seat(state)
        if seat == CHANCE:
            state = apply(state, sample_chance(state))
            continue
        seat_id = game.seats[seat]
        action = agents[seat_id].act(observe(state, seat), legal_actions(state))
        state = apply(state, action)
    raise RuntimeError(f"game with seed {seed} did not end within {max_actions} actions")


def seat_agents(game: Game, seed: int, names: Mapping[str, str], default: str = "random") -> dict[str, Agent]:
    """One agent per seat: ``names`` maps seat ids to agent names; the rest get ``default``."""
    return {seat: make_agent(names.get(seat, default), seat, seed) for seat in game.seats}
