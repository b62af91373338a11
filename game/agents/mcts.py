"""``mcts``: information-set Monte Carlo tree search over whole proposals, starting from the
negotiator's choice.

At each decision the agent lists its options as macro-actions, so the tree stays shallow: end
the turn; send a whole package (the negotiator's package, and the same commitments with this
seat asking a little more or offering a little more of the cost: a local search around it); or,
with ``SEARCH_ANSWERS``, accept (only an offer that reaches the negotiator's aspiration) or reject
each offer waiting for it; sign or hold for the acceptance seat. Each simulation

1. determinises what the seat cannot see: the other seats' objective weights (drawn around an
   even spread) and reservation values (drawn around this seat's own), and the chance outcomes,
   from the search's own RNG (the view carries no seed);
2. selects an option at the root by UCT (UCB1 over the mean value, the exploration term scaled
   by the spread of values seen), with a progressive bias towards the negotiator's choice; the
   tree is one macro-action deep and shared by all determinisations;
3. rolls out with the negotiator's own rule for every seat, this one included (``_Profile``):
   an offer is accepted when it is within the seat's limits, above its reservation and the
   status quo, and reaches its aspiration: the value of its best package (from the packages in
   play, under the determinised weights) conceded along the curve of its public persona; a
   seat sends its best package with the chance its persona's eagerness gives; Ukraine signs
   when the guarantee is credible; for a bounded number of seat turns. (The earlier model,
   an opening demand drawn from a range, predicted 83% of negotiators' answers to be
   acceptances where 28% are: ``bench/opponent_model.py`` scores both against logged answers);
4. scores the end with the heuristic evaluation: ``evaluate.utility`` (the seat's objectives with
   the outcome projected from the credibility reached), plus part of the gain a later deal would
   bring while the guarantee is short and rounds remain.

The negotiator the search starts from draws from its own RNG exactly as a negotiator in this
seat would, so where the search agrees with it the game is the negotiator's game; the final
choice departs from it only when the simulations favour another option by enough visits and a
check by paired rollouts (both options played in the same determinised world with the same
chance draws) finds the gain clearly above zero, so that the search's noise alone never makes it
play worse than the negotiator it wraps.

Until the acceptance seat's first chance to sign (``acceptance.earliest_round``) the agent plays
the negotiator's choice: the negotiators draft the deal among themselves before it, and a
departure then only perturbs a deal that was coming anyway. From that round on, the deal's timing
and terms are decided (Ukraine signs or holds out, and the rest answer), and the search also
weighs the answers to offers (accepting is an option for any offer that improves on now, below
its reservation value too: the reservation is the negotiator's device, not part of the score)
and, when the negotiator lets its turn pass, sending its best package.

The budget is a number of simulations (so that games are reproducible), optionally capped by a
time limit. Everything runs on the seat's observation: the redacted view and its own private data.
"""

from __future__ import annotations

import math
import operator
import random
import statistics
import time
from collections.abc import Sequence

from .. import (
    CHANCE,
    OBJECTIVES,
    Action,
    Observation,
    Proposal,
    State,
    apply,
    chance_outcomes,
    check_feasible,
    current_seat,
    what_if,
    what_if_sent,
    why_unsendable,
)
from .. import actions as A
from . import agent_rng
from . import evaluate as E
from .negotiator import (
    NegotiatorAgent,
    candidate_packages,
    concede,
    draft_edits,
    draft_steps,
    others_accept,
    share_options,
    time_fraction,
)

