"""Scores: each seat's objectives, weighted by its private weights, with a reason for every point.

Each objective gives a value from -1 to 1; a seat's score is the sum of weight x value over its
objectives (weights sum to 100, so scores run from -100 to 100).

Who wins: a game that ends without a signed deal (no deal, or collapse) has no winner - everyone
lost the peace. Otherwise the winner is the seat that beat its own bottom line (its private
reservation value) by the most: seats have different stakes, so their raw scores are not
comparable, but how far each did better than the least it would settle for is (as COIN's
factions win by the margin over their own victory condition).
"""

from __future__ import annotations

import attrs

from . import mandates
from .credibility import contributions
from .negotiation import bills
from .state import BAD_TERMS, COLLAPSE, NO_DEAL, SIGNED, Game, State

OUTCOME_WORDS = {
    SIGNED: "the peace deal was signed with a credible guarantee",
    BAD_TERMS: "the peace deal was signed on terms that favour Russia",
    NO_DEAL: "the clock ran out without a deal",
    COLLAPSE: "escalation reached the top of the ladder",
}


#: Why an objective scored what it did, in English (other languages: ``narrate.TEMPLATES``).
REASONS = {
    **{f"outcome_{k}": v for k, v in OUTCOME_WORDS.items()},
    "outcome_late_signed": OUTCOME_WORDS[SIGNED] + ", {late:.0f} round(s) after it first could be",
    "outcome_late_bad_terms": OUTCOME_WORDS[BAD_TERMS] + ", {late:.0f} round(s) after it first could be",
    "low_cost": "pays ${bill:.2f}bn a year of a ${budget:.1f}bn budget",
    "credibility": "the guarantee ends at credibility {credibility:.0f}",
    "low_escalation": "escalation ends at rung {rung} of {top}",
    "support": "domestic support ends at {support:.0f}",
    "support_kept": "domestic support went from {start:.0f} to {support:.0f}",
    "red_lines": "crossed {crossed} of its {soft} soft red line(s)",
    "no_red_lines": "it has no soft red lines",
    "leadership": "gives {share:.0f}% of the guarantee's strength",
    "no_guarantee": "no guarantee in force",
    "mandate_met": "its mandate was met: {text}",
    "mandate_missed": "its mandate was not met: {text}",
    "mandate_no_deal": "no deal, so its mandate was not met: {text}",
    "no_mandate": "no mandate was dealt to it",
}


@attrs.frozen
class ScoreLine:
    """One objective's part of a seat's score."""

    objective: str
    weight: int
    value: float  # -1 to 1
    points: float  # weight x value
    reason: str  # in English; ``narrate.score_reason`` renders it in other languages
    key: str = ""  # the reason's template in ``REASONS`` (and narrate's TEMPLATES)
    args: tuple[tuple[str, float], ...] = ()  # the template's values


@attrs.frozen
class SeatScore:
    seat: str
    total: float
    lines: tuple[ScoreLine, ...]
    bottom_line: float = 0.0  # its private reservation value: the least it would settle for

    @property
    def margin(self) -> float:
        """How far the score beats the seat's own bottom line (negative: it fell short)."""
        return self.total - self.bottom_line


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
        """The seats that beat their own bottom line by the most (several on a tie); none when the
        game has not ended in a signed deal."""
        if self.result not in (SIGNED, BAD_TERMS):
            return ()
        best = max(s.margin for s in self.scores)
        return tuple(s.seat for s in self.scores if abs(s.margin - best) < 1e-9)


def yearly_bill(state: State, seat: int) -> float:
    """What the seat pays a year for the guarantee: its shares of running costs, plus up-front
    costs spread over each agreement's term ($bn)."""
    return bills(state.game, state.agreements)[seat]


def yearly_bills(state: State) -> list[float]:
    """Every seat's ``yearly_bill``, in seat order (one pass over the agreements)."""
    return bills(state.game, state.agreements)


def cost_value(bill: float, budget: float) -> float:
    """The low-cost objective's value: the share of a seat's yearly budget its bill leaves free."""
    return 1.0 - min(1.0, bill / budget) if budget > 0 else (1.0 if bill == 0 else 0.0)


