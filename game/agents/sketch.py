"""The projected utility of packages under construction, one item at a time (issue 14).

``evaluate.utility(evaluate.sketch(view, me, items, term, shares), me, weights, risk=risk)`` is the
definition; a package search asks it for every item it might add next, and computing it from
scratch (a new state, credibility over every agreement, Russia's reactions checked one by one)
cost nearly all of a negotiator's time. Here what a package shares with the one it grew from is
kept: the units in force, each kind's synergy multiplier, each seat's credibility contribution,
the partial sums of alarm and of the new agreement's yearly cost, the seats that crossed a soft
red line. Adding an item updates them; only when it changes another kind's synergy multiplier are
the contributions summed again from the start.

Every number is computed with the same operations in the same order as the definition, so the
answers are equal to the last bit (``tests/test_reference_negotiator.py`` checks this on states met
in play); the negotiator's choices depend on exact comparisons between them.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Sequence

from .. import (
    BAD_TERMS,
    COLLAPSE,
    NO_DEAL,
    SIGNED,
    State,
    cost_value,
    dealt_mandate,
    from_raw,
    in_force,
    mandate_holds,
    mandate_terms,
    peace_value,
    soft_lines,
    support_value,
    synergy_multiplier,
    yearly_bill,
    yearly_bills,
)
from .evaluate import horizon, sign_chance_at


class _Reaction:
    """A reaction that may move escalation, with the parts of its condition a package can change
    (the rest were checked against the view once)."""

    __slots__ = (
        "drift",
        "cred_below",
        "cred_at_least",
        "alarm_at_least",
        "alarm_below",
        "credible",
        "committed",
        "not_committed",
        "support_below",
        "support_at_least",
    )


class Base:
    """What every package sketched on one view for one seat shares: the agreements in force and
    the numbers of ``utility`` that no package changes."""

    def __init__(self, view: State, me: int, weights: dict[str, float], risk: float):
        g = view.game
        sc = g.scenario
        self.view, self.game, self.me, self.weights, self.risk = view, g, me, weights, risk
        self.n = g.n_seats
        agreements = view.agreements
        self.agreements = agreements
        self.have = in_force(agreements) if agreements else {}
        self.units = dict(in_force(agreements))
        self.kind_credibility = tuple(k.credibility for k in sc.commitments)
        self.per_unit_alarm = g.alarm
        alarm = view.alarm_lasting
        for a in agreements:
            for _, kind, n in a.proposal.items:
                alarm += n * g.alarm[kind]
        self.alarm = alarm  # before clamping, as ``credibility.alarm`` sums it
        self.bill = yearly_bill(view, me)
        self.lasting, self.penalty = view.lasting, view.round_penalty
        self.threshold = view.threshold
        # kinds whose own units count towards one of their synergies
        self.self_synergy = frozenset(k for k, syns in enumerate(g.synergies) if any(s[0] == k for s in syns))
        self.incidents = {
            k: (kind.incident.chance, kind.incident.escalation)
            for k, kind in enumerate(sc.commitments)
            if kind.incident is not None and kind.incident.chance > 0
        }
        self._escalation(view)
        self._utility_constants(view)
        self._outs: dict[tuple, list[float]] = {}
        self._empty: dict[tuple[int, int], Package] = {}
        self.soft_max = g.soft_max
        self._yearly: dict[tuple, float] = {}
        self.crossing: dict[tuple[int, int, int], bool] = {}  # item -> whether it crosses a soft red line
        self.scale = sc.credibility.scale

    def crosses(self, item: tuple[int, int, int]) -> bool:
        """Whether giving ``item`` crosses its giver's soft red line (over what it has in force)."""
        giver, kind, n = item
        soft = self.soft_max[giver][kind]
        if soft is None:
            return False
        have = self.have.get((giver, kind), 0)
        return have <= soft < have + n

    def yearly(self, item: tuple[int, int, int], term: int) -> float:
        """The item's yearly cost as ``bills`` adds it up (up-front cost spread over the term)."""
        key = (item, term)
        cost = self._yearly.get(key)
        if cost is None:
            k = self.game.scenario.commitments[item[1]]
            n = item[2]
            cost = self._yearly[key] = n * k.yearly_cost + n * k.upfront_cost / term
        return cost

    def _escalation(self, view: State) -> None:
        g, sc = self.game, self.game.scenario
        n_agreements = len(view.agreements) + 1
        signed = view.deal is not None
        reactions = []
        for r in sc.reactions:
            if not (r.effects.escalation and r.chance):
                continue
            w = r.when
            if (
                (w.round_at_least is not None and view.round < w.round_at_least)
                or (w.round_at_most is not None and view.round > w.round_at_most)
                or (w.escalation_at_least is not None and view.escalation < w.escalation_at_least)
                or (w.escalation_below is not None and view.escalation >= w.escalation_below)
                or (w.agreements_at_least is not None and n_agreements < w.agreements_at_least)
                or (w.agreements_below is not None and n_agreements >= w.agreements_below)
                or (w.signed is not None and signed != w.signed)
            ):
                continue  # no package changes these
            x = _Reaction()
            x.drift = r.chance * r.effects.escalation
            x.cred_below, x.cred_at_least = w.credibility_below, w.credibility_at_least
            x.alarm_at_least, x.alarm_below, x.credible = w.alarm_at_least, w.alarm_below, w.credible
            x.committed = tuple(g.kind_index[k] for k in w.committed)
            x.not_committed = tuple(g.kind_index[k] for k in w.not_committed)
            x.support_below = tuple((g.seat_index[a], level) for a, level in w.support_below.items())
            x.support_at_least = tuple((g.seat_index[a], level) for a, level in w.support_at_least.items())
            reactions.append(x)
        self.reactions = tuple(reactions)
        self.calm_at = sc.escalation.calm_at
        # the credibility and alarm levels at which a reaction starts or stops holding
        cred = {self.calm_at} | {x.cred_below for x in reactions} | {x.cred_at_least for x in reactions}
        if any(x.credible is not None for x in reactions):
            cred.add(view.threshold)
        self.cred_bands = sorted(c for c in cred if c is not None)
        alarm = {x.alarm_below for x in reactions} | {x.alarm_at_least for x in reactions}
        self.alarm_bands = sorted(a for a in alarm if a is not None)
        # (kinds, seats, incident risks) -> a package's reactions, fixed terms and rungs (``_compile``)
        self.compiled: dict[tuple, tuple] = {}
        self.escalation = view.escalation
        self.escalation_f = float(view.escalation)
        self.top = g.top
        self.top_f = float(g.top)
        self.collapse_from = g.top - 1.5

    def _utility_constants(self, view: State) -> None:
        g, me = self.game, self.me
        self.actor_budget = g.scenario.seats[me].budget
        self.result_known = view.result is not None
        self.result = view.result or view.deal
        self.horizon = horizon(view)
        w = self.weights
        self.w_peace, self.w_cost, self.w_cred = w.get("peace", 0), w.get("low_cost", 0), w.get("credibility", 0)
        self.w_esc, self.w_support = w.get("low_escalation", 0), w.get("support", 0)
        self.w_lines, self.w_lead = w.get("red_lines", 0), w.get("leadership", 0)
        if self.result:
            self.peace_fixed = peace_value(g, me, self.result, view.signed_round)
        when = max(view.round, g.scenario.acceptance.earliest_round)
        self.peace_signed = peace_value(g, me, SIGNED, when)
        self.peace_none = peace_value(g, me, NO_DEAL)
        self.peace_collapse = peace_value(g, me, COLLAPSE)
        self.soft_lines = soft_lines(g, me)
        # the low-cost term of a package this seat pays nothing of (its bill does not change)
        budget, bill = self.actor_budget, self.bill
        self.cost_term = self.w_cost * cost_value(bill, budget)
        # the mandate dealt to this seat (``evaluate.utility``'s last term), if it weighs one
        mandate = dealt_mandate(view, me) if w.get("mandate", 0) else None
        # the weight times the mandate's value (as ``utility`` multiplies them: (w * value) * chance)
        self.w_mandate = w.get("mandate", 0) * mandate.value if mandate is not None else 0
        if mandate is not None:
            self.mandate = mandate_terms(g, mandate)
            self.mandate_round = (
                view.signed_round
                if view.signed_round is not None
                else max(view.round, g.scenario.acceptance.earliest_round)
            )
            # its chance once the result is known (None: the sign chance of each package)
            self.mandate_fixed = (1.0 if self.result in (SIGNED, BAD_TERMS) else 0.0) if self.result else None
            self.bills = yearly_bills(view)

    def package(self, term: int, share: int) -> Package:
        """The empty package of this term, this seat paying ``share`` percent of it."""
        key = (term, share)
        empty = self._empty.get(key)
        if empty is None:
            empty = self._empty[key] = Package(self, term, share, ())
        return empty

    def base_out(self, mults: dict[int, float]) -> list[float]:
        """Each seat's contribution of the agreements in force, under these multipliers."""
        key = tuple(mults[k] for _, k in self.units)
        out = self._outs.get(key)
        if out is None:
            out = [0.0] * self.n
            cred, credit_of = self.kind_credibility, self.game.term_credit
            for a in self.agreements:
                credit = credit_of[a.proposal.term]
                for giver, kind, n in a.proposal.items:
                    out[giver] += n * cred[kind] * credit * mults[kind]
            self._outs[key] = out
        return out


