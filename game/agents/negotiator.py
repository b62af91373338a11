"""``negotiator``: a utility-based negotiator with a time-dependent concession curve.

It values a proposal by its own seat's objectives: the projected score of the state once the
proposal would bind (``evaluate.proposal_value``), using its private weights. It holds an
aspiration that falls over the negotiation from the value of its own best package towards what it
has now (never below its reservation value): slowly for a Boulware persona (``concession`` above
1), quickly for a Conceder (below 1). It accepts an offer that beats what it expects next (its
aspiration at its next turn), counters one that improves on the status quo but falls short (same
commitments, cost shares moved off itself), and builds its own packages from the commitment
kinds, never offering what would cross its own red lines (soft ones included) or its budget.

Drafting is a plan: the step actions (``draft``, ``add``, ``share``, ``term``, ``send``) are worked
out at once, kept in the agent, and taken one per call; if a step has become illegal the plan is
dropped and the draft discarded.
"""

from __future__ import annotations

from collections.abc import Sequence

from .. import Action, Agreement, Observation, Persona, Proposal, State, credibility, what_if
from .. import actions as A
from . import evaluate as E


def time_fraction(state: State) -> float:
    """How far the negotiation has gone, 0 at the start to 1 at the last turn of the last round."""
    sc = state.game.scenario
    per_round = sc.schedule.negotiation_passes * len(state.game.seats)
    done = (state.round - 1) + min(state.turn, per_round) / per_round
    return min(1.0, done / sc.schedule.rounds)


def concede(best: float, floor: float, t: float, exponent: float) -> float:
    """The aspiration at time ``t``: ``best`` at the start, ``floor`` at the end; a Boulware
    exponent (> 1) holds near ``best`` until late, a Conceder (< 1) drops early."""
    if best <= floor:
        return floor
    return best - (best - floor) * (t**exponent)


def share_steps(
    current: tuple[tuple[int, int], ...], target: tuple[tuple[int, int], ...], seats: Sequence[str]
) -> list[Action]:
    """Share actions turning ``current`` into ``target``, lowering first so the total never
    passes 100%."""
    now, want = dict(current), dict(target)
    down = [A.Share(seats[p], want.get(p, 0)) for p in sorted(now) if want.get(p, 0) < now[p]]
    up = [A.Share(seats[p], pct) for p, pct in sorted(want.items()) if pct > now.get(p, 0)]
    return down + up


