"""The proposal builder's form turned into the rules' step actions (game/ui/builder.py)."""

from __future__ import annotations

import pytest

from game import apply, resolve_chance
from game.core import actions as A
from game.core.state import Game
from game.paths import DEFAULT_SCENARIO
from game.scenario.loader import load_scenario
from game.ui import builder as B

from .helpers import do
from .helpers import game as small_game


@pytest.fixture(scope="module")
def europe() -> Game:
    return Game.from_scenario(load_scenario(DEFAULT_SCENARIO))


def start(g: Game, seed: int = 3):
    from game.core.rules import new_game

    return resolve_chance(new_game(g, seed))


def texts(steps) -> list[str]:
    return [str(a) for a in steps]


def test_a_new_form_sends_draft_adds_shares_and_send(europe):
    state = start(europe)  # the US (seat 0) is to play
    us, uk = europe.seat_index["us"], europe.seat_index["uk"]
    form = B.new_form(state, us)
    B.set_partner(form, uk, True, 10)
    form.items[(uk, europe.kind_index["ground_force"])] = 2
    form.items[(us, europe.kind_index["command_control"])] = 1
    form.shares = B.rebalance(form.shares, us, 40, 10)
    assert form.shares == {us: 40, uk: 60}
    steps = B.proposal_steps(state, form)
    assert texts(steps) == [
        "draft",
        "add us command_control 1",
        "add uk ground_force 2",
        "share us 40",
        "share uk 60",
        "send",
    ]
    assert B.check_form(state, form) is None
    after = B.run_steps(state, steps)
    offer = after.offers[-1]
    assert offer.proposer == us and offer.proposal.share_total() == 100 and len(offer.proposal.items) == 2


def test_no_op_steps_are_left_out(europe):
    state = start(europe)
    us = europe.seat_index["us"]
    form = B.new_form(state, us)
    form.items[(us, europe.kind_index["intelligence"])] = 1
    steps = texts(B.proposal_steps(state, form))
    # the default term and deadline and the proposer's 100% share... the share is a real step
    # (a fresh draft has no shares), but 'term' and 'deadline' equal to the draft's are skipped
    assert not any(s.startswith(("term", "deadline")) for s in steps)
    assert steps == ["draft", "add us intelligence 1", "share us 100", "send"]
    form.term = 5
    form.deadline = 2
    assert texts(B.proposal_steps(state, form)) == [
        "draft",
        "term 5",
        "add us intelligence 1",
        "share us 100",
        "deadline 2",
        "send",
    ]


def test_invites_only_partners_that_give_nothing(europe):
    state = start(europe)
    us, ua = europe.seat_index["us"], europe.seat_index["ua"]
    form = B.new_form(state, us)
    B.set_partner(form, ua, True, 10)
    form.items[(us, europe.kind_index["intelligence"])] = 1
    form.shares = {us: 100, ua: 0}
    assert "invite ua" in texts(B.proposal_steps(state, form))
    form.items[(ua, europe.kind_index["host_nation_support"])] = 1
    assert "invite ua" not in texts(B.proposal_steps(state, form))


def test_counter_starts_from_the_offer_and_lowers_shares_before_raising(europe):
    state = start(europe)
    us, uk, fr = (europe.seat_index[s] for s in ("us", "uk", "fr"))
    offer_form = B.new_form(state, us)
    for s in (uk, fr):
        B.set_partner(offer_form, s, True, 10)
    offer_form.items[(uk, europe.kind_index["ground_force"])] = 2
    offer_form.items[(fr, europe.kind_index["ground_force"])] = 1
    offer_form.shares = {us: 0, uk: 50, fr: 50}
    state = B.run_steps(state, B.proposal_steps(state, offer_form))
    state = apply(state, A.EndTurn())  # now the UK answers
    offer_id = state.offers[-1].id
    form = B.form_from_offer(state, uk, offer_id)
    assert form.counter_of == offer_id and us in form.partners and fr in form.partners
    assert form.items == offer_form.items and form.term == offer_form.term
    form.shares = B.rebalance(form.shares, uk, 20, 10)
    assert sum(form.shares.values()) == 100
    steps = texts(B.proposal_steps(state, form))
    assert steps[0] == f"counter {offer_id}"
    shares = [s for s in steps if s.startswith("share")]
    assert shares == ["share uk 20", "share fr 80"], "the falling share comes first"
    assert steps[-1] == "send"
    assert B.check_form(state, form) is None
    after = B.run_steps(state, B.proposal_steps(state, form))
    assert after.offers[-1].proposer == uk and dict(after.offers[-1].proposal.shares) == {uk: 20, fr: 80}


def test_changing_units_removes_then_adds(europe):
    state = start(europe)
    us, uk = europe.seat_index["us"], europe.seat_index["uk"]
    state = apply(state, A.Draft())
    state = apply(state, A.Add("uk", "ground_force", 2))
    form = B.new_form(state, us)  # picks up the draft in progress
    assert form.items == {(uk, europe.kind_index["ground_force"]): 2}
    form.items[(uk, europe.kind_index["ground_force"])] = 1
    form.shares = {us: 100, uk: 0}
    steps = texts(B.proposal_steps(state, form))
    assert steps[:2] == ["remove uk ground_force", "add uk ground_force 1"]


def test_check_form_gives_the_rules_reason(europe):
    state = start(europe)
    us = europe.seat_index["us"]
    form = B.new_form(state, us)
    assert "commits nothing" in B.check_form(state, form)
    form.items[(us, europe.kind_index["ground_force"])] = 1
    assert "red line" in B.check_form(state, form)
    form.items = {(us, europe.kind_index["air_defence"]): 4, (us, europe.kind_index["no_fly_zone"]): 6}
    assert B.check_form(state, form) is None
    form.items[(us, europe.kind_index["no_fly_zone"])] = 6
    form.items[(us, europe.kind_index["intelligence"])] = 2
    assert B.check_form(state, form) is None


