"""The shipped data lives inside the package and is found by name as well as by path."""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

import pytest

import game
from game.cli import main
from game.errors import ScenarioError
from game.paths import DATA, DEFAULT_SCENARIO, MAP, SCHEMA, find_scenario, scenario_files, shipped, shipped_names
from game.scenario.loader import check_text, load_scenario

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = Path(game.__file__).resolve().parent


def test_the_shipped_data_is_inside_the_package():
    for path in (DATA, DEFAULT_SCENARIO, SCHEMA, MAP):
        assert path.resolve().is_relative_to(PACKAGE) and path.exists()
    assert shipped_names() == ["nato_efp_baltic_2016", "ukraine_europe_alone_2025", "ukraine_guarantees_2025"]


def test_every_data_file_is_declared_package_data():
    globs = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["game"]
    files = [p.relative_to(PACKAGE).as_posix() for p in DATA.rglob("*") if p.is_file()]
    assert files and all(any(fnmatch.fnmatch(f, g) for g in globs) for f in files), files


def test_no_module_finds_data_relative_to_its_source_file():
    for source in PACKAGE.rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        assert "__file__" not in text, f"{source}: use game.paths (importlib.resources) instead of __file__"


def test_a_shipped_scenario_loads_by_its_bare_name():
    assert load_scenario("ukraine_guarantees_2025").id == "ukraine_guarantees_2025"
    assert load_scenario("nato_efp_baltic_2016.yaml").id == "nato_efp_baltic_2016"
    assert find_scenario(None) == DEFAULT_SCENARIO and find_scenario("") == DEFAULT_SCENARIO
    assert shipped("sub/ukraine_guarantees_2025") is None


def test_a_file_of_the_same_name_here_wins_over_the_shipped_one(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ukraine_guarantees_2025").write_text("format: 1\n")
    assert find_scenario("ukraine_guarantees_2025") == Path("ukraine_guarantees_2025")
    with pytest.raises(ScenarioError):
        load_scenario("ukraine_guarantees_2025")


def test_an_unknown_bare_name_lists_the_shipped_scenarios(capsys):
    assert main(["show", "ukraine_guarantees_2052"]) == 2
    err = capsys.readouterr().err
    assert "no such file, nor a shipped scenario" in err and "ukraine_guarantees_2025" in err
    assert err.count("\n") == 1


def test_the_commands_take_shipped_names(capsys):
    assert main(["validate", "nato_efp_baltic_2016"]) == 0
    assert main(["show", "ukraine_europe_alone_2025"]) == 0
    assert "Europe alone" in capsys.readouterr().out
    assert main(["simulate", "nato_efp_baltic_2016", "--games", "1", "--agent", "random", "--quiet"]) == 0


def test_a_variant_extends_a_shipped_scenario_by_name(tmp_path):
    text = "extends: ukraine_guarantees_2025\nid: mine\nschedule: {rounds: 9}\n"
    scenario, problems = check_text(text, str(tmp_path / "mine.yaml"))
    assert problems == [] and scenario is not None
    assert scenario.id == "mine" and scenario.schedule.rounds == 9
    assert len(scenario.events) == len(load_scenario(DEFAULT_SCENARIO).events)


def test_a_local_base_file_still_wins_for_extends(tmp_path):
    minimal = ROOT / "tests" / "fixtures" / "minimal.yaml"
    (tmp_path / "ukraine_guarantees_2025").write_text(minimal.read_text())
    scenario, problems = check_text("extends: ukraine_guarantees_2025\nid: mine\n", str(tmp_path / "mine.yaml"))
    assert scenario is not None, problems
    assert scenario.title == load_scenario(minimal).title


def test_scenario_files_are_the_yaml_files_shipped():
    assert [p.stem for p in scenario_files()] == shipped_names()


def test_version_matches_the_package_metadata(capsys):
    from importlib.metadata import version

    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.strip() == f"coalition {game.__version__}"
    assert version("coalition-wargame") == game.__version__


@pytest.mark.parametrize("module", ["game", "game.cli"])
def test_python_dash_m_runs_the_command_line(module, tmp_path):
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", module, "--help"], capture_output=True, text=True, timeout=60, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: coalition") and "simulate" in result.stdout


@pytest.mark.ui
def test_the_window_smoke_check_reaches_the_table(monkeypatch, tmp_path, capsys):
    from game.ui import smoke

    monkeypatch.setenv("COALITION_HOME", str(tmp_path))
    assert smoke.main([]) == 0
    assert "the table screen opened on" in capsys.readouterr().out
    assert smoke.main(["no_such_scenario"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no such file, nor a shipped scenario" in err
    assert list(tmp_path.iterdir()) == []  # its autosave went to a temporary home
