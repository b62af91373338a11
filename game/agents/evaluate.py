"""What the AI agents share: a fast utility (a seat's score, with the outcome projected from the
credibility it has reached), the state after an offer would bind, and packages built from the
commitment kinds.

Everything here reads only what an observation holds: the redacted view (public positions, the
offers the seat is party to) and weights the caller passes (its own private objectives, or a
guess at another seat's). ``seat_score`` in ``game.core.scoring`` is the definition; ``utility`` with
``project=False`` equals it, and the tests check that.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from .. import (
    BAD_TERMS,
    COLLAPSE,
    NO_DEAL,
    OBJECTIVES,
    SIGNED,
    Proposal,
    State,
    check_feasible,
    contributions,
    what_if,
    yearly_bill,
)

#: A guess at the weights of a seat whose objectives are private: all objectives alike.
FLAT = {name: 100 / len(OBJECTIVES) for name in OBJECTIVES}


def weights_of(private) -> dict[str, float]:
    """A seat's own objective weights from its private information."""
    return {k: float(v) for k, v in private.objectives.weights().items()}


def sign_chance(state: State) -> float:
    """How likely the acceptance seat signs a credible deal, judged from the credibility gap."""
    gap = state.credibility - state.threshold
    return 1.0 / (1.0 + math.exp(-gap / 3.0))


def utility(
    state: State, seat: int, weights: dict[str, float], project: bool = True, raw: list[float] | None = None
) -> float:
    """``seat``'s score on ``state`` under ``weights``. With ``project`` the peace objective is the
    expected value of the outcome the game is heading for (a credible guarantee will probably be
    signed; a thin one probably not), the heuristic the agents plan with; without it, the
    provisional score exactly as ``seat_score`` gives it."""
    g, sc = state.game, state.game.scenario
    actor = sc.seats[seat]
    me = state.seats[seat]
    peace = sc.peace
    result = state.result or state.deal
    total = 0.0
    w = weights.get("peace", 0)
    if w:
        if result:
            value = getattr(peace, result)
        elif project:
            p = sign_chance(state)
            value = p * peace.signed + (1 - p) * peace.no_deal
        else:
            value = peace.no_deal
        total += w * value
    w = weights.get("low_cost", 0)
    if w:
        bill = yearly_bill(state, seat)
        value = 1.0 - min(1.0, bill / actor.budget) if actor.budget > 0 else (1.0 if bill == 0 else 0.0)
        total += w * value
    w = weights.get("credibility", 0)
    if w:
        total += w * state.credibility / 100
    w = weights.get("low_escalation", 0)
    if w:
        total += w * (1.0 - state.escalation / g.top)
    w = weights.get("support", 0)
    if w:
        total += w * me.support / 100
    w = weights.get("red_lines", 0)
    if w:
        soft = sum(1 for line in actor.red_lines if not line.hard)
        total += w * (1.0 - (me.crossed / soft if soft else 0.0))
    w = weights.get("leadership", 0)
    if w:
        raw = raw if raw is not None else contributions(g, state.agreements)
        whole = sum(raw)
        total += w * (min(1.0, 3 * raw[seat] / whole) if whole else 0.0)
    return total


def running_support_cost(state: State, seat: int, proposal: Proposal) -> float:
    """Domestic support the seat would lose each round to the proposal's commitments."""
    kinds = state.game.scenario.commitments
    return sum(kinds[k].support_cost * u for g, k, u in proposal.items if g == seat)


def support_loss(state: State, seat: int, proposal: Proposal, after: State, rounds_left: int | None = None) -> float:
    """The support (0-100) the seat's own commitments in ``proposal`` will cost it over the rounds
    left (at most four counted), no more than it has once the proposal binds (``after``)."""
    if rounds_left is None:
        rounds_left = state.game.scenario.schedule.rounds - state.round + 1
    loss = running_support_cost(state, seat, proposal) * max(1, min(rounds_left, 4))
    return min(loss, after.seats[seat].support)


def proposal_value(
    state: State,
    seat: int,
    weights: dict[str, float],
    proposer: int,
    proposal: Proposal,
    rounds_left: int | None = None,
    after: State | None = None,
) -> float:
    """The seat's projected utility if ``proposal`` binds now, counting the support its own
    commitments will cost in the rounds left. ``after``: the state once it binds, if known."""
    if after is None:
        after = what_if(state, proposer, proposal)
    value = utility(after, seat, weights)
    w = weights.get("support", 0)
    if w:
        value -= w * support_loss(state, seat, proposal, after, rounds_left) / 100
    return value