def test_why_not_item_replaces_the_same_kind(europe):
    state = start(europe)
    us, fr = europe.seat_index["us"], europe.seat_index["fr"]
    form = B.new_form(state, us)
    B.set_partner(form, fr, True, 10)
    gf = europe.kind_index["ground_force"]
    form.items[(fr, gf)] = 1
    # France's pool: 45,000 troops; a 3-year term ties up 3x: 3 brigades fit, 4 do not
    assert B.why_not_item(state, form, fr, gf, 3) is None
    reason = B.why_not_item(state, form, fr, gf, 4)
    assert reason and "France has 45,000" in reason
    assert "red line" in B.why_not_item(state, form, us, gf, 1)


def test_too_many_steps_for_the_turn():
    g = small_game(schedule={"rounds": 4, "events_per_round": 0, "negotiation_passes": 1, "edits_per_turn": 3})
    from game.core.rules import new_game

    state = resolve_chance(new_game(g, 1))
    form = B.new_form(state, 0)
    form.items[(0, g.kind_index["c2"])] = 1
    form.items[(0, g.kind_index["ad"])] = 1
    assert "drafting steps" in B.check_form(state, form)


@pytest.mark.parametrize("value", range(0, 101, 10))
def test_rebalance_keeps_the_total_at_100(value):
    shares = {0: 40, 1: 30, 2: 30}
    out = B.rebalance(shares, 1, value, 10)
    assert sum(out.values()) == 100 and out[1] == value
    assert all(p % 10 == 0 and p >= 0 for p in out.values())


def test_rebalance_spreads_in_proportion_and_respects_fixed_payers():
    assert B.rebalance({0: 50, 1: 50, 2: 0}, 0, 20, 10) == {0: 20, 1: 80, 2: 0}
    assert B.rebalance({0: 100, 1: 0, 2: 0}, 0, 40, 10) == {0: 40, 1: 30, 2: 30}
    assert B.rebalance({0: 100, 1: 0}, 0, 40, 10, fixed=frozenset({1})) == {0: 100, 1: 0}
    assert B.rebalance({0: 100}, 0, 30, 10) == {0: 100}


def test_dropping_a_partner_drops_its_items_and_passes_its_share_on(europe):
    state = start(europe)
    us, uk = europe.seat_index["us"], europe.seat_index["uk"]
    form = B.new_form(state, us)
    B.set_partner(form, uk, True, 10)
    form.items[(uk, europe.kind_index["ground_force"])] = 2
    form.shares = {us: 30, uk: 70}
    B.set_partner(form, uk, False, 10)
    assert form.partners == [] and form.items == {} and form.shares == {us: 100}


def test_a_small_scenario_game_through_the_builder():
    g = small_game()
    from game.core.rules import new_game

    state = resolve_chance(new_game(g, 5))
    form = B.new_form(state, 0)
    B.set_partner(form, 1, True, 10)
    form.items[(1, g.kind_index["ground"])] = 1
    form.items[(0, g.kind_index["c2"])] = 1
    form.shares = {0: 60, 1: 40}
    state = B.run_steps(state, B.proposal_steps(state, form))
    state = do(state, "end", "accept 1")
    assert state.agreements and state.agreements[0].proposal.items


def test_moving_a_share_takes_the_difference_in_the_stated_order(europe):
    """The proposer takes up a change first, then the others from the last listed up; a locked
    share never moves. (The issue's case: UK to 40%, then DE to 30%, leaves the UK at 40%.)"""
    state = start(europe)
    fr = europe.seat_index["fr"]
    uk, de, it = (europe.seat_index[s] for s in ("uk", "de", "it"))
    form = B.Form(proposer=fr, partners=sorted([uk, de, it]), shares={fr: 100, uk: 0, de: 0, it: 0})
    assert B.share_order(form, uk) == [fr, it, de]  # you first, then from the bottom of the list
    form.shares = B.set_share(form.shares, uk, 40, 10, B.share_order(form, uk))
    assert form.shares == {fr: 60, uk: 40, de: 0, it: 0}
    form.shares = B.set_share(form.shares, de, 30, 10, B.share_order(form, de))
    assert form.shares == {fr: 30, uk: 40, de: 30, it: 0}
    # France has only 30% left: a rise of Italy's to 50% takes 30 from France, then 20 from Germany
    form.shares = B.set_share(form.shares, it, 50, 10, B.share_order(form, it))
    assert form.shares == {fr: 0, uk: 40, de: 10, it: 50}
    # with Germany locked the rise comes from the UK; with the UK locked too, nothing is left to
    # take and the rise is cut to what the others can give
    order = B.share_order(form, it, locked={de})
    assert de not in order
    assert B.set_share(form.shares, it, 80, 10, order) == {fr: 0, uk: 10, de: 10, it: 80}
    assert B.set_share(form.shares, it, 80, 10, B.share_order(form, it, locked={de, uk})) == form.shares
    # a fall goes to the first in the order (the proposer)
    assert B.set_share(form.shares, uk, 10, 10, B.share_order(form, uk))[fr] == 30
    assert all(
        sum(B.set_share(form.shares, p, v, 10, B.share_order(form, p)).values()) == 100
        for p in (fr, uk, de, it)
        for v in range(0, 101, 10)
    )
    assert state is not None
