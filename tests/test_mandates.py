"""Secret mandates (issue 10): dealt from the seed, seen only by their seat, scored when the signed
deal meets them, weighed by the negotiator, and checked by the validator."""

from __future__ import annotations

import attrs
import pytest

from game import dealt_mandate, load_game, new_game, observe, outcome, what_if
from game.agents import evaluate as E
from game.analysis.runner import play, seat_agents
from game.core.state import Proposal
from game.scenario.loader import check_text

DEFAULT = "ukraine_guarantees_2025"


@pytest.fixture(scope="module")
def game():
    return load_game(DEFAULT)


def test_mandates_are_dealt_from_the_seed_and_vary_between_games(game):
    assert new_game(game, 5).mandates == new_game(game, 5).mandates
    deals = {new_game(game, seed).mandates for seed in range(30)}
    assert len(deals) > 10
    for seat, actor in enumerate(game.scenario.seats):
        seen = {m[seat] for m in deals}
        assert seen == set(range(len(actor.private.mandates)))  # every card of every deck comes up


def test_a_seat_sees_its_own_mandate_only(game):
    state = new_game(game, 3)
    for seat in range(game.n_seats):
        view = observe(state, seat).view
        assert dealt_mandate(view, seat) is dealt_mandate(state, seat) is not None
        assert all(dealt_mandate(view, other) is None for other in range(game.n_seats) if other != seat)
        assert [m for i, m in enumerate(view.mandates) if i != seat] == [-1] * (game.n_seats - 1)


def test_the_mandate_scores_its_value_only_when_the_signed_deal_meets_it(game):
    for seed in range(40):
        state = play(game, seed, seat_agents(game, seed, {}))
        result = outcome(state)
        for seat, score in enumerate(result.scores):
            line = next(line for line in score.lines if line.objective == "mandate")
            mandate = dealt_mandate(state, seat)
            if result.result not in ("signed", "bad_terms"):
                assert line.value == 0 and line.key == "mandate_no_deal"
            else:
                assert line.value in (0, mandate.value)
                assert line.key == ("mandate_met" if line.value else "mandate_missed")
            assert mandate.text in line.reason
        if result.winners and any(line.value for s in result.scores for line in s.lines if line.objective == "mandate"):
            return
    pytest.fail("no signed deal met a mandate in 40 games")


def test_a_bill_share_mandate_turns_on_the_share(game):
    """The US's lion's-share mandate: met when the US pays 10% of a package, not when it pays 40%."""
    state = new_game(game, 0)
    us = game.seat_index["us"]
    cards = game.scenario.seats[us].private.mandates
    index = next(i for i, m in enumerate(cards) if m.id == "lions_share")
    state = attrs.evolve(state, mandates=tuple(index if s == us else m for s, m in enumerate(state.mandates)))
    k, uk, de = game.kind_index, game.seat_index["uk"], game.seat_index["de"]
    items = ((uk, k["ground_force"], 2), (us, k["command_control"], 1))
    weights = {"mandate": 1.0}
    cheap = what_if(state, us, Proposal(items, ((us, 10), (uk, 40), (de, 50)), 5))
    dear = what_if(state, us, Proposal(items, ((us, 40), (uk, 30), (de, 30)), 5))
    assert len(cheap.agreements) == len(dear.agreements) == 1
    # projected: the chance the deal is signed, times the card's value, if the share is within 15%
    assert E.utility(cheap, us, weights) > 0
    assert E.utility(dear, us, weights) == 0


def test_the_validator_places_a_bad_mandate():
    default_file = _default_file()
    base = default_file.read_text(encoding="utf-8")
    text = base.replace("bill_share_at_most: 15   # Vance's", "gives: {ground_forse: 1}   # Vance's", 1)
    assert text != base
    problems = check_text(text, str(default_file))[1]
    errors = [p for p in problems if p.severity == "error"]
    assert len(errors) == 1
    assert "unknown commitment kind `ground_forse`" in errors[0].message and "ground_force" in errors[0].message
    assert errors[0].line == text[: text.index("ground_forse")].count("\n") + 1


def _default_file():
    from game.paths import scenario_files

    return next(p for p in scenario_files() if p.stem == DEFAULT)
