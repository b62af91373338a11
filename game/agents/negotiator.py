"""``negotiator``: a utility-based negotiator with a time-dependent concession curve.

It values a proposal by its own seat's objectives: the projected score of the state once the
proposal would bind (``evaluate.proposal_value``), with its private weights and its persona's risk
attitude (Russia's reactions to alarm and the incident risks, read from the scenario's rules). It
holds an aspiration that falls over the negotiation from the value of its own best package towards
what it has now (never below its reservation value): slowly for a Boulware persona (``concession``
above 1), quickly for a Conceder (below 1). It accepts an offer that beats what it expects next
(its aspiration at its next turn), counters one that improves on the status quo but falls short
(same commitments, cost shares moved off itself), and rejects the rest.

It builds its own packages by a randomised greedy search over the commitment kinds, ranking each
item by what it adds to its own projected score per dollar of the package: so a seat that wants to
lead puts its own forces in, a risk-averse one leaves out what alarms Moscow, one that fears a thin
guarantee reaches for the no-fly zone. It offers nothing that crosses another seat's red lines or
budget, crosses its own soft red lines only when its score says that pays, and splits costs by the
other payers' budgets within their public share red lines. It remembers how the others answer: a
seat that accepts whatever it is offered is handed more of the bill, and its soft red lines are no
longer spared.

The acceptance seat signs when signing now is worth more than holding out: a credible guarantee is
signed unless an offer on the table would raise it by more than the delay costs; a thin one is
signed on Russia's terms when the package is about to lapse, or the clock is running out, and a
better one looks unlikely.

Drafting is a plan: the step actions (``draft``, ``add``, ``share``, ``term``, ``send``) are worked
out at once, kept in the agent, and taken one per call; if a step has become illegal the plan is
dropped and the draft discarded.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import attrs

from .. import (
    BAD_TERMS,
    SIGNED,
    Action,
    Observation,
    Persona,
    Proposal,
    State,
    alarm,
    cons_list,
    credibility,
    lapsing,
    peace_value,
    what_if,
)
from .. import actions as A
from . import evaluate as E
from .sketch import Base


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
    candidates_per_turn = 5

    def __init__(self, seat: str, seed: int, persona: Persona | None = None):
        from . import agent_rng  # noqa: PLC0415 - the package imports this module

        self.seat_id = seat
        self.rng = agent_rng(seed, seat)
        self.persona = persona
        self.plan: list[Action] = []
        self.last_proposal: Proposal | None = None  # the package of the last proposal plan
        self._best: tuple[tuple, float] | None = None  # ((round, turn), best own package value)
        self.answers = Answers()

    # --- the decision ---------------------------------------------------------------------------

    def act(self, observation: Observation, legal: Sequence[Action]) -> Action:
        view, me = observation.view, observation.seat
        weights = E.weights_of(observation.private)
        persona = self.persona or view.game.scenario.seats[me].persona
        if view.phase == "commitment":
            return self._sign_or_hold(view, me, weights, persona, legal)
        if self.plan:
            step = self.plan.pop(0)
            if step in legal:
                return step
            self.plan = []
        if view.draft is not None:  # a plan went stale
            return A.Discard() if A.Discard() in legal else legal[0]
        self.answers.read(view)
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

    def _sign_or_hold(self, view: State, me: int, weights, persona: Persona, legal) -> Action:
        if A.Sign() not in legal:
            return A.HoldOut()
        signing = sign_value(view, me, weights, persona)
        holding = hold_value(view, me, weights, persona)
        if signing < holding:
            return A.HoldOut()
        # the deal this seat could still hope to build, were it to hold out
        best = self.best_proposal(view, me, weights, persona, 0.0, None)
        if best is not None:
            holding = max(holding, hope(view, me, weights, persona, best[0], holding))
        return A.Sign() if signing >= holding else A.HoldOut()

    def _wants_to_propose(self, view: State, me: int, persona: Persona) -> bool:
        mine = [o for o in view.offers if o.proposer == me]
        if mine:
            return False  # wait for the answers to the one on the table
        return self.rng.random() < 0.25 + 0.75 * persona.eagerness

    # --- answering offers -----------------------------------------------------------------------

    def offer_value(self, view: State, me: int, weights, offer, risk: float | None = None) -> float | None:
        """The offer's value to this seat, or None if it would break its budget."""
        p = offer.proposal
        if not E.within_limits(view, me, p):
            return None
        persona = self.persona or view.game.scenario.seats[me].persona
        return E.proposal_value(view, me, weights, offer.proposer, p, risk=persona.risk if risk is None else risk)

    def _answer_offers(self, view, me, weights, persona, reservation, legal) -> Action | None:
        waiting = [o for o in view.offers if o.proposer != me and me in o.needs()]
        if not waiting:
            return None
        now = E.utility(view, me, weights, risk=persona.risk)
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
        persona = self.persona or view.game.scenario.seats[me].persona
        payers = sorted({s for s, _ in p.shares} | {g for g, _, _ in p.items} | {offer.proposer})
        step = view.game.scenario.schedule.share_step
        for my_share in range(mine - step, -1, -step):
            shares = E.split_shares(view, p.items, p.term, me, my_share, [s for s in payers if s != me])
            if shares is None:
                continue
            proposal = Proposal(p.items, shares, p.term, p.deadline, p.invited)
            if E.proposal_value(view, me, weights, me, proposal, risk=persona.risk) >= aspiration:
                return [counter] + share_steps(p.shares, shares, view.game.seats) + [A.Send()]
        return None

    # --- proposing --------------------------------------------------------------------------

    def best_value(self, view, me, weights, persona, reservation) -> float:
        key = (view.round, view.turn)
        if self._best is None or self._best[0] != key:
            best = self.best_proposal(view, me, weights, persona, reservation, aspiration=None)
            self._best = (key, best[1] if best else E.utility(view, me, weights, risk=persona.risk))
        return self._best[1]

    def best_proposal(self, view, me, weights, persona, reservation, aspiration) -> tuple[Proposal, float] | None:
        """The package this seat would most like to send that others would plausibly accept."""
        best: tuple[Proposal, float] | None = None
        pliable = self.answers.pliable()
        packages = candidate_packages(view, me, self.rng, self.candidates_per_turn, persona, weights, pliable)
        for items, term in packages:
            caps = {
                s: c
                for s, c in self.answers.share_caps(view.game.scenario.schedule.share_step).items()
                if s not in pliable
            }
            for proposal in iter_share_options(view, me, items, term, pliable, self.rng, caps):
                after = accepted(view, me, proposal, pliable)
                if after is None:
                    continue
                value = E.proposal_value(view, me, weights, me, proposal, risk=persona.risk, after=after)
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
        now = E.utility(view, me, weights, risk=persona.risk)
        aspiration = concede(value, max(now, reservation), time_fraction(view), persona.concession)
        if value < max(reservation, now + 0.5) or value < aspiration - 1e-9:
            return None
        self._best = ((view.round, view.turn), value)
        return draft_steps(view, proposal)


