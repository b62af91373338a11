"""Scripted game states for screenshots and the frame-time benchmark: a coalition package
(European brigades under US command and control, air defence, intelligence, a no-fly zone)
proposed through the builder, accepted by every giver, then played on a few rounds; and a table
moment with a fresh offer waiting for France's answer.
"""

from __future__ import annotations

import os
import tempfile

from .. import CHANCE, Game, State, apply, current_seat, is_over, legal_actions, new_game, sample_chance, why_illegal
from .. import actions as A
from .builder import Form, normalise_shares, proposal_steps, run_steps

PACKAGE = (
    ("uk", "ground_force", 2),
    ("fr", "ground_force", 2),
    ("de", "ground_force", 1),
    ("us", "command_control", 1),
    ("us", "intelligence", 2),
    ("us", "air_defence", 2),
    ("de", "air_defence", 2),
    ("us", "no_fly_zone", 2),
)
SHARES = (("us", 20), ("uk", 20), ("fr", 20), ("de", 30), ("it", 10))
FOLLOW_UP = (("it", "air_defence", 1), ("ua", "host_nation_support", 1), ("fi", "intelligence", 1))
FOLLOW_SHARES = (("uk", 40), ("it", 30), ("fr", 30))


def package_form(state: State, proposer: int, package=PACKAGE, shares=SHARES, term: int = 3) -> Form:
    g = state.game
    items = {}
    for seat, kind, units in package:
        if seat in g.seat_index and kind in g.kind_index:
            items[(g.seat_index[seat], g.kind_index[kind])] = units
    split = {g.seat_index[s]: p for s, p in shares if s in g.seat_index}
    parties = {gv for gv, _ in items} | set(split)
    if g.scenario.acceptance.seat in g.seat_index:
        parties.add(g.acceptor)
    form = Form(
        proposer=proposer,
        partners=sorted(parties - {proposer}),
        items=items,
        shares=split,
        term=term if term in g.terms else g.terms[-1],
        deadline=1,
    )
    normalise_shares(form, g.scenario.schedule.share_step)
    return form


def _send(state: State, form: Form) -> State:
    try:
        return run_steps(state, proposal_steps(state, form))
    except Exception:
        return apply(state, A.Discard()) if state.draft is not None else state


def _answer(state: State, seat: int, accept_from: set[int] | None = None) -> State:
    for offer in state.offers:
        if seat in offer.needs():
            ok = (accept_from is None or offer.proposer in accept_from) and why_illegal(
                state, A.Accept(offer.id)
            ) is None
            return apply(state, A.Accept(offer.id) if ok else A.Reject(offer.id))
    return apply(state, A.Discard() if state.draft is not None else A.EndTurn())


def late_game(game: Game, seed: int = 7, rounds: int = 5, sign: bool = False) -> State:
    """A state in round ``rounds`` (or at the end) with the package in force, every seat having
    answered it, and the news log full of events."""
    state = new_game(game, seed)
    proposer = game.seat_index.get("uk", 0)
    sent = False
    while not is_over(state) and state.round < rounds:
        seat = current_seat(state)
        if seat == CHANCE:
            state = apply(state, sample_chance(state))
        elif state.phase == "commitment":
            state = apply(state, A.Sign() if sign and state.round > 2 else A.HoldOut())
        elif seat == proposer and not sent and state.draft is None and state.sent == 0:
            state = _send(state, package_form(state, seat))
            sent = True
        else:
            before = state.ply
            state = _answer(state, seat, accept_from={proposer})
            if state.ply == before:  # pragma: no cover - defensive
                state = apply(state, legal_actions(state)[-1])
    return state


def table_moment(game: Game, seed: int = 7, rounds: int = 4, viewer: str = "fr") -> State:
    """A late-game state on ``viewer``'s negotiation turn with a fresh offer waiting for its answer."""
    state = late_game(game, seed, rounds)
    me = game.seat_index.get(viewer, 0)
    proposer = game.seat_index.get("uk", 0)
    sent = False
    for _ in range(5000):
        if is_over(state):
            break
        seat = current_seat(state)
        if seat == CHANCE:
            state = apply(state, sample_chance(state))
            continue
        if state.phase == "commitment":
            state = apply(state, A.HoldOut())
            continue
        if seat == me and sent:
            break
        if seat == proposer and not sent and state.draft is None and state.sent == 0:
            state = _send(state, package_form(state, seat, FOLLOW_UP, FOLLOW_SHARES))
            sent = True
            continue
        state = apply(state, A.Discard() if state.draft is not None else A.EndTurn())
    return state


def two_offers_moment(game: Game, seed: int = 7, rounds: int = 4, viewer: str = "fr") -> State:
    """``table_moment`` one pass later: Italy has countered the UK's offer (without Finland's
    intelligence, a smaller share for itself, a longer term) and Germany has sent an offer of its
    own, so two offers wait for ``viewer``'s answer, one of them marked against the offer it
    counters."""
    from .builder import form_from_offer  # noqa: PLC0415 - demo helpers only

    state = table_moment(game, seed, rounds, viewer)
    me = game.seat_index.get(viewer, 0)
    it, de = game.seat_index.get("it"), game.seat_index.get("de")
    first = state.offers[-1].id if state.offers else None
    state = apply(state, A.EndTurn())
    for _ in range(100):
        seat = current_seat(state)
        if seat in (me, CHANCE) or is_over(state) or state.phase != "negotiation":
            break
        if seat == it and first is not None and any(o.id == first for o in state.offers):
            form = form_from_offer(state, seat, first)
            form.items.pop((game.seat_index["fi"], game.kind_index["intelligence"]), None)
            form.shares = {s: 0 for s in form.shares}
            form.shares.update({it: 20, game.seat_index["uk"]: 50, me: 30})
            form.term = game.terms[-1]
            state = _send(state, form)
        elif seat == de and state.sent == 0:
            state = _send(
                state,
                package_form(
                    state, seat, (("de", "air_defence", 1), ("fr", "intelligence", 1)), (("de", 60), ("fr", 40)), 1
                ),
            )
        state = apply(state, A.Discard() if state.draft is not None else A.EndTurn())
    return state


def first_turn(game: Game, seed: int = 7, seat: str = "fr") -> State:
    """Round 1's table when ``seat`` first speaks (the seats before it having passed)."""
    me = game.seat_index.get(seat, 0)
    state = new_game(game, seed)
    for _ in range(1000):
        who = current_seat(state)
        if who == me or is_over(state):
            break
        state = apply(state, sample_chance(state) if who == CHANCE else A.EndTurn())
    return state


def decision_moment(game: Game, seed: int = 7, rounds: int = 3) -> State:
    """A state where the acceptance seat decides whether to sign."""
    state = late_game(game, seed, rounds)
    for _ in range(5000):
        if is_over(state) or state.phase == "commitment" and current_seat(state) == game.acceptor:
            break
        seat = current_seat(state)
        state = apply(state, sample_chance(state)) if seat == CHANCE else _answer(state, seat, set())
    return state


def headless(real: bool, prefix: str) -> None:
    """Set up a script's window before pygame is imported: SDL's dummy driver unless ``real``,
    no sound, and a throwaway autosave folder so a script never touches the player's saves."""
    if not real:
        os.environ["SDL_VIDEODRIVER"] = "dummy"
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ["COALITION_HOME"] = tempfile.mkdtemp(prefix=prefix)
