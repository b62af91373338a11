"""The proposal builder's form, and how it turns into the rules' step actions.

The GUI keeps its own form (partners, commitments, cost shares, term, deadline) while a player
edits a proposal; on Send, ``proposal_steps`` turns the form into the short list of step actions
(``draft`` or ``counter N``, ``remove``, ``term``, ``add``, ``share``, ``invite``, ``deadline``,
``send``) that the rules accept, skipping every step that would change nothing (the rules reject
those). ``check_form`` runs the steps on a copy of the state and gives the first reason the rules
would refuse, so the GUI can disable Send *with* that reason instead of failing after the fact.

Pure Python: nothing here imports pygame.
"""

from __future__ import annotations

import attrs

from .. import Action, Agreement, Offer, Proposal, State, apply, credibility, current_seat, why_illegal, why_unsendable
from .. import actions as A


@attrs.define
class Form:
    """What the player has put into the builder. Seats and kinds are indices into the game."""

    proposer: int
    partners: list[int] = attrs.field(factory=list)  # seats addressed besides the proposer, in seat order
    items: dict[tuple[int, int], int] = attrs.field(factory=dict)  # (giver, kind) -> units
    shares: dict[int, int] = attrs.field(factory=dict)  # payer -> percent (0 allowed: a slider at zero)
    term: int = 1
    deadline: int = 1
    counter_of: int | None = None  # the offer this form counters
    locked: frozenset[int] = frozenset()  # partners the base draft already invites (no 'uninvite' step)

    def copy(self) -> Form:
        return attrs.evolve(self, partners=list(self.partners), items=dict(self.items), shares=dict(self.shares))

    def parties(self) -> list[int]:
        """The proposer and its partners, in seat order: who may give and pay."""
        return sorted({self.proposer, *self.partners})

    def proposal(self) -> Proposal:
        """The proposal this form describes (as the draft will stand before Send)."""
        items = tuple((g, k, u) for (g, k), u in sorted(self.items.items()))
        shares = tuple(sorted((s, p) for s, p in self.shares.items() if p > 0))
        givers = {g for g, _ in self.items} | {s for s, _ in shares}
        invited = tuple(s for s in self.partners if s not in givers and s != self.proposer)
        return Proposal(items=items, shares=shares, term=self.term, deadline=self.deadline, invited=invited)


def _offer(state: State, offer_id: int) -> Offer | None:
    return next((o for o in state.offers if o.id == offer_id), None)


def new_form(state: State, seat: int) -> Form:
    """An empty proposal by ``seat``: the rules' default term and deadline, the seat pays all."""
    if state.draft is not None and current_seat(state) == seat:
        return form_from_proposal(state, seat, state.draft)
    fresh = state.game.fresh_draft
    return Form(proposer=seat, shares={seat: 100}, term=fresh.term, deadline=fresh.deadline)


def form_from_proposal(
    state: State, seat: int, p: Proposal, counter_of: int | None = None, also: tuple[int, ...] = ()
) -> Form:
    """A form pre-filled from a proposal (an offer to counter, or a draft in progress)."""
    partners = sorted(({g for g, _, _ in p.items} | {s for s, _ in p.shares} | set(p.invited) | set(also)) - {seat})
    shares = {s: 0 for s in [seat, *partners]}
    shares.update(dict(p.shares))
    return Form(
        proposer=seat,
        partners=partners,
        items={(g, k): u for g, k, u in p.items},
        shares=shares,
        term=p.term,
        deadline=p.deadline,
        counter_of=counter_of,
        locked=frozenset(p.invited) - {seat},
    )


def form_from_offer(state: State, seat: int, offer_id: int) -> Form:
    """The builder pre-filled for a counter-offer to ``offer_id`` (its proposer stays a partner)."""
    offer = _offer(state, offer_id)
    if offer is None:
        raise KeyError(offer_id)
    base = attrs.evolve(offer.proposal, deadline=state.game.scenario.schedule.deadline)
    return form_from_proposal(state, seat, base, counter_of=offer_id, also=(offer.proposer,))


def base_draft(state: State, form: Form) -> Proposal:
    """The draft the steps start from: the current draft, the countered offer's terms, or a fresh one."""
    if state.draft is not None:
        return state.draft
    if form.counter_of is not None:
        offer = _offer(state, form.counter_of)
        if offer is not None:
            return attrs.evolve(offer.proposal, deadline=state.game.scenario.schedule.deadline)
    return state.game.fresh_draft


