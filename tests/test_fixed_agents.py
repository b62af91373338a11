"""The simple fixed strategies of the balance probes: accept-all accepts and signs as soon as it
may, reject-all rejects and never signs, hold-out signs only in the last round; none drafts, and
all play legal moves in every phase."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.agents import AGENTS, make_agent
from game.analysis.runner import play, seat_agents
from game.core import actions as A
from game.core.state import Game, cons_list
from game.scenario.loader import load_scenario

MINIMAL = Path(__file__).parent / "fixtures" / "minimal.yaml"


@pytest.fixture(scope="module")
def game() -> Game:
    return Game.from_scenario(load_scenario(MINIMAL))


def _taken(state, seat: int) -> list:
    """The actions ``seat`` took, from the umpire's history (seat of each step replayed)."""
    from game import apply, current_seat, new_game

    replay, out = new_game(state.game, state.seed), []
    for action in cons_list(state.history):
        if current_seat(replay) == seat:
            out.append(action)
        replay = apply(replay, action)
    return out


def _play(game, seed, **names):
    return play(game, seed, seat_agents(game, seed, names))


def test_the_fixed_strategies_are_offered_by_name():
    assert {"accept-all", "reject-all", "hold-out"} <= set(AGENTS)
    assert make_agent("hold-out", "ua", 1).inner.__class__.__name__ == "NegotiatorAgent"


@pytest.mark.parametrize("name", ["accept-all", "reject-all"])
def test_fixed_strategies_never_draft_in_any_seat(game, name):
    for seed in range(3):
        for seat in game.seats:
            state = _play(game, seed, **{seat: name})
            taken = _taken(state, game.seat_index[seat])
            assert taken, "the seat had decisions to take"
            assert not any(isinstance(a, (A.Draft, A.Counter, A.Send, A.Withdraw)) for a in taken)


def test_accept_all_accepts_every_offer_and_signs_at_the_first_chance(game):
    ua = game.acceptor
    earliest = game.scenario.acceptance.earliest_round
    for seed in range(4):
        state = _play(game, seed, ua="accept-all")
        taken = _taken(state, ua)
        assert not any(isinstance(a, A.Reject) for a in taken)
        assert [a for a in taken if isinstance(a, (A.Sign, A.HoldOut))][-1] == A.Sign()
        signed = [n for n in cons_list(state.news) if n.kind == "sign"]
        assert signed and signed[0].round == earliest
    fr = game.seat_index["fr"]
    accepted = sum(isinstance(a, A.Accept) for seed in range(4) for a in _taken(_play(game, seed, fr="accept-all"), fr))
    assert accepted > 0


def test_reject_all_rejects_every_offer_it_is_asked_and_never_signs(game):
    for seat in game.seats:
        s = game.seat_index[seat]
        for seed in range(3):
            state = _play(game, seed, **{seat: "reject-all"})
            taken = _taken(state, s)
            assert not any(isinstance(a, (A.Accept, A.Sign)) for a in taken)
            assert not any(s in a.proposal.givers() for a in state.agreements)
    state = _play(game, 0, ua="reject-all")
    assert state.result == "no_deal"


def test_hold_out_signs_only_in_the_last_round(game):
    rounds = game.scenario.schedule.rounds
    for seed in range(4):
        state = _play(game, seed, ua="hold-out")
        decisions = [n for n in cons_list(state.news) if n.kind in ("sign", "hold")]
        assert all(n.kind == "hold" for n in decisions if n.round < rounds)
        assert decisions[-1].kind == "sign" and decisions[-1].round == rounds
