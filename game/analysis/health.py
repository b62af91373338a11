"""The design-health figures of a batch of games, tallied from their result lines (the JSON lines
``simulate`` writes; ``runner.game_result``) as running totals, so any number of games fits in
flat memory and the same tally serves ``balance``, ``sweep`` and ``summarise``.

What it reads of a scenario: its seats, the acceptance seat, its commitment kinds (and which of
them carry an incident that escalates: a *clash*), its event cards and reactions. Everything else
comes from the result lines, so the figures follow the rules as they change.

The *bloc* is the group whose share of the bills is reported ("Europe" in the default scenario):
every seat except the acceptance seat and the *backstop* seats (by default ``us`` when the
scenario has that seat). The format has no notion of a bloc, so it is chosen here, and said in
every report.
"""

from __future__ import annotations

import statistics
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence

from .. import BAD_TERMS, COLLAPSE, NO_DEAL, SIGNED, Game
from .stats import Running, wilson

RESULTS = (SIGNED, BAD_TERMS, NO_DEAL, COLLAPSE)
DEFAULT_BACKSTOP = ("us",)
TOP_SETS = 3


def default_backstop(game: Game) -> tuple[str, ...]:
    """The backstop seats when none are named: ``us`` if the scenario has that seat (and it is
    not the acceptance seat), else none."""
    acceptor = game.seats[game.acceptor]
    return tuple(s for s in DEFAULT_BACKSTOP if s in game.seat_index and s != acceptor)


def escalating_kinds(game: Game) -> tuple[str, ...]:
    """Commitment kinds whose incidents climb the escalation ladder (their incidents are clashes)."""
    out = []
    for kind in game.scenario.commitments:
        incident = getattr(kind, "incident", None)
        if incident is not None and getattr(incident, "escalation", 0) > 0:
            out.append(kind.id)
    return tuple(out)


class Health:
    """Running totals of the design-health figures over result lines; ``add`` one line at a time,
    ``figures()`` at any point."""

    def __init__(self, game: Game, backstop: Sequence[str] | None = None):
        sc = game.scenario
        self.seats = tuple(game.seats)
        self.acceptor = game.seats[game.acceptor]
        self.backstop = tuple(backstop) if backstop is not None else default_backstop(game)
        unknown = [s for s in self.backstop if s not in game.seat_index]
        if unknown:
            raise ValueError(f"backstop seat {unknown[0]!r} is not a seat; seats are {', '.join(game.seats)}")
        self.bloc = tuple(s for s in self.seats if s != self.acceptor and s not in self.backstop)
        self.kinds = tuple(k.id for k in sc.commitments)
        self.clash_kinds = escalating_kinds(game)
        self.event_ids = tuple(c.id for c in sc.events)
        self.reaction_ids = tuple(r.id for r in sc.reactions)
        self.games = 0
        self.failed = 0
        self.results: Counter[str] = Counter()
        self.wins: dict[str, float] = dict.fromkeys(self.seats, 0.0)
        self.scores = {s: Running() for s in self.seats}
        self.margins = array("d")  # 8 bytes a game: the median needs them all
        self.bound: Counter[str] = Counter()
        self.events: Counter[str] = Counter()
        self.reactions: Counter[str] = Counter()
        self.deal_sets: Counter[tuple[str, ...]] = Counter()  # at most 2^kinds keys
        self.clash = {k: Counter() for k in self.clash_kinds}
        self.bills_total = 0.0
        self.bills_bloc = 0.0
        self.paid_deals = 0
        self.bloc_most = 0

    def add(self, line: dict) -> None:
        """Count one result line (a failed game's line is counted as failed, nothing else)."""
        if "error" in line:
            self.failed += 1
            return
        self.games += 1
        result = line["outcome"]
        self.results[result] += 1
        winners = line["winners"]
        for w in winners:
            self.wins[w] += 1 / len(winners)
        for s in self.seats:
            self.scores[s].add(line["scores"][s]["total"])
        if winners:  # the winner beat its bottom line by this much more than the runner-up
            margins = sorted(
                (line["scores"][s].get("margin", line["scores"][s]["total"]) for s in self.seats), reverse=True
            )
            self.margins.append(margins[0] - margins[1] if len(margins) > 1 else 0.0)
        bound = set(line.get("bound", ()))
        self.bound.update(bound)
        self.events.update(set(line.get("events", ())))
        self.reactions.update(set(line.get("reactions", ())))
        hits = Counter(kind for _, _, kind in line.get("incidents", ()))
        for kind, c in self.clash.items():
            if kind in bound:
                c["games"] += 1
                c["incidents"] += hits[kind]
                c["clash_games"] += 1 if hits[kind] else 0
                c["collapse"] += 1 if result == COLLAPSE else 0
        if result == SIGNED:
            self.deal_sets[tuple(sorted({i["kind"] for a in line["deal"] for i in a["items"]}))] += 1
            bills = line["bills"]
            total = sum(bills.values())
            bloc = sum(bills.get(s, 0.0) for s in self.bloc)
            if total > 0:
                self.paid_deals += 1
                self.bills_total += total
                self.bills_bloc += bloc
                self.bloc_most += 1 if bloc > total / 2 else 0

    def update(self, lines: Iterable[dict]) -> Health:
        for line in lines:
            self.add(line)
        return self

    def figures(self) -> dict:
        """Every figure as JSON-ready data; rates are shares (0-1) with 95% Wilson intervals."""
        n = self.games

        def rate(k: float, total: int = n) -> dict:
            lo, hi = wilson(k, total)
            return {"rate": k / total if total else None, "low": lo if total else None, "high": hi if total else None}

        credible = self.results[SIGNED]
        sets = self.deal_sets.most_common()
        sets.sort(key=lambda kv: (-kv[1], kv[0]))
        top = sets[:TOP_SETS]
        return {
            "games": n,
            "failed": self.failed,
            "outcomes": {r: rate(self.results[r]) for r in RESULTS},
            "win_rate": {s: rate(self.wins[s]) for s in self.seats},
            "mean_score": {s: self.scores[s].figures() for s in self.seats},
            "winner_margin_median": statistics.median(self.margins) if self.margins else None,
            "deal_sets": {
                "credible_deals": credible,
                "distinct": len(sets),
                "top": [{"kinds": list(k), "deals": c, "share": c / credible} for k, c in top],
                "top_share": sum(c for _, c in top) / credible if credible else None,
            },
            "kinds": {k: self.bound[k] / n if n else None for k in self.kinds},
            "clashes": {
                k: {
                    "bound_games": c["games"],
                    "clash_games": c["clash_games"],
                    "clash_rate": c["clash_games"] / c["games"] if c["games"] else None,
                    "incidents": c["incidents"],
                    "collapse_games": c["collapse"],
                }
                for k, c in self.clash.items()
            },
            "bloc": {
                "seats": list(self.bloc),
                "backstop": list(self.backstop),
                "acceptance_seat": self.acceptor,
                "paid_credible_deals": self.paid_deals,
                "share_of_bills": self.bills_bloc / self.bills_total if self.bills_total else None,
                "pays_most": rate(self.bloc_most, self.paid_deals),
            },
            "events": {e: self.events[e] / n if n else None for e in self.event_ids},
            "reactions": {r: self.reactions[r] / n if n else None for r in self.reaction_ids},
        }
