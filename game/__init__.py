"""Coalition: a turn-based negotiation wargame engine.

The functional core, for every client (GUI, agents, runner, CLI, your notebook): immutable
states, ``legal_actions``/``apply``/``observe``/``is_over``/``outcome``/``returns``. A random game of
the default scenario, start to end (a doctest, run by the test suite)::

    >>> import random
    >>> from game import (CHANCE, Game, apply, current_seat, is_over, legal_actions, load_scenario,
    ...     new_game, outcome, returns, sample_chance)
    >>> game = Game.from_scenario(load_scenario("ukraine_guarantees_2025"))  # a shipped name or a file
    >>> state, rng = new_game(game, seed=7), random.Random(7)
    >>> state  # doctest: +ELLIPSIS
    State(ukraine_guarantees_2025, seed=7, ply=0, round 1, events: chance; credibility ...)
    >>> while not is_over(state):
    ...     action = sample_chance(state) if current_seat(state) == CHANCE else rng.choice(legal_actions(state))
    ...     state = apply(state, action)
    >>> result = outcome(state)  # how it ended, every seat's score and the reason for each point
    >>> result.result in ("signed", "bad_terms", "no_deal", "collapse"), len(result.winners) >= 1
    (True, True)
    >>> returns(state) == tuple(score.total for score in result.scores)  # the scores in seat order
    True
    >>> len({state, new_game(game, seed=7)})  # states are hashable
    2

Chance steps (event draws, incidents) are drawn from the game's seed alone, so the same seed and
the same actions give the same game.
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
from .core.scoring import Outcome, outcome, returns
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
    "returns",
    "Game",
    "State",
]
