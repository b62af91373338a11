"""The rules: the one place that says what may happen and what it does.

A round runs events -> negotiation -> commitment -> resolution:
- events: chance draws cards from the deck (cards whose condition holds, by weight);
- negotiation: each seat in turn, ``schedule.negotiation_passes`` times round the table, answers
  the offers addressed to it (accept, reject, counter), withdraws its own, drafts and sends
  proposals, then ends its turn; offers past their deadline expire at the end of the phase;
- commitment: the acceptance seat (Ukraine) signs the peace deal or holds out;
- resolution: see ``resolution.py``.

This module is the definition: ``why_illegal`` says whether an action may be taken and why not,
``reference_legal_actions`` lists what it allows, ``reference_draft_step`` and ``perform`` say
what an action does. ``legal_actions`` and ``apply`` (``fastpath.py``) are the quick way to the
same lists and states, held to this definition at every ply by the oracle; so what is listed as
legal is exactly what ``apply`` accepts, and an illegal action gets a precise reason and changes
nothing. Where each rule lives: cost shares, red lines and forces in ``_why_draft_edit`` /
``_why_add`` and ``negotiation.py`` (what binding ties up and charges), credibility in
``credibility.py``, events, incidents and support in ``resolution.py`` and ``effects.py``.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

import attrs

from ..errors import IllegalActionError
from ..scenario.model import RESOURCES, Scenario
from . import actions as A
from . import mandates, resolution
from .actions import Action
from .credibility import alarm, credibility
from .effects import apply_effect, holds
from .negotiation import bind, check_feasible
from .state import (
    BAD_TERMS,
    CHANCE,
    SIGNED,
    Game,
    News,
    Offer,
    Proposal,
    SeatState,
    State,
    replace,
)


def new_game(scenario: Scenario | Game, seed: int) -> State:
    """The state at the start of a game of ``scenario`` with the chance seed ``seed``."""
    game = scenario if isinstance(scenario, Game) else Game.from_scenario(scenario)
    sc = game.scenario
    seats = tuple(
        SeatState(
            funds=a.reserve,
            budget=a.budget,
            forces=tuple(float(getattr(a.forces, r)) for r in RESOURCES),
            support=a.support,
        )
        for a in sc.seats
    )
    state = State(
        game=game,
        seed=seed,
        round=1,
        phase="events",
        turn=0,
        seats=seats,
        escalation=sc.escalation.start,
        credibility=credibility(game, (), sc.credibility.start),
        lasting=sc.credibility.start,
        threshold=sc.acceptance.threshold,
        alarm=alarm(game, (), sc.alarm.start),
        alarm_lasting=sc.alarm.start,
        mandates=mandates.deal(game, seed),
    )
    return resolution.start_events(state)


def current_seat(state: State) -> int | None:
    """The seat to act (index into ``state.game.seats``), ``CHANCE`` for a chance step, or
    ``None`` when the game is over."""
    if state.pending:
        return CHANCE
    if state.phase == "negotiation":
        return state.turn % state.game.n_seats
    if state.phase == "commitment":
        return state.game.acceptor
    return None


def is_over(state: State) -> bool:
    """Whether the game has ended."""
    return state.phase == "over"


# --- legality --------------------------------------------------------------------------------


def _name(game: Game, seat: int) -> str:
    return game.scenario.seats[seat].name


def _seat(game: Game, actor: str) -> int | str:
    """The seat index of ``actor``, or a reason why it is not a seat."""
    if actor in game.seat_index:
        return game.seat_index[actor]
    return f"{actor!r} is not a seat; seats are {', '.join(game.seats)}"


def _why_draft_edit(state: State, action: Action, seat: int) -> str | None:
    g, sc, draft = state.game, state.game.scenario, state.draft
    if draft is None:
        return "there is no draft: start one with 'draft'"
    if state.edits >= sc.schedule.edits_per_turn:
        return f"this turn's {sc.schedule.edits_per_turn} drafting steps are used up: send or discard the draft"
    if isinstance(action, (A.Add, A.Remove)):
        giver = _seat(g, action.actor)
        if isinstance(giver, str):
            return giver
        if action.kind not in g.kind_index:
            return f"{action.kind!r} is not a commitment kind; kinds are {', '.join(g.kinds)}"
        kind = g.kind_index[action.kind]
        present = any(i[0] == giver and i[1] == kind for i in draft.items)
        if isinstance(action, A.Remove):
            return None if present else f"the draft has no {action.kind} from {_name(g, giver)}"
        return _why_add(state, giver, kind, action.units, present)
    if isinstance(action, A.Share):
        payer = _seat(g, action.actor)
        if isinstance(payer, str):
            return payer
        step = sc.schedule.share_step
        if action.percent < 0 or action.percent > 100 or action.percent % step:
            return f"a cost share is a multiple of {step}% from 0 to 100"
        current = draft.share_of(payer)
        if action.percent == current:
            return f"{_name(g, payer)}'s share is already {current}%"
        if draft.share_total() - current + action.percent > 100:
            return f"cost shares would add up to more than 100% ({draft.share_total() - current + action.percent}%)"
        if action.percent and resolution.lapsed(state, payer):
            return f"{_name(g, payer)}'s domestic support is too low for it to take on costs"
        return None
    if isinstance(action, A.SetTerm):
        if action.years not in g.terms:
            return f"the term must be one of {', '.join(map(str, g.terms))} years"
        return None if action.years != draft.term else f"the term is already {action.years} years"
    if isinstance(action, A.Invite):
        who = _seat(g, action.actor)
        if isinstance(who, str):
            return who
        if who == seat or who in draft.invited or who in draft.givers():
            return f"{_name(g, who)} is already party to the draft"
        return None
    if isinstance(action, A.SetDeadline):
        if not 0 <= action.rounds <= sc.schedule.max_deadline:
            return f"the deadline is 0 to {sc.schedule.max_deadline} rounds"
        return None if action.rounds != draft.deadline else f"the deadline is already {action.rounds}"
    return "not a drafting step"  # pragma: no cover - callers dispatch only drafting steps here


def _why_add(state: State, giver: int, kind: int, units: int, present: bool) -> str | None:
    g, sc, draft = state.game, state.game.scenario, state.draft
    assert draft is not None  # (a drafting step)
    k = sc.commitments[kind]
    if kind not in g.may_give[giver]:
        if k.givers and g.seats[giver] not in k.givers:
            return f"{_name(g, giver)} cannot give {k.name}; it comes from {', '.join(k.givers)}"
        return f"{k.name} from {_name(g, giver)} crosses its red line"
    if units not in k.steps:
        return f"{k.name} comes in {', '.join(map(str, k.steps))} {k.unit}(s)"
    limit = g.hard_max[giver][kind]
    if limit is not None and units > limit:
        return f"{units} {k.unit}(s) of {k.name} crosses {_name(g, giver)}'s red line (at most {limit})"
    if present:
        return f"the draft already has {k.name} from {_name(g, giver)}: remove it first"
    if len(draft.items) >= sc.schedule.max_items:
        return f"a proposal holds at most {sc.schedule.max_items} commitments"
    if resolution.lapsed(state, giver):
        return f"{_name(g, giver)}'s domestic support is too low for it to commit forces"
    # Only the new commitment's resource counts here: a term change may have made other items
    # too large, which 'send' reports.
    r = g.resource[kind]
    own = tuple(i for i in draft.items if i[0] == giver and g.resource[i[1]] == r) + ((giver, kind, units),)
    return check_feasible(state, giver, own, draft.term)


def why_illegal(state: State, action: Action) -> str | None:
    """Why ``action`` may not be taken now, in plain words; ``None`` when it is legal."""
    seat = current_seat(state)
    if seat is None:
        return "the game is over"
    if seat == CHANCE or isinstance(action, A.CHANCE_ACTIONS):
        if seat != CHANCE:
            return "only chance draws cards and rolls dice"
        if not isinstance(action, A.CHANCE_ACTIONS):
            return "this is a chance step: the game draws a card or rolls"
        return None if any(a == action for a, _ in chance_outcomes(state)) else "not a possible chance outcome now"
    g = state.game
    if state.phase == "commitment":
        if isinstance(action, A.Sign):
            return why_no_signing(state)
        if isinstance(action, A.HoldOut):
            return None
        return f"{_name(g, seat)} now signs the peace deal or holds out ('sign' or 'hold')"
    if isinstance(action, (A.Sign, A.HoldOut)):
        return f"only {_name(g, g.acceptor)} signs, in the commitment phase"
    # negotiation
    if isinstance(action, (A.Add, A.Remove, A.Share, A.SetTerm, A.Invite, A.SetDeadline)):
        return _why_draft_edit(state, action, seat)
    if isinstance(action, A.Send):
        if state.draft is None:
            return "there is no draft to send"
        return why_unsendable(state, seat, state.draft)
    if isinstance(action, A.Discard):
        return None if state.draft is not None else "there is no draft to discard"
    if state.draft is not None:
        return "finish the draft first: send or discard it"
    if isinstance(action, A.EndTurn):
        return None
    if isinstance(action, A.Draft):
        return _why_no_new_draft(state)
    offer = next((o for o in state.offers if o.id == action.offer), None)
    if offer is None:
        return f"there is no open offer {action.offer}"
    if isinstance(action, A.Withdraw):
        return None if offer.proposer == seat else "only its proposer may withdraw an offer"
    if seat not in offer.needs():
        return f"offer {offer.id} does not wait for {_name(g, seat)}'s answer"
    if isinstance(action, A.Counter):
        return _why_no_new_draft(state)
    if isinstance(action, A.Accept):
        return _why_unfielded(state, seat, offer)
    return None  # Reject


def _why_unfielded(state: State, seat: int, offer: Offer) -> str | None:
    """Why ``seat`` cannot field its part of ``offer`` now; ``None`` when it can."""
    p = offer.proposal
    return check_feasible(state, seat, tuple([i for i in p.items if i[0] == seat]), p.term)


def _why_no_new_draft(state: State) -> str | None:
    sc = state.game.scenario
    if state.sent >= sc.schedule.proposals_per_turn:
        return f"a seat sends at most {sc.schedule.proposals_per_turn} proposal(s) a turn"
    if state.edits >= sc.schedule.edits_per_turn:
        return "this turn's drafting steps are used up"
    return None


def why_unsendable(state: State, seat: int, draft: Proposal) -> str | None:
    """Why a draft cannot be sent as it stands; ``None`` when it can."""
    if not draft.items:
        return "the proposal commits nothing: add at least one commitment"
    if draft.share_total() != 100:
        return f"cost shares add up to {draft.share_total()}%, not 100%"
    for giver in sorted({i[0] for i in draft.items}):
        reason = check_feasible(state, giver, tuple(i for i in draft.items if i[0] == giver), draft.term)
        if reason:
            return reason
    return None


def why_no_signing(state: State) -> str | None:
    """Why the acceptance seat may not sign now (in the commitment phase); ``None`` when it may."""
    if state.game.scenario.acceptance.requires_agreement and not state.agreements:
        return "no guarantee is in force: there is nothing to sign for yet"
    return None


def _candidates(state: State, seat: int) -> Iterator[Action]:
    """Every action that might be legal now (a superset, filtered by ``why_illegal``)."""
    g, sc = state.game, state.game.scenario
    if state.phase == "commitment":
        if state.round >= sc.acceptance.earliest_round:
            yield A.Sign()
        yield A.HoldOut()
        return
    if state.draft is not None:
        yield A.Send()
        yield A.Discard()
        for giver, kind, _ in state.draft.items:
            yield A.Remove(g.seats[giver], g.kinds[kind])
        for giver, kinds in enumerate(g.may_give):
            for kind in kinds:
                for units in sc.commitments[kind].steps:
                    yield A.Add(g.seats[giver], g.kinds[kind], units)
        step = sc.schedule.share_step
        for payer in g.seats:
            for percent in range(0, 101, step):
                yield A.Share(payer, percent)
        for years in g.terms:
            yield A.SetTerm(years)
        for who in g.seats:
            yield A.Invite(who)
        for rounds in range(sc.schedule.max_deadline + 1):
            yield A.SetDeadline(rounds)
        return
    for offer in state.offers:
        if offer.proposer == seat:
            yield A.Withdraw(offer.id)
        elif seat in offer.needs():
            yield A.Accept(offer.id)
            yield A.Reject(offer.id)
            yield A.Counter(offer.id)
    yield A.Draft()
    yield A.EndTurn()


def reference_legal_actions(state: State) -> list[Action]:
    """The legal actions by the definition: every candidate ``why_illegal`` allows (slow)."""
    seat = current_seat(state)
    if seat is None:
        return []
    if seat == CHANCE:
        return [a for a, _ in chance_outcomes(state)]
    return [a for a in _candidates(state, seat) if why_illegal(state, a) is None]


def reference_draft_step(state: State, action: Action) -> State:
    """The state after a (legal) drafting step by the definition, plainly: the draft with the
    step's change made by ``attrs.evolve``, one more drafting step used, the action logged. The
    engine's fast path must give a state equal to this (``analysis/conformance.py`` checks it)."""
    g, draft = state.game, state.draft
    assert draft is not None, "a drafting step needs a draft"
    change: dict[str, Any]
    if isinstance(action, A.Add):
        change = {"items": draft.items + ((g.seat_index[action.actor], g.kind_index[action.kind], action.units),)}
    elif isinstance(action, A.Remove):
        giver, kind = g.seat_index[action.actor], g.kind_index[action.kind]
        change = {"items": tuple(i for i in draft.items if (i[0], i[1]) != (giver, kind))}
    elif isinstance(action, A.Share):  # the payer's share replaced; a 0% share is no share
        payer = g.seat_index[action.actor]
        shares = [s for s in draft.shares if s[0] != payer] + ([(payer, action.percent)] if action.percent else [])
        change = {"shares": tuple(sorted(shares))}
    elif isinstance(action, A.SetTerm):
        change = {"term": action.years}
    elif isinstance(action, A.Invite):
        change = {"invited": draft.invited + (g.seat_index[action.actor],)}
    elif isinstance(action, A.SetDeadline):
        change = {"deadline": action.rounds}
    else:
        raise ValueError(f"{action} is not a drafting step")
    return attrs.evolve(
        state,
        draft=attrs.evolve(draft, **change),
        edits=state.edits + 1,
        ply=state.ply + 1,
        history=(state.history, action),
    )