def proposal_steps(state: State, form: Form, send: bool = True) -> list[Action]:
    """The step actions that turn the current draft (or a new one) into ``form`` and send it.

    Order matters to the rules: removals free room before additions; the term is set before
    additions (feasibility is checked at the draft's term); shares that fall are set before
    shares that rise, so the total never passes 100% on the way. Steps that would change nothing
    are left out.
    """
    g = state.game
    steps: list[Action] = []
    if state.draft is None:
        steps.append(A.Counter(form.counter_of) if form.counter_of is not None else A.Draft())
    base = base_draft(state, form)
    have = {(gv, k): u for gv, k, u in base.items}
    want = dict(form.items)
    for (giver, kind), units in sorted(have.items()):
        if want.get((giver, kind)) != units:
            steps.append(A.Remove(g.seats[giver], g.kinds[kind]))
    if form.term != base.term:
        steps.append(A.SetTerm(form.term))
    for (giver, kind), units in sorted(want.items()):
        if have.get((giver, kind)) != units:
            steps.append(A.Add(g.seats[giver], g.kinds[kind], units))
    old = dict(base.shares)
    new = {s: p for s, p in form.shares.items() if p > 0}
    changes = [(s, new.get(s, 0)) for s in sorted(set(old) | set(new)) if old.get(s, 0) != new.get(s, 0)]
    steps += [A.Share(g.seats[s], p) for s, p in changes if p < old.get(s, 0)]
    steps += [A.Share(g.seats[s], p) for s, p in changes if p > old.get(s, 0)]
    givers = {gv for gv, _ in want} | set(new)
    for s in form.partners:
        if s != form.proposer and s not in givers and s not in base.invited:
            steps.append(A.Invite(g.seats[s]))
    if form.deadline != base.deadline:
        steps.append(A.SetDeadline(form.deadline))
    if send:
        steps.append(A.Send())
    return steps


def check_form(state: State, form: Form) -> str | None:
    """Why the form cannot be sent as it stands (the first rule it breaks); ``None`` when it can."""
    seat = current_seat(state)
    if seat != form.proposer:
        return "it is not this seat's turn"
    steps = proposal_steps(state, form, send=False)
    sc = state.game.scenario
    left = sc.schedule.edits_per_turn - state.edits
    if len(steps) > left:
        return f"this proposal takes {len(steps)} drafting steps; {max(0, left)} are left this turn"
    try:
        draft_state = run_steps(state, steps)
    except StepError as e:
        return e.reason
    return why_unsendable(draft_state, seat, draft_state.draft)


class StepError(Exception):
    """A step the rules refuse, with their reason."""

    def __init__(self, action: Action, reason: str):
        super().__init__(f"{action}: {reason}")
        self.action, self.reason = action, reason


def run_steps(state: State, steps: list[Action]) -> State:
    """Apply ``steps`` in turn; ``StepError`` with the rules' reason at the first refused one."""
    for action in steps:
        reason = why_illegal(state, action)
        if reason is not None:
            raise StepError(action, reason)
        state = apply(state, action)
    return state


def why_not_item(state: State, form: Form, giver: int, kind: int, units: int) -> str | None:
    """Why the form cannot hold ``units`` of ``kind`` from ``giver`` (replacing what it holds of
    that kind from that giver); ``None`` when it can."""
    g = state.game
    trial = form.copy()
    trial.items.pop((giver, kind), None)
    steps = proposal_steps(state, trial, send=False)
    try:
        draft_state = run_steps(state, steps)
    except StepError as e:
        # The rest of the form is already in trouble; say so rather than blame this item.
        return e.reason
    return why_illegal(draft_state, A.Add(g.seats[giver], g.kinds[kind], units))


# --- cost shares ------------------------------------------------------------------------------


def rebalance(
    shares: dict[int, int], payer: int, value: int, step: int, fixed: frozenset[int] = frozenset()
) -> dict[int, int]:
    """Set ``payer``'s share to ``value`` (rounded to ``step``) and spread the rest over the other
    payers in proportion to what they had, so that the total stays 100%. Payers in ``fixed``
    (e.g. governments too weak to take on costs) keep 0. With no other payer to take the rest,
    ``payer`` keeps 100%."""
    out = {s: (0 if s in fixed else p) for s, p in shares.items()}
    others = [s for s in out if s != payer and s not in fixed]
    if payer in fixed:
        return out
    if not others:
        out[payer] = 100
        return out
    value = max(0, min(100, int(round(value / step)) * step))
    out[payer] = value
    rest = 100 - value
    weights = {s: out[s] for s in others}
    total = sum(weights.values())
    if total == 0:
        weights = {s: 1 for s in others}
        total = len(others)
    units = rest // step
    exact = {s: units * w / total for s, w in weights.items()}
    given = {s: int(x) for s, x in exact.items()}
    left = units - sum(given.values())
    for s in sorted(others, key=lambda s: (-(exact[s] - given[s]), -weights[s], s))[:left]:
        given[s] += 1
    for s in others:
        out[s] = given[s] * step
    remainder = 100 - sum(out.values())  # only when 100 is not a multiple of step
    if remainder:
        out[payer] += remainder
    return out


