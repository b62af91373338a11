"""The negotiator's decision rules (game/agents/negotiator.py, evaluate.py): risk read from Russia's
reactions, splits within public share red lines and learned refusals, memory of how others answer,
packages that follow the proposer's own priorities, and the acceptance seat's sign-or-hold."""

from __future__ import annotations

import attrs
import pytest

from game import load_game, new_game, observe, resolve_chance, what_if
from game.agents import evaluate as E
from game.agents.negotiator import Answers, NegotiatorAgent, candidate_packages, hold_value, sign_value
from game.core import actions as A
from game.core.state import News, Proposal

DEFAULT = "ukraine_guarantees_2025"


@pytest.fixture(scope="module")
def game():
    return load_game(DEFAULT)


def _at_negotiation(game, seed=1):
    return resolve_chance(new_game(game, seed))


def _kind(game, kind_id):
    return game.kind_index[kind_id]


def _seat(game, seat_id):
    return game.seat_index[seat_id]


def test_escalation_is_projected_from_the_reactions_an_alarming_package_triggers(game):
    state = _at_negotiation(game)
    uk, fr, us = _seat(game, "uk"), _seat(game, "fr"), _seat(game, "us")
    ground, c2 = _kind(game, "ground_force"), _kind(game, "command_control")
    measured = Proposal(((uk, ground, 2), (us, c2, 1)), ((uk, 50), (us, 50)), 3)
    alarming = Proposal(((uk, ground, 3), (fr, ground, 3), (us, c2, 1)), ((uk, 50), (us, 50)), 3)
    a, b = what_if(state, uk, measured), what_if(state, uk, alarming)
    assert b.alarm > a.alarm
    assert E.escalation_drift(b) > E.escalation_drift(a)
    # a risk-averse seat feels it more than a risk-tolerant one
    de = _seat(game, "de")
    w = E.weights_of(game.scenario.seats[de].private)
    cautious = E.utility(b, de, w, risk=2.0) - E.utility(a, de, w, risk=2.0)
    bold = E.utility(b, de, w, risk=0.2) - E.utility(a, de, w, risk=0.2)
    assert cautious < bold


def test_splits_keep_within_public_share_red_lines_and_learned_refusals(game):
    state = _at_negotiation(game)
    us, uk, de = _seat(game, "us"), _seat(game, "uk"), _seat(game, "de")
    items = ((uk, _kind(game, "ground_force"), 2), (us, _kind(game, "command_control"), 1))
    shares = dict(E.split_shares(state, items, 3, uk, 0, [us, de]))
    assert sum(shares.values()) == 100 and shares[us] <= 33  # the US's lion's-share line
    capped = dict(E.split_shares(state, items, 3, uk, 0, [us, de], caps={de: 20}))
    assert capped.get(de, 0) <= 20  # Germany refused more before
    # no split fits within the line when only the US may pay: then the line gives way
    alone = dict(E.split_shares(state, items, 3, uk, 0, [us]))
    assert alone[us] == 100


def test_a_seat_that_accepts_everything_is_marked_pliable_and_refused_shares_are_remembered(game):
    state = _at_negotiation(game)
    it, fr, de = _seat(game, "it"), _seat(game, "fr"), _seat(game, "de")
    offer = Proposal(((fr, _kind(game, "ground_force"), 1),), ((fr, 55), (de, 25), (it, 20)), 3)
    news = state.news
    for i in range(1, 5):
        news = (news, News(1, "offer", (i, fr, offer)))
        news = (news, News(1, "accept", (i, it)))
    news = (news, News(1, "reject", (4, de)))  # Germany turned down paying 25%
    answers = Answers()
    answers.read(attrs.evolve(state, news=news))
    assert answers.pliable() == frozenset({it})
    assert answers.share_caps(5) == {de: 20}


def test_packages_follow_the_proposers_own_priorities(game):
    state = _at_negotiation(game)
    ground = _kind(game, "ground_force")
    troops = {}
    for seat_id in ("fr", "it"):
        seat = _seat(game, seat_id)
        actor = game.scenario.seats[seat]
        agent = NegotiatorAgent(seat_id, 5)
        packages = candidate_packages(state, seat, agent.rng, 8, actor.persona, E.weights_of(actor.private))
        assert packages
        troops[seat_id] = sum(u for items, _ in packages for g, k, u in items if g == seat and k == ground)
        if seat_id == "fr":  # France wants to lead: it puts its own forces in every package
            assert all(any(g == seat for g, _, _ in items) for items, _ in packages)
    # France leads with its brigades; Italy, which has promised no troops, keeps its own at home
    assert troops["fr"] > 0 and troops["it"] == 0


def test_the_acceptance_seat_signs_a_credible_guarantee_and_holds_out_on_a_thin_one_early(game):
    state = _at_negotiation(game)
    ua = game.acceptor
    thin = attrs.evolve(state, round=3, phase="commitment")
    us, uk, fr = _seat(game, "us"), _seat(game, "uk"), _seat(game, "fr")
    strong = Proposal(
        (
            (uk, _kind(game, "ground_force"), 2),
            (fr, _kind(game, "ground_force"), 3),
            (us, _kind(game, "command_control"), 1),
            (us, _kind(game, "air_defence"), 4),
            (us, _kind(game, "intelligence"), 2),
        ),
        ((us, 30), (uk, 35), (fr, 35)),
        5,
    )
    bound = attrs.evolve(what_if(state, uk, strong), round=3, phase="commitment")
    assert bound.credibility >= bound.threshold
    agent = NegotiatorAgent("ua", 1)
    assert agent.act(observe(bound, ua), (A.Sign(), A.HoldOut())) == A.Sign()
    assert agent.act(observe(thin, ua), (A.Sign(), A.HoldOut())) == A.HoldOut()


def test_a_thin_package_about_to_lapse_is_worth_less_held_than_signed_late(game):
    state = _at_negotiation(game)
    ua = game.acceptor
    actor = game.scenario.seats[ua]
    w = E.weights_of(actor.private)
    uk = _seat(game, "uk")
    weak = Proposal(((uk, _kind(game, "ground_force"), 1),), ((uk, 100),), 3)
    bound = what_if(state, uk, weak)
    # bound in round 1: counted from round 3, it lapses at the end of round 5 unless signed
    late = attrs.evolve(bound, round=5, phase="commitment")
    kept = attrs.evolve(
        bound, round=5, phase="commitment", agreements=tuple(attrs.evolve(a, round=5) for a in bound.agreements)
    )
    assert hold_value(late, ua, w, actor.persona) < hold_value(kept, ua, w, actor.persona)
    # signing it now, thin as it is, beats holding it as it lapses only when little time is left
    assert sign_value(late, ua, w, actor.persona) <= sign_value(kept, ua, w, actor.persona) + 1e-9
