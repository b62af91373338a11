"""Rules of the game design (docs/design.md): Russian alarm, the aftermath of a signed deal, unsigned
agreements lapsing, the red line on the share of the bills, soft red lines costing support, each
seat's own value of the outcomes and of delay, and who wins."""

from __future__ import annotations

import copy

import pytest

from game.core.rules import is_over, new_game
from game.core.scoring import outcome
from game.core.state import BAD_TERMS, COLLAPSE, NO_DEAL, SIGNED

from .helpers import BASE, do, game

US, FR, UA = 0, 1, 2


def actors(**changes):
    """BASE's actors with per-actor changes merged in (``fr={"support": 30}``)."""
    out = copy.deepcopy(BASE["actors"])
    for a in out:
        a.update(changes.get(a["id"], {}))
    return out


def commitments(**changes):
    out = copy.deepcopy(BASE["commitments"])
    for k in out:
        k.update(changes.get(k["id"], {}))
    return out


def to_seat(state, seat_id):
    while state.game.seats[state.turn % state.game.n_seats] != seat_id or state.phase != "negotiation":
        state = do(state, "hold" if state.phase == "commitment" else "end")
    return state


def test_russian_alarm_sums_the_units_in_force_and_lasting_modifiers():
    g = game(commitments=commitments(ground={"alarm": 6}, nfz={"alarm": 5}), alarm={"start": 3})
    state = new_game(g, 1)
    assert state.alarm == 3
    state = do(to_seat(state, "fr"), "draft", "add fr ground 2", "term 1", "share fr 100", "send")
    assert state.alarm == 3 + 2 * 6


def test_a_reaction_reads_alarm_and_its_effect_moves_it_for_good():
    reaction = {
        "id": "warning",
        "title": "Moscow warns",
        "chance": 1.0,
        "when": {"alarm_at_least": 10},
        "effects": {"escalation": 1, "alarm": 2},
    }
    g = game(commitments=commitments(ground={"alarm": 6}), reactions=[reaction])
    state = do(to_seat(new_game(g, 1), "fr"), "draft", "add fr ground 1", "term 1", "share fr 100", "send")
    quiet = do(state, "end", "end", "hold")  # 6 < 10: nothing
    assert quiet.escalation == 0 and quiet.alarm == 6
    state = do(to_seat(new_game(g, 1), "fr"), "draft", "add fr ground 2", "term 1", "share fr 100", "send")
    state = do(state, "end", "end", "hold")
    assert state.escalation == 1 and state.alarm == 14 and state.alarm_lasting == 2


def test_conditions_on_a_credible_guarantee_and_on_the_signed_deal():
    reaction = {
        "id": "press",
        "title": "Washington presses Kyiv",
        "chance": 1.0,
        "when": {"credible": True, "signed": False},
        "effects": {"support": {"ua": -5}},
    }
    g = game(reactions=[reaction], acceptance={"threshold": 5})
    state = do(new_game(g, 1), "end", "end", "end", "hold")  # credibility 0 >= 5? no: nothing
    assert state.seats[UA].support == 50
    g = game(reactions=[reaction], acceptance={"threshold": 0})
    state = do(new_game(g, 1), "end", "end", "end", "hold")
    assert state.seats[UA].support == 45
    state = do(new_game(g, 1), "end", "end", "end", "sign")  # signed: the pressure stops
    assert state.seats[UA].support == 50


def test_the_game_goes_on_after_signing_for_the_aftermath_without_negotiation():
    g = game(acceptance={"aftermath": 2})
    state = do(to_seat(new_game(g, 1), "us"), "draft", "add us c2 1", "term 1", "share us 100", "send")
    state = do(state, "end", "end", "end", "sign")  # round 1; the aftermath needs no seat to act
    assert state.signed_round == 1 and state.result in (SIGNED, BAD_TERMS)
    assert is_over(state) and state.round == 3  # two more rounds of events and resolution
    assert state.seats[US].paid == pytest.approx(0.3 / 12 * 3)  # the bills came in for three rounds
    assert not any(n.kind == "hold" or n.kind == "offer" for n in _news(state) if n.round > 1)