def share_order(form: Form, payer: int, locked=frozenset(), fixed: frozenset[int] = frozenset()) -> list[int]:
    """Who takes up a change to ``payer``'s cost share, in turn: the proposer first, then the
    other parties from the last listed up; locked shares and governments too weak to pay never."""
    parties = form.parties()
    order = [form.proposer] + [s for s in reversed(parties) if s != form.proposer]
    return [s for s in order if s != payer and s not in locked and s not in fixed]


def set_share(shares: dict[int, int], payer: int, value: int, step: int, order: list[int]) -> dict[int, int]:
    """Set ``payer``'s share to ``value`` (in ``step``s); the seats of ``order`` take up the
    difference in turn: a rise is taken from the first until it has nothing left, then the next;
    a fall goes to the first. The total stays 100%; a rise the others cannot cover is cut to
    what they can."""
    out = dict(shares)
    if not order:
        return out
    have = out.get(payer, 0)
    value = max(0, min(100, int(round(value / step)) * step))
    room = sum(out.get(s, 0) for s in order)
    value = min(value, have + room)
    delta = value - have
    out[payer] = value
    if delta < 0:
        out[order[0]] = out.get(order[0], 0) - delta
        return out
    for s in order:
        take = min(out.get(s, 0), delta)
        out[s] = out.get(s, 0) - take
        delta -= take
        if not delta:
            break
    return out


def normalise_shares(form: Form, step: int, fixed: frozenset[int] = frozenset()) -> None:
    """Make the form's shares cover exactly its parties and add up to 100% (in place)."""
    parties = form.parties()
    shares = {s: form.shares.get(s, 0) for s in parties}
    if sum(shares.values()) != 100 or any(shares[s] for s in fixed):
        # Give what is missing (or take what is over) from the proposer first, then the others.
        eligible = [s for s in parties if s not in fixed]
        if eligible:
            anchor = form.proposer if form.proposer in eligible else eligible[0]
            shares = rebalance(shares, anchor, shares[anchor] + 100 - sum(shares.values()), step, fixed)
    form.shares = shares


def set_partner(form: Form, seat: int, on: bool, step: int, fixed: frozenset[int] = frozenset()) -> None:
    """Add or drop a partner (dropping one drops its commitments and passes its share on)."""
    if seat == form.proposer:
        return
    if on and seat not in form.partners:
        form.partners = sorted(form.partners + [seat])
    elif not on and seat in form.partners and seat not in form.locked:
        if form.shares.get(seat):
            form.shares = set_share(form.shares, seat, 0, step, share_order(form, seat, fixed=fixed))
        form.partners = [s for s in form.partners if s != seat]
        form.items = {key: u for key, u in form.items.items() if key[0] != seat}
        form.shares.pop(seat, None)
    normalise_shares(form, step, fixed)


# --- what a proposal would do -----------------------------------------------------------------


def credibility_if_bound(state: State, proposal: Proposal, proposer: int) -> float:
    """The guarantee's credibility if ``proposal`` bound now (on top of the agreements in force)."""
    trial = state.agreements + (Agreement(0, proposer, proposal, state.round),)
    return credibility(state.game, trial, state.lasting, state.round_penalty)


def yearly_costs(state: State, proposal: Proposal) -> dict[int, float]:
    """What each payer would pay a year for ``proposal``: its share of the running costs plus the
    up-front costs spread over the term ($bn)."""
    kinds = state.game.scenario.commitments
    yearly = sum(
        u * kinds[k].yearly_cost + u * kinds[k].upfront_cost / max(1, proposal.term) for _, k, u in proposal.items
    )
    return {s: yearly * p / 100 for s, p in proposal.shares}


__all__ = [
    "Form",
    "new_form",
    "form_from_offer",
    "form_from_proposal",
    "proposal_steps",
    "check_form",
    "run_steps",
    "StepError",
    "why_not_item",
    "rebalance",
    "share_order",
    "set_share",
    "normalise_shares",
    "set_partner",
    "credibility_if_bound",
    "yearly_costs",
    "base_draft",
]
