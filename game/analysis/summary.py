"""The summary ``simulate`` prints, kept as running totals: a game's result line is folded in and
dropped, so a run of any length (or ``summarise`` over any number of shards) needs the same memory.

It reads only the summary's part of a line (``runner.compact``): seed, agents, outcome, winners,
rounds, length, credibility, threshold, escalation, bills and score totals, which the Parquet
tables carry too.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from .. import BAD_TERMS, COLLAPSE, NO_DEAL, SIGNED
from .stats import Running

RESULTS = (SIGNED, BAD_TERMS, NO_DEAL, COLLAPSE)


class Summary:
    """Running totals of result lines; ``add`` one at a time, ``lines()`` for the table."""

    def __init__(self) -> None:
        self.games = 0
        self.errors = 0
        self.results: Counter[str] = Counter()
        self.credibility = Running()
        self.threshold = Running()
        self.rungs: Counter[int] = Counter()
        self.length = Running()
        self.rounds = Running()
        self.seats: list[str] = []
        self.seat_agents: dict[str, set[str]] = {}
        self.seat_scores: dict[str, Running] = {}
        self.seat_wins: dict[str, Running] = {}
        self.bills: dict[str, float] = {}
        self.agent_scores: dict[str, Running] = {}
        self.agent_wins: dict[str, Running] = {}

    def add(self, line: dict) -> None:
        self.games += 1
        if "error" in line:
            self.errors += 1
            return
        if not self.seats:
            self.seats = list(line["scores"])
            for seat in self.seats:
                self.seat_agents[seat] = set()
                self.seat_scores[seat] = Running()
                self.seat_wins[seat] = Running()
                self.bills[seat] = 0.0
        self.results[line["outcome"]] += 1
        self.credibility.add(line["credibility"])
        self.threshold.add(line["threshold"])
        self.rungs[line["escalation"]] += 1
        self.length.add(line["length"])
        self.rounds.add(line["rounds"])
        winners = line["winners"]
        for seat in self.seats:
            agent = line["agents"][seat]
            score = line["scores"][seat]["total"]
            won = 1 / len(winners) if seat in winners else 0.0
            self.seat_agents[seat].add(agent)
            self.seat_scores[seat].add(score)
            self.seat_wins[seat].add(won)
            self.bills[seat] += line["bills"][seat]
            self.agent_scores.setdefault(agent, Running()).add(score)
            self.agent_wins.setdefault(agent, Running()).add(won)

    def update(self, lines: Iterable[dict]) -> Summary:
        for line in lines:
            self.add(line)
        return self

    def lines(self) -> list[str]:
        """The summary table: deal rate, mean credibility, escalation outcomes, per-seat mean
        score with a 95% interval, win rates per seat and per agent, average cost share by actor."""
        errors = self.errors
        out = [f"games: {self.games}" + (f' ({errors} failed: see their "error" lines)' if errors else "")]
        n = self.games - errors
        if not n:
            return out
        count = self.results
        out.append(
            f"deal rate: {(count[SIGNED] + count[BAD_TERMS]) / n:.1%} (credible {count[SIGNED] / n:.1%}, "
            f"on Russia's terms {count[BAD_TERMS] / n:.1%}); no deal {count[NO_DEAL] / n:.1%}; "
            f"collapse {count[COLLAPSE] / n:.1%}"
        )
        cred = self.credibility
        out.append(f"mean credibility: {cred.mean:.1f} ± {cred.half_width:.1f} (threshold {self.threshold.mean:.1f})")
        out.append(
            "final escalation rung: "
            + ", ".join(f"{rung}: {self.rungs[rung] / n:.0%}" for rung in range(max(self.rungs) + 1))
        )
        out.append(f"mean length: {self.length.mean:.0f} actions, {self.rounds.mean:.1f} rounds")
        grand = sum(self.bills.values())
        out.append("")
        # the agents column as wide as its longest entry: a plug-in's file.py:ClassName is never cut
        agents = {seat: ",".join(sorted(self.seat_agents[seat])) for seat in self.seats}
        aw = max(22, *(len(a) + 1 for a in agents.values()))
        out.append(f"{'seat':6}{'agents':>{aw}}{'mean score':>12}{'95% CI':>9}{'win rate':>10}{'cost share':>12}")
        for seat in self.seats:
            s = self.seat_scores[seat]
            share = self.bills[seat] / grand if grand else 0.0
            ci = "±" + format(s.half_width, ".1f")
            out.append(
                f"{seat:6}{agents[seat]:>{aw}}{s.mean:12.1f}{ci:>9}{self.seat_wins[seat].mean:10.1%}{share:12.1%}"
            )
        width = max(12, *(len(a) + 1 for a in self.agent_scores))  # a plug-in's module:ClassName can be long
        out.append("")
        out.append(f"{'agent':{width}}{'seat-games':>11}{'mean score':>12}{'95% CI':>9}{'win rate':>10}")
        for agent in sorted(self.agent_scores):
            s = self.agent_scores[agent]
            ci = "±" + format(s.half_width, ".1f")
            out.append(f"{agent:{width}}{s.n:11}{s.mean:12.1f}{ci:>9}{self.agent_wins[agent].mean:10.1%}")
        return out