class NegotiatorAgent:
    """The utility-based negotiator (see the module's docstring)."""

    name = "negotiator"
    candidates_per_turn = 6

    def __init__(self, seat: str, seed: int, persona: Persona | None = None):
        from . import agent_rng  # noqa: PLC0415 - the package imports this module

        self.seat_id = seat
        self.rng = agent_rng(seed, seat)
        self.persona = persona
        self.plan: list[Action] = []
        self.last_proposal: Proposal | None = None  # the package of the last proposal plan
        self._best: tuple[tuple, float] | None = None  # ((round, turn), best own package value)

    # --- the decision ---------------------------------------------------------------------------

    def act(self, observation: Observation, legal: Sequence[Action]) -> Action:
        view, me = observation.view, observation.seat
        weights = E.weights_of(observation.private)
        persona = self.persona or view.game.scenario.seats[me].persona
        if view.phase == "commitment":
            return self._sign_or_hold(view, me, weights, legal)
        if self.plan:
            step = self.plan.pop(0)
            if step in legal:
                return step
            self.plan = []
        if view.draft is not None:  # a plan went stale
            return A.Discard() if A.Discard() in legal else legal[0]
        reservation = observation.private.reservation
        answer = self._answer_offers(view, me, weights, persona, reservation, legal)
        if answer is not None:
            return answer
        if A.Draft() in legal and self._wants_to_propose(view, me, persona):
            plan = self.proposal_plan(view, me, weights, persona, reservation)
            if plan:
                self.plan = plan[1:]
                return plan[0]
        return A.EndTurn() if A.EndTurn() in legal else legal[0]

    def _sign_or_hold(self, view: State, me: int, weights, legal) -> Action:
        if A.Sign() not in legal:
            return A.HoldOut()
        if view.credibility >= view.threshold:
            return A.Sign()
        last = view.round >= view.game.scenario.schedule.rounds
        peace = view.game.scenario.peace
        if last and peace.bad_terms > peace.no_deal:
            return A.Sign()
        return A.HoldOut()

    def _wants_to_propose(self, view: State, me: int, persona: Persona) -> bool:
        mine = [o for o in view.offers if o.proposer == me]
        if mine:
            return False  # wait for the answers to the one on the table
        return self.rng.random() < 0.25 + 0.75 * persona.eagerness

    # --- answering offers -----------------------------------------------------------------------

    def offer_value(self, view: State, me: int, weights, offer) -> float | None:
        """The offer's value to this seat, or None if it would cross its red lines or budget."""
        p = offer.proposal
        if not E.within_limits(view, me, p):
            return None
        return E.proposal_value(view, me, weights, offer.proposer, p)

    def _answer_offers(self, view, me, weights, persona, reservation, legal) -> Action | None:
        waiting = [o for o in view.offers if o.proposer != me and me in o.needs()]
        if not waiting:
            return None
        now = E.utility(view, me, weights)
        t = time_fraction(view)
        step = 1.0 / (view.game.scenario.schedule.rounds * view.game.scenario.schedule.negotiation_passes)
        for offer in waiting:
            value = self.offer_value(view, me, weights, offer)
            accept, reject = A.Accept(offer.id), A.Reject(offer.id)
            if value is None or value < reservation or value <= now + 0.5:
                return reject if reject in legal else None
            best = max(value, self.best_value(view, me, weights, persona, reservation))
            aspiration = concede(best, max(now, reservation), min(1.0, t + step), persona.concession)
            if value >= aspiration - 1e-9 and accept in legal:
                return accept
            counter = self.counter_plan(view, me, weights, offer, aspiration, legal)
            if counter:
                self.plan = counter[1:]
                return counter[0]
            if accept in legal and t > 0.85:
                return accept  # the clock is running out: an improvement is an improvement
            return reject if reject in legal else None
        return None

    def counter_plan(self, view, me, weights, offer, aspiration, legal) -> list[Action] | None:
        """Counter: the same commitments, this seat's cost share moved onto the other payers."""
        counter = A.Counter(offer.id)
        if counter not in legal:
            return None
        p = offer.proposal
        mine = p.share_of(me)
        if not mine:
            return None
        payers = sorted({s for s, _ in p.shares} | {g for g, _, _ in p.items} | {offer.proposer})
        for my_share in range(
            mine - view.game.scenario.schedule.share_step, -1, -view.game.scenario.schedule.share_step
        ):
            shares = E.split_shares(view, p.items, p.term, me, my_share, [s for s in payers if s != me])
            if shares is None:
                continue
            proposal = Proposal(p.items, shares, p.term, p.deadline, p.invited)
            if E.proposal_value(view, me, weights, me, proposal) >= aspiration:
                return [counter] + share_steps(p.shares, shares, view.game.seats) + [A.Send()]
        return None

    # --- proposing --------------------------------------------------------------------------

    def best_value(self, view, me, weights, persona, reservation) -> float:
        key = (view.round, view.turn)
        if self._best is None or self._best[0] != key:
            best = self.best_proposal(view, me, weights, persona, reservation, aspiration=None)
            self._best = (key, best[1] if best else E.utility(view, me, weights))
        return self._best[1]

    def best_proposal(self, view, me, weights, persona, reservation, aspiration) -> tuple[Proposal, float] | None:
        """The package this seat would most like to send that others would plausibly accept."""
        best: tuple[Proposal, float] | None = None
        for items, term in candidate_packages(view, me, self.rng, self.candidates_per_turn, persona.eagerness):
            for proposal in share_options(view, me, items, term):
                if not others_accept(view, me, proposal):
                    continue
                value = E.proposal_value(view, me, weights, me, proposal)
                if best is None or value > best[1]:
                    best = (proposal, value)
                break  # options come from the cheapest share for this seat upwards
        return best

    def proposal_plan(self, view, me, weights, persona, reservation) -> list[Action] | None:
        self.last_proposal = None
        best = self.best_proposal(view, me, weights, persona, reservation, None)
        if best is None:
            return None
        proposal, value = best
        self.last_proposal = proposal
        now = E.utility(view, me, weights)
        aspiration = concede(value, max(now, reservation), time_fraction(view), persona.concession)
        if value < max(reservation, now + 0.5) or value < aspiration - 1e-9:
            return None
        self._best = ((view.round, view.turn), value)
        return draft_steps(view, proposal)