DEFAULT_SIMULATIONS = 200
#: Seat turns a rollout looks ahead: 10 sees every seat answer and propose once more (7 seats)
#: before the heuristic scores the end. Was 6, less than a round: on seeds 0-99 the UK's and France's
#: search went from level to +4.4 and +4.3 points (14 turns: +5.9, +6.0, at 0.85x the speed of 10)
DEFAULT_HORIZON = 10
EXPLORATION = 0.7  # UCT constant, in units of the spread of values seen so far
PRIOR_BIAS = 1.0  # progressive bias towards the negotiator's choice, in units of the spread
PRIOR_VISITS = 20  # and the visits it counts for in the final choice
SEARCH_ANSWERS = True  # False: answers to offers follow the negotiator; the search chooses what to propose
LOCAL_SEARCH = True  # proposals: the negotiator's package and variants of it (False: fresh packages as well)
DEMAND = (5.0, 35.0)  # others' opening demand (the gain an offer must bring them) is drawn from this range
CONCESSION = (0.5, 3.0)  # and the exponent of the curve it falls along over the negotiation
RESERVATION = None  # a spread to draw others' reservation values around this seat's own (None: not modelled)
OWN_ASPIRATION = False  # whether this seat holds out for its aspiration in the rollouts too
FUTURE_WEIGHT = 0.8  # how much of a later deal's expected gain a rollout's end is credited with
#: Searched answers: accepting is an option once an offer reaches the negotiator's aspiration this
#: many passes ahead.
ACCEPT_AHEAD = 2
CONFIRM_PAIRS = 48  # paired rollouts (same determinisation and chance draws) checking a departure from the negotiator
CONFIRM_Z = 1.96  # a departure needs its mean paired gain this many standard errors above zero
CONFIRM_GAIN = 0.5  # and at least this many points
NEGOTIATOR_MODEL = True  # rollouts: every seat answers and proposes by the negotiator's own rule (see ``_Model``)
PROPOSE_WHEN_IDLE = True  # when the negotiator lets a turn pass, weigh sending a package against it
LATE_ACCEPT = (
    True  # from the searched rounds on, accepting any improvement on now is an option (below the reservation too)
)
# Before this round the agent plays the negotiator's choice (see ``act``). None: the acceptance
# seat's first chance to sign. It was round 4 in the default scenario, one round later; searching
# from round 3 made Ukraine's search significantly better on two sets of 100 paired seeds
# (+7.1 [+1.1, +13.1] on seeds 0-99, +7.2 [+1.3, +13.0] on 100-199) and the other seats no worse.
SEARCH_FROM_ROUND: int | None = None
RESERVATION_SPREAD = 5.0  # others' reservation values are drawn this far around this seat's own


