"""What happens when a proposal binds: forces are tied up, up-front costs charged by the agreed
cost shares, soft red lines counted, and credibility recomputed."""

from __future__ import annotations

from ..scenario.model import RESOURCES
from .cache import FEASIBLE_CAP
from .credibility import in_force, refresh
from .state import Agreement, Game, Item, News, Offer, SeatState, State, replace, seat_replace


def needed(state: State, items: tuple[Item, ...], term: int) -> dict[int, float]:
    """Forces the items tie up, by resource index."""
    need: dict[int, float] = {}
    g = state.game
    resource = g.resource
    for giver, kind, units in items:
        r = resource[kind]
        if r >= 0:
            need[r] = need.get(r, 0.0) + g.draw(giver, kind, units, term)
    return need


def check_feasible(state: State, giver: int, items: tuple[Item, ...], term: int) -> str | None:
    """Why ``giver`` cannot field these items for this term; ``None`` when it can."""
    if not items:
        return None
    have = state.seats[giver].forces
    # A pure function of the giver's forces, the items and the term, asked again and again by
    # the agents as they weigh packages: memoised per game.
    memo = state.game.cache.feasible
    key = (giver, items, term, have)
    if key in memo:
        return memo[key]
    answer = None
    for r, amount in needed(state, items, term).items():
        if amount > have[r] + 1e-9:
            name = state.game.scenario.seats[giver].name
            what = RESOURCES[r].replace("_", "-")
            answer = f"{name} has {have[r]:,.0f} {what} available; this needs {amount:,.0f} for a {term}-year term"
            break
    if len(memo) >= FEASIBLE_CAP:
        memo.clear()
    memo[key] = answer
    return answer


def pay(seat: SeatState, amount: float) -> tuple[SeatState, float]:
    """The seat after paying ``amount`` from its funds, and the shortfall it could not pay."""
    paid = min(seat.funds, amount)
    short = amount - paid
    return seat_replace(seat, funds=seat.funds - paid, paid=seat.paid + paid, arrears=seat.arrears + short), short


def charge(state: State, proposal, amount: float) -> State:
    """Charge ``amount`` ($bn) to the proposal's payers by their shares; shortfalls are arrears,
    costing the payer domestic support and the guarantee credibility this round."""
    if amount <= 0:
        return state
    sc = state.game.scenario
    seats = list(state.seats)
    penalty = state.round_penalty
    news = state.news
    for payer, percent in proposal.shares:
        seat, short = pay(seats[payer], amount * percent / 100)
        if short > 1e-9:
            support = max(0.0, seat.support - sc.domestic.arrears_penalty * short)
            seat = seat_replace(seat, support=support)
            penalty += sc.credibility.arrears_penalty * short
            news = (news, News(state.round, "arrears", (payer, short)))
        seats[payer] = seat
    return replace(state, seats=tuple(seats), round_penalty=penalty, news=news)


def bills(game: Game, agreements: tuple[Agreement, ...]) -> list[float]:
    """What each seat pays a year for the guarantee: its shares of running costs, plus up-front
    costs spread over each agreement's term ($bn)."""
    kinds = game.scenario.commitments
    out = [0.0] * game.n_seats
    for a in agreements:
        p = a.proposal
        yearly = 0.0
        for _, k, u in p.items:
            kind = kinds[k]
            yearly += u * kind.yearly_cost + u * kind.upfront_cost / p.term
        for payer, percent in p.shares:
            out[payer] += yearly * percent / 100
    return out


def bill_shares(game: Game, agreements: tuple[Agreement, ...]) -> list[float]:
    """Each seat's share of all the agreements' yearly bills, in percent (0 when nothing is billed)."""
    each = bills(game, agreements)
    total = sum(each)
    return [100 * b / total if total > 0 else 0.0 for b in each]


def _cross(seat: SeatState, support: float) -> SeatState:
    """The seat after crossing one of its soft red lines: counted, and paid for in support."""
    return seat_replace(seat, crossed=seat.crossed + 1, support=min(100.0, max(0.0, seat.support - support)))


def bind(state: State, offer: Offer) -> State:
    """The offer becomes a binding agreement, or fails if a giver can no longer field its part."""
    proposal = offer.proposal
    rest = tuple(o for o in state.offers if o.id != offer.id)
    parties = offer.addressees() | {offer.proposer}
    for giver in sorted({i[0] for i in proposal.items}):
        own = tuple(i for i in proposal.items if i[0] == giver)
        if check_feasible(state, giver, own, proposal.term):
            return replace(state, offers=rest, news=(state.news, News(state.round, "fail", (offer.id, giver), parties)))
    g = state.game
    before = in_force(state.agreements)
    seats = list(state.seats)
    for giver, kind, units in proposal.items:
        r = g.resource[kind]
        seat = seats[giver]
        if r >= 0:
            forces = list(seat.forces)
            forces[r] -= g.draw(giver, kind, units, proposal.term)
            seat = seat_replace(seat, forces=tuple(forces))
        soft = g.soft_max[giver][kind]
        if soft is not None and before.get((giver, kind), 0) <= soft < before.get((giver, kind), 0) + units:
            seat = _cross(seat, g.soft_support[giver][kind])
        seats[giver] = seat
    agreement = Agreement(offer.id, offer.proposer, proposal, state.round)
    agreements = state.agreements + (agreement,)
    if any(limit is not None for limit in g.share_max):  # soft red lines on the share of the bills
        old, new = bill_shares(g, state.agreements), bill_shares(g, agreements)
        for payer, limit in enumerate(g.share_max):
            if limit is not None and old[payer] <= limit + 1e-9 < new[payer]:
                line = g.scenario.seats[payer].share_red_line
                assert line is not None  # share_max has a limit only where the seat has this red line
                seats[payer] = _cross(seats[payer], line.support)
    state = replace(
        state,
        seats=tuple(seats),
        offers=rest,
        agreements=agreements,
        news=(state.news, News(state.round, "bind", (offer.id, offer.proposer, proposal))),
    )
    kinds = g.scenario.commitments
    state = charge(state, proposal, sum(units * kinds[kind].upfront_cost for _, kind, units in proposal.items))
    return refresh(state)