def soft_limit(state: State, seat: int, kind: int) -> int | None:
    """The most units of ``kind`` the seat gives without crossing a red line (hard or soft),
    counting what it already has in force."""
    g = state.game
    limits = [x for x in (g.hard_max[seat][kind], g.soft_max[seat][kind]) if x is not None]
    if not limits:
        return None
    have = 0
    for a in state.agreements:
        for giver, k, n in a.proposal.items:
            if giver == seat and k == kind:
                have += n
    return min(limits) - have


class Package:
    """A proposal under construction: items and the term; shares are set at the end."""

    __slots__ = ("items", "term")

    def __init__(self, items: tuple = (), term: int = 3):
        self.items = items
        self.term = term


def feasible_items(
    state: State, seat_items: dict[int, list], giver: int, term: int, respect_soft: bool
) -> list[tuple[int, int, int]]:
    """Items ``giver`` could still add to a package: allowed, within its red lines (soft ones
    too when asked) and its available forces."""
    g, sc = state.game, state.game.scenario
    if state.seats[giver].support < sc.domestic.lapse_below:
        return []
    mine = seat_items.get(giver, [])
    taken = {k for _, k, _ in mine}
    out = []
    for kind in g.may_give[giver]:
        if kind in taken:
            continue
        limit = soft_limit(state, giver, kind) if respect_soft else g.hard_max[giver][kind]
        for units in sc.commitments[kind].steps:
            if limit is not None and units > limit:
                break
            trial = tuple(mine) + ((giver, kind, units),)
            if check_feasible(state, giver, trial, term) is not None:
                break
            out.append((giver, kind, units))
    return out


def item_cost(state: State, item: tuple[int, int, int], term: int) -> float:
    """Yearly cost of an item, up-front cost spread over the term ($bn)."""
    k = state.game.scenario.commitments[item[1]]
    return item[2] * (k.yearly_cost + k.upfront_cost / term)


def package_cost(state: State, items: Sequence[tuple[int, int, int]], term: int) -> float:
    return sum(item_cost(state, i, term) for i in items)


def split_shares(
    state: State, items: Sequence[tuple[int, int, int]], term: int, me: int, my_share: int, payers: Sequence[int]
) -> tuple[tuple[int, int], ...] | None:
    """Cost shares: ``my_share`` percent for ``me``, the rest among ``payers`` in proportion to
    their yearly budgets (public), in the scenario's share steps, nobody over its budget. None if
    no split fits."""
    g = state.game
    step = g.scenario.schedule.share_step
    cost = package_cost(state, items, term)
    shares: dict[int, int] = {}
    if my_share:
        shares[me] = my_share
    others = [p for p in payers if p != me and state.seats[p].support >= g.scenario.domestic.lapse_below]
    rest = 100 - my_share
    if rest:
        if not others:
            return None
        budgets = [max(0.1, state.seats[p].budget) for p in others]
        total = sum(budgets)
        exact = [rest * b / total for b in budgets]
        units = [int(x // step) * step for x in exact]
        left = rest - sum(units)
        order = sorted(range(len(others)), key=lambda i: -(exact[i] - units[i]))
        i = 0
        while left > 0:
            units[order[i % len(order)]] += step
            left -= step
            i += 1
        for p, u in zip(others, units):
            if u:
                shares[p] = shares.get(p, 0) + u
    for p, pct in shares.items():
        bill = yearly_bill(state, p) + cost * pct / 100
        if bill > state.seats[p].budget * 1.0 + 1e-9 and state.seats[p].budget > 0:
            return None
    return tuple(sorted(shares.items()))


def result_value(state: State, result: str) -> float:
    peace = state.game.scenario.peace
    return {SIGNED: peace.signed, BAD_TERMS: peace.bad_terms, NO_DEAL: peace.no_deal, COLLAPSE: peace.collapse}[result]


def within_limits(state: State, seat: int, proposal: Proposal) -> bool:
    """Whether the seat could agree to the proposal without crossing its own red lines (soft ones
    too) or its yearly budget."""
    for giver, kind, units in proposal.items:
        if giver == seat:
            limit = soft_limit(state, seat, kind)
            if limit is not None and units > limit:
                return False
    share = proposal.share_of(seat)
    if share:
        bill = yearly_bill(state, seat) + package_cost(state, proposal.items, proposal.term) * share / 100
        if bill > state.seats[seat].budget + 1e-9:
            return False
    return True