#: The drafting steps: the actions that change a draft.
DRAFTING_STEPS = (A.Add, A.Remove, A.Share, A.SetTerm, A.Invite, A.SetDeadline)


# --- chance ----------------------------------------------------------------------------------


def chance_outcomes(state: State) -> list[tuple[Action, float]]:
    """The possible outcomes of the pending chance step with their probabilities."""
    cached = state._chance
    if cached is None:
        cached = _chance_outcomes(state)
        state.__dict__["_chance"] = cached
    return list(cached)


def _chance_outcomes(state: State) -> list[tuple[Action, float]]:
    if not state.pending:
        return []
    step = state.pending[0]
    g, sc = state.game, state.game.scenario
    if step[0] == "draw":
        cards = [c for c in sc.events if (c.repeatable or c.id not in state.used_cards) and holds(state, c.when)]
        draw = g.table.draw
        if not cards:
            return [(draw[None], 1.0)]
        total = sum(c.weight for c in cards)
        return [(draw[c.id], c.weight / total) for c in cards]
    if step[0] == "incident":
        _, seat, kind, chance = step
        outcomes: list[tuple[Action, float]] = [
            (A.Incident(g.seats[seat], g.kinds[kind], True), chance),
            (A.Incident(g.seats[seat], g.kinds[kind], False), 1.0 - chance),
        ]
    else:
        reaction = sc.reactions[step[1]]
        outcomes = [(A.React(reaction.id, True), reaction.chance), (A.React(reaction.id, False), 1.0 - reaction.chance)]
    return [(a, p) for a, p in outcomes if p > 0]


