"""The reference of the negotiator's evaluation (issue 14): ``game/agents/evaluate.py`` as it was
before its speed work, kept plain. ``tests/test_reference_negotiator.py`` holds the fast negotiator
to ``reference_negotiator.NegotiatorAgent``, which evaluates with this module. A change to what the
negotiator decides is made in both (the tests say where they part).

What the AI agents share: a fast utility (a seat's score, with the outcome projected from the
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

import attrs

from game import (
    BAD_TERMS,
    COLLAPSE,
    NO_DEAL,
    OBJECTIVES,
    SIGNED,
    Agreement,
    Proposal,
    State,
    alarm,
    bill_shares,
    check_feasible,
    contributions,
    credibility,
    dealt_mandate,
    holds,
    in_force,
    peace_value,
    soft_lines,
    support_value,
    what_if,
    yearly_bill,
)

#: A guess at the weights of a seat whose objectives are private: all objectives alike (its
#: secret mandate left out).
FLAT = {name: 100 / (len(OBJECTIVES) - 1) for name in OBJECTIVES if name != "mandate"}


def weights_of(private) -> dict[str, float]:
    """A seat's own objective weights from its private information."""
    return {k: float(v) for k, v in private.objectives.weights().items()}


def sign_chance(state: State) -> float:
    """How likely the acceptance seat signs a credible deal, judged from the credibility gap."""
    gap = state.credibility - state.threshold
    return 1.0 / (1.0 + math.exp(-gap / 3.0))


def escalation_drift(state: State) -> float:
    """Expected escalation rungs a round as things stand: Russia's reactions whose conditions hold
    (a thin guarantee probed, an alarming one answered), the incident risk of the commitments in
    force (a no-fly zone's clash), less the rung a credible guarantee calms. Read from the
    scenario's own rules, so a seat weighs what Moscow tolerates as the rules say it."""
    sc = state.game.scenario
    drift = 0.0
    for r in sc.reactions:
        if r.effects.escalation and r.chance and holds(state, r.when):
            drift += r.chance * r.effects.escalation
    kinds = sc.commitments
    for (_, kind), units in in_force(state.agreements).items():
        incident = kinds[kind].incident
        if incident is not None and units > 0 and incident.chance > 0:
            drift += (1.0 - (1.0 - incident.chance) ** units) * incident.escalation
    if state.credibility >= sc.escalation.calm_at:
        drift -= 1.0
    return drift


def horizon(state: State) -> int:
    """The rounds a seat looks ahead for risk: to the deal and through its aftermath."""
    sc = state.game.scenario
    if state.deal is not None:
        return max(0, state.signed_round + sc.acceptance.aftermath - state.round)
    return 1 + sc.acceptance.aftermath


def projected_escalation(state: State, risk: float = 1.0) -> float:
    """The escalation rung a seat expects at the end (0 to the top), its drift taken ``risk`` times."""
    if state.result is not None:
        return float(state.escalation)
    drift = escalation_drift(state)
    rise = drift * horizon(state) * (risk if drift > 0 else 1.0)
    return min(float(state.game.top), max(0.0, state.escalation + rise))


def collapse_chance(state: State, projected: float) -> float:
    """A rough chance that escalation reaches the top, from the rung it is expected to reach."""
    top = state.game.top
    return min(1.0, max(0.0, (projected - (top - 1.5)) / 1.5))