class MCTSAgent:
    """Information-set MCTS with macro-actions (see the module's docstring)."""

    name = "mcts"

    def __init__(
        self,
        seat: str,
        seed: int,
        simulations: int = DEFAULT_SIMULATIONS,
        seconds: float | None = None,
        horizon: int = DEFAULT_HORIZON,
        packages: int = 5,
        search_from: int | None = SEARCH_FROM_ROUND,
    ):
        self.seat_id = seat
        self.rng = random.Random(f"{agent_rng(seed, seat).random()}:mcts")  # the search's own stream
        self.simulations = simulations
        self.seconds = seconds
        self.horizon = horizon
        self.packages = packages
        self.search_from = search_from
        self.plan: list[Action] = []
        # The negotiator whose choice the search starts from: with its own RNG, exactly as a
        # negotiator in this seat would draw, so that where the search agrees the game is the
        # negotiator's game. A second one, on the search's RNG, answers the search's questions.
        self.helper = NegotiatorAgent(seat, seed)
        self.scratch = NegotiatorAgent(seat, seed)
        self.scratch.rng = self.rng
        self.last_search = 0  # simulations run at the last decision (for the benchmarks)
        self.last_seconds = 0.0  # time the last search took
        self.reservation = 0.0
        self.future = 0.0
        self.model: _Model | None = None

    # --- the decision ---------------------------------------------------------------------------

    def act(self, observation: Observation, legal: Sequence[Action]) -> Action:
        view, me = observation.view, observation.seat
        if self.plan:
            step = self.plan.pop(0)
            if step in legal:
                return step
            self.plan = []
        if view.draft is not None:
            return A.Discard() if A.Discard() in legal else legal[0]
        weights = E.weights_of(observation.private)
        self.reservation = observation.private.reservation
        first, steps, proposal = self.negotiator_choice(observation, legal)
        # Early on the negotiators mostly close a deal among themselves by round 3, and a
        # departure only perturbs it: the negotiator's choice is played, unsearched. From
        # ``search_from`` on, while no deal has been signed, the search decides.
        search_from = self.search_from
        if search_from is None:
            search_from = view.game.scenario.acceptance.earliest_round
        if view.round < search_from:
            self.plan = steps[1:]  # the rest of its draft, if it drafts
            return first
        options = self.options(view, me, weights, observation.private.reservation, legal)
        prior = self.suggest(observation, options, first, steps, proposal)
        if (
            PROPOSE_WHEN_IDLE
            and isinstance(first, A.EndTurn)
            and len(options) == 1
            and A.Draft() in legal
            and not any(o.proposer == me for o in view.offers)
        ):
            # the negotiator lets the turn pass: weigh sending its best package (on the search's RNG) against it
            persona = view.game.scenario.seats[me].persona
            best = self.scratch.best_proposal(view, me, weights, persona, self.reservation, None)
            if best is not None and best[1] > E.utility(view, me, weights) + 0.5:
                options += self.package_options(view, me, best[0])
        answering = any(label[0] in ("accept", "reject") for label, _ in options)
        if answering and prior is not None and not SEARCH_ANSWERS:
            label, plan = options[prior]  # answers follow the negotiator's aspiration rule
        elif len(options) == 1:
            label, plan = options[0]
        else:
            label, plan = options[self.search(view, me, weights, options, prior)]
        self.plan = list(plan[1:])
        return plan[0]

    def negotiator_choice(self, observation: Observation, legal) -> tuple[Action, list[Action], Proposal | None]:
        """What the negotiator would do now: its action, its plan, and the package it drafts."""
        helper = self.helper
        helper.plan = []
        first = helper.act(observation, legal)
        steps = [first] + helper.plan
        helper.plan = []
        return first, steps, helper.last_proposal if isinstance(first, A.Draft) else None

    def suggest(self, observation: Observation, options, first, steps, proposal) -> int | None:
        """The index of the option the negotiator would take (added if it is new), which the
        search favours while the simulations do not tell the options apart."""
        if proposal is not None and LOCAL_SEARCH:
            index = len(options)
            options += self.package_options(observation.view, observation.seat, proposal)
            return index
        if isinstance(first, (A.Draft, A.Counter)):
            options.append((("steps", tuple(steps)), steps))
            return len(options) - 1
        for i, (_, plan) in enumerate(options):
            if plan[0] == first:
                return i
        return None

    def package_options(self, view: State, me: int, proposal: Proposal) -> list[tuple[tuple, list[Action]]]:
        """The package, and the same package with this seat asking a little more or offering a
        little more of the cost."""
        step = view.game.scenario.schedule.share_step
        mine = proposal.share_of(me)
        payers = sorted({s for s, _ in proposal.shares} | {g for g, _, _ in proposal.items})
        out = [(("propose", proposal), draft_steps(view, proposal))]
        seen = {(proposal.shares, proposal.term)}
        for share in (mine - 2 * step, mine - step, mine + step, mine + 2 * step):
            if 0 <= share <= 100:
                shares = E.split_shares(view, proposal.items, proposal.term, me, share, [p for p in payers if p != me])
                if shares is not None and (shares, proposal.term) not in seen:
                    seen.add((shares, proposal.term))
                    variant = Proposal(proposal.items, shares, proposal.term, proposal.deadline, proposal.invited)
                    if why_unsendable(view, me, variant) is None:
                        out.append((("propose", variant), draft_steps(view, variant)))
        return out

    def options(self, view: State, me: int, weights, reservation: float, legal) -> list[tuple[tuple, list[Action]]]:
        """The macro-actions open now (the search runs from ``search_from`` on), each as (label,
        step actions). With ``LATE_ACCEPT`` accepting is an option for any offer that improves on
        now: the reservation value is the negotiator's device, not part of the score."""
        if view.phase == "commitment":
            return [(("sign" if isinstance(a, A.Sign) else "hold",), [a]) for a in legal]
        out: list[tuple[tuple, list[Action]]] = []
        for offer in view.offers:
            if offer.proposer != me and me in offer.needs():
                value = self.scratch.offer_value(view, me, weights, offer)
                if (
                    A.Accept(offer.id) in legal
                    and value is not None
                    and value
                    >= (
                        E.utility(view, me, weights) + 0.5
                        if LATE_ACCEPT
                        else self.floor(view, me, weights, value, ACCEPT_AHEAD)
                    )
                ):
                    out.append((("accept", offer.id), [A.Accept(offer.id)]))
                if A.Reject(offer.id) in legal:
                    out.append((("reject", offer.id), [A.Reject(offer.id)]))
        if out:
            return out  # answer the offers first, one at a time
        if A.Draft() in legal and not any(o.proposer == me for o in view.offers) and not LOCAL_SEARCH:
            for proposal in self.proposals(view, me, weights):
                out.append((("propose", proposal), draft_steps(view, proposal)))
        out.append((("end",), [A.EndTurn()] if A.EndTurn() in legal else [legal[0]]))
        return out

    def floor(self, view: State, me: int, weights, value: float, ahead: int = 0) -> float:
        """The least an offer must be worth before accepting it is an option: what the
        negotiator would accept now (its aspiration at its next turn; late in the game, any
        improvement)."""
        persona = view.game.scenario.seats[me].persona
        now = E.utility(view, me, weights)
        t = time_fraction(view)
        sched = view.game.scenario.schedule
        if t > 0.85:
            return max(self.reservation, now + 0.5)
        best = max(value, self._best_value(view, me, weights, persona))
        step = 1.0 / (sched.rounds * sched.negotiation_passes)
        return max(
            self.reservation,
            now + 0.5,
            concede(best, max(now, self.reservation), min(1.0, t + (1 + ahead) * step), persona.concession) - 1e-9,
        )

    def _best_value(self, view: State, me: int, weights, persona) -> float:
        """The value of this seat's best package: the negotiator's if it has worked it out this
        turn, else worked out on the search's RNG (leaving the negotiator's draws alone)."""
        cached = self.helper._best
        if cached is not None and cached[0] == (view.round, view.turn):
            return cached[1]
        return self.scratch.best_value(view, me, weights, persona, self.reservation)

    def proposals(self, view: State, me: int, weights) -> list[Proposal]:
        """A few packages worth considering: for each candidate set of commitments, the two
        cheapest cost-share splits for this seat that stay within everyone's budget."""
        persona = view.game.scenario.seats[me].persona
        out, seen = [], set()
        for items, term in candidate_packages(view, me, self.rng, self.packages, persona, weights):
            for proposal in share_options(view, me, items, term)[:2]:
                key = (proposal.items, proposal.shares, proposal.term)
                if key not in seen:
                    seen.add(key)
                    out.append(proposal)
        return out

    # --- the search -------------------------------------------------------------------------

    def search(self, view: State, me: int, weights, options, prior: int | None = None) -> int:
        stats = [[0, 0.0] for _ in options]
        stock = self.stock(view, options, weights)
        self.model = _Model(view, stock) if NEGOTIATOR_MODEL else None
        self.future = self.future_gain(view, me, weights, stock) if FUTURE_WEIGHT else 0.0
        low, high = math.inf, -math.inf
        started = time.perf_counter()
        deadline = started + self.seconds if self.seconds else None
        # In the rollouts this seat answers offers as the negotiator would: it holds out for its
        # aspiration (the value of its best package, conceded along its persona's curve).
        persona = view.game.scenario.seats[me].persona
        now = E.utility(view, me, weights)
        best_own = self._best_value(view, me, weights, persona)
        own = ((max(0.0, best_own - now), persona.concession) if OWN_ASPIRATION else (0.0, 1.0)) + (-math.inf,)
        n = 0
        for n in range(1, self.simulations + 1):  # noqa: B007 - n, the simulations run, is read after the loop
            world = self.determinise(me, weights, len(view.game.seats), own)
            total = sum(s[0] for s in stats)
            spread = (high - low) if high > low else 1.0
            best, best_ucb = 0, -math.inf
            for i, (visits, value) in enumerate(stats):
                if visits == 0:
                    best = i
                    break
                ucb = value / visits + EXPLORATION * spread * math.sqrt(math.log(total) / visits)
                if i == prior:
                    ucb += PRIOR_BIAS * spread / (1 + visits)  # progressive bias towards the suggestion
                if ucb > best_ucb:
                    best, best_ucb = i, ucb
            label, _ = options[best]
            state = self.apply_option(view, me, label)
            score = self.rollout(state, me, world, stock)
            stats[best][0] += 1
            stats[best][1] += score
            low, high = min(low, score), max(high, score)
            if deadline is not None and time.perf_counter() > deadline:
                break
        self.last_search = n
        self.last_stats = stats
        choice = max(
            range(len(options)),
            key=lambda i: (stats[i][0] + (PRIOR_VISITS if i == prior else 0), stats[i][1] / max(1, stats[i][0])),
        )
        if (
            prior is not None
            and choice != prior
            and CONFIRM_PAIRS
            and (deadline is None or time.perf_counter() < deadline)
        ):
            choice = self.confirm(view, me, weights, options, choice, prior, stock, own)
        self.last_seconds = time.perf_counter() - started
        return choice

    def confirm(self, view: State, me: int, weights, options, choice: int, prior: int, stock, own) -> int:
        """Check a departure from the negotiator's choice by paired rollouts: each pair plays
        both options in the same determinised world with the same chance draws, so the
        difference measures the options and not the luck. Depart only when the mean gain is
        clearly above zero (``CONFIRM_Z`` standard errors and ``CONFIRM_GAIN`` points)."""
        outer = self.rng
        diffs = []
        try:
            for _ in range(CONFIRM_PAIRS):
                seed = outer.getrandbits(64)
                scores = []
                for index in (choice, prior):
                    self.rng = random.Random(seed)
                    world = self.determinise(me, weights, len(view.game.seats), own)
                    state = self.apply_option(view, me, options[index][0])
                    scores.append(self.rollout(state, me, world, stock))
                diffs.append(scores[0] - scores[1])
        finally:
            self.rng = outer
        mean = statistics.fmean(diffs)
        se = statistics.stdev(diffs) / math.sqrt(len(diffs)) if len(diffs) > 1 else math.inf
        self.last_confirm = (mean, se)
        return choice if mean > max(CONFIRM_GAIN, CONFIRM_Z * se) else prior

    def stock(self, view: State, options, weights) -> dict[int, list[Proposal]]:
        """Packages the seats may send in rollouts: the packages under consideration (when the seat
        is answering offers: the packages it would build, and the offers' own), each with the
        cost shares its proposer would ask for (the cheapest split for itself that the others
        plausibly accept, as the negotiator chooses)."""
        packages = {(label[1].items, label[1].term) for label, _ in options if label[0] == "propose"}
        if len(packages) < 3:  # the packages this seat would consider, and the offers'
            me = current_seat(view)
            persona = view.game.scenario.seats[me].persona
            packages = {
                (items, term) for items, term in candidate_packages(view, me, self.rng, self.packages, persona, weights)
            }
            packages |= {(o.proposal.items, o.proposal.term) for o in view.offers}
        out: dict[int, list[Proposal]] = {}
        for seat in range(len(view.game.seats)):
            mine = []
            for items, term in sorted(packages):
                for proposal in share_options(view, seat, items, term):
                    if others_accept(view, seat, proposal):
                        mine.append(proposal)
                        break
            out[seat] = mine
        return out

    def determinise(self, me: int, weights, count: int, own: tuple = (0.0, 1.0, -math.inf)) -> dict:
        """Guess what this seat cannot see: every other seat's weights, its opening demand (how
        much better an offer must make it before it accepts), how fast that demand falls over
        the negotiation (its concession curve), and its reservation value (drawn around this
        seat's own)."""
        world = {}
        rng = self.rng
        model = self.model if NEGOTIATOR_MODEL else None
        for seat in range(count):
            if seat == me:
                mine = -math.inf if LATE_ACCEPT else self.reservation  # it will take any improvement
                world[seat] = (weights, own) if model is None else (weights, model.profile(seat, weights, mine))
                continue
            draws = [rng.expovariate(1.0) + 0.3 for _ in E.FLAT]  # its mandate is secret: not guessed
            scale = 100 / sum(draws)
            w = {k: d * scale for k, d in zip(E.FLAT, draws)}
            if model is not None:
                world[seat] = (
                    w,
                    model.profile(seat, w, self.reservation + rng.uniform(-RESERVATION_SPREAD, RESERVATION_SPREAD)),
                )
                continue
            world[seat] = (
                w,
                (
                    rng.uniform(*DEMAND),
                    rng.uniform(*CONCESSION),
                    self.reservation + rng.uniform(-RESERVATION, RESERVATION) if RESERVATION else -math.inf,
                ),
            )
        return world

    def apply_option(self, state: State, me: int, label: tuple) -> State:
        kind = label[0]
        if kind == "steps":  # the negotiator's own plan, step by step
            for step in label[1]:
                state = apply(state, step)
            return state
        if kind == "propose":
            return _send(state, me, label[1])
        if kind == "end":
            return apply(state, A.EndTurn())
        if kind == "accept":
            return apply(state, A.Accept(label[1]))
        if kind == "reject":
            return apply(state, A.Reject(label[1]))
        if kind == "sign":
            return apply(state, A.Sign())
        return apply(state, A.HoldOut())

    def rollout(self, state: State, me: int, world, stock: dict[int, list[Proposal]]) -> float:
        """Play on with the default policy for a bounded number of seat turns; score the end."""
        rng = self.rng
        turns = 0
        while state.phase != "over" and turns < self.horizon:
            seat = current_seat(state)
            if seat == CHANCE:
                state = apply(state, _sample(state, rng))
                continue
            w, demand = world[seat]
            if state.phase == "commitment":
                state = apply(state, A.Sign() if state.credibility >= state.threshold else A.HoldOut())
                turns += 1
                continue
            waiting = [o for o in state.offers if o.proposer != seat and seat in o.needs()]
            if waiting:
                offer = waiting[0]
                if isinstance(demand, _Profile):
                    yes = demand.accepts(state, seat, w, offer)
                else:
                    gap, exponent, floor = demand
                    yes = _would_accept(state, seat, w, gap * (1 - time_fraction(state) ** exponent), offer, floor)
                state = apply(state, A.Accept(offer.id) if yes else A.Reject(offer.id))
                continue
            if isinstance(demand, _Profile):
                if (
                    demand.send
                    and state.sent == 0
                    and state.draft is None
                    and not any(o.proposer == seat for o in state.offers)
                    and rng.random() < demand.eagerness
                ):
                    sent = _send(state, seat, demand.proposal)
                    if sent is not state:
                        state = sent
                        continue
                state = apply(state, A.EndTurn())
                turns += 1
                continue
            mine = stock.get(seat)
            if (
                mine
                and state.sent == 0
                and state.draft is None
                and rng.random() < 0.15
                and not any(o.proposer == seat for o in state.offers)
            ):
                proposal = mine[rng.randrange(len(mine))]
                sent = _send(state, seat, proposal)
                if sent is not state:
                    state = sent
                    continue
            state = apply(state, A.EndTurn())
            turns += 1
        return self.evaluate(state, me, world[me][0])

    def future_gain(self, view: State, me: int, weights, stock: dict[int, list[Proposal]]) -> float:
        """What a deal still to come is worth to this seat, judged at the root: the mean gain
        of the packages the other seats would send (those that improve on the status quo)."""
        now = E.utility(view, me, weights)
        gains = []
        for seat, proposals in stock.items():
            if seat == me:
                continue
            for p in proposals:
                gains.append(max(0.0, E.proposal_value(view, me, weights, seat, p) - now))
        return statistics.fmean(gains) if gains else 0.0

    def evaluate(self, state: State, me: int, weights) -> float:
        """The heuristic value of a rollout's end: the projected score, plus, while the guarantee
        is still short of the threshold and rounds remain, part of the gain a later deal brings."""
        value = E.utility(state, me, weights)
        if state.phase != "over" and state.deal is None and state.credibility < state.threshold:
            left = state.game.scenario.schedule.rounds - state.round
            if left > 0:
                value += FUTURE_WEIGHT * (1 - 0.5**left) * self.future
        return value


