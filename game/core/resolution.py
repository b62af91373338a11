"""The events phase's chance draws and the resolution phase.

Resolution, in order: a government whose domestic support fell below the lapse level withdraws
its commitments; every seat receives its round's budget and pays its cost shares of the running
costs (shortfalls become arrears); commitments cost their givers domestic support; credibility is
recomputed; then chance rolls each commitment's incident risk (e.g. a no-fly zone's clash with
Russian aircraft) and each Russian reaction whose condition holds. Last, a credible guarantee
calms escalation by a rung; agreements left unsigned too long lapse; and the game ends (collapse,
the clock, or a signed deal once its aftermath is played) or the next round begins.

After the deal is signed the game goes on for ``acceptance.aftermath`` rounds of events and
resolution with no negotiation: the guarantee is tested while the bills come in.
"""

from __future__ import annotations

import attrs

from . import actions as A
from .credibility import in_force, refresh
from .effects import apply_effect, holds, seat_with_support
from .negotiation import charge
from .state import BAD_TERMS, COLLAPSE, NO_DEAL, SIGNED, Agreement, News, State, replace, seat_replace


def lapsed(state: State, seat: int) -> bool:
    """Whether the seat's domestic support is too low for it to keep or make commitments."""
    return state.seats[seat].support < state.game.scenario.domestic.lapse_below


def start_events(state: State) -> State:
    """Begin a round's events phase: queue the card draws."""
    draws = (("draw",),) * state.game.scenario.schedule.events_per_round
    state = replace(state, phase="events", pending=draws)
    return state if draws else _start_negotiation(state)


def _start_negotiation(state: State) -> State:
    if state.deal is not None:  # the aftermath: no more negotiation
        return start_resolution(state)
    return replace(state, phase="negotiation", turn=0, edits=0, sent=0)


def _rescale(shares: tuple[tuple[int, int], ...], leaving: int) -> tuple[tuple[int, int], ...]:
    """Cost shares after ``leaving`` drops out: the others' grow in proportion, summing to 100."""
    rest = [(s, p) for s, p in shares if s != leaving]
    total = sum(p for _, p in rest)
    if not total:
        return ()
    exact = [(s, p * 100 / total) for s, p in rest]
    floor = [(s, int(x)) for s, x in exact]
    extra = 100 - sum(p for _, p in floor)
    order = sorted(range(len(exact)), key=lambda i: (-(exact[i][1] - floor[i][1]), exact[i][0]))
    bump = set(order[:extra])
    return tuple((s, p + (1 if i in bump else 0)) for i, (s, p) in enumerate(floor))


def _withdraw(state: State, seat: int) -> State:
    """The seat pulls out of every agreement: its forces come home and its cost shares pass to
    the other payers; an agreement left with no commitments ends."""
    g = state.game
    forces = list(state.seats[seat].forces)
    kept: list[Agreement] = []
    for a in state.agreements:
        p = a.proposal
        if seat not in p.givers():
            kept.append(a)
            continue
        _release(g, forces, seat, p)
        items = tuple(i for i in p.items if i[0] != seat)
        shares = _rescale(p.shares, seat)
        if items and shares:
            kept.append(attrs.evolve(a, proposal=attrs.evolve(p, items=items, shares=shares)))
    seats = list(state.seats)
    seats[seat] = seat_replace(seats[seat], forces=tuple(forces))
    return replace(
        state, seats=tuple(seats), agreements=tuple(kept), news=(state.news, News(state.round, "lapse", (seat,)))
    )


def _release(g, forces: list[float], seat: int, proposal) -> None:
    """Give ``seat`` back (into ``forces``) what its items in ``proposal`` tied up."""
    for giver, kind, units in proposal.items:
        if giver == seat and g.resource[kind] >= 0:
            forces[g.resource[kind]] += g.draw(giver, kind, units, proposal.term)


def lapsing(state: State) -> frozenset[int]:
    """The ids of the agreements that lapse at the end of this round if the deal is not signed:
    those bound ``acceptance.window`` rounds ago, counted from ``earliest_round`` at the soonest."""
    acceptance = state.game.scenario.acceptance
    if acceptance.window is None or state.deal is not None:
        return frozenset()
    return frozenset(
        a.id for a in state.agreements if state.round >= max(a.round, acceptance.earliest_round) + acceptance.window - 1
    )


def _stale(state: State) -> State:
    """Agreements left unsigned too long lapse (see ``lapsing``): forces go home, money spent is lost."""
    ending = lapsing(state)
    if not ending:
        return state
    g = state.game
    seats, kept, news = list(state.seats), [], state.news
    for a in state.agreements:
        if a.id not in ending:
            kept.append(a)
            continue
        for giver in sorted(a.proposal.givers()):
            forces = list(seats[giver].forces)
            _release(g, forces, giver, a.proposal)
            seats[giver] = seat_replace(seats[giver], forces=tuple(forces))
        news = (news, News(state.round, "stale", (a.id,)))
    return _recompute(replace(state, seats=tuple(seats), agreements=tuple(kept), news=news))


