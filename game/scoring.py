"""Scores: each seat's objectives, weighted by its private weights, with a reason for every point.

Each objective gives a value from -1 to 1; a seat's score is the sum of weight x value over its
objectives (weights sum to 100, so scores run from -100 to 100). The winner is the seat with the
highest score: the one that best met its own objectives.
"""

from __future__ import annotations

import attrs

from .credibility import contributions
from .state import BAD_TERMS, COLLAPSE, NO_DEAL, SIGNED, State

OUTCOME_WORDS = {
    SIGNED: "the peace deal was signed with a credible guarantee",
    BAD_TERMS: "the peace deal was signed on terms that favour Russia",
    NO_DEAL: "the clock ran out without a deal",
    COLLAPSE: "escalation reached the top of the ladder",
}


@attrs.frozen
class ScoreLine:
    """One objective's part of a seat's score."""

    objective: str
    weight: int
    value: float  # -1 to 1
    points: float  # weight x value
    reason: str


@attrs.frozen
class SeatScore:
    seat: str
    total: float
    lines: tuple[ScoreLine, ...]


@attrs.frozen
class Outcome:
    """How a game ended and what every seat scored."""

    result: str | None  # None while the game goes on (then scores are provisional)
    credibility: float
    threshold: float
    escalation: int
    scores: tuple[SeatScore, ...]

    @property
    def winners(self) -> tuple[str, ...]:
        """The seats with the highest score (several on a tie)."""
        best = max(s.total for s in self.scores)
        return tuple(s.seat for s in self.scores if abs(s.total - best) < 1e-9)


def yearly_bill(state: State, seat: int) -> float:
    """What the seat pays a year for the guarantee: its shares of running costs, plus up-front
    costs spread over each agreement's term ($bn)."""
    kinds = state.game.scenario.commitments
    bill = 0.0
    for a in state.agreements:
        p = a.proposal
        share = p.share_of(seat) / 100
        if share:
            yearly = sum(u * kinds[k].yearly_cost + u * kinds[k].upfront_cost / p.term for _, k, u in p.items)
            bill += share * yearly
    return bill


def _expected_result(state: State) -> str:
    """The result if the game ended now (for provisional scores)."""
    if state.result:
        return state.result
    return state.deal or NO_DEAL


def seat_score(state: State, seat: int, raw: list[float] | None = None) -> SeatScore:
    """The seat's score with a line per objective it weighs."""
    g, sc = state.game, state.game.scenario
    actor = sc.seats[seat]
    result = _expected_result(state)
    me = state.seats[seat]
    raw = raw if raw is not None else contributions(g, state.agreements)
    total_raw = sum(raw)
    bill = yearly_bill(state, seat)
    soft = sum(1 for line in actor.red_lines if not line.hard)
    values: dict[str, tuple[float, str]] = {
        "peace": (getattr(sc.peace, result), OUTCOME_WORDS[result]),
        "low_cost": (
            1.0 - min(1.0, bill / actor.budget) if actor.budget > 0 else (1.0 if bill == 0 else 0.0),
            f"pays ${bill:.2f}bn a year of a ${actor.budget:.1f}bn budget",
        ),
        "credibility": (state.credibility / 100, f"the guarantee ends at credibility {state.credibility:.0f}"),
        "low_escalation": (1.0 - state.escalation / g.top, f"escalation ends at rung {state.escalation} of {g.top}"),
        "support": (me.support / 100, f"domestic support ends at {me.support:.0f}"),
        "red_lines": (
            1.0 - (me.crossed / soft if soft else 0.0),
            f"crossed {me.crossed} of its {soft} soft red line(s)" if soft else "it has no soft red lines",
        ),
        "leadership": (
            min(1.0, 3 * raw[seat] / total_raw) if total_raw else 0.0,
            f"gives {100 * raw[seat] / total_raw:.0f}% of the guarantee's strength" if total_raw else "no guarantee in force",
        ),
    }
    lines = []
    for name, weight in actor.private.objectives.weights().items():
        if weight:
            value, reason = values[name]
            lines.append(ScoreLine(name, weight, value, weight * value, reason))
    return SeatScore(g.seats[seat], sum(line.points for line in lines), tuple(lines))


def outcome(state: State) -> Outcome:
    """The game's outcome with every seat's score breakdown (provisional before the end)."""
    raw = contributions(state.game, state.agreements)
    return Outcome(
        result=state.result,
        credibility=state.credibility,
        threshold=state.threshold,
        escalation=state.escalation,
        scores=tuple(seat_score(state, s, raw) for s in range(len(state.game.seats))),
    )


