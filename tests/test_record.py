"""Save files: plain JSON records that replay exactly, and clear errors for bad ones."""

from __future__ import annotations

import json

import pytest

from game.analysis.conformance import random_game
from game.core.record import actions_of, load, save, to_record
from game.core.rules import new_game
from game.errors import RecordError

from .helpers import do, game


@pytest.fixture
def finished():
    return random_game(game(schedule={"events_per_round": 1}), 3)


def test_a_record_holds_version_scenario_hash_seed_players_and_actions(finished):
    record = to_record(finished)
    assert record["format"] == "coalition-record" and record["version"] == 2
    assert record["scenario"] == {"id": "test", "hash": finished.game.hash, "file": None}
    assert record["seed"] == 3 and record["actions"] == actions_of(finished)
    assert record["result"]["outcome"] == finished.result
    assert set(record["verify"]) == {"start", "steps", "rounds", "final"}
    assert len(record["verify"]["steps"]) == 4 * len(record["actions"])
    json.dumps(record)  # plain JSON


def test_a_saved_game_loads_to_the_same_state(finished, tmp_path):
    save(finished, tmp_path / "g.json")
    loaded, _ = load(tmp_path / "g.json", finished.game)
    assert loaded == finished


def test_a_game_saved_mid_negotiation_resumes_where_it_stopped(tmp_path):
    g = game()
    state = do(new_game(g, 1), "end", "draft", "add fr ground 1", "share fr 100")
    save(state, tmp_path / "mid.json")
    loaded, _ = load(tmp_path / "mid.json", g)
    assert loaded.draft == state.draft and loaded.ply == state.ply


def test_no_clock_time_in_a_record(finished, tmp_path):
    save(finished, tmp_path / "a.json")
    save(finished, tmp_path / "b.json")
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()


@pytest.mark.parametrize(
    "mangle, message",
    [
        (lambda text: text[: len(text) // 2], "not valid JSON"),
        (lambda text: "[1, 2]", "not a Coalition record"),
        (lambda text: text.replace('"version": 2', '"version": 99'), "version 99 is not supported"),
        (lambda text: text.replace('"seed": 3', '"seed": "three"'), "seed"),
        (lambda text: text.replace('"actions": [', '"actions": ["fly to the moon", '), "cannot be replayed"),
        (lambda text: text.replace('"actions": [', '"actions": ["accept 99", '), "cannot be replayed"),
        (lambda text: "\x00\xff junk", "not valid JSON"),
        (lambda text: "[" * 100000, "nested too deeply"),
    ],
)
def test_a_corrupt_record_gets_one_clear_error(finished, tmp_path, mangle, message):
    path = tmp_path / "bad.json"
    save(finished, path)
    path.write_text(mangle(path.read_text()), encoding="utf-8", errors="surrogateescape")
    with pytest.raises(RecordError, match=message):
        load(path, finished.game)


def test_a_record_of_a_changed_scenario_is_refused(finished, tmp_path):
    save(finished, tmp_path / "g.json")
    changed = game(schedule={"events_per_round": 1, "rounds": 5})
    with pytest.raises(RecordError, match="has changed since this game was saved"):
        load(tmp_path / "g.json", changed)


def test_a_missing_record_is_reported(tmp_path):
    with pytest.raises(RecordError, match="no such file"):
        load(tmp_path / "nope.json")


def test_a_record_without_its_file_finds_the_shipped_scenario_by_id(tmp_path):
    from game.core.state import Game
    from game.paths import scenario_files
    from game.scenario.loader import load_scenario

    path = next(p for p in scenario_files() if p.name == "nato_efp_baltic_2016.yaml")
    g = Game.from_scenario(load_scenario(path))
    state = random_game(g, 2)
    save(state, tmp_path / "g.json")  # no scenario file stored
    loaded, _ = load(tmp_path / "g.json")
    assert loaded.game.scenario.id == g.scenario.id and actions_of(loaded) == actions_of(state)