def chance_rng(state: State) -> random.Random:
    """The game's RNG for the chance step at this ply: a function of (seed, ply) only, so no
    hidden RNG state needs saving and a replay from the action log is exact."""
    return random.Random(state.seed * 1_000_003 + state.ply)


def sample_chance(state: State) -> Action:
    """The outcome the game's seeded RNG gives the pending chance step."""
    outcomes = chance_outcomes(state)
    r = chance_rng(state).random()
    for action, p in outcomes:
        r -= p
        if r < 0:
            return action
    return outcomes[-1][0]


def resolve_chance(state: State) -> State:
    """Apply the seeded chance outcomes until a seat is to act or the game is over."""
    while state.pending:
        state = reference_apply(state, sample_chance(state))
    return state


# --- apply -----------------------------------------------------------------------------------


def reference_apply(state: State, action: Action) -> State:
    """The state after ``action`` by the definition (``apply`` in ``fastpath.py`` is the quick
    way to the same state). Raises ``IllegalActionError`` (and changes nothing) if the action is
    not legal now."""
    reason = why_illegal(state, action)
    if reason is not None:
        raise IllegalActionError(f"illegal action {str(action)!r}: {reason}")
    return perform(state, action)


def perform(state: State, action: Action) -> State:
    """The state after ``action``, which the caller has found legal."""
    seat = current_seat(state)
    if seat == CHANCE:
        return resolution.apply_chance(replace(state, ply=state.ply + 1, history=(state.history, action)), action)
    if state.phase == "commitment":
        return _decide(replace(state, ply=state.ply + 1, history=(state.history, action)), action)
    if isinstance(action, DRAFTING_STEPS):
        return reference_draft_step(state, action)
    assert seat is not None  # (a legal action has a seat to take it)
    return _negotiate(state, seat, action)


