"""Rules tests, named after the rule each checks (see game/rules.py, negotiation.py, resolution.py)."""

from __future__ import annotations

import pytest

from game import (
    CHANCE,
    apply,
    chance_outcomes,
    current_seat,
    is_over,
    legal_actions,
    new_game,
    sample_chance,
    why_illegal,
)
from game.core.actions import parse_action
from game.core.credibility import credibility
from game.core.scoring import outcome
from game.core.state import BAD_TERMS, COLLAPSE, NO_DEAL, SIGNED
from game.errors import IllegalActionError

from .helpers import do, game

US, FR, UA = 0, 1, 2

# A package France proposes: 2 French brigades under US command, for 3 years, costs split 50/50.
PACKAGE = ("draft", "add fr ground 2", "add us c2 1", "share fr 50", "share us 50", "send")


def negotiation_turn(state, seat_id):
    """Pass turns until ``seat_id`` is to act in the negotiation phase."""
    while state.game.seats[current_seat(state)] != seat_id:
        state = do(state, "end")
    return state


def test_round_opens_with_negotiation_in_seat_order():
    state = new_game(game(), 1)
    assert state.phase == "negotiation" and state.round == 1
    assert current_seat(state) == US
    assert current_seat(do(state, "end")) == FR


def test_illegal_action_raises_a_precise_error_and_changes_nothing():
    state = new_game(game(), 1)
    with pytest.raises(IllegalActionError, match="there is no draft"):
        apply(state, parse_action("send"))
    with pytest.raises(IllegalActionError, match="no open offer 9"):
        apply(state, parse_action("accept 9"))
    assert state == new_game(game(), 1)


def test_us_hard_red_line_keeps_us_ground_troops_out_of_any_proposal():
    state = do(new_game(game(), 1), "draft")
    assert "red line" in why_illegal(state, parse_action("add us ground 1"))
    assert parse_action("add us ground 1") not in legal_actions(state)
    assert parse_action("add fr ground 1") in legal_actions(state)


def test_only_listed_givers_may_give_a_kind():
    state = do(new_game(game(), 1), "draft")
    assert "cannot give Host nation support" in why_illegal(state, parse_action("add fr hns 1"))


def test_a_proposal_needs_shares_summing_to_100_before_it_can_be_sent():
    state = do(new_game(game(), 1), "draft", "add fr ground 2", "share fr 50")
    assert "50%" in why_illegal(state, parse_action("send"))
    state = do(state, "share us 50")
    assert why_illegal(state, parse_action("send")) is None


def test_shares_can_never_exceed_100_percent():
    state = do(new_game(game(), 1), "draft", "share fr 70")
    assert "more than 100%" in why_illegal(state, parse_action("share us 40"))


def test_proposal_binds_once_every_giver_has_accepted():
    state = negotiation_turn(new_game(game(), 1), "fr")
    state = do(state, *PACKAGE)
    offer = state.offers[0]
    assert offer.needs() == {US}  # France proposed; the US gives C2 and pays half
    assert not state.agreements
    state = do(state, "end", "end")  # Ukraine's turn, then the commitment phase
    assert state.phase == "commitment"
    state = do(state, "hold")  # round 2
    state = do(state, "accept 1")
    assert [a.id for a in state.agreements] == [1] and not state.offers


def test_a_proposal_in_which_only_the_proposer_gives_binds_when_sent():
    state = negotiation_turn(new_game(game(), 1), "fr")
    state = do(state, "draft", "add fr ground 1", "share fr 100", "send")
    assert len(state.agreements) == 1 and not state.offers


def test_one_rejection_kills_an_offer():
    state = negotiation_turn(new_game(game(), 1), "fr")
    state = do(state, *PACKAGE, "end", "end", "hold", "reject 1")
    assert not state.offers and not state.agreements


def test_counter_rejects_and_opens_a_prefilled_draft():
    state = negotiation_turn(new_game(game(), 1), "fr")
    state = do(state, *PACKAGE, "end", "end", "hold", "counter 1")
    assert not state.offers
    assert state.draft.items == ((FR, 0, 2), (US, 1, 1))
    state = do(state, "share us 30", "share fr 70", "send")
    assert state.offers[0].proposer == US and state.offers[0].needs() == {FR}