def support_value(game: Game, seat: int, support: float) -> tuple[float, str, dict]:
    """The `support` objective's value, reason key and arguments: the level reached, or (with
    ``domestic.kept_scale``) the support kept since the start."""
    scale = game.scenario.domestic.kept_scale
    if scale is None:
        return support / 100, "support", {"support": support}
    start = game.scenario.seats[seat].support
    value = min(1.0, max(-1.0, 1.0 - (start - support) / scale))
    return value, "support_kept", {"start": start, "support": support}


def soft_lines(game: Game, seat: int) -> int:
    """How many soft red lines the seat has (its share red line included)."""
    actor = game.scenario.seats[seat]
    return sum(1 for line in actor.red_lines if not line.hard) + (actor.share_red_line is not None)


def rounds_late(game: Game, signed_round: int | None) -> int:
    """How many rounds after the earliest possible one the deal was signed."""
    if signed_round is None:
        return 0
    return max(0, signed_round - game.scenario.acceptance.earliest_round)


def peace_value(game: Game, seat: int, result: str, signed_round: int | None = None) -> float:
    """What ``result`` is worth to ``seat`` on its peace objective: its own value of the outcome
    (the scenario's unless its private ``outcomes`` differ), less its delay cost for each round the
    deal came late."""
    values = game.outcome_values[seat]
    value = values[result]
    if result in (SIGNED, BAD_TERMS):
        value -= values["delay"] * rounds_late(game, signed_round)
    return max(-1.0, value)


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
    soft = soft_lines(g, seat)
    share = 100 * raw[seat] / total_raw if total_raw else 0.0
    late = rounds_late(g, state.signed_round) if result in (SIGNED, BAD_TERMS) else 0
    if late and g.outcome_values[seat]["delay"]:
        peace = (peace_value(g, seat, result, state.signed_round), f"outcome_late_{result}", {"late": late})
    else:
        peace = (peace_value(g, seat, result, state.signed_round), f"outcome_{result}", {})
    values: dict[str, tuple[float, str, dict]] = {
        "peace": peace,
        "low_cost": (
            cost_value(bill, actor.budget),
            "low_cost",
            {"bill": bill, "budget": actor.budget},
        ),
        "credibility": (state.credibility / 100, "credibility", {"credibility": state.credibility}),
        "low_escalation": (1.0 - state.escalation / g.top, "low_escalation", {"rung": state.escalation, "top": g.top}),
        "support": support_value(g, seat, me.support),
        "red_lines": (
            1.0 - (me.crossed / soft if soft else 0.0),
            "red_lines" if soft else "no_red_lines",
            {"crossed": me.crossed, "soft": soft},
        ),
        "leadership": (
            min(1.0, 3 * share / 100),
            "leadership" if total_raw else "no_guarantee",
            {"share": share},
        ),
    }
    mandate_value, mandate = mandates.value(state, seat)
    if mandate is None:
        values["mandate"] = (0.0, "no_mandate", {})
    else:
        signed = result in (SIGNED, BAD_TERMS)
        key = "mandate_met" if mandate_value else "mandate_missed" if signed else "mandate_no_deal"
        values["mandate"] = (mandate_value, key, {"text": mandate.text})
    lines = []
    assert actor.private is not None  # the loader gives every seat its private part
    for name, weight in actor.private.objectives.weights().items():
        if weight:
            value, key, args = values[name]
            reason = REASONS[key].format(**args)
            lines.append(ScoreLine(name, weight, value, weight * value, reason, key, tuple(args.items())))
    bottom = actor.private.reservation if actor.private is not None else 0.0
    return SeatScore(g.seats[seat], sum(line.points for line in lines), tuple(lines), bottom)


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


def returns(state: State) -> tuple[float, ...]:
    """Every seat's score, in seat order (``state.game.seats``): the totals of ``outcome(state)``,
    for RL and analysis code that wants numbers. Provisional while the game goes on, like the
    outcome; from -100 to 100."""
    raw = contributions(state.game, state.agreements)
    return tuple(seat_score(state, s, raw).total for s in range(len(state.game.seats)))