def _news(state: State, kind: str, data: tuple, visible_to: frozenset[int] | None = None) -> tuple:
    return (state.news, News(state.round, kind, data, visible_to))


def _decide(state: State, action: Action) -> State:
    if isinstance(action, A.Sign):
        deal = SIGNED if state.credibility >= state.threshold else BAD_TERMS
        news = _news(state, "sign", (state.credibility, state.threshold))
        # the offers still open die with the negotiation
        for o in state.offers:
            news = (news, News(state.round, "expire", (o.id,), o.addressees() | {o.proposer}))
        state = replace(state, deal=deal, signed_round=state.round, offers=(), news=news)
    else:
        state = replace(state, news=_news(state, "hold", (state.credibility, state.threshold)))
    return resolution.start_resolution(state)


def _negotiate(state: State, seat: int, action: Action) -> State:
    g, sc = state.game, state.game.scenario
    draft = state.draft
    ply, history = state.ply + 1, (state.history, action)
    cls = action.__class__
    if cls is A.Draft:
        fresh = g.fresh_draft
        return replace(state, draft=fresh, edits=state.edits + 1, ply=ply, history=history)
    if cls is A.Discard:
        return replace(state, draft=None, ply=ply, history=history)
    if cls is A.Send:
        assert draft is not None  # (only a draft is sent)
        offer = Offer(state.next_id, seat, draft, state.round, state.round + draft.deadline)
        state = replace(
            state,
            draft=None,
            sent=state.sent + 1,
            next_id=state.next_id + 1,
            offers=state.offers + (offer,),
            news=_news(state, "offer", (offer.id, seat, draft), offer.addressees() | {seat}),
            ply=ply,
            history=history,
        )
        return bind(state, offer) if not offer.needs() else state
    if cls is A.EndTurn:
        return _end_turn(state, ply, history)
    assert isinstance(action, (A.Accept, A.Reject, A.Counter, A.Withdraw))  # the answers to an offer are left
    offer = next(o for o in state.offers if o.id == action.offer)
    parties = offer.addressees() | {offer.proposer}
    if cls is A.Accept:
        accepted = attrs.evolve(offer, accepted=offer.accepted | {seat})
        state = replace(
            state,
            offers=tuple(accepted if o.id == offer.id else o for o in state.offers),
            news=_news(state, "accept", (offer.id, seat), parties),
            ply=ply,
            history=history,
        )
        return bind(state, accepted) if not accepted.needs() else state
    rest = tuple(o for o in state.offers if o.id != offer.id)
    if cls is A.Withdraw:
        return replace(
            state, offers=rest, news=_news(state, "withdraw", (offer.id, seat), parties), ply=ply, history=history
        )
    if cls is A.Reject:
        return replace(
            state, offers=rest, news=_news(state, "reject", (offer.id, seat), parties), ply=ply, history=history
        )
    # Counter: reject, and draft from the offer's terms
    fresh = attrs.evolve(offer.proposal, deadline=sc.schedule.deadline)
    return replace(
        state,
        offers=rest,
        draft=fresh,
        edits=state.edits + 1,
        news=_news(state, "counter", (offer.id, seat), parties),
        ply=ply,
        history=history,
    )


def _end_turn(state: State, ply: int, history: tuple) -> State:
    sc = state.game.scenario
    turn = state.turn + 1
    state = replace(state, turn=turn, edits=0, sent=0, ply=ply, history=history)
    if turn < sc.schedule.negotiation_passes * len(state.game.seats):
        return state
    # End of negotiation: offers past their deadline expire.
    expired = [o for o in state.offers if o.expires <= state.round]
    news = state.news
    for o in expired:
        news = (news, News(state.round, "expire", (o.id,), o.addressees() | {o.proposer}))
    state = replace(state, offers=tuple(o for o in state.offers if o.expires > state.round), news=news)
    if state.round >= sc.acceptance.earliest_round:
        return replace(state, phase="commitment")
    return resolution.start_resolution(state)


__all__ = [
    "new_game",
    "current_seat",
    "is_over",
    "why_illegal",
    "why_unsendable",
    "reference_legal_actions",
    "reference_draft_step",
    "reference_apply",
    "perform",
    "chance_outcomes",
    "sample_chance",
    "resolve_chance",
    "chance_rng",
    "apply_effect",
    "CHANCE",
    "DRAFTING_STEPS",
]
