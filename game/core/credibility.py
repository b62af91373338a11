"""The guarantee's credibility (deterrence): what the commitments in force are worth together.

credibility = 100 * (1 - exp(-raw / scale)) + lasting modifiers - this round's arrears penalty,
clamped to 0-100, where raw sums every commitment in force: units x the kind's credibility x the
term's credit x the multipliers of the synergies that hold (e.g. a European ground force under a
US command-and-control backstop).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable

from .cache import CONTRIBUTIONS_CAP
from .state import Agreement, Game, State, replace


def in_force(agreements: Iterable[Agreement]) -> dict[tuple[int, int], int]:
    """Units in force by (giver seat, kind)."""
    units: dict[tuple[int, int], int] = defaultdict(int)
    for a in agreements:
        for giver, kind, n in a.proposal.items:
            units[giver, kind] += n
    return units


def synergy_multiplier(game: Game, kind: int, units: dict[tuple[int, int], int]) -> float:
    """Product of the multipliers of ``kind``'s synergies that hold given the units in force."""
    mult = 1.0
    for other, givers, min_units, multiplier in game.synergies[kind]:
        total = 0
        for g in givers:
            total += units.get((g, other), 0)
        if total >= min_units:
            mult *= multiplier
    return mult


def contributions(game: Game, agreements: tuple[Agreement, ...]) -> list[float]:
    """Raw credibility each seat's commitments in force add, synergies and term credit included."""
    # Memoised per game by what it depends on (each agreement's items and term, in order): the
    # engine asks again for the same agreements, the agents for the same what-ifs in new tuples.
    key = tuple([(a.proposal.items, a.proposal.term) for a in agreements])
    memo = game.cache.contributions
    out = memo.get(key)
    if out is None:
        out = _contributions(game, agreements)
        if len(memo) >= CONTRIBUTIONS_CAP:
            memo.clear()
        memo[key] = out
    return list(out)


def _contributions(game: Game, agreements: tuple[Agreement, ...]) -> list[float]:
    units = in_force(agreements)
    mults = {k: synergy_multiplier(game, k, units) for k in {k for _, k in units}}
    out = [0.0] * len(game.seats)
    kinds = game.scenario.commitments
    for a in agreements:
        credit = game.term_credit[a.proposal.term]
        for giver, kind, n in a.proposal.items:
            out[giver] += n * kinds[kind].credibility * credit * mults[kind]
    return out


def from_raw(game: Game, raw: float, lasting: float, penalty: float) -> float:
    """Credibility 0-100 from raw points and modifiers."""
    value = 100.0 * (1.0 - math.exp(-raw / game.scenario.credibility.scale)) + lasting - penalty
    return min(100.0, max(0.0, value))


def credibility(game: Game, agreements: tuple[Agreement, ...], lasting: float, penalty: float = 0.0) -> float:
    """The guarantee's credibility given the agreements in force."""
    return from_raw(game, sum(contributions(game, agreements)), lasting, penalty)


def alarm(game: Game, agreements: tuple[Agreement, ...], lasting: float) -> float:
    """Russian alarm given the agreements in force: units x their kind's alarm, plus lasting
    modifiers, clamped to 0-100. Unlike credibility it does not saturate: each brigade near the
    line alarms Moscow as much as the last."""
    per_unit = game.alarm
    value = lasting
    for a in agreements:
        for _, kind, n in a.proposal.items:
            value += n * per_unit[kind]
    return min(100.0, max(0.0, value))


def refresh(state: State) -> State:
    """The state with credibility and Russian alarm recomputed from what they depend on."""
    g, agreements = state.game, state.agreements
    return replace(
        state,
        credibility=credibility(g, agreements, state.lasting, state.round_penalty),
        alarm=alarm(g, agreements, state.alarm_lasting),
    )
