"""The table's game session (game/ui/session.py): autosave, resume, undo, AI seats off the main
loop. No window needed."""

from __future__ import annotations

import json
import time

import pytest

from game.core import actions as A
from game.core.record import actions_of
from game.core.state import Game
from game.errors import IllegalActionError, RecordError
from game.paths import DEFAULT_SCENARIO
from game.scenario.loader import load_scenario
from game.ui.session import HUMAN, Driver, Session, autosave_path, autosave_summary, default_agent


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("COALITION_HOME", str(tmp_path))
    return tmp_path


@pytest.fixture(scope="module")
def europe() -> Game:
    return Game.from_scenario(load_scenario(DEFAULT_SCENARIO))


def players(g: Game, humans=("us",), ai="random"):
    return {s: (HUMAN if s in humans else ai) for s in g.seats}


def run_until_human(session: Session, driver: Driver, limit: float = 10.0) -> None:
    end = time.monotonic() + limit
    while driver.busy() and time.monotonic() < end:
        driver.tick(0.05)
    assert not driver.busy(), "the AI seats did not hand back to a human in time"


def test_default_agent_prefers_the_negotiator():
    from game.agents import AGENTS

    assert default_agent() == ("negotiator" if "negotiator" in AGENTS else sorted(AGENTS)[0])


def test_autosave_and_resume_reach_the_same_state(europe, home):
    s = Session.new(europe, 11, players(europe, ("us", "fr")), str(DEFAULT_SCENARIO))
    d = Driver(s, "instant")
    run_until_human(s, d)
    s.play(s.current, [A.Draft(), A.Add("us", "intelligence", 1), A.Share("us", 100), A.Send()])
    s.play(s.current, [A.EndTurn()])
    run_until_human(s, d)
    s.autosave()
    d.close()
    assert autosave_path().parent == home / "autosaves" and autosave_path() == s.slot.path
    summary = autosave_summary()
    assert summary and summary["actions"] == len(actions_of(s.state))
    resumed = Session.load(autosave_path())
    assert actions_of(resumed.state) == actions_of(s.state)
    assert resumed.state.ply == s.state.ply and resumed.players == s.players
    assert resumed.state.offers == s.state.offers and resumed.state.credibility == s.state.credibility


def test_a_move_is_all_or_nothing(europe):
    s = Session.new(europe, 2, players(europe, ("us",)))
    d = Driver(s, "instant")
    run_until_human(s, d)
    before = s.state
    with pytest.raises(IllegalActionError, match="red line"):
        s.play(s.current, [A.Draft(), A.Add("us", "ground_force", 1)])
    assert s.state is before and s.moves == []
    d.close()


def test_undo_takes_back_the_last_move_and_says_so(europe):
    s = Session.new(europe, 4, players(europe, ("us",)), str(DEFAULT_SCENARIO))
    d = Driver(s, "instant")
    run_until_human(s, d)
    seat = s.current
    before = actions_of(s.state)
    assert s.undo_reason(seat) == "undo_nothing"
    s.play(seat, [A.Draft(), A.Add("uk", "ground_force", 1), A.Share("us", 100), A.Send()])
    s.play(seat, [A.Withdraw(s.state.offers[-1].id)])
    s.undo(seat)
    assert len(actions_of(s.state)) == len(before) + 4 and s.state.offers
    s.undo(seat)
    assert actions_of(s.state) == before
    assert [n.key for n in s.notes] == ["log_undo", "log_undo"]
    # the note survives a save and a resume
    s.dirty = True
    s.autosave()
    assert [n.key for n in Session.load(autosave_path()).notes] == ["log_undo", "log_undo"]
    # ending the turn hands over: it cannot be taken back
    s.play(seat, [A.EndTurn()])
    assert s.undo_reason(seat) is not None
    d.close()


def test_ai_seats_play_in_a_worker_and_stale_answers_are_dropped(europe):
    s = Session.new(europe, 5, players(europe, ("ua",)))
    d = Driver(s, "instant")
    run_until_human(s, d)
    assert s.current == europe.seat_index["ua"]
    assert d.thinking is None and d.failures == []
    d.close()


def test_a_broken_agent_passes_instead_of_crashing(europe, monkeypatch):
    s = Session.new(europe, 6, players(europe, ("ua",)))

    class Broken:
        def act(self, observation, legal):
            raise RuntimeError("boom")

    s._agents = {i: Broken() for i in range(len(europe.seats))}
    d = Driver(s, "instant")
    run_until_human(s, d)
    assert d.failures and "boom" in d.failures[0]
    assert any(n.key == "log_ai_failed" for n in s.notes)
    d.close()


def test_a_corrupt_save_is_one_clear_error(home):
    bad = home / "bad.json"
    bad.write_text(
        '{"format": "coalition-record", "version": 1, "scenario": {"id": "x", "hash": "y"}, "seed": 1, "act',
        encoding="utf-8",
    )
    with pytest.raises(RecordError, match="not valid JSON"):
        Session.load(bad)
    (home / "autosaves").mkdir()
    (home / "autosaves" / "20250101-000000-x-abcdef.json").write_text("{not json", encoding="utf-8")
    assert autosave_summary()["broken"] is True


def test_a_finished_game_is_not_offered_for_resume(europe):
    s = Session.new(europe, 8, players(europe, ()))
    d = Driver(s, "instant")
    end = time.monotonic() + 20
    while not s.over and time.monotonic() < end:
        d.tick(0.05)
    assert s.over
    s.autosave()
    d.close()
    data = json.loads(autosave_path().read_text(encoding="utf-8"))
    assert data["result"]["outcome"] == s.state.result
    assert autosave_summary() is None
