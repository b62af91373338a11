"""The library as a notebook user meets it: the package's example runs, states are short to print
and hashable, ``returns`` gives the scores in seat order, the README's example runs."""

from __future__ import annotations

import doctest
import random
import re
from pathlib import Path

import game
from game import (
    CHANCE,
    Game,
    apply,
    current_seat,
    is_over,
    legal_actions,
    load_scenario,
    new_game,
    outcome,
    returns,
    sample_chance,
)

README = Path(__file__).resolve().parent.parent / "README.md"


def random_states(seed: int = 3):
    g = Game.from_scenario(load_scenario("ukraine_guarantees_2025"))
    state, rng = new_game(g, seed=seed), random.Random(seed)
    states = [state]
    while not is_over(state):
        state = apply(
            state, sample_chance(state) if current_seat(state) == CHANCE else rng.choice(legal_actions(state))
        )
        states.append(state)
    return states


def test_the_package_docstring_example_runs():
    failed, attempted = doctest.testmod(game, raise_on_error=False, verbose=False)
    assert attempted >= 8 and failed == 0


def test_a_state_prints_in_one_short_line():
    for state in random_states()[::25]:
        text = repr(state)
        assert len(text) < 160 and "\n" not in text
        assert text.startswith(f"State(ukraine_guarantees_2025, seed=3, ply={state.ply}, round {state.round}")


def test_states_are_hashable_and_equal_states_hash_equal():
    first, second = random_states(), random_states()
    assert all(a == b and hash(a) == hash(b) for a, b in zip(first, second))
    assert len(set(first)) == len(first)  # every step makes a new state
    table = {s: s.ply for s in first}
    assert table[second[-1]] == len(first) - 1


def test_returns_are_the_outcome_scores_in_seat_order():
    for state in random_states()[::40] + random_states()[-1:]:
        scores = outcome(state).scores
        assert [s.seat for s in scores] == list(state.game.seats)
        assert returns(state) == tuple(s.total for s in scores)
    assert all(-100 <= r <= 100 for r in returns(state))


def test_the_readme_example_runs_and_prints_the_outcome(capsys):
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Using it as a library") :]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    assert len(code.strip().splitlines()) <= 6
    exec(compile(code, "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert re.search(r"(signed|bad_terms|no_deal|collapse)", out), out
