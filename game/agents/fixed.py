"""Simple fixed strategies, the probes of the design-health report (``balance``): a seat that
accepts every offer, one that rejects every offer, and an acceptance seat that holds out to the
last round.

None of them drafts a proposal. Each answers in every phase: offers that wait for its answer, the
sign-or-hold decision of the commitment phase, and otherwise it ends its turn (or throws away a
draft, which it never starts, should it find one).
"""

from __future__ import annotations

from collections.abc import Sequence

from .. import Action, Observation
from .. import actions as A


def _first(legal: Sequence[Action], cls: type) -> Action | None:
    for action in legal:
        if action.__class__ is cls:
            return action
    return None


def _end(legal: Sequence[Action]) -> Action:
    """End the turn (throwing away a draft first); in the commitment phase, hold out."""
    return _first(legal, A.EndTurn) or _first(legal, A.Discard) or _first(legal, A.HoldOut) or legal[0]


class AcceptAllAgent:
    """Accepts every offer it can field, signs the peace deal as soon as it may, never proposes.

    An offer it cannot field (its part no longer fits its forces) stays open rather than being
    rejected: this seat never says no.
    """

    def __init__(self, seat: str, seed: int):
        self.seat_id = seat

    def act(self, observation: Observation, legal: Sequence[Action]) -> Action:
        return _first(legal, A.Accept) or _first(legal, A.Sign) or _end(legal)


class RejectAllAgent:
    """Rejects every offer that waits for its answer, never signs, never proposes."""

    def __init__(self, seat: str, seed: int):
        self.seat_id = seat

    def act(self, observation: Observation, legal: Sequence[Action]) -> Action:
        return _first(legal, A.Reject) or _end(legal)


class HoldOutAgent:
    """Plays as the ``negotiator`` except in the commitment phase, where it holds out in every
    round but the last and signs in the last (the deal as it stands then).

    So the probe measures the acceptance seat's timing alone: its offers and answers are the
    negotiator's. In a seat that never signs it is the negotiator.
    """

    def __init__(self, seat: str, seed: int):
        from . import make_agent  # noqa: PLC0415 - the registry imports this module

        self.seat_id = seat
        self.inner = make_agent("negotiator", seat, seed)

    def act(self, observation: Observation, legal: Sequence[Action]) -> Action:
        hold = _first(legal, A.HoldOut)
        if hold is None:
            return self.inner.act(observation, legal)
        view = observation.view
        sign = _first(legal, A.Sign)
        if sign is not None and view.round >= view.game.scenario.schedule.rounds:
            return sign
        return hold