class Answers:
    """What this seat has seen the others answer, read from the log it may see: per seat, the
    offers it accepted and those it turned down (rejected or countered), and the smallest cost
    share it has turned down (a seat that refused to pay 10% will not be asked for 10% again)."""

    MIN_SEEN = 3  # answers seen before a seat can be judged
    PLIABLE = 0.8  # the share of offers accepted above which a seat is taken to accept anything

    def __init__(self):
        self.accepted: dict[int, int] = {}
        self.refused: dict[int, int] = {}
        self.refused_share: dict[int, int] = {}
        self._offers: dict[int, Proposal] = {}
        self._read = 0  # log items read so far

    def read(self, view: State) -> None:
        """Count the answers logged since the last call."""
        items = cons_list(view.news)
        for item in items[self._read :]:
            if item.kind == "offer":
                self._offers[item.data[0]] = item.data[2]
            elif item.kind == "accept":
                self.accepted[item.data[1]] = self.accepted.get(item.data[1], 0) + 1
            elif item.kind in ("reject", "counter"):
                seat = item.data[1]
                self.refused[seat] = self.refused.get(seat, 0) + 1
                offer = self._offers.get(item.data[0])
                share = offer.share_of(seat) if offer is not None else 0
                if share:
                    self.refused_share[seat] = min(share, self.refused_share.get(seat, 101))
        self._read = len(items)

    def share_caps(self, step: int) -> dict[int, int]:
        """The most each seat will be asked to pay: a step below the smallest share it refused."""
        return {seat: max(0, share - step) for seat, share in self.refused_share.items()}

    def pliable(self) -> frozenset[int]:
        """The seats that have accepted (nearly) every offer they answered."""
        out = []
        for seat, yes in self.accepted.items():
            seen = yes + self.refused.get(seat, 0)
            if seen >= self.MIN_SEEN and yes >= self.PLIABLE * seen:
                out.append(seat)
        return frozenset(out)