def utility(
    state: State,
    seat: int,
    weights: dict[str, float],
    project: bool = True,
    raw: list[float] | None = None,
    risk: float = 1.0,
) -> float:
    """``seat``'s score on ``state`` under ``weights``. With ``project`` the outcome is the one the
    game is heading for, the heuristic the agents plan with: a credible guarantee will probably be
    signed, a thin one probably not; escalation drifts as Russia's reactions and the incident risks
    in force say (weighed ``risk`` times), and may reach the top. Without it, the provisional
    score exactly as ``seat_score`` gives it."""
    g = state.game
    actor = g.scenario.seats[seat]
    me = state.seats[seat]
    result = state.result or state.deal
    rung = projected_escalation(state, risk) if project else float(state.escalation)
    total = 0.0
    w = weights.get("peace", 0)
    if w:
        if result:
            value = peace_value(g, seat, result, state.signed_round)
        elif project:
            p = sign_chance(state)
            when = max(state.round, g.scenario.acceptance.earliest_round)
            value = p * peace_value(g, seat, SIGNED, when) + (1 - p) * peace_value(g, seat, NO_DEAL)
        else:
            value = peace_value(g, seat, NO_DEAL)
        if project and state.result is None:
            c = collapse_chance(state, rung)
            if c:
                value = (1 - c) * value + c * peace_value(g, seat, COLLAPSE)
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
        total += w * (1.0 - rung / g.top)
    w = weights.get("support", 0)
    if w:
        total += w * support_value(g, seat, me.support)[0]
    w = weights.get("red_lines", 0)
    if w:
        soft = soft_lines(g, seat)
        total += w * (1.0 - (me.crossed / soft if soft else 0.0))
    w = weights.get("leadership", 0)
    if w:
        raw = raw if raw is not None else contributions(g, state.agreements)
        whole = sum(raw)
        total += w * (min(1.0, 3 * raw[seat] / whole) if whole else 0.0)
    w = weights.get("mandate", 0)
    mandate = dealt_mandate(state, seat) if w else None
    if mandate is not None:
        if result:
            value = 1.0 if result in (SIGNED, BAD_TERMS) else 0.0
        else:
            value = sign_chance(state) if project else 0.0
        if value and project and state.result is None:
            c = collapse_chance(state, rung)
            if c:
                value = (1 - c) * value
        if value and mandate_holds(state, seat, mandate):
            total += w * mandate.value * value
    return total