class Package:
    """A package under construction: its items so far, and what the definition would compute
    for it, kept to add one item more."""

    __slots__ = (
        "base",
        "term",
        "share",
        "items",
        "credit",
        "units",
        "mults",
        "out",
        "alarm",
        "yearly",
        "seats",
        "incidents",
        "kinds",
        "reactions",
        "fixed",
        "flip",
        "new_mults",
        "rungs",
    )

    def __init__(self, base: Base, term: int, share: int, items: tuple, compiled: bool = True):
        g = base.game
        self.base, self.term, self.share, self.items = base, term, share, items
        self.credit = g.term_credit[term]
        units = dict(base.units)
        for giver, kind, n in items:
            units[giver, kind] = units.get((giver, kind), 0) + n
        self.units = units
        self._sum_contributions()
        alarm, yearly = base.alarm, 0.0
        seats: dict[int, tuple[float, int]] = {}
        for item in items:
            giver, kind, n = item
            alarm += n * base.per_unit_alarm[kind]
            yearly += base.yearly(item, term)
            seats = _crossing(base, seats, giver, kind, n) or seats
        self.alarm, self.yearly, self.seats = alarm, yearly, seats
        self.incidents = tuple((key, n) for key, n in units.items() if key[1] in base.incidents)
        self.kinds = frozenset(k for (_, k), n in units.items() if n > 0)
        if compiled:
            self._compile()

    def _sum_contributions(self) -> None:
        """Each kind's synergy multiplier and each seat's contribution, from the start (as
        ``credibility.contributions`` does)."""
        self.mults, self.out = _contributions(self.base, self.units, self.items, self.credit)

    def _compile(self) -> None:
        """What an item that crosses no soft red line leaves as it is: which reactions could still
        hold, with their credibility and alarm bands and the kind they still need; the support
        and red-line terms of this seat's utility (both kept per base for packages alike in
        kinds, seats' support and incident risks, with their rungs); how many units of (giver,
        kind) would meet a synergy of a kind in force (and so change its multiplier)."""
        base = self.base
        # the rungs of packages alike in what the projection reads (kinds, support, incident risks)
        signature = (self.kinds, tuple(sorted(self.seats.items())), self.incidents)
        shared = base.compiled.get(signature)
        if shared is None:
            shared = base.compiled[signature] = (self._reactions(), self._fixed(), {})
        self.reactions, self.fixed, self.rungs = shared
        g = base.game
        flip: dict[tuple[int, int], int] = {}
        units = self.units
        for k in self.mults:
            for other, givers, min_units, _ in g.synergies[k]:
                total = 0
                for giver in givers:
                    total += units.get((giver, other), 0)
                if total < min_units:
                    need = min_units - total
                    for giver in givers:
                        if need < flip.get((giver, other), need + 1):
                            flip[giver, other] = need
        self.flip = flip
        self.new_mults: dict[int, float] = {}

    def _reactions(self) -> tuple[tuple, ...]:
        """The reactions that could still hold once an item is added (by this package's kinds
        and seats' support): (drift, credibility band, alarm band, the kind it still needs or
        -1, the kinds that bar it)."""
        base, kinds, seats = self.base, self.kinds, self.seats
        reactions = []
        for r in base.reactions:
            missing = [k for k in r.committed if k not in kinds]
            if len(missing) > 1 or any(k in kinds for k in r.not_committed):
                continue
            if not _supported(base, seats, r):
                continue
            # holds: cred < below, cred >= at least, (cred >= threshold) == credible; likewise alarm
            low, high = -math.inf, math.inf
            if r.cred_at_least is not None:
                low = r.cred_at_least
            if r.cred_below is not None:
                high = r.cred_below
            if r.credible is True:
                low = max(low, base.threshold)
            elif r.credible is False:
                high = min(high, base.threshold)
            alarm_low = r.alarm_at_least if r.alarm_at_least is not None else -math.inf
            alarm_high = r.alarm_below if r.alarm_below is not None else math.inf
            need = missing[0] if missing else -1
            reactions.append((r.drift, low, high, alarm_low, alarm_high, need, frozenset(r.not_committed)))
        return tuple(reactions)

    def _fixed(self) -> tuple[float | None, float | None]:
        """(support term, red-lines term) as ``utility`` adds them, None when not weighed."""
        base = self.base
        g, me = base.game, base.me
        mine = self.seats.get(me)
        support, crossed = mine if mine else (base.view.seats[me].support, base.view.seats[me].crossed)
        return (
            base.w_support * support_value(g, me, support)[0] if base.w_support else None,
            base.w_lines * (1.0 - (crossed / base.soft_lines if base.soft_lines else 0.0)) if base.w_lines else None,
        )

    def plus(self, item: tuple[int, int, int], compiled: bool = True) -> Package:
        """This package with ``item`` added."""
        base = self.base
        giver, kind, n = item
        new = Package.__new__(Package)
        new.base, new.term, new.share, new.items, new.credit = (
            base,
            self.term,
            self.share,
            self.items + (item,),
            self.credit,
        )
        units = dict(self.units)
        units[giver, kind] = units.get((giver, kind), 0) + n
        new.units = units
        mult = self._mult(item)
        if mult is None:
            new._sum_contributions()
        else:
            mults = new.mults = dict(self.mults)
            mults[kind] = mult
            out = new.out = self.out[:]
            out[giver] += n * base.kind_credibility[kind] * self.credit * mult
        new.alarm = self.alarm + n * base.per_unit_alarm[kind]
        new.yearly = self.yearly + base.yearly(item, self.term)
        new.seats = _crossing(base, self.seats, giver, kind, n) or self.seats
        incidents = base.incidents
        # (giver, kind) and units of the kinds with an incident risk, in ``units``' order (only
        # an item of such a kind changes them)
        new.incidents = (
            tuple((key, n) for key, n in units.items() if key[1] in incidents) if kind in incidents else self.incidents
        )
        new.kinds = self.kinds | {kind}
        if compiled:
            new._compile()
        return new

    def _mult(self, item: tuple[int, int, int]) -> float | None:
        """The multiplier of the item's kind once it is added; None if adding it changes the
        multiplier of a kind already in the package (every contribution then changes)."""
        giver, kind, n = item
        if n >= self.flip.get((giver, kind), n + 1):
            return None
        mult = self.mults.get(kind)
        return self._new_mult(item) if mult is None else mult

    def value(self, item: tuple[int, int, int]) -> tuple[float, float]:
        """(the seat's projected utility, credibility) once this package with ``item`` added binds,
        as ``utility(sketch(...))`` gives them."""
        return self.values((item,))[0]

    def values(self, items: Sequence[tuple[int, int, int]]) -> list[tuple[float, float]]:
        """``value`` of each of ``items`` (a greedy step weighs a pool of them against one
        package: what the package and its base hold is read once for the pool)."""
        base = self.base
        out_now, mults, credit, flip, rungs = self.out, self.mults, self.credit, self.flip, self.rungs
        new_mults = self.new_mults
        kind_credibility, per_unit_alarm, incidents = base.kind_credibility, base.per_unit_alarm, base.incidents
        cred_bands, alarm_bands = base.cred_bands, base.alarm_bands
        scale, lasting, penalty, threshold = base.scale, base.lasting, base.penalty, base.threshold
        w_peace, w_cost, w_cred, w_lead = base.w_peace, base.w_cost, base.w_cred, base.w_lead
        result, me = base.result, base.me
        share, package_yearly, term = self.share, self.yearly, self.term
        bill_now, budget = base.bill, base.actor_budget
        support, lines = self.fixed
        crossing, alarm_now = base.crossing, self.alarm
        exp = math.exp
        answers = []
        for item in items:
            giver, kind, n = item
            crosses = crossing.get(item)
            if crosses is None:
                crosses = crossing[item] = base.crosses(item)
            if crosses:
                answers.append(self._crossing_value(item))  # a soft red line crossed: support changes
                continue
            if flip and n >= flip.get((giver, kind), n + 1):
                out = self._flipped_out(item)  # a synergy met: a kind's multiplier changes
            else:
                mult = mults.get(kind)
                if mult is None:
                    mult = new_mults.get(kind)  # the kind's new multiplier, when its own units do not count
                    if mult is None:
                        mult = self._new_mult(item)
                out = out_now[:]
                out[giver] += n * kind_credibility[kind] * credit * mult
            raw = sum(out)
            # ``credibility.from_raw``, and the alarm, clamped to 0-100 (``min(100.0, max(0.0, x))``
            # written out: the same answer, NaN and -0.0 included, without two calls). Calling
            # from_raw and sign_chance_at here instead made games 4-12% slower (three alternate
            # runs); the reference test holds these copies to their values
            cred = 100.0 * (1.0 - exp(-raw / scale)) + lasting - penalty
            cred = cred if cred > 0.0 else 0.0
            cred = cred if cred < 100.0 else 100.0
            alarm = alarm_now + n * per_unit_alarm[kind]
            alarm = alarm if alarm > 0.0 else 0.0
            alarm = alarm if alarm < 100.0 else 100.0
            # the projected rung depends on which bands credibility and alarm fall in, and on the item
            key = (
                bisect_right(cred_bands, cred),
                bisect_right(alarm_bands, alarm),
                item if kind in incidents else kind,
            )
            rung = rungs.get(key)
            if rung is None:
                rung = rungs[key] = self._rung(item, cred, alarm)
            collapse, escalation = rung
            total = 0.0
            if w_peace:
                if result:
                    value = base.peace_fixed
                else:
                    p = 1.0 / (1.0 + exp(-(cred - threshold) / 3.0))  # ``evaluate.sign_chance_at``, see above
                    value = p * base.peace_signed + (1 - p) * base.peace_none
                if collapse:
                    value = (1 - collapse) * value + collapse * base.peace_collapse
                total += w_peace * value
            if w_cost:
                if share:
                    bill = bill_now + (package_yearly + base.yearly(item, term)) * share / 100
                    total += w_cost * cost_value(bill, budget)
                else:
                    total += base.cost_term  # the bill does not change
            if w_cred:
                total += w_cred * cred / 100
            if escalation is not None:
                total += escalation
            if support is not None:
                total += support
            if lines is not None:
                total += lines
            if w_lead:
                total += w_lead * (min(1.0, 3 * out[me] / raw) if raw else 0.0)
            if base.w_mandate:
                total += self._mandate(item, out, cred, collapse)
            answers.append((total, cred))
        return answers

    def _mandate(self, item: tuple[int, int, int], out: list[float], cred: float, collapse: float) -> float:
        """The mandate term of ``evaluate.utility`` once ``item`` is added (the same operations)."""
        base = self.base
        value = base.mandate_fixed
        if value is None:
            value = sign_chance_at(cred, base.threshold)
        if value and collapse:
            value = (1 - collapse) * value
        if not value:
            return 0.0
        t = base.mandate
        giver, kind, n = item
        units = self.units
        if t.gives or t.gives_none or t.committed or t.not_committed:
            units = dict(units)
            units[giver, kind] = units.get((giver, kind), 0) + n
        bill_of = None
        if t.share_at_most is not None:
            bill_of = list(base.bills)
            if self.share:
                k = base.game.scenario.commitments[kind]
                yearly = self.yearly + (n * k.yearly_cost + n * k.upfront_cost / self.term)
                bill_of[base.me] = base.bill + yearly * self.share / 100
        if mandate_holds(t, base.me, units, out, bill_of, cred, base.mandate_round):
            return base.w_mandate * value
        return 0.0

    def _flipped_out(self, item: tuple[int, int, int]) -> list[float]:
        """Each seat's contribution once ``item`` is added, every multiplier worked out again (as
        ``plus`` does when the item meets a synergy)."""
        giver, kind, n = item
        units = dict(self.units)
        units[giver, kind] = units.get((giver, kind), 0) + n
        return _contributions(self.base, units, self.items + (item,), self.credit)[1]

    def _rung(self, item: tuple[int, int, int], cred: float, alarm: float) -> tuple[float, float | None]:
        """(the chance of collapse, the low-escalation term of the utility), from the rung the
        seat projects once the item is added (``projected_escalation``)."""
        base = self.base
        giver, kind, n = item
        if base.result_known:
            rung = base.escalation_f
        else:
            drift = 0.0
            for step, low, high, alarm_low, alarm_high, need, barred in self.reactions:
                if (
                    low <= cred < high
                    and alarm_low <= alarm < alarm_high
                    and (need < 0 or need == kind)
                    and kind not in barred
                ):
                    drift += step
            if base.incidents:
                drift = _incidents(self, drift, giver, kind, n)
            if cred >= base.calm_at:
                drift -= 1.0
            rise = drift * base.horizon * (base.risk if drift > 0 else 1.0)
            rung = min(base.top_f, max(0.0, base.escalation + rise))
        collapse = 0.0 if base.result_known else min(1.0, max(0.0, (rung - base.collapse_from) / 1.5))
        w = base.w_esc
        return collapse, (w * (1.0 - rung / base.top) if w else None)

    def _new_mult(self, item: tuple[int, int, int]) -> float:
        """The synergy multiplier of a kind not yet in the package, once the item adds it."""
        giver, kind, n = item
        base = self.base
        if kind in base.self_synergy:  # its own units count towards its synergy
            units = dict(self.units)
            units[giver, kind] = units.get((giver, kind), 0) + n
            return synergy_multiplier(base.game, kind, units)
        mult = self.new_mults.get(kind)
        if mult is None:
            mult = self.new_mults[kind] = synergy_multiplier(base.game, kind, self.units)
        return mult

    def _crossing_value(self, item: tuple[int, int, int]) -> tuple[float, float]:
        """``value`` the long way: the package with the item, every number from the start."""
        base = self.base
        giver, kind, n = item
        after = self.plus(item, compiled=False)
        out = after.out
        raw = sum(out)
        cred = from_raw(base.game, raw, base.lasting, base.penalty)
        alarm = min(100.0, max(0.0, after.alarm))
        return _utility(base, self, item, out, raw, cred, alarm, after.seats), cred