def sign_value(view: State, me: int, weights, persona: Persona) -> float:
    """What signing now is worth to the acceptance seat (the aftermath's risks included)."""
    deal = SIGNED if view.credibility >= view.threshold else BAD_TERMS
    signed = attrs.evolve(view, deal=deal, signed_round=view.round)
    return E.utility(signed, me, weights, risk=persona.risk)


def hold_value(view: State, me: int, weights, persona: Persona) -> float:
    """What holding out is worth to the acceptance seat: the deal it expects next round (the
    agreements about to lapse gone, a round of delay more), or, should an offer on the table make
    the guarantee more credible, that offer bound."""
    sc = view.game.scenario
    if view.round >= sc.schedule.rounds:
        return E.utility(attrs.evolve(view, result="no_deal"), me, weights, project=False)
    ending = lapsing(view)
    later = attrs.evolve(
        view,
        round=view.round + 1,
        agreements=tuple(a for a in view.agreements if a.id not in ending),
    )
    if ending:
        later = _refreshed(later)
    best = E.utility(later, me, weights, risk=persona.risk)
    for offer in view.offers:
        if me in offer.needs() or offer.proposer == me:
            bound = what_if(later, offer.proposer, offer.proposal)
            best = max(best, E.utility(bound, me, weights, risk=persona.risk))
    return best


def hope(view: State, me: int, weights, persona: Persona, proposal: Proposal, otherwise: float) -> float:
    """What holding out is worth if this seat may still get ``proposal`` bound and sign it next
    round: likelier the more rounds are left (a chance in four a round), else ``otherwise``."""
    left = view.game.scenario.schedule.rounds - view.round
    if left <= 0:
        return otherwise
    chance = 1.0 - 0.75**left
    later = attrs.evolve(view, round=view.round + 1)
    bound = what_if(later, me, proposal)
    if len(bound.agreements) == len(later.agreements):
        return otherwise  # it would not bind
    deal = SIGNED if bound.credibility >= bound.threshold else BAD_TERMS
    value = E.utility(attrs.evolve(bound, deal=deal, signed_round=later.round), me, weights, risk=persona.risk)
    return chance * value + (1 - chance) * otherwise


def _refreshed(state: State) -> State:
    """The state with credibility and alarm recomputed for its agreements."""
    g = state.game
    return attrs.evolve(
        state,
        credibility=credibility(g, state.agreements, state.lasting, state.round_penalty),
        alarm=alarm(g, state.agreements, state.alarm_lasting),
    )


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


def others_accept(view: State, me: int, proposal: Proposal, pliable: frozenset[int] = frozenset()) -> bool:
    """Whether every other giver plausibly accepts: within its red lines (soft ones too, unless it
    has been seen to accept anything) and its budget, and better off under a flat guess at its
    objectives."""
    return accepted(view, me, proposal, pliable) is not None


def accepted(view: State, me: int, proposal: Proposal, pliable: frozenset[int] = frozenset()) -> State | None:
    """The state once ``proposal`` binds, if every other giver plausibly accepts it (see
    ``others_accept``); else None. The red lines and budgets are checked before the proposal is
    bound: it is the costly part."""
    others = [seat for seat in proposal.givers() if seat != me]
    for seat in others:
        if seat not in pliable:
            for giver, kind, units in proposal.items:
                if giver == seat:
                    limit = E.soft_limit(view, seat, kind)
                    if limit is not None and units > limit:
                        return None
        if not E.within_limits(view, seat, proposal):
            return None
    after = what_if(view, me, proposal)
    if after is view or len(after.agreements) == len(view.agreements):
        return None  # it would fail to bind
    for seat in others:
        if seat not in pliable and E.utility(after, seat, E.FLAT) <= _flat_utility(view, seat) + 0.5:
            return None
    return after


