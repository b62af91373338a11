"""The round report's chronicle (game/ui/report.py): every change to a track explained, odds of
every roll, kept in step with a game that moves on or is taken back."""

from __future__ import annotations

import pytest

from game.core.narrate import TRACKS
from game.core.state import Game
from game.paths import DEFAULT_SCENARIO
from game.scenario.loader import load_scenario
from game.ui import demo
from game.ui.report import Chronicle


@pytest.fixture(scope="module")
def europe() -> Game:
    return Game.from_scenario(load_scenario(DEFAULT_SCENARIO))


@pytest.fixture(scope="module")
def late(europe):
    return demo.late_game(europe, seed=7, rounds=5)


def test_every_change_is_explained_and_adds_up(europe, late):
    c = Chronicle(europe, late.seed)
    c.sync(late)
    assert c.states[-1] is late
    for r in range(0, late.round):
        rep = c.report(r)
        assert rep.complete == c.opened(r + 1)
        for key in rep.start:
            moved = sum(ch.after - ch.before for ch in rep.changes if (ch.track, ch.seat) == key)
            assert moved == pytest.approx(rep.end[key] - rep.start[key], abs=1e-6), (r, key)
        for ch in rep.changes:
            assert ch.cause and ch.cause[0] in (
                "event",
                "incident",
                "reaction",
                "bind",
                "stale",
                "calm",
                "accounts",
                "lapse",
            )
        for roll in rep.rolls:
            assert 0 < roll.chance < 1
        if r >= 1 and rep.complete:
            assert rep.draws, "each round's report ends with the next round's event card"
            assert rep.rolls, "the package in force rolls its incident risks every round"
            assert any(ch.cause == ("accounts",) for ch in rep.changes), "budgets and bills every round"
    assert any(ch.cause[0] == "bind" for ch in c.report(1).changes), "the package binds in round 1"
    assert {t.id for t in c.tracks} <= {t.id for t in TRACKS}


def test_it_follows_a_game_taken_back(europe, late):
    c = Chronicle(europe, late.seed)
    c.sync(late)
    earlier = demo.late_game(europe, seed=7, rounds=3)
    c.sync(earlier)
    fresh = Chronicle(europe, earlier.seed)
    fresh.sync(earlier)
    assert c.actions == fresh.actions and c.report(2) == fresh.report(2)
    c.sync(late)
    again = Chronicle(europe, late.seed)
    again.sync(late)
    assert c.report(4) == again.report(4)


def test_a_seat_sees_no_secret_card(europe, late):
    c = Chronicle(europe, late.seed)
    c.sync(late)
    secret = {e.id for e in europe.scenario.events if e.visible_to}
    for r in range(late.round):
        rep = c.report(r)
        for seat in range(len(europe.seats)):
            mine = rep.for_viewer(seat)
            for d in mine.draws:
                card = next((e for e in europe.scenario.events if e.id == d.card), None)
                assert d.card == "?" or card is None or not card.visible_to or europe.seats[seat] in card.visible_to
            assert all(n.visible(seat) for n in mine.news)
    assert secret is not None
