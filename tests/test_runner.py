"""The headless runner: JSON lines per game, the same bytes for any --jobs, a crash recorded as
that game's error, Ctrl-C keeping every finished game, the summary and the tournament."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from game import agents as agents_module
from game.analysis.runner import mean_ci, rotations, summarise
from game.cli import main

ROOT = Path(__file__).resolve().parent.parent


def _simulate(tmp_path, name, *extra):
    out = tmp_path / name
    code = main(["simulate", "--games", "4", "--seed", "3", "--agent", "random", "--quiet", "--out", str(out), *extra])
    assert code == 0
    return out


def test_simulate_writes_one_json_line_per_game_with_the_results(tmp_path, capsys):
    out = _simulate(tmp_path, "r.jsonl", "--seats", "us=negotiator")
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert [x["seed"] for x in lines] == [3, 4, 5, 6]
    first = lines[0]
    assert first["agents"]["us"] == "negotiator" and first["agents"]["uk"] == "random"
    for key in ("outcome", "winners", "scores", "deal", "credibility", "escalation", "length", "bills"):
        assert key in first
    us = first["scores"]["us"]
    assert us["total"] == pytest.approx(sum(line["points"] for line in us["lines"].values()), abs=1e-3)
    assert all(line["reason"] for line in us["lines"].values())
    printed = capsys.readouterr().out
    assert "deal rate" in printed and "95% CI" in printed and "win rate" in printed and "cost share" in printed


def test_the_same_arguments_give_the_same_bytes_for_any_number_of_jobs(tmp_path):
    one = _simulate(tmp_path, "one.jsonl", "--jobs", "1")
    two = _simulate(tmp_path, "two.jsonl", "--jobs", "2")
    assert one.read_bytes() == two.read_bytes()


def test_unnamed_seats_default_to_the_negotiator(tmp_path):
    out = tmp_path / "n.jsonl"
    assert main(["simulate", "--games", "1", "--seats", "us=random", "--quiet", "--out", str(out)]) == 0
    line = json.loads(out.read_text())
    assert line["agents"]["us"] == "random" and line["agents"]["fr"] == "negotiator"


def test_a_crash_in_one_game_is_recorded_with_its_seed_and_the_run_goes_on(tmp_path, monkeypatch):
    class Boom:
        def __init__(self, seat, seed):
            self.seed = seed
            self.inner = agents_module.RandomAgent(seat, seed)

        def act(self, observation, legal):
            if self.seed == 4:
                raise RuntimeError("agent exploded")
            return self.inner.act(observation, legal)

    monkeypatch.setitem(agents_module.AGENTS, "boom", Boom)
    out = tmp_path / "e.jsonl"
    assert main(["simulate", "--games", "3", "--seed", "3", "--agent", "boom", "--quiet", "--out", str(out)]) == 0
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert [x["seed"] for x in lines] == [3, 4, 5]
    assert "error" not in lines[0] and "error" not in lines[2]
    assert lines[1]["error"] == "RuntimeError: agent exploded" and lines[1]["seed"] == 4


def test_records_are_still_written(tmp_path):
    records = tmp_path / "records"
    _simulate(tmp_path, "r.jsonl", "--records", str(records))
    assert sorted(p.name for p in records.iterdir()) == [f"game-{s}.json" for s in (3, 4, 5, 6)]
    assert main(["replay", str(records / "game-3.json")]) == 0


def test_ctrl_c_stops_cleanly_and_keeps_every_finished_game(tmp_path):
    # The result lines go to a pipe the test reads: Ctrl-C is sent once three games are in, known
    # from the lines themselves (no polling, no sleeping).
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, str(ROOT / "main.py"), "simulate", "--games", "5000", "--agent", "random"]
    proc = subprocess.Popen(
        [*command, "--jobs", "2", "--out", "/dev/stdout"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=tmp_path,
    )
    first = [proc.stdout.readline() for _ in range(3)]
    proc.send_signal(signal.SIGINT)
    rest, stderr = proc.stdout.read(), proc.stderr.read()  # (what ``readline`` buffered included)
    assert proc.wait(timeout=120) == 130, stderr
    text = b"".join(first) + rest
    results, summary = text.split(b"\ngames: ", 1)
    lines = [json.loads(x) for x in results.splitlines()]
    assert len(lines) >= 3 and [x["seed"] for x in lines] == list(range(len(lines)))
    assert len(lines) < 5000
    assert b"interrupted" in stderr and b"Traceback" not in stderr
    assert summary


@pytest.mark.slow
def test_tournament_rotates_every_agent_through_every_seat(capsys):
    assignments = rotations(["us", "uk", "fr", "de", "it", "fi", "ua"], ["random", "negotiator", "mcts"])
    for seat in ("us", "uk", "fr", "de", "it", "fi", "ua"):
        assert sorted(a[seat] for a in assignments) == ["mcts", "negotiator", "random"]
    assert main(["tournament", "--agents", "random,negotiator", "--games", "1", "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "tournament: random, negotiator" in out and "win rate" in out


def test_bad_arguments_get_one_clear_message(capsys):
    assert main(["simulate", "--games", "1", "--seats", "xx=random"]) == 1
    assert main(["simulate", "--games", "1", "--agent", "nobody"]) == 1
    assert main(["tournament", "--agents", "random"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "unknown agent 'nobody'" in err


def test_summary_statistics():
    mean, half = mean_ci([1.0, 2.0, 3.0])
    assert mean == 2.0 and half == pytest.approx(1.96 * 1.0 / 3**0.5)
    assert summarise([{"seed": 1, "agents": {}, "error": "boom"}])[0].startswith("games: 1 (1 failed")
