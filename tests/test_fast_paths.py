"""The engine's fast paths agree with the definitions they shortcut: the quick legality checks
never allow what ``why_illegal`` refuses, a drafting step applied by its quick path gives the
state the general path gives, and ``replace`` copies a state as ``attrs.evolve`` does."""

from __future__ import annotations

import random

import attrs
import pytest

from game import CHANCE, apply, current_seat, is_over, legal_actions, new_game, sample_chance, why_illegal
from game.core import actions as A
from game.core.fastpath import _surely_legal, quick_draft_step
from game.core.rules import _candidates, perform, reference_draft_step
from game.core.state import Game, Proposal, replace
from game.paths import DEFAULT_SCENARIO
from game.scenario.loader import load_scenario

from .helpers import game as rules_game


def _probes(state):
    seat = current_seat(state)
    g = state.game
    yield from _candidates(state, seat)
    for other in g.seats:  # some illegal ones too
        yield A.Invite(other)
        yield A.Remove(other, g.kinds[0])
        yield A.Share(other, 105)
        yield A.Add(other, g.kinds[-1], 99)
    yield A.SetTerm(99)
    yield A.SetDeadline(-1)
    yield A.Draft()
    yield A.EndTurn()
    yield A.Discard()


@pytest.mark.slow
def test_the_quick_legality_check_never_allows_an_illegal_action():
    checked = 0
    for game in (Game.from_scenario(load_scenario(DEFAULT_SCENARIO)), rules_game(schedule={"events_per_round": 1})):
        for seed in range(3):
            rng = random.Random(seed)
            state = new_game(game, seed)
            while not is_over(state):
                if current_seat(state) == CHANCE:
                    state = apply(state, sample_chance(state))
                    continue
                if state.ply % 3 != 2:
                    if state.ply % 3 == 1:  # with the legal actions listed first, the quick checks use their sets
                        legal_actions(state)
                    for action in _probes(state):
                        if _surely_legal(state, action):
                            assert why_illegal(state, action) is None, (str(action), state.ply)
                        quick = quick_draft_step(state, action)
                        if quick is not None:
                            assert why_illegal(state, action) is None, (str(action), state.ply)
                            assert quick == perform(state, action) == reference_draft_step(state, action), str(action)
                            assert quick == attrs.evolve(
                                state,
                                draft=quick.draft,
                                edits=state.edits + 1,
                                ply=state.ply + 1,
                                history=(state.history, action),
                            )
                            d = quick.draft  # made without Proposal's __init__: the same value all the same
                            made = Proposal(d.items, d.shares, d.term, d.deadline, d.invited)
                            assert d == made and hash(d) == hash(made) and repr(d) == repr(made)
                            assert d.givers() == made.givers() == {i[0] for i in d.items} | {s for s, _ in d.shares}
                            checked += 1
                legal = legal_actions(state)
                state = apply(state, legal[rng.randrange(len(legal))])
    assert checked > 1000  # the drafting steps were exercised


def test_replace_copies_a_state_as_attrs_evolve_does():
    state = new_game(rules_game(), 1)
    assert replace(state, ply=7, edits=2) == attrs.evolve(state, ply=7, edits=2)
    assert state.ply != 7


def test_a_draft_a_giver_cannot_field_is_not_sendable_by_the_quick_check_either():
    game = Game.from_scenario(load_scenario(DEFAULT_SCENARIO))
    state = new_game(game, 3)
    while state.draft is None:  # to the first draft of the game
        state = apply(
            state,
            sample_chance(state)
            if current_seat(state) == CHANCE
            else A.Draft()
            if A.Draft() in legal_actions(state)
            else legal_actions(state)[0],
        )
    seat = current_seat(state)
    term = max(game.terms)  # the longest term ties up the most forces
    too_big = next(
        (giver, kind, units)
        for giver in game.givers
        for kind in game.may_give[giver]
        for units, _ in game.table.add[giver][kind]
        if game.resource[kind] >= 0
        and game.draw(giver, kind, units, term) > state.seats[giver].forces[game.resource[kind]]
    )
    for draft in (Proposal((too_big,), ((seat, 100),), term, 1, ()), Proposal((), ((seat, 100),), term, 1, ())):
        unsendable = replace(state, draft=draft)  # as a counter-offer's terms can leave it
        assert A.Send() not in legal_actions(unsendable)  # the legal actions are listed first: the quick check has them
        assert not _surely_legal(unsendable, A.Send())
        assert why_illegal(unsendable, A.Send()) is not None
    sendable = replace(
        state,
        draft=Proposal(
            ((seat, game.may_give[seat][0], game.table.add[seat][game.may_give[seat][0]][0][0]),),
            ((seat, 100),),
            min(game.terms),
            1,
            (),
        ),
    )
    assert A.Send() in legal_actions(sendable) and _surely_legal(sendable, A.Send())
