"""The oracle: the engine's fast path held to the rules' definition at every ply (as perft holds a
chess engine's move generator), and golden digests of fixed-seed games that change only when play
is meant to change (``python -m tests.golden --update``, with the reason in the commit)."""

from __future__ import annotations

import attrs
import pytest

import game.analysis.conformance as conformance
import game.core.rules as rules
from game import actions as A
from game import load_game
from game.agents import make_agent
from game.analysis.conformance import ConformanceError, oracle_game
from game.paths import scenario_files

from . import golden

SCENARIOS = [p.stem for p in scenario_files()]


def _negotiators(game, seed):
    return {seat: make_agent("negotiator", seat, seed) for seat in game.seats}


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_every_ply_of_random_and_negotiator_games_follows_the_definition(scenario):
    game = load_game(scenario)
    for seed in (0, 1):
        assert oracle_game(game, seed).result
    assert oracle_game(game, 0, _negotiators(game, 0)).result


@pytest.mark.slow
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_many_more_games_follow_the_definition(scenario):
    game = load_game(scenario)
    for seed in range(2, 12):
        oracle_game(game, seed)
    for seed in range(1, 3):
        oracle_game(game, seed, _negotiators(game, seed))


def test_the_oracle_catches_legal_actions_in_another_order(monkeypatch):
    # The experiment of issue 11: the drafting list with the share steps before the add/remove steps.
    fast = conformance.legal_actions

    def reordered(state):
        legal = fast(state)
        if state.draft is None:
            return legal
        steps = [a for a in legal if isinstance(a, A.Share)]
        return tuple([a for a in legal if a.__class__ in (A.Send, A.Discard)] + steps) + tuple(
            a for a in legal if a.__class__ not in (A.Send, A.Discard, A.Share)
        )

    monkeypatch.setattr(conformance, "legal_actions", reordered)
    with pytest.raises(ConformanceError, match="in another order"):
        oracle_game(load_game(SCENARIOS[0]), 0)


def test_the_oracle_catches_a_drafting_step_that_differs_from_the_definition(monkeypatch):
    real = conformance.apply

    def unsorted_shares(state, action):  # a share step that leaves the shares out of seat order
        after = real(state, action)
        if isinstance(action, A.Share) and len(after.draft.shares) > 1:
            return attrs.evolve(after, draft=attrs.evolve(after.draft, shares=after.draft.shares[::-1]))
        return after

    monkeypatch.setattr(conformance, "apply", unsorted_shares)
    with pytest.raises(
        ConformanceError, match=r"drafting step share .* another state than the definition's \(in draft\)"
    ):
        for seed in range(10):
            oracle_game(load_game(SCENARIOS[0]), seed)


@pytest.mark.slow
def test_a_new_rule_the_fast_path_does_not_know_fails_the_oracle(monkeypatch):
    # A rule added to the definition that reads state the fast path's memos are not keyed on (the
    # round): were the fast path left as it is, its remembered add steps would be stale answers.
    real = rules._why_add

    def no_new_commitments_after_round_one(state, giver, kind, units, present):
        return (
            "no new commitments after the first round" if state.round > 1 else real(state, giver, kind, units, present)
        )

    monkeypatch.setattr(rules, "_why_add", no_new_commitments_after_round_one)
    with pytest.raises(ConformanceError, match="legal_actions lists .*add"):
        for seed in range(10):
            oracle_game(load_game(SCENARIOS[0]), seed)


def test_golden_games_play_as_recorded():
    stored, now = golden.stored(), golden.compute()
    changed = sorted(f"{s}/{g}" for s in now for g in now[s] if stored.get(s, {}).get(g) != now[s][g])
    assert not changed and stored.keys() == now.keys(), (
        f"fixed-seed games play differently: {', '.join(changed) or 'scenarios added or removed'}. If play is meant "
        f"to change (a rule, a scenario or an agent changed), regenerate the digests with `{golden.UPDATE}` and say "
        "why in the commit; if not, the change broke determinism or the fast path."
    )
