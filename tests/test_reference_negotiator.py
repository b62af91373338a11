"""The fast negotiator held to its plain reference (issue 14): at every decision point of
fixed-seed games of every shipped scenario, both are given the same observation, legal actions
and memory (RNG, plan, answers seen), and must choose the same action and leave the same memory.

The reference (``tests/reference_negotiator.py`` with ``tests/reference_evaluate.py``) is the
negotiator as it was before its speed work. When the decision rule is meant to change, change
both; a difference found here names the decision point (scenario, seed, seat, ply).
"""

from __future__ import annotations

import copy
import random

import pytest

from game import load_game
from game.agents import evaluate as E
from game.agents.negotiator import NegotiatorAgent
from game.agents.sketch import Base
from game.analysis.runner import play
from game.paths import scenario_files
from tests import reference_evaluate as RE
from tests import reference_negotiator as R

#: Seeds of the games whose decisions are compared (not the golden digests' seeds: other games).
SEEDS = (11, 12)


def _memory(agent) -> tuple:
    """What an agent carries from one decision to the next."""
    a = agent.answers
    return (
        agent.rng.getstate(),
        tuple(agent.plan),
        agent.last_proposal,
        agent._best,
        (a.accepted, a.refused, a.refused_share, a._offers, a._read),
    )


def _sync(fast: NegotiatorAgent, ref: R.NegotiatorAgent) -> None:
    """Give the fast agent the reference's memory (after a difference, to go on comparing)."""
    fast.rng.setstate(ref.rng.getstate())
    fast.plan = list(ref.plan)
    fast.last_proposal = ref.last_proposal
    fast._best = ref._best
    fast.answers = copy.deepcopy(ref.answers)


class Twin:
    """A seat played by the reference; the fast negotiator decides beside it at every point."""

    def __init__(self, seat: str, seed: int, log: list):
        self.ref = R.NegotiatorAgent(seat, seed)
        self.fast = NegotiatorAgent(seat, seed)
        self.log = log  # (ply, seat, reference's action, fast action, same memory) per decision

    def act(self, observation, legal):
        ply = observation.view.ply
        expected = self.ref.act(observation, legal)
        got = self.fast.act(observation, legal)
        same = _memory(self.ref) == _memory(self.fast)
        self.log.append((ply, self.ref.seat_id, expected, got, same))
        if got != expected or not same:
            _sync(self.fast, self.ref)
        return expected


def _decisions(scenario: str, seed: int) -> list:
    game = load_game(scenario)
    log: list = []
    play(game, seed, {seat: Twin(seat, seed, log) for seat in game.seats})
    return log


@pytest.mark.parametrize("scenario", [p.stem for p in scenario_files()])
def test_fast_negotiator_decides_as_the_reference(scenario):
    decisions = []
    for seed in SEEDS:
        decisions += [(seed, *d) for d in _decisions(scenario, seed)]
    assert len(decisions) > 300  # every shipped scenario gives hundreds of decision points
    differ = [d for d in decisions if d[3] != d[4] or not d[5]]
    assert not differ, f"{len(differ)} of {len(decisions)} decisions differ, first (seed, ply, seat, ...): {differ[:3]}"


def _random_packages(state, rng: random.Random, count: int):
    """Packages of items any giver may give (ignoring forces: the evaluation does not look)."""
    g = state.game
    out = []
    for _ in range(count):
        items, used = [], set()
        for _ in range(rng.randint(1, g.scenario.schedule.max_items)):
            giver = rng.choice(g.givers)
            kind = rng.choice(g.may_give[giver])
            if (giver, kind) in used:
                continue
            used.add((giver, kind))
            items.append((giver, kind, rng.choice(g.scenario.commitments[kind].steps)))
        out.append((tuple(items), rng.choice(g.terms)))
    return out


@pytest.mark.parametrize("scenario", [p.stem for p in scenario_files()])
def test_utility_of_a_sketch_equals_the_reference(scenario):
    """The projected utility of a package's sketch, bit for bit, on states met in play (and item
    by item, as the package search computes it)."""
    game = load_game(scenario)
    states = []

    class Keep(NegotiatorAgent):
        def act(self, observation, legal):
            states.append(observation.view)
            return super().act(observation, legal)

    play(game, 3, {seat: Keep(seat, 3) for seat in game.seats})
    rng = random.Random(5)
    checked = 0
    for view in states[:: max(1, len(states) // 40)]:
        me = rng.randrange(game.n_seats)
        private = view.game.scenario.seats[me].private
        weights = E.weights_of(private) if private is not None else E.FLAT
        for items, term in _random_packages(view, rng, 10):
            share = rng.choice((0, 10, 35))
            shares = ((me, share),) if share else ()
            for risk in (0.5, 1.0, 1.7):
                want = RE.utility(RE.sketch(view, me, items, term, shares), me, weights, risk=risk)
                assert E.utility(E.sketch(view, me, items, term, shares), me, weights, risk=risk) == want
                # the package search's incremental version, one item at a time
                package = Base(view, me, weights, risk).package(term, share)
                for i, item in enumerate(items):
                    after = RE.sketch(view, me, items[: i + 1], term, shares)
                    assert package.value(item) == (RE.utility(after, me, weights, risk=risk), after.credibility)
                    package = package.plus(item)
                checked += 1
    assert checked > 1000