def draft_steps(view: State, proposal: Proposal) -> list[Action]:
    """The step actions that draft and send ``proposal``."""
    g = view.game
    steps: list[Action] = [A.Draft()]
    for giver, kind, units in proposal.items:
        steps.append(A.Add(g.seats[giver], g.kinds[kind], units))
    steps += share_steps((), proposal.shares, g.seats)
    default_term = g.terms[len(g.terms) // 2]
    if proposal.term != default_term:
        steps.append(A.SetTerm(proposal.term))
    steps.append(A.Send())
    return steps


def draft_edits(view: State, proposal: Proposal) -> int:
    """How many drafting steps ``draft_steps`` takes before ``send`` (draft, each item, each share
    and the term unless it is the default), counted without making them: the rollouts send
    packages this way."""
    g = view.game
    return (
        1
        + len(proposal.items)
        + sum(1 for percent in dict(proposal.shares).values() if percent > 0)
        + (proposal.term != g.terms[len(g.terms) // 2])
    )


def others_accept(view: State, me: int, proposal: Proposal) -> bool:
    """Whether every other giver plausibly accepts: better off under a flat guess at its
    objectives, within its red lines and its budget."""
    after = what_if(view, me, proposal)
    if after is view or len(after.agreements) == len(view.agreements):
        return False  # it would fail to bind
    raw = None
    for seat in proposal.givers():
        if seat == me:
            continue
        for giver, kind, units in proposal.items:
            if giver == seat:
                limit = E.soft_limit(view, seat, kind)
                if limit is not None and units > limit:
                    return False
        if E.utility(after, seat, E.FLAT, raw=raw) <= E.utility(view, seat, E.FLAT) + 0.5:
            return False
    return True


def share_options(view: State, me: int, items, term) -> list[Proposal]:
    """Proposals of these items with this seat's share rising from 0 in share steps; the rest
    split among the other givers by their budgets."""
    step = view.game.scenario.schedule.share_step
    givers = sorted({g for g, _, _ in items})
    out = []
    for my_share in range(0, 101, step):
        payers = [s for s in givers if s != me] or [s for s in range(len(view.game.seats)) if s != me]
        shares = E.split_shares(view, items, term, me, my_share, payers)
        if shares is not None:
            out.append(Proposal(tuple(items), shares, term, view.game.scenario.schedule.deadline, ()))
    return out


def candidate_packages(view: State, me: int, rng, count: int, eagerness: float) -> list[tuple[tuple, int]]:
    """Packages of commitments aimed at the acceptance threshold: a randomised greedy choice of
    the items with the most credibility for their cost, within every giver's red lines (soft ones
    included) and forces. This seat leads (puts its own forces in first) with a chance set by its
    eagerness."""
    g, sc = view.game, view.game.scenario
    target = view.threshold + 6
    max_items = sc.schedule.max_items
    terms = [t for t in g.terms if g.term_credit[t] >= 0.85] or list(g.terms)
    out = []
    for n in range(count):
        term = terms[n % len(terms)]
        lead = rng.random() < eagerness
        items: list[tuple[int, int, int]] = []
        by_giver: dict[int, list] = {}
        base = credibility(g, view.agreements, view.lasting, view.round_penalty)
        current = base
        while len(items) < max_items and current < target:
            pool = []
            for giver in range(len(g.seats)):
                pool += E.feasible_items(view, by_giver, giver, term, respect_soft=True)
            if not pool:
                break
            if len(pool) > 16:  # a random sample of the rest keeps the greedy step cheap
                own = [i for i in pool if i[0] == me]
                rest = [i for i in pool if i[0] != me]
                pool = own + rng.sample(rest, max(0, min(len(rest), 16 - len(own))))
            scored = []
            for item in pool:
                trial = Proposal(tuple(items) + (item,), (), term)
                value = credibility(
                    g, view.agreements + (Agreement(-1, me, trial, view.round),), view.lasting, view.round_penalty
                )
                gain = value - current
                if gain <= 0:
                    continue
                cost = E.item_cost(view, item, term) + 0.05
                score = gain / cost * (0.6 + 0.8 * rng.random())
                if lead and item[0] == me:
                    score *= 3.0
                scored.append((score, item, value))
            if not scored:
                break
            scored.sort(key=lambda x: -x[0])
            _, item, value = scored[0]
            items.append(item)
            by_giver.setdefault(item[0], []).append(item)
            current = value
        if items:
            out.append((tuple(items), term))
    return out