def mandate_holds(state: State, seat: int, mandate) -> bool:
    """Every part of the mandate, read off the state as the rules define them."""
    g = state.game
    units = in_force(state.agreements)
    kinds = {g.scenario.commitments[k].id for (_, k), n in units.items() if n > 0}
    mine = {g.scenario.commitments[k].id: n for (giver, k), n in units.items() if giver == seat}
    when = state.signed_round or max(state.round, g.scenario.acceptance.earliest_round)
    raw = contributions(g, state.agreements)
    return (
        (mandate.signed_by is None or when <= mandate.signed_by)
        and (mandate.credibility_at_least is None or state.credibility >= mandate.credibility_at_least)
        and all(mine.get(kind, 0) >= n for kind, n in mandate.gives.items())
        and all(mine.get(kind, 0) == 0 for kind in mandate.gives_none)
        and all(kind in kinds for kind in mandate.committed)
        and not any(kind in kinds for kind in mandate.not_committed)
        and (not mandate.leads or (raw[seat] > 0 and raw[seat] == max(raw)))
        and (
            mandate.bill_share_at_most is None
            or bill_shares(g, state.agreements)[seat] <= mandate.bill_share_at_most + 1e-9
        )
    )


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
    risk: float = 1.0,
) -> float:
    """The seat's projected utility if ``proposal`` binds now, counting the support its own
    commitments will cost in the rounds left. ``after``: the state once it binds, if known."""
    if after is None:
        after = what_if(state, proposer, proposal)
    value = utility(after, seat, weights, risk=risk)
    w = weights.get("support", 0)
    if w:
        have = after.seats[seat].support
        lost = support_loss(state, seat, proposal, after, rounds_left)
        g = state.game
        value -= w * (support_value(g, seat, have)[0] - support_value(g, seat, have - lost)[0])
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
    state: State,
    items: Sequence[tuple[int, int, int]],
    term: int,
    me: int,
    my_share: int,
    payers: Sequence[int],
    load: Sequence[int] = (),
    honour_lines: bool = True,
    caps: dict[int, int] | None = None,
) -> tuple[tuple[int, int], ...] | None:
    """Cost shares: ``my_share`` percent for ``me``, the rest among ``payers`` in proportion to
    their public share keys (the coalition's usual key, else their budgets), in the scenario's
    share steps, with nobody over its budget nor over the share of the bills its (public) share
    red line allows; seats in ``load`` (seen to accept whatever they are offered) are filled up to
    their budgets first; ``caps`` bounds what a seat is asked for (a share it was seen to refuse).
    When no split fits within the share red lines, they give way. None if no split fits."""
    g = state.game
    step = g.scenario.schedule.share_step
    cost = package_cost(state, items, term)
    lapse = g.scenario.domestic.lapse_below
    others = [p for p in payers if p != me and state.seats[p].support >= lapse]
    rest = 100 - my_share
    if my_share and my_share > _room(state, me, cost, step, honour_lines=False):
        return None  # nor over its own budget
    shares: dict[int, int] = {me: my_share} if my_share else {}
    if rest:
        if not others:
            return None
        room = {p: _room(state, p, cost, step, honour_lines) for p in others}
        for p, cap in (caps or {}).items():
            if p in room:
                room[p] = min(room[p], cap)
        for p in load:  # a pliable payer first takes all it can pay
            if p in room and rest:
                take = min(room[p], rest, 100 - 2 * step)
                if take > 0:
                    shares[p] = take
                    room[p] -= take
                    rest -= take
        free = [p for p in others if room[p] > 0]
        while rest and free:
            budgets = [share_key(state, p) for p in free]
            total = sum(budgets)
            exact = [rest * b / total for b in budgets]
            units = [min(room[p], int(x // step) * step) for p, x in zip(free, exact)]
            left = rest - sum(units)
            order = sorted(range(len(free)), key=lambda i: -(exact[i] - units[i]))
            for i in order:  # the remainder in steps, to those with room, largest fraction first
                if left <= 0:
                    break
                if units[i] + step <= room[free[i]]:
                    units[i] += step
                    left -= step
            for p, u in zip(free, units):
                if u:
                    shares[p] = shares.get(p, 0) + u
                    room[p] -= u
                    rest -= u
            if rest and not any(u for u in units):
                break
            free = [p for p in free if room[p] > 0]
        if rest:
            if honour_lines and any(g.share_max[p] is not None for p in others):
                # no split fits within everyone's share red line: ask more of those who have one
                return split_shares(state, items, term, me, my_share, payers, load, False, caps)
            return None
    return tuple(sorted((p, s) for p, s in shares.items() if s))


def share_key(state: State, seat: int) -> float:
    """The seat's weight when a bill is split: the scenario's public key, else its budget."""
    key = state.game.scenario.seats[seat].share_key
    return max(0.1, key if key is not None else state.seats[seat].budget)


def _room(state: State, payer: int, cost: float, step: int, honour_lines: bool = True) -> int:
    """The largest share (in steps) of a package costing ``cost`` a year that ``payer`` can take:
    within its budget after its bills, and within its share red line if it has one."""
    g = state.game
    budget = state.seats[payer].budget
    bill = yearly_bill(state, payer)
    if cost <= 0:
        room = 100
    else:
        room = int(max(0.0, (budget - bill) / cost * 100 + 1e-9) // step) * step if budget > 0 else 0
    limit = g.share_max[payer]
    if limit is not None and honour_lines:
        total = sum(bills_of(state)) + cost
        # its share of all the bills stays at its line: bill + x% of cost <= limit% of the total
        most = (limit / 100 * total - bill) / cost * 100 if cost > 0 else 100
        room = min(room, int(max(0.0, most + 1e-9) // step) * step)
    return min(100, room)


def bills_of(state: State) -> list[float]:
    """Every seat's yearly bill as things stand."""
    return [yearly_bill(state, s) for s in range(state.game.n_seats)]


def sketch(state: State, proposer: int, items: Sequence[tuple[int, int, int]], term: int, shares) -> State:
    """A quick approximation of the state once a package binds, to rank items while a package is
    built: the agreement added, credibility and Russian alarm recomputed, soft red lines crossed by
    its units counted; forces and money left as they are (``what_if`` gives the real answer for the
    finished package)."""
    g = state.game
    agreements = state.agreements + (Agreement(-1, proposer, Proposal(tuple(items), shares, term), state.round),)
    seats = list(state.seats)
    have = in_force(state.agreements) if state.agreements else {}
    for giver, kind, units in items:  # soft red lines crossed: counted, and paid for in support
        soft = g.soft_max[giver][kind]
        if soft is not None and have.get((giver, kind), 0) <= soft < have.get((giver, kind), 0) + units:
            seat = seats[giver]
            seats[giver] = attrs.evolve(
                seat, crossed=seat.crossed + 1, support=max(0.0, seat.support - g.soft_support[giver][kind])
            )
    return attrs.evolve(
        state,
        seats=tuple(seats),
        agreements=agreements,
        credibility=credibility(g, agreements, state.lasting, state.round_penalty),
        alarm=alarm(g, agreements, state.alarm_lasting),
    )


def within_limits(state: State, seat: int, proposal: Proposal, soft: bool = False) -> bool:
    """Whether the seat could agree to the proposal within its yearly budget (and, with ``soft``,
    without crossing its own soft red lines: otherwise what crossing one costs is for its value
    to weigh)."""
    for giver, kind, units in proposal.items:
        if giver == seat:
            limit = soft_limit(state, seat, kind) if soft else None
            if limit is not None and units > limit:
                return False
    share = proposal.share_of(seat)
    if share:
        bill = yearly_bill(state, seat) + package_cost(state, proposal.items, proposal.term) * share / 100
        if bill > state.seats[seat].budget + 1e-9:
            return False
    return True
