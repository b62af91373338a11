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
    >>> result.result in ("signed", "bad_terms", "no_deal", "collapse")
    True
    >>> bool(result.winners) == (result.result in ("signed", "bad_terms"))  # nobody wins a war that goes on
    True
    >>> returns(state) == tuple(score.total for score in result.scores)  # the scores in seat order
    True
    >>> len({state, new_game(game, seed=7)})  # states are hashable
    2

Chance steps (event draws, incidents) are drawn from the game's seed alone, so the same seed and
the same actions give the same game.

The public API is the names below: every client (the GUI, the agents, the runner and analysis,
the CLI) uses the rules through them only (``pyproject.toml``'s import contract holds them to it).

- play: ``new_game``, ``current_seat``, ``legal_actions``, ``why_illegal``, ``apply``, chance steps,
  ``is_over``, ``outcome``; the actions are the classes of ``game.actions`` (``parse_action`` reads
  one from text);
- what a seat sees: ``observe``; what the game says: ``describe``, ``log_lines`` (``narrate``);
- what-if for searches: ``what_if`` (the state once a proposal would bind), ``what_if_sent``;
- records and saves: ``save_record``, ``load_record``, ``replay``, ``actions_of``, ``to_record`` /
  ``record_bytes`` (with a ``Verifier`` kept between saves of one game), ``MAX_SEED``;
- scenarios: ``load_scenario``, ``load_game``, ``check_file``; the authoring tools (``render_docs``,
  ``schema_text``, ``write_new``) and ``load_variant`` (values changed by dotted path, for sweeps)
  load when first asked for.
"""

from __future__ import annotations

__version__ = "0.1.0"

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import CoalitionError, IllegalActionError, RecordError, ScenarioError

# The public names load their modules when first used, so that ``import game`` (and a command
# that needs only the scenario loader, such as ``validate``) does not load the rules, the agents'
# numbers and the narration. The imports below are what the names are, for type checkers and
# readers; ``_EXPORTS`` and ``_RENAMED`` say the same for the interpreter (a test holds them equal).
if TYPE_CHECKING:
    from .core import actions
    from .core.actions import Action, parse_action
    from .core.credibility import alarm, contributions, credibility, from_raw, in_force, synergy_multiplier
    from .core.effects import holds
    from .core.fastpath import apply, legal_actions
    from .core.lookahead import what_if, what_if_sent
    from .core.mandates import dealt as dealt_mandate
    from .core.mandates import holds as mandate_holds
    from .core.mandates import met_now as mandate_met
    from .core.mandates import terms as mandate_terms
    from .core.narrate import (
        TRACKS,
        Track,
        amount,
        describe,
        describe_proposal,
        localized,
        log_lines,
        money,
        per_year,
        plural,
        score_reason,
        shares_text,
        track_values,
        troops,
        units_text,
        years,
    )
    from .core.negotiation import bill_shares, check_feasible
    from .core.observe import Observation, observe
    from .core.record import MAX_SEED, Verifier, actions_of, record_bytes, replay, to_record
    from .core.record import load as load_record
    from .core.record import save as save_record
    from .core.resolution import lapsing
    from .core.rules import (
        CHANCE,
        DRAFTING_STEPS,
        chance_outcomes,
        current_seat,
        is_over,
        new_game,
        reference_draft_step,
        reference_legal_actions,
        resolve_chance,
        sample_chance,
        why_illegal,
        why_unsendable,
    )
    from .core.scoring import (
        OUTCOME_WORDS,
        Outcome,
        cost_value,
        outcome,
        peace_value,
        returns,
        rounds_late,
        seat_score,
        soft_lines,
        support_value,
        yearly_bill,
        yearly_bills,
    )
    from .core.state import (
        BAD_TERMS,
        COLLAPSE,
        NO_DEAL,
        PHASES,
        SIGNED,
        Agreement,
        Game,
        News,
        Offer,
        Proposal,
        State,
        cons_list,
    )
    from .scenario.loader import check_file, exit_status, load_scenario
    from .scenario.model import OBJECTIVES, RESOURCES, Persona, Scenario

#: Public name -> the module (under ``game``) it comes from, by module.
_EXPORTS: dict[str, tuple[str, ...]] = {
    "core.actions": ("Action", "parse_action"),
    "core.credibility": ("alarm", "contributions", "credibility", "from_raw", "in_force", "synergy_multiplier"),
    "core.effects": ("holds",),
    "core.fastpath": ("apply", "legal_actions"),
    "core.lookahead": ("what_if", "what_if_sent"),
    "core.narrate": (
        "TRACKS",
        "Track",
        "amount",
        "describe",
        "describe_proposal",
        "localized",
        "log_lines",
        "money",
        "per_year",
        "plural",
        "score_reason",
        "shares_text",
        "track_values",
        "troops",
        "units_text",
        "years",
    ),
    "core.negotiation": ("bill_shares", "check_feasible"),
    "core.observe": ("Observation", "observe"),
    "core.record": ("MAX_SEED", "Verifier", "actions_of", "record_bytes", "replay", "to_record"),
    "core.rules": (
        "CHANCE",
        "DRAFTING_STEPS",
        "chance_outcomes",
        "current_seat",
        "is_over",
        "new_game",
        "reference_draft_step",
        "reference_legal_actions",
        "resolve_chance",
        "sample_chance",
        "why_illegal",
        "why_unsendable",
    ),
    "core.resolution": ("lapsing",),
    "core.scoring": (
        "OUTCOME_WORDS",
        "Outcome",
        "cost_value",
        "outcome",
        "peace_value",
        "returns",
        "rounds_late",
        "seat_score",
        "soft_lines",
        "support_value",
        "yearly_bill",
        "yearly_bills",
    ),
    "core.state": (
        "BAD_TERMS",
        "COLLAPSE",
        "NO_DEAL",
        "PHASES",
        "SIGNED",
        "Agreement",
        "Game",
        "News",
        "Offer",
        "Proposal",
        "State",
        "cons_list",
    ),
    "scenario.loader": ("check_file", "exit_status", "load_scenario"),
    "scenario.model": ("OBJECTIVES", "RESOURCES", "Persona", "Scenario"),
}
#: Public names that differ from their name in the module (``None``: the module itself).
_RENAMED: dict[str, tuple[str, str | None]] = {
    "actions": ("core.actions", None),
    "dealt_mandate": ("core.mandates", "dealt"),
    "mandate_holds": ("core.mandates", "holds"),
    "mandate_met": ("core.mandates", "met_now"),
    "mandate_terms": ("core.mandates", "terms"),
    "load_record": ("core.record", "load"),
    "save_record": ("core.record", "save"),
}
_WHERE = {name: (module, name) for module, names in _EXPORTS.items() for name in names} | _RENAMED


def load_game(path: str | Path) -> Game:
    """Load and compile a scenario file or shipped scenario name (raises ``ScenarioError`` with
    located problems)."""
    from .core.state import Game  # noqa: PLC0415 - loaded when first used
    from .scenario.loader import load_scenario  # noqa: PLC0415

    return Game.from_scenario(load_scenario(path))


#: The authoring tools, imported when first used (``import game`` stays quick for the players).
_LAZY = {
    "render_docs": ("game.scenario.docs", "render"),
    "schema_text": ("game.scenario.schema", "schema_text"),
    "write_new": ("game.scenario.scaffold", "write_new"),
    "load_variant": ("game.scenario.vary", "load_variant"),
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        module, attr = _WHERE[name]
        loaded = importlib.import_module(f".{module}", __name__)
        value = loaded if attr is None else getattr(loaded, attr)
    elif name in _LAZY:
        module, attr = _LAZY[name]
        value = getattr(importlib.import_module(module), attr)
    else:
        raise AttributeError(f"module 'game' has no attribute {name!r}")
    globals()[name] = value  # the next use is a plain global
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_WHERE, *_LAZY})


__all__ = [
    # play
    "CHANCE",
    "Action",
    "actions",
    "parse_action",
    "new_game",
    "current_seat",
    "legal_actions",
    "reference_legal_actions",
    "reference_draft_step",
    "DRAFTING_STEPS",
    "why_illegal",
    "why_unsendable",
    "apply",
    "chance_outcomes",
    "sample_chance",
    "resolve_chance",
    "is_over",
    # state
    "Game",
    "State",
    "Proposal",
    "Offer",
    "Agreement",
    "News",
    "PHASES",
    "cons_list",
    # what a seat sees, what the game says
    "Observation",
    "observe",
    "describe",
    "describe_proposal",
    "localized",
    "log_lines",
    "score_reason",
    "amount",
    "money",
    "per_year",
    "plural",
    "shares_text",
    "troops",
    "TRACKS",
    "Track",
    "track_values",
    "units_text",
    "years",
    # the numbers agents and views weigh
    "check_feasible",
    "contributions",
    "credibility",
    "alarm",
    "holds",
    "lapsing",
    "bill_shares",
    "peace_value",
    "cost_value",
    "rounds_late",
    "soft_lines",
    "support_value",
    "in_force",
    "from_raw",
    "synergy_multiplier",
    "dealt_mandate",
    "mandate_holds",
    "mandate_met",
    "mandate_terms",
    "yearly_bill",
    "yearly_bills",
    "what_if",
    "what_if_sent",
    # the end
    "Outcome",
    "outcome",
    "returns",
    "seat_score",
    "OUTCOME_WORDS",
    "SIGNED",
    "BAD_TERMS",
    "NO_DEAL",
    "COLLAPSE",
    # records
    "actions_of",
    "load_record",
    "save_record",
    "record_bytes",
    "Verifier",
    "MAX_SEED",
    "replay",
    "to_record",
    # scenarios
    "Scenario",
    "Persona",
    "OBJECTIVES",
    "RESOURCES",
    "load_scenario",
    "load_game",
    "load_variant",
    "check_file",
    "exit_status",
    "render_docs",
    "schema_text",
    "write_new",
    # errors
    "CoalitionError",
    "IllegalActionError",
    "RecordError",
    "ScenarioError",
]