def _contributions(base: Base, units: dict, items: tuple, credit: float) -> tuple[dict[int, float], list[float]]:
    """(each kind's synergy multiplier, each seat's contribution) of the agreements in force and
    a package of ``items`` on top, ``units`` being all their units."""
    g = base.game
    mults = {k: synergy_multiplier(g, k, units) for k in {k for _, k in units}}
    out = list(base.base_out(mults))
    cred = base.kind_credibility
    for giver, kind, n in items:
        out[giver] += n * cred[kind] * credit * mults[kind]
    return mults, out


def _crossing(base: Base, seats: dict, giver: int, kind: int, n: int) -> dict | None:
    """The seats changed by ``giver`` giving ``n`` of ``kind``, if that crosses its soft red line."""
    if not base.crosses((giver, kind, n)):
        return None
    g = base.game
    support, crossed = seats.get(giver) or (base.view.seats[giver].support, base.view.seats[giver].crossed)
    out = dict(seats)
    out[giver] = (max(0.0, support - g.soft_support[giver][kind]), crossed + 1)
    return out


def _supported(base: Base, seats: dict, r: _Reaction) -> bool:
    """Whether the reaction's support conditions hold with these seats' support."""
    for s, level in r.support_below:
        if _support(base, seats, s) >= level:
            return False
    return all(_support(base, seats, s) >= level for s, level in r.support_at_least)


