"""A conformance checker anyone can run on a scenario (as PettingZoo's ``api_test``): random games
to the end with the rules' invariants checked after every action, determinism, and a save/load
round trip mid-game. The test suite runs it on every shipped scenario (``game/data/scenarios/``).

``oracle_game`` is the engine's perft: at every ply the ordered legal actions are compared with the
rules' definition (``reference_legal_actions``) and every drafting step's resulting state with the
plain one the definition builds (``reference_draft_step``).
"""

from __future__ import annotations

import json
import random
import tempfile
from collections.abc import Mapping
from pathlib import Path

import attrs

from .. import (
    CHANCE,
    DRAFTING_STEPS,
    Action,
    Game,
    State,
    actions_of,
    apply,
    current_seat,
    in_force,
    is_over,
    legal_actions,
    new_game,
    observe,
    reference_draft_step,
    reference_legal_actions,
    sample_chance,
)
from .. import load_record as load
from .. import save_record as save
from ..agents import Agent
from ..errors import IllegalActionError


class ConformanceError(AssertionError):
    """An invariant of the rules does not hold."""


def _fail(state: State, what: str) -> None:
    raise ConformanceError(f"seed {state.seed}, ply {state.ply}, round {state.round}, {state.phase}: {what}")


def check_invariants(state: State) -> None:
    """Raise ``ConformanceError`` if a rule invariant does not hold in ``state``."""
    g = state.game
    for i, seat in enumerate(state.seats):
        if seat.funds < -1e-9 or any(f < -1e-9 for f in seat.forces):
            _fail(state, f"{g.seats[i]} has negative funds or forces: {seat}")
        if not 0 <= seat.support <= 100:
            _fail(state, f"{g.seats[i]} support {seat.support} outside 0-100")
    if not 0 <= state.credibility <= 100:
        _fail(state, f"credibility {state.credibility} outside 0-100")
    if not 0 <= state.escalation <= g.top:
        _fail(state, f"escalation {state.escalation} off the ladder")
    if state.draft is not None and (state.phase != "negotiation" or state.pending):
        _fail(
            state, "a draft outside the negotiation phase or before a chance step"
        )  # the rules' fast paths assume none
    for a in state.agreements + tuple(o for o in state.offers):
        p = a.proposal
        if p.share_total() != 100 or any(not 0 < pct <= 100 for _, pct in p.shares):
            _fail(state, f"agreement/offer {a.id} has shares {p.shares}")
    for (giver, kind), units in in_force(state.agreements).items():
        if kind not in g.may_give[giver]:
            _fail(state, f"{g.seats[giver]} gives {g.kinds[kind]}, which it may not")
        limit = g.hard_max[giver][kind]
        if limit is not None and units > limit:
            _fail(state, f"{g.seats[giver]} crosses a hard red line: {units} {g.kinds[kind]}")


def check_observation(state: State, seat: int) -> None:
    """Raise ``ConformanceError`` if ``seat``'s observation holds anything private to another."""
    view = observe(state, seat).view
    for i, actor in enumerate(view.game.scenario.seats):
        if i != seat and actor.private is not None:
            _fail(state, f"{state.game.seats[seat]} can see {actor.id}'s private information")
    if view.seed != 0 or view.history is not None:
        _fail(state, "an observation reveals the seed or the action history")
    cell = view.news
    while cell is not None:
        cell, item = cell
        if not item.visible(seat):
            _fail(state, f"{state.game.seats[seat]} can see news meant for others: {item}")
    for o in view.offers:
        if seat != o.proposer and seat not in o.addressees():
            _fail(state, f"{state.game.seats[seat]} can see offer {o.id} it is not party to")
    if view.draft is not None and current_seat(state) != seat:
        _fail(state, f"{state.game.seats[seat]} can see another seat's draft")