def _sample(state: State, rng) -> Action:
    outcomes = chance_outcomes(state)
    r = rng.random()
    for action, p in outcomes:
        r -= p
        if r < 0:
            return action
    return outcomes[-1][0]


def _send(state: State, seat: int, proposal: Proposal) -> State:
    """The state after ``seat`` drafts and sends ``proposal`` (as its draft steps would), or the
    same state if it cannot."""
    return what_if_sent(state, proposal, draft_edits(state, proposal) - 1)


def _would_accept(state: State, seat: int, weights, demand: float, offer, floor: float = -math.inf) -> bool:
    p = offer.proposal
    if check_feasible(state, seat, tuple(i for i in p.items if i[0] == seat), p.term) is not None:
        return False  # it cannot field its part any more
    if not E.within_limits(state, seat, p):
        return False
    value = E.proposal_value(state, seat, weights, offer.proposer, p)
    return value >= floor and value > E.utility(state, seat, weights) + demand


class _Profile:
    """A determinised negotiator: how it answers and when it proposes in the rollouts."""

    __slots__ = ("best", "cache", "concession", "eagerness", "proposal", "reservation", "send")

    def __init__(self, reservation, concession, eagerness, best, proposal, send, cache):
        self.cache = cache  # the decision's states after binding, shared by every profile
        self.reservation = reservation
        self.concession = concession
        self.eagerness = eagerness
        self.best = best
        self.proposal = proposal
        self.send = send  # whether it would send its best package (judged once, at the root)

    def aspiration(self, state: State, now: float, value: float, ahead: float) -> float:
        return concede(
            max(value, self.best), max(now, self.reservation), min(1.0, time_fraction(state) + ahead), self.concession
        )

    def accepts(self, state: State, seat: int, weights, offer) -> bool:
        """The negotiator's rule: reject what crosses its limits, falls below its reservation or
        does not improve on now; accept what reaches its aspiration at its next turn; late in
        the game accept any improvement (a counter is played as a rejection)."""
        p = offer.proposal
        if check_feasible(state, seat, tuple(i for i in p.items if i[0] == seat), p.term) is not None:
            return False
        if not E.within_limits(state, seat, p):
            return False
        # the state after binding is shared by the seats that answer the offer (the cache holds
        # the seats and agreements whose ids make the key, so the ids are not reused)
        key = (id(state.seats), id(state.agreements), state.round, offer.proposer, p)
        hit = self.cache.get(key)
        if hit is None:
            hit = self.cache[key] = (state.seats, state.agreements, what_if(state, offer.proposer, p))
        value = E.proposal_value(state, seat, weights, offer.proposer, p, after=hit[2])
        now = E.utility(state, seat, weights)
        if value < self.reservation or value <= now + 0.5:
            return False
        sched = state.game.scenario.schedule
        step = 1.0 / (sched.rounds * sched.negotiation_passes)
        return value >= self.aspiration(state, now, value, step) - 1e-9 or time_fraction(state) > 0.85


