"""The public API (``game/__init__.py``): every name it lists is there, and the what-if answers
the agents search with are what play gives."""

from __future__ import annotations

import game as public
from game import Proposal, current_seat, new_game, what_if, what_if_sent

from .helpers import do, game

US, FR, UA = 0, 1, 2


def test_every_public_name_is_there():
    for name in public.__all__:
        assert getattr(public, name) is not None, name


def _frances_turn():
    state = new_game(game(), 1)
    while state.game.seats[current_seat(state)] != "fr":
        state = do(state, "end")
    return state


def test_what_if_is_the_state_once_a_proposal_binds_in_play():
    state = _frances_turn()
    played = do(state, "draft", "add fr ground 1", "share fr 100", "send")  # needs no answer: binds
    assert len(played.agreements) == 1
    proposal = played.agreements[0].proposal
    after = what_if(state, FR, proposal)
    assert after.seats == played.seats and after.credibility == played.credibility
    assert [a.proposal for a in after.agreements] == [proposal]
    assert state.agreements == () and not state.offers  # the state asked about is untouched


def test_what_if_sent_is_the_state_once_the_drafting_steps_and_send_are_played():
    state = _frances_turn()
    steps = ("draft", "add fr ground 2", "add us c2 1", "share fr 50", "share us 50")
    played = do(state, *steps, "send")
    sent = what_if_sent(state, played.offers[0].proposal, len(steps))
    for field in ("seats", "offers", "agreements", "edits", "sent", "next_id", "draft"):
        assert getattr(sent, field) == getattr(played, field), field
    # a draft that cannot be sent (shares short of 100%) changes nothing
    unsendable = Proposal(items=((FR, 0, 1),), shares=((FR, 50),), term=3)
    assert what_if_sent(state, unsendable, 3) is state
