"""The command line: exit codes, one clear message for bad input, reproducible output."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import build_parser, main
from game.commands import FAMILIES, modules
from game.paths import DEFAULT_SCENARIO

ROOT = Path(__file__).resolve().parent.parent


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_accepts_the_default_scenario(capsys):
    code, out, _ = run(capsys, "validate", str(DEFAULT_SCENARIO))
    assert code == 0 and "valid" in out


def test_validate_locates_errors_and_exits_1(capsys, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        DEFAULT_SCENARIO.read_text(encoding="utf-8").replace("rounds: 8", "rounds: eight", 1), encoding="utf-8"
    )
    code, out, _ = run(capsys, "validate", str(bad))
    assert code == 1
    assert f"{bad}:" in out and ": error:" in out and "schedule.rounds" in out


def test_validate_exits_2_when_the_file_cannot_be_read(capsys, tmp_path):
    code, out, err = run(capsys, "validate", str(tmp_path / "missing.yaml"))
    assert code == 2 and "Traceback" not in out + err


def test_show_names_every_seat_and_the_us_red_line(capsys):
    code, out, _ = run(capsys, "show", str(DEFAULT_SCENARIO))
    assert code == 0
    for name in ("United States", "United Kingdom", "France", "Germany", "Italy", "Finland", "Ukraine"):
        assert name in out
    assert "red line (hard)" in out


def test_simulate_is_reproducible_from_its_seed(capsys):
    a = run(capsys, "simulate", "--games", "4", "--seed", "7", "--agent", "random")
    b = run(capsys, "simulate", "--games", "4", "--seed", "7", "--agent", "random")
    assert a[0] == 0 and a[1] == b[1] and "deal rate" in a[1]


def test_simulated_records_replay_with_a_score_breakdown(capsys, tmp_path):
    code, _, _ = run(capsys, "simulate", "--games", "2", "--seed", "3", "--agent", "random", "--records", str(tmp_path))
    assert code == 0
    code, out, _ = run(capsys, "replay", str(tmp_path / "game-3.json"))
    assert code == 0 and "replays exactly" in out and "Outcome:" in out and "weight" in out


def test_a_bad_record_gets_one_line_and_no_traceback(capsys, tmp_path):
    (tmp_path / "x.json").write_text("{not json", encoding="utf-8")
    code, out, err = run(capsys, "replay", str(tmp_path / "x.json"))
    assert code == 1 and err.count("\n") == 1 and "Traceback" not in err


def test_an_unknown_seat_in_seats_is_a_clear_error(capsys):
    code, _, err = run(capsys, "simulate", "--games", "1", "--seats", "xx=random")
    assert code == 1 and "SEAT=AGENT" in err


def test_main_py_runs_as_a_script():
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "validate", str(DEFAULT_SCENARIO)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.ui
def test_the_window_without_a_screen_says_so_instead_of_running_invisibly():
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER")}
    env["SDL_AUDIODRIVER"] = "dummy"
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py")], capture_output=True, text=True, timeout=60, env=env
    )
    assert result.returncode == 1
    assert "no display was found" in result.stderr and "Traceback" not in result.stderr


def test_each_command_family_registers_the_commands_it_is_listed_with():
    for name, commands in FAMILIES:
        sub = argparse.ArgumentParser().add_subparsers()
        (module,) = modules(commands[0])
        assert module.__name__ == f"game.commands.{name}"
        module.register(sub)
        assert tuple(sub.choices) == commands
    every = build_parser()._subparsers._group_actions[0].choices
    assert tuple(every) == tuple(c for _, commands in FAMILIES for c in commands)


def test_an_unknown_command_is_told_the_commands_there_are(capsys):
    with pytest.raises(SystemExit) as e:
        main(["valdate", str(DEFAULT_SCENARIO)])
    assert e.value.code == 2
    err = capsys.readouterr().err
    assert "valdate" in err and "validate" in err and "simulate" in err