def _flat_utility(view: State, seat: int) -> float:
    """``utility(view, seat, FLAT)``, kept for the last view asked about (a package search asks it
    of every package it tries)."""
    if _FLAT[0] is not view:
        _FLAT[:] = [view, {}]
    known = _FLAT[1]
    value = known.get(seat)
    if value is None:
        value = known[seat] = E.utility(view, seat, E.FLAT)
    return value


_FLAT: list = [None, {}]  # (view, seat -> its utility under flat weights)


def share_options(
    view: State,
    me: int,
    items,
    term,
    pliable: frozenset[int] = frozenset(),
    rng=None,
    caps: dict[int, int] | None = None,
) -> list[Proposal]:
    """Proposals of these items with this seat's share rising from 0 in share steps; the rest
    split among the other givers by their budgets (a pliable seat loaded first, whether it gives
    anything or not)."""
    return list(iter_share_options(view, me, items, term, pliable, rng, caps))


def iter_share_options(
    view: State,
    me: int,
    items,
    term,
    pliable: frozenset[int] = frozenset(),
    rng=None,
    caps: dict[int, int] | None = None,
) -> Iterator[Proposal]:
    """``share_options`` one at a time, each split worked out when asked for (a search takes the
    first the others accept)."""
    g = view.game
    step = g.scenario.schedule.share_step
    givers = sorted({giver for giver, _, _ in items})
    load = sorted(s for s in pliable if s != me and g.scenario.seats[s].budget > 0)
    payers = sorted(set(s for s in givers if s != me) | set(load))
    # every guarantor shares the bill, whether it gives forces or not (or, failing that, the givers)
    everyone = [s for s in range(g.n_seats) if s != me and s != g.acceptor and g.scenario.seats[s].budget > 0]
    # whether the whole coalition or the givers are asked to pay first: the proposer's call
    groups = (everyone, payers) if rng is None or rng.random() < 0.5 else (payers, everyone)
    splitter = E.Splitter(view, items, term, load, caps)
    # the shares ``split`` is sure to refuse are skipped: below what the others can take between
    # them, and (for every share after) above what this seat can pay
    asked = [(group, splitter.least(me, group)) for group in (groups if payers else (everyone,))]
    most = splitter.room(me, False)
    for my_share in range(0, 101, step):
        if my_share > most and my_share:
            return
        for group, least in asked:
            if my_share < least:
                continue
            shares = splitter.split(me, my_share, group)
            if shares is not None:
                yield Proposal(tuple(items), shares, term, g.scenario.schedule.deadline, ())


