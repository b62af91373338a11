"""Conditions (when a card or reaction may happen) and effects (what it changes)."""

from __future__ import annotations

import attrs

from ..scenario.model import RESOURCES, Condition, Effect
from .credibility import in_force
from .state import SeatState, State


def holds(state: State, when: Condition) -> bool:
    """Whether every part of the condition holds in this state."""
    g = state.game
    if when.round_at_least is not None and state.round < when.round_at_least:
        return False
    if when.round_at_most is not None and state.round > when.round_at_most:
        return False
    if when.credibility_below is not None and not state.credibility < when.credibility_below:
        return False
    if when.credibility_at_least is not None and not state.credibility >= when.credibility_at_least:
        return False
    if when.escalation_at_least is not None and state.escalation < when.escalation_at_least:
        return False
    if when.escalation_below is not None and state.escalation >= when.escalation_below:
        return False
    if when.agreements_at_least is not None and len(state.agreements) < when.agreements_at_least:
        return False
    if when.agreements_below is not None and len(state.agreements) >= when.agreements_below:
        return False
    if when.alarm_at_least is not None and state.alarm < when.alarm_at_least:
        return False
    if when.alarm_below is not None and state.alarm >= when.alarm_below:
        return False
    if when.credible is not None and (state.credibility >= state.threshold) != when.credible:
        return False
    if when.signed is not None and (state.deal is not None) != when.signed:
        return False
    if when.committed or when.not_committed:
        kinds = {g.kinds[k] for (_, k), n in in_force(state.agreements).items() if n > 0}
        if any(k not in kinds for k in when.committed) or any(k in kinds for k in when.not_committed):
            return False
    for actor, level in when.support_below.items():
        if state.seats[g.seat_index[actor]].support >= level:
            return False
    return all(state.seats[g.seat_index[actor]].support >= level for actor, level in when.support_at_least.items())


def clamp_support(value: float) -> float:
    return min(100.0, max(0.0, value))


def apply_effect(state: State, effect: Effect) -> dict:
    """The state changes an effect makes, as keyword arguments for ``attrs.evolve``.

    Credibility and alarm are not recomputed here: the caller does it once after all changes.
    """
    g = state.game
    seats = list(state.seats)
    for i, seat in enumerate(seats):
        actor = g.seats[i]
        delta = effect.support_all + effect.support.get(actor, 0.0)
        changes: dict = {}
        if delta:
            changes["support"] = clamp_support(seat.support + delta)
        if actor in effect.budget:
            changes["budget"] = max(0.0, seat.budget + effect.budget[actor])
        if actor in effect.money:
            changes["funds"] = max(0.0, seat.funds + effect.money[actor])
        if actor in effect.forces:
            add = effect.forces[actor]
            changes["forces"] = tuple(max(0.0, have + getattr(add, name)) for have, name in zip(seat.forces, RESOURCES))
        if changes:
            seats[i] = attrs.evolve(seat, **changes)
    return {
        "seats": tuple(seats),
        "escalation": min(g.top, max(0, state.escalation + effect.escalation)),
        "lasting": state.lasting + effect.credibility,
        "alarm_lasting": state.alarm_lasting + effect.alarm,
        "threshold": min(100.0, max(0.0, state.threshold + effect.threshold)),
    }


def seat_with_support(seat: SeatState, delta: float) -> SeatState:
    """The seat with its domestic support moved by delta, kept within 0-100."""
    return attrs.evolve(seat, support=clamp_support(seat.support + delta))