def test_a_clash_in_the_aftermath_ends_the_game_in_collapse():
    nfz = {"incident": {"chance": 1.0, "escalation": 5, "text": "clash"}}
    g = game(acceptance={"aftermath": 3}, commitments=commitments(nfz=nfz))
    state = do(to_seat(new_game(g, 1), "us"), "draft", "add us nfz 2", "term 1", "share us 100", "send")
    state = do(state, "end", "end", "end", "sign")  # signed in round 1; the zone clashes as the round resolves
    assert is_over(state) and state.result == COLLAPSE and state.deal is not None


def test_an_agreement_left_unsigned_lapses_after_the_window_and_its_forces_go_home():
    g = game(acceptance={"window": 2, "earliest_round": 2})
    state = do(to_seat(new_game(g, 1), "fr"), "draft", "add fr ground 1", "term 1", "share fr 100", "send")
    assert len(state.agreements) == 1 and state.seats[FR].forces[0] == 35000
    state = do(state, "end", "end")  # round 1 ends (no commitment phase before round 2)
    state = do(state, "end", "end", "end", "hold")  # round 2: the first round it counts
    assert len(state.agreements) == 1
    state = do(state, "end", "end", "end", "hold")  # round 3: the window's last round
    assert state.agreements == () and state.seats[FR].forces[0] == 40000
    assert any(n.kind == "stale" for n in _news(state))


def test_the_share_red_line_is_crossed_when_a_seat_pays_more_of_the_bills_than_it_allows():
    line = {"max_percent": 40, "support": 4, "text": "Europe pays the lion's share"}
    g = game(actors=actors(us={"share_red_line": line}))
    start = new_game(g, 1)
    state = do(to_seat(start, "us"), "draft", "add us c2 1", "term 1", "share us 40", "share fr 60", "send")
    state = do(state, "end", "accept 1")
    assert state.seats[US].crossed == 0 and len(state.agreements) == 1
    state = do(to_seat(start, "us"), "draft", "add us c2 1", "term 1", "share us 50", "share fr 50", "send")
    state = do(state, "end", "accept 1")
    assert state.seats[US].crossed == 1 and state.seats[US].support == 50 - 4
    line_score = next(s for s in outcome(state).scores[US].lines if s.objective == "red_lines")
    assert line_score.value == 0.0  # its one soft red line is crossed


def test_crossing_a_soft_red_line_costs_the_support_it_names():
    fr = {"red_lines": [{"kind": "ground", "max_units": 1, "hard": False, "support": 6}]}
    g = game(actors=actors(fr=fr))
    state = do(to_seat(new_game(g, 1), "fr"), "draft", "add fr ground 2", "term 1", "share fr 100", "send")
    assert state.seats[FR].crossed == 1 and state.seats[FR].support == 50 - 6


def test_each_seat_values_the_outcomes_its_own_way_and_pays_for_delay():
    us = {"private": {**BASE["actors"][0]["private"], "outcomes": {"bad_terms": 0.5, "delay": 0.1}}}
    g = game(actors=actors(us=us), peace={"delay": 0.05}, acceptance={"earliest_round": 1})
    state = do(new_game(g, 1), "end", "end", "end", "hold", "end", "end", "end", "sign")  # bad terms, round 2
    assert state.result == BAD_TERMS and state.signed_round == 2
    scores = outcome(state).scores
    us_peace = next(s for s in scores[US].lines if s.objective == "peace")
    fr_peace = next(s for s in scores[FR].lines if s.objective == "peace")
    assert us_peace.value == pytest.approx(0.5 - 0.1)  # its own value, one round late
    assert fr_peace.value == pytest.approx(-0.5 - 0.05)  # the scenario's
    assert "1 round(s) after" in us_peace.reason


def test_no_deal_has_no_winner_and_a_deal_is_won_by_the_largest_margin_over_a_bottom_line():
    state = new_game(game(), 1)
    while not is_over(state):
        state = do(state, "hold" if state.phase == "commitment" else "end")
    assert state.result == NO_DEAL and outcome(state).winners == ()
    state = do(new_game(game(), 1), "end", "end", "end", "sign")
    o = outcome(state)
    margins = {s.seat: s.total - s.bottom_line for s in o.scores}
    assert o.scores[US].bottom_line == 10  # the US's reservation in BASE
    assert o.winners == tuple(s for s, m in margins.items() if m == max(margins.values()))


def _news(state):
    out, cell = [], state.news
    while cell is not None:
        cell, item = cell
        out.append(item)
    return out