def start_resolution(state: State) -> State:
    """Run the resolution phase up to its chance rolls."""
    g, sc = state.game, state.game.scenario
    state = replace(state, phase="resolution")
    for seat in range(len(g.seats)):
        if lapsed(state, seat) and any(seat in a.proposal.givers() for a in state.agreements):
            state = _withdraw(state, seat)
    state = replace(
        state, seats=tuple(seat_replace(s, funds=s.funds + s.budget * g.year_fraction) for s in state.seats)
    )
    kinds = sc.commitments
    for a in state.agreements:
        yearly = sum(units * kinds[kind].yearly_cost for _, kind, units in a.proposal.items)
        state = charge(state, a.proposal, yearly * g.year_fraction)
    seats = list(state.seats)
    for a in state.agreements:
        for giver, kind, units in a.proposal.items:
            if kinds[kind].support_cost:
                seats[giver] = seat_with_support(seats[giver], -kinds[kind].support_cost * units)
    state = replace(state, seats=tuple(seats))
    state = _recompute(state)
    pending: list[tuple] = []
    for (giver, kind), units in sorted(in_force(state.agreements).items()):
        incident = kinds[kind].incident
        if incident is not None and units > 0 and incident.chance > 0:
            pending.append(("incident", giver, kind, 1.0 - (1.0 - incident.chance) ** units))
    pending += [("react", i) for i, r in enumerate(sc.reactions) if r.chance > 0 and holds(state, r.when)]
    state = replace(state, pending=tuple(pending))
    return state if pending else finish_round(state)


def _recompute(state: State) -> State:
    return refresh(state)


def _visible(state: State, ids: tuple[str, ...]) -> frozenset[int] | None:
    return frozenset(state.game.seat_index[i] for i in ids) if ids else None


def apply_chance(state: State, action) -> State:
    """Apply a chance outcome (the pending step's), then move on when no step is left."""
    g, sc = state.game, state.game.scenario
    state = replace(state, pending=state.pending[1:])
    if isinstance(action, A.Draw):
        if action.card is not None:
            card = next(c for c in sc.events if c.id == action.card)
            state = replace(state, used_cards=state.used_cards | {card.id}, **apply_effect(state, card.effects))
            state = replace(
                state, news=(state.news, News(state.round, "event", (card.id,), _visible(state, card.visible_to)))
            )
            state = _recompute(state)
    elif isinstance(action, A.Incident):
        if action.hit:
            seat, kind = g.seat_index[action.actor], g.kind_index[action.kind]
            incident = sc.commitments[kind].incident
            assert incident is not None  # chance rolls incidents only for kinds that have them
            seats = list(state.seats)
            seats[seat] = seat_with_support(seats[seat], incident.support)
            state = attrs.evolve(
                state,
                seats=tuple(seats),
                escalation=min(g.top, state.escalation + incident.escalation),
                lasting=state.lasting + incident.credibility,
                news=(state.news, News(state.round, "incident", (seat, kind))),
            )
            state = _recompute(state)
    elif action.hit:
        reaction = next(r for r in sc.reactions if r.id == action.reaction)
        state = replace(state, **apply_effect(state, reaction.effects))
        state = replace(
            state,
            news=(state.news, News(state.round, "reaction", (reaction.id,), _visible(state, reaction.visible_to))),
        )
        state = _recompute(state)
    if state.escalation >= g.top:
        return _end(state, COLLAPSE)
    if state.pending:
        return state
    return _start_negotiation(state) if state.phase == "events" else finish_round(state)


def _end(state: State, result: str) -> State:
    return replace(
        state, phase="over", result=result, pending=(), news=(state.news, News(state.round, "result", (result,)))
    )


def finish_round(state: State) -> State:
    """Close the round: a credible guarantee calms escalation; the game ends or goes on."""
    sc = state.game.scenario
    if state.escalation > 0 and state.credibility >= sc.escalation.calm_at:
        state = replace(state, escalation=state.escalation - 1, news=(state.news, News(state.round, "calm", ())))
    if state.deal in (SIGNED, BAD_TERMS):
        assert state.signed_round is not None  # set with the deal
        if state.round - state.signed_round >= sc.acceptance.aftermath:
            return _end(state, state.deal)
    elif state.round >= sc.schedule.rounds:
        return _end(state, NO_DEAL)
    else:
        state = _stale(state)
    state = replace(state, round=state.round + 1, round_penalty=0.0)
    return start_events(_recompute(state))
