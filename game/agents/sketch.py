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

from .. import (
    COLLAPSE,
    NO_DEAL,
    SIGNED,
    State,
    in_force,
    peace_value,
    soft_lines,
    support_value,
    synergy_multiplier,
    yearly_bill,
)
from .evaluate import horizon


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
        self.lasting, self.penalty, self.scale = view.lasting, view.round_penalty, sc.credibility.scale
        self.threshold = view.threshold
        # synergies: which kinds' multipliers an item of (giver, kind) can change
        affects: dict[tuple[int, int], list[int]] = {}
        for k, syns in enumerate(g.synergies):
            for other, givers, _, _ in syns:
                for giver in givers:
                    affects.setdefault((giver, other), [])
                    if k not in affects[giver, other]:
                        affects[giver, other].append(k)
        self.affects = affects
        self.incidents = {
            k: (kind.incident.chance, kind.incident.escalation)
            for k, kind in enumerate(sc.commitments)
            if kind.incident is not None and kind.incident.chance > 0
        }
        self._escalation(view)
        self._utility_constants(view)
        self._outs: dict[tuple, list[float]] = {}

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
        self.escalation = view.escalation
        self.top = g.top

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

    def package(self, term: int, share: int) -> Package:
        """The empty package of this term, this seat paying ``share`` percent of it."""
        return Package(self, term, share, ())

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
    )

    def __init__(self, base: Base, term: int, share: int, items: tuple):
        g = base.game
        self.base, self.term, self.share, self.items = base, term, share, items
        self.credit = g.term_credit[term]
        units = dict(base.units)
        for giver, kind, n in items:
            units[giver, kind] = units.get((giver, kind), 0) + n
        self.units = units
        self.mults = {k: synergy_multiplier(g, k, units) for k in {k for _, k in units}}
        out = list(base.base_out(self.mults))
        cred, credit, mults = base.kind_credibility, self.credit, self.mults
        for giver, kind, n in items:
            out[giver] += n * cred[kind] * credit * mults[kind]
        self.out = out
        alarm, yearly = base.alarm, 0.0
        kinds = g.scenario.commitments
        seats: dict[int, tuple[float, int]] = {}
        for giver, kind, n in items:
            alarm += n * base.per_unit_alarm[kind]
            k = kinds[kind]
            yearly += n * k.yearly_cost + n * k.upfront_cost / term
            seats = _crossing(base, seats, giver, kind, n) or seats
        self.alarm, self.yearly, self.seats = alarm, yearly, seats
        self.incidents = [(key, n) for key, n in units.items() if key[1] in base.incidents]
        self.kinds = frozenset(k for (_, k), n in units.items() if n > 0)

    def plus(self, item: tuple[int, int, int]) -> Package:
        """This package with ``item`` added."""
        return Package(self.base, self.term, self.share, self.items + (item,))

    def value(self, item: tuple[int, int, int]) -> tuple[float, float]:
        """(the seat's projected utility, credibility) once this package with ``item`` added binds,
        as ``utility(sketch(...))`` gives them."""
        base = self.base
        g = base.game
        giver, kind, n = item
        key = (giver, kind)
        units = self.units
        old = units.get(key)
        units[key] = (old or 0) + n
        try:
            mults = self.mults
            mult = mults.get(kind)
            fast = True
            if mult is None:
                mult = synergy_multiplier(g, kind, units)
            for k in base.affects.get(key, ()):
                if k in mults and synergy_multiplier(g, k, units) != mults[k]:
                    fast = False
                    break
            if fast:
                out = self.out[:]
                out[giver] += n * base.kind_credibility[kind] * self.credit * mult
            else:
                out = self.plus(item).out
        finally:
            if old is None:
                del units[key]
            else:
                units[key] = old
        raw = sum(out)
        cred = min(100.0, max(0.0, 100.0 * (1.0 - math.exp(-raw / base.scale)) + base.lasting - base.penalty))
        alarm = min(100.0, max(0.0, self.alarm + n * base.per_unit_alarm[kind]))
        seats = _crossing(base, self.seats, giver, kind, n) or self.seats
        return _utility(base, self, item, out, raw, cred, alarm, seats), cred


def _crossing(base: Base, seats: dict, giver: int, kind: int, n: int) -> dict | None:
    """The seats changed by ``giver`` giving ``n`` of ``kind``, if that crosses its soft red line."""
    g = base.game
    soft = g.soft_max[giver][kind]
    if soft is None:
        return None
    have = base.have.get((giver, kind), 0)
    if not have <= soft < have + n:
        return None
    support, crossed = seats.get(giver) or (base.view.seats[giver].support, base.view.seats[giver].crossed)
    out = dict(seats)
    out[giver] = (max(0.0, support - g.soft_support[giver][kind]), crossed + 1)
    return out


def _support(base: Base, seats: dict, seat: int) -> float:
    changed = seats.get(seat)
    return changed[0] if changed is not None else base.view.seats[seat].support


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
            if any(_support(base, seats, s) >= level for s, level in r.support_below):
                continue
            if not all(_support(base, seats, s) >= level for s, level in r.support_at_least):
                continue
            drift += r.drift
        incidents = base.incidents
        if incidents:
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
            p = 1.0 / (1.0 + math.exp(-(cred - base.threshold) / 3.0))
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
        value = 1.0 - min(1.0, bill / budget) if budget > 0 else (1.0 if bill == 0 else 0.0)
        total += w * value
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
    return total
