"""Conformance: random games of every shipped scenario (and the rules-test scenario) to the end,
with invariants after every action, determinism and a save/load round trip mid-game."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.analysis.conformance import check_scenario, random_game
from game.core.state import Game
from game.paths import scenario_files
from game.scenario.loader import load_scenario

from .helpers import game as rules_test_game


def test_there_are_shipped_scenarios():
    assert any(p.name == "ukraine_guarantees_2025.yaml" for p in scenario_files())


@pytest.mark.parametrize("path", scenario_files(), ids=lambda p: p.stem)
def test_every_shipped_scenario_plays_to_the_end_within_the_rules(path):
    game = Game.from_scenario(load_scenario(path))
    finished = check_scenario(game, games=6)
    assert all(s.result for s in finished)


def test_rules_test_scenario_conforms():
    finished = check_scenario(rules_test_game(schedule={"events_per_round": 1}), games=10)
    assert {s.result for s in finished} <= {"signed", "bad_terms", "no_deal", "collapse"}


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(min_value=0, max_value=2**40))
def test_any_seed_gives_a_legal_finished_game(seed):
    state = random_game(rules_test_game(schedule={"events_per_round": 1}), seed)
    assert state.result is not None