def test_only_the_proposer_may_withdraw_an_offer():
    state = negotiation_turn(new_game(game(), 1), "fr")
    state = do(state, *PACKAGE)
    state = do(state, "withdraw 1")
    assert not state.offers


def test_offers_expire_after_their_deadline():
    state = negotiation_turn(new_game(game(), 1), "fr")
    state = do(state, "draft", "add fr ground 2", "add us c2 1", "share fr 50", "share us 50", "deadline 0", "send")
    state = do(state, "end", "end")  # negotiation ends in round 1: deadline 0 means this round only
    assert not state.offers


def test_costs_are_charged_by_the_agreed_shares_every_round():
    g = game()
    state = negotiation_turn(new_game(g, 1), "fr")
    state = do(state, "draft", "add fr ground 2", "term 1", "share fr 60", "share us 40", "send", "end", "end", "hold")
    assert state.round == 2 and current_seat(state) == US  # the US answers in round 2
    before = state.seats
    state = do(state, "accept 1", "end", "end", "end", "hold")
    monthly = 2 * 1.2 / 12
    assert state.round == 3
    assert state.seats[FR].paid - before[FR].paid == pytest.approx(0.6 * monthly)
    assert state.seats[US].paid - before[US].paid == pytest.approx(0.4 * monthly)


def test_a_payer_without_funds_falls_into_arrears_and_loses_support_and_credibility():
    g = game(
        actors=[
            {**a, "reserve": 0, "budget": 0.0} if a["id"] == "fr" else a
            for a in __import__("tests.helpers", fromlist=["BASE"]).BASE["actors"]
        ]
    )
    state = negotiation_turn(new_game(g, 1), "fr")
    state = do(state, "draft", "add fr ad 2", "share fr 100", "send")  # $2bn up front, France has nothing
    fr = state.seats[FR]
    assert fr.arrears == pytest.approx(2.0) and fr.funds == 0
    assert fr.support == pytest.approx(50 - 2 * 2.0)
    assert state.round_penalty == pytest.approx(4.0)
    assert state.credibility == pytest.approx(credibility(g, state.agreements, 0.0) - 4.0)


def test_long_terms_tie_up_rotation_forces():
    g = game()
    state = negotiation_turn(new_game(g, 1), "fr")
    assert g.draw(FR, 0, 2, 1) == 10000
    assert g.draw(FR, 0, 2, 3) == 30000  # three brigades' worth in rotation per brigade deployed
    state = do(state, "draft", "add fr ground 2", "share fr 100", "send")
    assert state.seats[FR].forces[0] == 40000 - 30000
    state = negotiation_turn(do(state, "end", "end", "hold"), "fr")
    state = do(state, "draft")
    assert "has 10,000 troops available; this needs 15,000" in why_illegal(state, parse_action("add fr ground 1"))


def test_ground_force_is_worth_more_with_a_us_command_backstop():
    g = game()
    alone = do(negotiation_turn(new_game(g, 1), "fr"), "draft", "add fr ground 2", "share fr 100", "send")
    state = negotiation_turn(new_game(g, 1), "us")
    state = do(state, "draft", "add us c2 1", "share us 100", "send", "end")
    backed = do(state, "draft", "add fr ground 2", "share fr 100", "send")
    c2_only = credibility(g, state.agreements, 0.0)
    assert backed.credibility > alone.credibility + c2_only - 1e-9
    scale, credit = 40, g.term_credit[3]
    raw = 2 * 8 * credit * 1.5 + 1 * 5 * credit
    assert backed.credibility == pytest.approx(100 * (1 - __import__("math").exp(-raw / scale)))


def test_no_fly_zone_rolls_each_round_for_a_clash_that_escalates():
    g = game()
    state = negotiation_turn(new_game(g, 1), "us")
    state = do(state, "draft", "add us nfz 4", "share us 100", "send", "end", "end", "end")
    state = apply(state, parse_action("hold"))
    assert current_seat(state) == CHANCE
    outcomes = dict(chance_outcomes(state))
    hit = parse_action("incident us nfz hit")
    assert outcomes[hit] == pytest.approx(1 - 0.9**4)
    before = state.escalation
    after = apply(state, hit)
    assert after.escalation == before + 2