class _Model:
    """What the rollouts know of how the seats negotiate, worked out once a decision: the states
    after each seat's packages (from the stock) bind, so that a determinised seat's best package
    value (where its aspiration starts) costs a few utility evaluations; its concession curve
    and eagerness are its public persona."""

    def __init__(self, view: State, stock: dict[int, list[Proposal]]):
        self.view = view
        self.personas = [view.game.scenario.seats[s].persona for s in range(len(view.game.seats))]
        self.cache: dict = {}
        count = len(view.game.seats)
        rounds_left = view.game.scenario.schedule.rounds - view.round + 1
        # utility is linear in the weights: each objective's value once per (seat, state)
        self.now = [self.terms(view, seat) for seat in range(count)]
        self.after: dict[int, list] = {}
        for seat in range(count):
            rows = []
            for p in stock.get(seat, ()):
                after = what_if(view, seat, p)
                terms = self.terms(after, seat)
                terms["support"] -= E.support_loss(view, seat, p, after, rounds_left) / 100
                rows.append((p, terms))
            self.after[seat] = rows

    @staticmethod
    def terms(state: State, seat: int) -> dict[str, float]:
        return {k: E.utility(state, seat, {k: 1.0}) for k in OBJECTIVES}

    def profile(self, seat: int, weights, reservation: float) -> _Profile:
        best, proposal = -math.inf, None
        keys, factors = tuple(weights), tuple(weights.values())
        pick = operator.itemgetter(*keys) if len(keys) > 1 else (lambda terms: tuple(terms[k] for k in keys))
        for p, terms in self.after.get(seat, ()):
            value = sum(map(operator.mul, factors, pick(terms)))  # the weighted sum, in the weights' order
            if value > best:
                best, proposal = value, p
        now = sum(map(operator.mul, factors, pick(self.now[seat])))
        if proposal is None:
            best = now
        persona = self.personas[seat]
        # the negotiator sends its best package when it beats its reservation, the status quo and
        # its aspiration (which starts at that package's value, so only the first two bind here)
        send = proposal is not None and best >= max(reservation, now + 0.5)
        return _Profile(
            reservation, persona.concession, 0.25 + 0.75 * persona.eagerness, best, proposal, send, self.cache
        )
