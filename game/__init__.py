"""Coalition: a turn-based negotiation wargame engine.

The functional core, for every client (GUI, agents, runner, CLI)::

    from game import load_scenario, Game, new_game, legal_actions, apply, observe, is_over, outcome
    game = Game.from_scenario(load_scenario("ukraine_guarantees_2025"))
    state = new_game(game, seed=7)
    while not is_over(state):
        state = apply(state, sample_chance(state) if current_seat(state) == CHANCE else legal_actions(state)[0])
    print(outcome(state).winners)
"""

__version__ = "0.1.0"

from .core.actions import parse_action
from .core.observe import Observation, observe
from .core.rules import (
    CHANCE,
    apply,
    chance_outcomes,
    current_seat,
    is_over,
    legal_actions,
    new_game,
    resolve_chance,
    sample_chance,
    why_illegal,
)
from .core.scoring import Outcome, outcome
from .core.state import Game, State
from .errors import CoalitionError, IllegalActionError, RecordError, ScenarioError
from .scenario.loader import load_scenario

__all__ = [
    "parse_action",
    "CoalitionError",
    "IllegalActionError",
    "RecordError",
    "ScenarioError",
    "load_scenario",
    "Observation",
    "observe",
    "CHANCE",
    "apply",
    "chance_outcomes",
    "current_seat",
    "is_over",
    "legal_actions",
    "new_game",
    "resolve_chance",
    "sample_chance",
    "why_illegal",
    "Outcome",
    "outcome",
    "Game",
    "State",
]