def random_game(
    game: Game, seed: int, check: bool = True, save_at: int | None = None, save_dir: Path | None = None
) -> State:
    """Play a game with uniformly random choices (the agent's RNG seeded from ``seed``),
    checking invariants after every action and, at ply ``save_at``, a save/load round trip."""
    rng = random.Random(f"conformance:{seed}")
    state = new_game(game, seed)
    while not is_over(state):
        seat = current_seat(state)
        if seat == CHANCE:
            action = sample_chance(state)
        else:
            legal = legal_actions(state)
            if not legal:
                _fail(state, "a seat is to act but has no legal action")
            action = legal[rng.randrange(len(legal))]
        try:
            state = apply(state, action)
        except IllegalActionError as e:
            _fail(state, f"a listed legal action was refused: {e}")
        if check:
            check_invariants(state)
            if state.ply % 7 == 0:
                check_legal_actions(state)
                for s in range(len(game.seats)):
                    check_observation(state, s)
        if save_at is not None and state.ply == save_at and save_dir is not None:
            path = save_dir / f"mid-{seed}.json"
            save(state, path)
            json.loads(path.read_text())  # plain JSON
            loaded, _ = load(path, game)
            if actions_of(loaded) != actions_of(state) or loaded.seats != state.seats or loaded.offers != state.offers:
                _fail(state, "a saved game does not load back to the same state")
    return state


def check_scenario(game: Game, games: int = 10, first_seed: int = 0) -> list[State]:
    """Run the whole conformance check; returns the finished games."""
    finished = []
    with tempfile.TemporaryDirectory() as tmp:
        for seed in range(first_seed, first_seed + games):
            state = random_game(game, seed, save_at=40 + seed, save_dir=Path(tmp))
            again = random_game(game, seed, check=False)
            if actions_of(again) != actions_of(state):
                _fail(state, "the same seed gave a different game")
            finished.append(state)
    return finished


def check_legal_actions(state: State) -> None:
    """Raise ``ConformanceError`` if the fast legal-action list differs from the definition, in
    its actions or in their order (agents draw by index, so the order is part of play)."""
    fast, slow = tuple(legal_actions(state)), tuple(reference_legal_actions(state))
    if fast == slow:
        return
    if sorted(map(str, fast)) == sorted(map(str, slow)):
        i = next(i for i, (a, b) in enumerate(zip(fast, slow)) if a != b)
        _fail(
            state,
            f"legal_actions lists the right actions in another order: {fast[i]} at {i}, "
            f"where the definition has {slow[i]}",
        )
    _fail(state, f"legal_actions lists {sorted(map(str, set(fast) ^ set(slow)))} wrongly")


def check_draft_step(state: State, action: Action, after: State) -> None:
    """Raise ``ConformanceError`` if ``after``, the state ``apply`` gave for the drafting step
    ``action``, differs from the state the definition gives (``reference_draft_step``)."""
    expected = reference_draft_step(state, action)
    if after != expected:
        fields = [f.name for f in attrs.fields(State) if f.eq and getattr(after, f.name) != getattr(expected, f.name)]
        _fail(state, f"the drafting step {action} gives another state than the definition's (in {', '.join(fields)})")


def oracle_game(game: Game, seed: int, agents: Mapping[str, Agent] | None = None) -> State:
    """One game checked against the definition at every ply, as perft checks a chess engine: the
    ordered legal actions against ``reference_legal_actions``, and every drafting step's resulting
    state against ``reference_draft_step``. Choices are uniformly random, or made by ``agents``
    (seat id -> agent, each seeing only its observation)."""
    rng = random.Random(f"oracle:{seed}")
    state = new_game(game, seed)
    while not is_over(state):
        seat = current_seat(state)
        check_legal_actions(state)
        if seat == CHANCE:
            action = sample_chance(state)
        elif agents is None:
            action = rng.choice(legal_actions(state))
        else:
            action = agents[game.seats[seat]].act(observe(state, seat), legal_actions(state))
        after = apply(state, action)
        if isinstance(action, DRAFTING_STEPS):
            check_draft_step(state, action, after)
        state = after
    return state