def _support(base: Base, seats: dict, seat: int) -> float:
    changed = seats.get(seat)
    return changed[0] if changed is not None else base.view.seats[seat].support


def _incidents(package: Package, drift: float, giver: int, kind: int, n: int) -> float:
    """``drift`` with the incident risks of the commitments in force added, in their order."""
    incidents = package.base.incidents
    key = (giver, kind)
    added = kind in incidents
    for k, units in package.incidents:
        if added and k == key:
            units += n
            added = False
        chance, esc = incidents[k[1]]
        if units > 0:
            drift += (1.0 - (1.0 - chance) ** units) * esc
    if added:
        chance, esc = incidents[kind]
        drift += (1.0 - (1.0 - chance) ** n) * esc
    return drift


def _utility(base: Base, package: Package, item, out, raw: float, cred: float, alarm: float, seats: dict) -> float:
    """``evaluate.utility`` of the sketched state (projected), from its numbers."""
    g, me = base.game, base.me
    giver, kind, n = item
    # escalation_drift
    if base.result_known:
        rung = float(base.escalation)
    else:
        drift = 0.0
        for r in base.reactions:
            if r.cred_below is not None and not cred < r.cred_below:
                continue
            if r.cred_at_least is not None and not cred >= r.cred_at_least:
                continue
            if r.alarm_at_least is not None and alarm < r.alarm_at_least:
                continue
            if r.alarm_below is not None and alarm >= r.alarm_below:
                continue
            if r.credible is not None and (cred >= base.threshold) != r.credible:
                continue
            kinds = package.kinds
            if any(k != kind and k not in kinds for k in r.committed):
                continue
            if any(k == kind or k in kinds for k in r.not_committed):
                continue
            if not _supported(base, seats, r):
                continue
            drift += r.drift
        if base.incidents:
            drift = _incidents(package, drift, giver, kind, n)
        if cred >= base.calm_at:
            drift -= 1.0
        rise = drift * base.horizon * (base.risk if drift > 0 else 1.0)
        rung = min(float(base.top), max(0.0, base.escalation + rise))
    total = 0.0
    w = base.w_peace
    if w:
        if base.result:
            value = base.peace_fixed
        else:
            p = sign_chance_at(cred, base.threshold)
            value = p * base.peace_signed + (1 - p) * base.peace_none
        if not base.result_known:
            c = min(1.0, max(0.0, (rung - (base.top - 1.5)) / 1.5))
            if c:
                value = (1 - c) * value + c * base.peace_collapse
        total += w * value
    w = base.w_cost
    if w:
        bill = base.bill
        if package.share:
            k = g.scenario.commitments[kind]
            yearly = package.yearly + (n * k.yearly_cost + n * k.upfront_cost / package.term)
            bill += yearly * package.share / 100
        budget = base.actor_budget
        total += w * cost_value(bill, budget)
    w = base.w_cred
    if w:
        total += w * cred / 100
    w = base.w_esc
    if w:
        total += w * (1.0 - rung / g.top)
    mine = seats.get(me)
    w = base.w_support
    if w:
        total += w * support_value(g, me, mine[0] if mine else base.view.seats[me].support)[0]
    w = base.w_lines
    if w:
        soft = base.soft_lines
        crossed = mine[1] if mine else base.view.seats[me].crossed
        total += w * (1.0 - (crossed / soft if soft else 0.0))
    w = base.w_lead
    if w:
        whole = sum(out)
        total += w * (min(1.0, 3 * out[me] / whole) if whole else 0.0)
    if base.w_mandate:
        c = 0.0 if base.result_known else min(1.0, max(0.0, (rung - base.collapse_from) / 1.5))  # as ``_rung``
        total += package._mandate(item, out, cred, c)
    return total