def candidate_packages(
    view: State,
    me: int,
    rng,
    count: int,
    persona: Persona,
    weights: dict[str, float],
    pliable: frozenset[int] = frozenset(),
) -> list[tuple[tuple, int]]:
    """Packages built by a randomised greedy search: each step adds the item that raises this
    seat's projected score the most per dollar the package costs (its persona's risk attitude
    weighing the alarm and incidents an item brings), until no item helps. Every giver's forces,
    hard red lines and budget bound the choice; other seats' soft red lines too, unless they are
    pliable; this seat's own soft red lines only as its score says. With a chance set by its
    eagerness this seat leads: it opens with the own commitment it values most, whatever its price,
    and favours its own forces after."""
    g, sc = view.game, view.game.scenario
    max_items = sc.schedule.max_items
    # only terms worth most of a guarantee (credit 0.85+): a shorter one rarely repays the samples
    # spent on it (in eFP this leaves the four-year term alone; offering the two-year one too
    # made no seat's play better there: README, the eFP report)
    terms = [t for t in g.terms if g.term_credit[t] >= 0.85] or list(g.terms)
    # the share of the bill this seat expects to pay, for ranking items: its key's part of the
    # coalition's (only its own part counts in its score: the others pay the rest)
    keys = [E.share_key(view, s) for s in range(len(view.seats))]
    coalition = [s for s in range(len(keys)) if s != g.acceptor and view.seats[s].budget > 0] + [me]
    share = int(round(100 * keys[me] / sum(keys[s] for s in set(coalition))))
    target = view.threshold + TARGET_MARGIN
    # what a point of credibility towards the target is worth to this seat: the deal it opens
    # (the logistic projection alone is flat far below the threshold, so a greedy step would not see it)
    push = weights.get("peace", 0) * (peace_value(g, me, SIGNED) - peace_value(g, me, "no_deal")) / max(1.0, target)
    feasible = _feasible_memo(view)  # (giver, term, its items so far, soft) -> the items it could add
    base = Base(view, me, weights, persona.risk)
    now = E.utility(view, me, weights, risk=persona.risk)
    out = []
    others_pay = 1 - share / 100
    random = rng.random
    costs: dict[int, dict] = {}  # term -> item -> its yearly cost (item_cost)
    seats = range(len(g.seats))
    for n in range(count):
        term = terms[n % len(terms)]
        lead = rng.random() < persona.eagerness
        items: list[tuple[int, int, int]] = []
        by_giver: dict[int, list] = {}
        package = base.package(term, share)
        current = now
        reached = view.credibility
        cost = 0.0
        cost_of = costs.setdefault(term, {})
        # the items each giver could still add, in seat order: adding an item changes its giver's alone
        open_items = [
            _open_items(view, feasible, giver, (), term, giver != me and giver not in pliable) for giver in seats
        ]
        while len(items) < max_items:
            own = open_items[me]
            if sum(map(len, open_items)) > 14:  # a random sample of the rest keeps the greedy step cheap
                rest = [i for giver in seats if giver != me for i in open_items[giver]]
                pool = own + rng.sample(rest, max(0, min(len(rest), 14 - len(own))))
            else:
                pool = [i for more in open_items for i in more]
                if not pool:
                    break
            # a seat that leads opens with the own commitment it values most, whatever its price
            opening = lead and not items and bool(own)
            was = min(reached, target)
            best = None
            if opening:
                pool = own
            # utility(sketch(view, me, items + [item], term, shares)) of each, from the package so far
            for item, (utility, credible) in zip(pool, package.values(pool)):
                gain = utility - current
                value = gain + push * (min(credible, target) - was)
                extra = cost_of.get(item)
                if extra is None:
                    extra = cost_of[item] = E.item_cost(view, item, term)
                # what the others pay counts too, if less: they will want a say, and may refuse
                if value - FRUGALITY * extra * others_pay <= 0:
                    continue
                score = (value if opening else value / (cost + extra + 0.5)) * (0.6 + 0.8 * random())
                if lead and item[0] == me:
                    score *= 1.5
                if best is None or score > best[0]:  # the first of the best, as a stable sort gives it
                    best = (score, item, gain, credible, extra)
            if best is None:
                break
            _, item, gain, reached, extra = best
            items.append(item)
            package = package.plus(item)
            giver = item[0]
            mine = by_giver.setdefault(giver, [])
            mine.append(item)
            open_items[giver] = _open_items(
                view, feasible, giver, tuple(mine), term, giver != me and giver not in pliable
            )
            current += gain
            cost += extra
        if items:
            out.append((tuple(items), term))
    return out


def _open_items(view: State, memo: dict, giver: int, mine: tuple, term: int, soft: bool) -> list[tuple[int, int, int]]:
    """``evaluate.feasible_items`` for a giver whose items in the package so far are ``mine``,
    kept in ``memo`` (``_feasible_memo``)."""
    key = (giver, term, mine, soft)
    more = memo.get(key)
    if more is None:
        more = memo[key] = E.feasible_items(view, {giver: list(mine)}, giver, term, respect_soft=soft)
    return more


def _feasible_memo(view: State) -> dict:
    """The items each giver could add (``evaluate.feasible_items``), kept per seat's view while
    its seats and agreements stay the same objects: they are all those lists read (forces,
    support, red lines in force), and a seat searches the same view again at each decision."""
    held = _FEASIBLE.get(id(view.game))
    if held is None or held[0] is not view.game or held[1] is not view.seats or held[2] is not view.agreements:
        if len(_FEASIBLE) >= 32:
            _FEASIBLE.clear()
        held = _FEASIBLE[id(view.game)] = (view.game, view.seats, view.agreements, {})
    elif len(held[3]) > 20_000:
        held[3].clear()
    return held[3]


_FEASIBLE: dict[int, tuple] = {}  # id(view's game) -> (its game, seats, agreements, the memo)


#: How far above the acceptance threshold a package aims (the threshold drifts up with events).
TARGET_MARGIN = 6.0

#: Points of its own score a proposer asks of an item per $bn a year the others pay for it: a
#: package the others pay for is not free, it has to be sold to them.
FRUGALITY = 1.0
