"""A scripted late-game state for screenshots and the frame-time benchmark: a coalition package
(European brigades under US command and control, air defence, intelligence, a no-fly zone, host
support) proposed through the builder, accepted by every giver, then played on a few rounds.
"""

from __future__ import annotations

from .. import actions as A
from ..rules import CHANCE, apply, current_seat, is_over, legal_actions, sample_chance, why_illegal
from ..state import Game, State
from .builder import Form, normalise_shares, proposal_steps

PACKAGE = (
    ("uk", "ground_force", 2), ("fr", "ground_force", 3), ("de", "ground_force", 1), ("us", "command_control", 1),
    ("us", "intelligence", 2), ("us", "air_defence", 2), ("de", "air_defence", 2), ("us", "no_fly_zone", 2),
)
SHARES = (("us", 20), ("uk", 20), ("fr", 20), ("de", 30), ("it", 10))


def package_form(state: State, proposer: int) -> Form:
    g = state.game
    items = {}
    for seat, kind, units in PACKAGE:
        if seat in g.seat_index and kind in g.kind_index:
            items[(g.seat_index[seat], g.kind_index[kind])] = units
    shares = {g.seat_index[s]: p for s, p in SHARES if s in g.seat_index}
    parties = {gv for gv, _ in items} | set(shares)
    if "ua" in g.seat_index:
        parties.add(g.seat_index["ua"])
    form = Form(proposer=proposer, partners=sorted(parties - {proposer}), items=items, shares=shares,
                term=3 if 3 in g.terms else g.terms[-1], deadline=1)
    normalise_shares(form, g.scenario.schedule.share_step)
    return form


def late_game(game: Game, seed: int = 7, rounds: int = 5, sign: bool = False) -> State:
    """A state in round ``rounds`` (or at the end) with the package in force, every seat having
    answered it, and the news log full of events."""
    from ..rules import new_game  # noqa: PLC0415

    state = new_game(game, seed)
    sent = False
    proposer = game.seat_index.get("uk", 0)
    while not is_over(state) and state.round < rounds:
        seat = current_seat(state)
        if seat == CHANCE:
            state = apply(state, sample_chance(state))
            continue
        if state.phase == "commitment":
            state = apply(state, A.Sign() if sign and state.round > 2 else A.HoldOut())
            continue
        action = None
        if seat == proposer and not sent and state.draft is None:
            for step in proposal_steps(state, package_form(state, seat)):
                if why_illegal(state, step) is not None:
                    break
                state = apply(state, step)
            state = apply(state, A.Discard()) if state.draft is not None else state
            sent = True
            continue
        for offer in state.offers:
            if seat in offer.needs():
                action = A.Accept(offer.id) if why_illegal(state, A.Accept(offer.id)) is None else A.Reject(offer.id)
                break
        if action is None:
            action = A.Discard() if state.draft is not None else A.EndTurn()
        if action not in legal_actions(state):
            action = legal_actions(state)[-1]
        state = apply(state, action)
    return state