def test_escalation_reaching_the_top_rung_ends_the_game_in_collapse():
    state = negotiation_turn(new_game(game(escalation={"start": 3}), 1), "us")
    state = do(state, "draft", "add us nfz 4", "share us 100", "send", "end", "end", "end")
    state = apply(apply(state, parse_action("hold")), parse_action("incident us nfz hit"))
    assert is_over(state) and state.result == COLLAPSE
    assert all(s.lines[0].value == -1.0 for s in outcome(state).scores)  # peace: collapse


def test_signing_below_the_threshold_is_a_deal_on_russias_terms():
    state = do(new_game(game(), 1), "end", "end", "end", "sign")
    assert is_over(state) and state.result == BAD_TERMS


def test_signing_at_or_above_the_threshold_is_a_credible_deal():
    state = negotiation_turn(new_game(game(), 1), "us")
    state = do(state, "draft", "add us c2 2", "add us nfz 4", "add us ad 2", "term 5", "share us 100", "send", "end")
    state = do(state, "draft", "add fr ground 1", "add fr ad 2", "term 5", "share fr 100", "send", "end", "end")
    assert state.credibility >= 60
    state = do(state, "sign")
    assert state.result == SIGNED


def test_the_clock_running_out_means_no_deal():
    state = new_game(game(), 1)
    while not is_over(state):
        state = do(state, "hold" if state.phase == "commitment" else "end")
    assert state.result == NO_DEAL and state.round == 4


def test_a_government_whose_support_collapses_withdraws_its_commitments():
    g = game(
        actors=[
            {**a, "support": 21} if a["id"] == "fr" else a
            for a in __import__("tests.helpers", fromlist=["BASE"]).BASE["actors"]
        ]
    )
    state = negotiation_turn(new_game(g, 1), "us")
    state = do(state, "draft", "term 1", "add us c2 1", "add fr ground 3", "share us 100", "send", "end")
    state = do(state, "accept 1", "end", "end", "hold")  # binds; each brigade costs 0.5 support a round
    assert state.seats[FR].support < 20 and state.round == 2
    state = do(state, "end", "end", "end", "hold")
    assert [i[0] for a in state.agreements for i in a.proposal.items] == [US]
    assert state.seats[FR].forces[0] == 40000


def test_crossing_a_soft_red_line_is_allowed_but_costs_score():
    g = game()
    state = negotiation_turn(new_game(g, 1), "fr")
    state = do(state, "draft", "add fr ground 2", "term 1", "share fr 100", "send")  # soft limit is 1 brigade
    assert state.seats[FR].crossed == 1
    line = next(x for x in outcome(state).scores[FR].lines if x.objective == "red_lines")
    assert line.value == 0.0 and "crossed 1" in line.reason


def test_score_lines_add_up_and_every_line_gives_a_reason():
    state = do(new_game(game(), 1), "end", "end", "end", "sign")
    for seat in outcome(state).scores:
        assert seat.total == pytest.approx(sum(x.points for x in seat.lines))
        assert all(x.reason for x in seat.lines)
        assert sum(x.weight for x in seat.lines) == 100


def test_chance_outcomes_follow_only_the_seed_and_the_ply():
    g = game(schedule={"events_per_round": 1})
    a, b = new_game(g, 5), new_game(g, 5)
    assert current_seat(a) == CHANCE
    assert sample_chance(a) == sample_chance(b)


def test_the_chance_player_alone_resolves_chance_steps():
    g = game(schedule={"events_per_round": 1})
    state = new_game(g, 5)
    assert "chance step" in why_illegal(state, parse_action("end"))
    assert "only chance" in why_illegal(do(state, "draft"), parse_action("draw shock"))


def test_score_reasons_render_in_english_and_japanese():
    from game.core.narrate import score_reason
    from game.core.scoring import REASONS

    state = do(new_game(game(), 1), "end", "end", "end", "sign")
    for line in outcome(state).scores[US].lines:
        assert REASONS[line.key].format(**dict(line.args)) == line.reason == score_reason(line, "en")
        assert score_reason(line, "ja") != line.reason
    cost = next(x for x in outcome(state).scores[US].lines if x.objective == "low_cost")
    assert "24.0" in score_reason(cost, "ja") and "十億ドル" in score_reason(cost, "ja")
