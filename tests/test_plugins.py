"""Agents of one's own: the example in docs/ plays in simulate, tournament and balance, by module
and by file, in worker processes too; installed packages' agents come in by entry point; every
mistake is one clear message; a save never makes the game import code."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from game import Game, load_scenario, new_game
from game.agents import AGENTS, AgentError, agent_rng, load_agent, make_agent, register
from game.cli import main

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
EXAMPLE = DOCS / "example_agent.py"
BY_FILE = f"{EXAMPLE}:ThriftyAgent"
ThriftyFromFile = load_agent(BY_FILE)


def simulate(tmp_path: Path, name: str, *argv: str) -> list[dict]:
    out = tmp_path / name
    assert main(["simulate", "--games", "3", "--seed", "5", "--quiet", "--out", str(out), *argv]) == 0
    return [json.loads(line) for line in out.read_text().splitlines()]


@pytest.mark.slow
def test_the_example_agent_plays_a_seat_by_file_and_by_module(tmp_path, monkeypatch):
    by_file = simulate(tmp_path, "f.jsonl", "--seats", f"ua={BY_FILE}")
    assert [line["agents"]["ua"] for line in by_file] == [BY_FILE] * 3
    assert not any("error" in line for line in by_file)
    monkeypatch.chdir(DOCS)
    by_module = simulate(tmp_path, "m.jsonl", "--seats", "ua=example_agent:ThriftyAgent")
    assert [line["scores"] for line in by_module] == [line["scores"] for line in by_file]


def test_the_example_agent_is_reproducible_across_worker_processes(tmp_path):
    one = simulate(tmp_path, "1.jsonl", "--agent", BY_FILE)
    two = simulate(tmp_path, "2.jsonl", "--agent", BY_FILE, "--jobs", "2")
    assert one == two
    assert all(set(line["agents"].values()) == {BY_FILE} for line in one)


def test_the_example_agent_uses_only_its_own_rng():
    a, b = ThriftyFromFile("de", 7), ThriftyFromFile("de", 7)
    assert a.tolerance == b.tolerance == agent_rng(7, "de").uniform(0.0, 10.0)
    assert ThriftyFromFile("de", 8).tolerance != a.tolerance


@pytest.mark.slow
def test_tournament_and_balance_take_plugins(capsys):
    assert main(["tournament", "--agents", f"negotiator,{BY_FILE}", "--games", "1", "--quiet"]) == 0
    assert "ThriftyAgent" in capsys.readouterr().out
    assert main(["balance", "ukraine_guarantees_2025", "--agents", f"negotiator,{BY_FILE}", "--games", "2"]) == 0


@pytest.mark.slow
def test_the_coalition_command_finds_a_module_in_the_current_directory(tmp_path):
    script = Path(sys.executable).with_name("coalition")
    if not script.exists():
        pytest.skip("the coalition script is not installed beside this interpreter")
    result = subprocess.run(
        [str(script), "simulate", "--games", "1", "--seats", "ua=example_agent:ThriftyAgent", "--quiet"],
        cwd=DOCS,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "COALITION_HOME": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr
    assert "example_agent:ThriftyAgent" in result.stdout


@pytest.mark.parametrize(
    "spec, message",
    [
        ("nobody", "unknown agent 'nobody'; agents are"),
        ("no_such_module_x:Agent", "cannot import no_such_module_x: ModuleNotFoundError"),
        (f"{EXAMPLE}:Nope", "has no 'Nope'"),
        ("missing/file.py:Agent", "no such file: missing/file.py"),
        ("game.agents:ENTRY_POINT_GROUP", "is not a class or function"),
        ("game.agents:agent_rng", "made a Random with no act(observation, legal) method"),
        ("game.agents:make_agent", "cannot be made: TypeError"),
    ],
)
def test_a_bad_agent_is_one_clear_message(spec, message, capsys):
    assert main(["simulate", "--games", "1", "--seats", f"ua={spec}", "--quiet"]) == 1
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and err.startswith("coalition: --seats: "), err


def test_register_names_an_agent_for_the_process(monkeypatch):
    monkeypatch.setattr("game.agents.AGENTS", dict(AGENTS))
    register("thrifty", ThriftyFromFile)
    assert isinstance(make_agent("thrifty", "de", 1), ThriftyFromFile)
    with pytest.raises(AgentError, match="built-in"):
        register("random", ThriftyFromFile)


def test_a_save_naming_a_module_agent_does_not_import_it(monkeypatch):
    from game.ui.session import HUMAN, Session, default_agent

    monkeypatch.setattr("game.agents.AGENTS", dict(AGENTS))
    game = Game.from_scenario(load_scenario("ukraine_guarantees_2025"))
    planted = "docs_example_never_imported:Agent"
    session = Session(game, new_game(game, 1), None, {"ua": planted, "us": HUMAN}, autosave=False)
    assert session.players["ua"] == default_agent() and session.players["us"] == HUMAN
    assert "docs_example_never_imported" not in sys.modules


def write_plugin(root: Path, entry_points: str) -> None:
    """An installed package as importlib.metadata finds it: a module and its dist-info."""
    (root / "thrifty_plugin.py").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    info = root / "thrifty_plugin-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: thrifty-plugin\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text(entry_points)


@pytest.mark.slow
def test_installed_agents_appear_by_name(tmp_path):
    write_plugin(
        tmp_path,
        "[coalition.agents]\nthrifty = thrifty_plugin:ThriftyAgent\nrandom = thrifty_plugin:ThriftyAgent\n"
        "broken = no_such_module_y:Agent\n",
    )
    env = {**os.environ, "PYTHONPATH": str(tmp_path), "COALITION_HOME": str(tmp_path)}
    listed = subprocess.run(
        [sys.executable, "-c", "from game.agents import AGENTS; print(sorted(AGENTS))"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert "'thrifty'" in listed.stdout and "'broken'" in listed.stdout, listed.stderr
    played = subprocess.run(
        [sys.executable, "-m", "game", "simulate", "--games", "1", "--seats", "de=thrifty", "--agent", "random"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=tmp_path / "thrifty_plugin-0.1.dist-info",  # not where the module is: found as installed
    )
    assert played.returncode == 0, played.stderr
    assert "thrifty" in played.stdout
    # a built-in name is not taken over: `random` is still the random agent
    check = subprocess.run(
        [
            sys.executable,
            "-c",
            "from game.agents import make_agent; print(type(make_agent('random', 'de', 1)).__name__)",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert check.stdout.strip() == "RandomAgent"
    broken = subprocess.run(
        [sys.executable, "-m", "game", "simulate", "--games", "1", "--seats", "de=broken"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert broken.returncode == 1 and "Traceback" not in broken.stderr
    assert "agent 'broken' (no_such_module_y:Agent) cannot be loaded: ModuleNotFoundError" in broken.stderr


def test_the_summary_names_a_plugin_seat_in_full(tmp_path, capsys):
    """A plug-in given by file path is named whole in the per-seat table (it was cut to 21
    characters, which printed a different file's name)."""
    assert main(["simulate", "--games", "1", "--quiet", "--seats", f"ua={BY_FILE}"]) == 0
    row = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("ua "))
    assert BY_FILE in row
