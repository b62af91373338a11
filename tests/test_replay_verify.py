"""Replays verify: a record carries its seed, its scenario's hash, a chained digest of every
action and the state digests of every round, so that any edit (seed, chance outcome, action,
result, truncation) is refused at the first ply where the game parts from the saved one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game import CHANCE, apply, chance_outcomes, current_seat, legal_actions, new_game
from game.analysis.conformance import random_game
from game.cli import main
from game.core.actions import parse_action
from game.core.record import Verifier, actions_of, load, save, to_record
from game.core.state import Game
from game.errors import RecordError
from game.scenario.loader import load_scenario_text

MINIMAL = Path(__file__).parent / "fixtures" / "minimal.yaml"


@pytest.fixture(scope="module")
def g():
    """The minimal scenario, with signing held back to the last round: long games, several
    chance steps with more than one outcome (event draws, reactions, incidents)."""
    text = MINIMAL.read_text(encoding="utf-8").replace("earliest_round: 2", "earliest_round: 4")
    return Game.from_scenario(load_scenario_text(text, "minimal.yaml"))


@pytest.fixture(scope="module")
def finished(g):
    return random_game(g, 7)


def saved(tmp_path, state, edit=None):
    path = tmp_path / "game.json"
    save(state, path)
    if edit is not None:
        record = json.loads(path.read_text())
        edit(record)
        path.write_text(json.dumps(record))
    return path


def states_of(g, state):
    """Every state of the game, from the first."""
    out = [new_game(g, state.seed)]
    for action in actions_of(state):
        out.append(apply(out[-1], parse_action(action)))
    return out


def test_an_unedited_record_replays_and_verifies(tmp_path, finished, g):
    loaded, record = load(saved(tmp_path, finished), g)
    assert loaded == finished and record["result"]["outcome"] == finished.result


def test_an_edited_seed_is_refused(tmp_path, finished, g):
    path = saved(tmp_path, finished, lambda r: r.update(seed=r["seed"] + 1))
    with pytest.raises(RecordError, match=r"the seed \(8\) is not the one the game was saved with"):
        load(path, g)


def test_every_swapped_chance_outcome_is_refused_at_its_ply(tmp_path, finished, g):
    states = states_of(g, finished)
    texts = actions_of(finished)
    swapped = 0
    for ply, state in enumerate(states[:-1], 1):
        if current_seat(state) != CHANCE:
            continue
        for other, _ in chance_outcomes(state):
            if str(other) == texts[ply - 1]:
                continue
            path = saved(tmp_path, finished, lambda r, p=ply, o=str(other): r["actions"].__setitem__(p - 1, o))
            with pytest.raises(RecordError, match=rf"ply {ply}: the chance outcome '{other}' is not what seed 7 gives"):
                load(path, g)
            swapped += 1
    assert swapped >= 5, "the game should have chance steps with more than one outcome"


def test_an_edited_player_action_is_refused_at_its_ply(tmp_path, finished, g):
    states = states_of(g, finished)
    texts = actions_of(finished)
    edits = 0
    for ply, state in enumerate(states[:-1], 1):
        if current_seat(state) == CHANCE:
            continue
        for other in legal_actions(state):
            if str(other) != texts[ply - 1]:
                path = saved(tmp_path, finished, lambda r, p=ply, o=str(other): r["actions"].__setitem__(p - 1, o))
                with pytest.raises(RecordError, match=rf"ply {ply} \('{other}'\) is not the action saved there"):
                    load(path, g)
                edits += 1
                break
        if edits >= 12:
            break
    assert edits >= 12


def test_an_inserted_action_is_refused_at_its_ply(tmp_path, finished, g):
    def insert(record):
        record["actions"][10:10] = ["end"]

    with pytest.raises(RecordError, match="(ply|action) 11 "):
        load(saved(tmp_path, finished, insert), g)


def test_a_forged_result_is_refused(tmp_path, finished, g):
    def forge(record):
        seats = list(record["result"]["scores"])
        loser = min(seats, key=lambda s: record["result"]["scores"][s])
        record["result"]["winners"] = [loser]

    with pytest.raises(RecordError, match="the result was edited"):
        load(saved(tmp_path, finished, forge), g)


def test_a_result_added_to_an_unfinished_game_is_refused(tmp_path, g):
    state = random_game(g, 2)
    mid = states_of(g, state)[30]
    record = to_record(state)["result"]
    path = saved(tmp_path, mid, lambda r: r.update(result=record))
    with pytest.raises(RecordError, match="not over at ply 30"):
        load(path, g)


def test_a_truncated_action_list_is_refused_with_the_first_missing_ply(tmp_path, finished, g):
    n = len(actions_of(finished))
    path = saved(tmp_path, finished, lambda r: r.update(actions=r["actions"][: n - 7]))
    with pytest.raises(RecordError, match=rf"ends at ply {n - 7} but the game was saved with {n} actions.*ply {n - 6}"):
        load(path, g)


def test_a_trimmed_record_and_digest_is_caught_by_the_last_state(tmp_path, finished, g):
    n = len(actions_of(finished))

    def trim(record):
        record["actions"] = record["actions"][: n - 7]
        record["verify"]["steps"] = record["verify"]["steps"][: 4 * (n - 7)]
        del record["result"]

    with pytest.raises(RecordError, match="the last state .* differs from the saved one"):
        load(saved(tmp_path, finished, trim), g)


def test_a_game_that_replays_differently_is_caught_at_its_round(tmp_path, finished, g):
    def other_rules(record):  # what a record saved under other rules looks like: its round states differ
        record["verify"]["rounds"][1][1] = "0" * 16

    path = saved(tmp_path, finished, other_rules)
    with pytest.raises(RecordError, match="replays differently from the saved one in round 3"):
        load(path, g)
    loaded, _ = load(path, g, exact=False)  # the window still lets the players resume it
    assert loaded == finished


def test_the_verifier_follows_a_game_without_replaying_it_each_time(g):
    state = random_game(g, 8)
    every = states_of(g, state)
    verifier = Verifier()
    for s in every[::17] + [every[-1]]:
        assert verifier.block(s) == Verifier().block(s)
    assert verifier.block(every[40]) == Verifier().block(every[40])  # back in time (an undo)


def test_replay_says_exactly_only_for_a_verified_record(tmp_path, finished, g, capsys, monkeypatch):
    import game.core.record as R

    monkeypatch.setattr(R, "find_game", lambda record, path, known=(): g)
    path = saved(tmp_path, finished)
    assert main(["replay", str(path)]) == 0
    assert "the record replays exactly: seed, every action" in capsys.readouterr().out
    path = saved(tmp_path, finished, lambda r: r.update(seed=r["seed"] + 1))
    assert main(["replay", str(path)]) == 1
    assert "the seed (8) is not the one" in capsys.readouterr().err
    old = saved(tmp_path, finished, lambda r: [r.update(version=1), r.pop("verify")])
    assert main(["replay", str(old)]) == 0
    assert "a version 1 record carries no digests" in capsys.readouterr().out
