"""Hostile input: the `tests/hostile/` corpus of scenarios, records and saves, and the special
files (FIFOs, devices, directories, links out of the tree). Each gets one clear, located line;
nothing blocks, nothing quotes a file that is not a scenario, nothing prints a control character."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from game.cli import main
from game.errors import CONTROL, RecordError, ScenarioError, printable
from game.scenario.loader import check_file, load_scenario

HERE = Path(__file__).parent
HOSTILE = HERE / "hostile"
SCENARIOS = HOSTILE / "scenarios"
RECORDS = HOSTILE / "records"
SECRETS = ("HUNTER2", "TOPSECRET", "root:", "password", "api_key")

# name -> (line, column, path, words in the one error's message)
EXPECTED_SCENARIOS = {
    "id_with_space": (73, 9, "commitments[0].id", "`ground force` is not a valid id: an id is a lowercase letter"),
    "id_empty": (151, 9, "events[0].id", "an empty id is not valid"),
    "event_id_dash": (161, 9, "events[1].id", "`-` is not a valid id"),
    "id_uppercase": (66, 9, "actors[3].id", "`RU` is not a valid id: an id is a lowercase letter, then lowercase"),
    "scenario_id_path": (3, 5, "id", "did you mean `tmp_owned`?"),
    "id_too_long": (173, 9, "reactions[0].id", "at most 40 characters"),
    "title_escape": (4, 8, "title", "the control character U+001B (escape)"),
    "key_escape": (5, 1, "\x1b[2J\x1b[31mowned", "unknown key `\\x1b[2J\\x1b[31mowned` in Scenario"),
    "name_bidi": (40, 11, "actors[1].name", "the control character U+202E"),
    "text_carriage_return": (153, 11, "events[0].text", "U+000D (carriage return)"),
    "escalation_start_top": (126, 10, "escalation.start", "is the top of the ladder (collapse)"),
    "not_a_scenario": (1, 1, "", "`format` is missing"),
    "shadow_line": (1, 1, "", "`format` is missing"),
    "extends_absolute": (2, 10, "extends", "not an absolute path"),
    "extends_outside": (2, 10, "extends", "is outside this scenario's folder"),
    "extends_not_yaml": (2, 10, "extends", "`bases/secret.txt` is not a scenario file"),
    "extends_non_scenario": (2, 10, "extends", "`bases/credentials.yaml` is not a scenario file"),
    "extends_nul": (2, 10, "extends", "holds a control character"),
    "extends_unknown_shipped": (2, 10, "extends", "`no_such_scenario` is not a shipped scenario"),
    "variant_id_mapping": (4, 9, "events[0].id", "must be text, the event it changes; this is a mapping"),
    "variant_remove_with_fields": (4, 27, "events[0].remove", "its other keys (`title`) would be ignored"),
    "variant_id_grammar": (4, 10, "events[2].id", "did you mean `new_card`?"),
}


def assert_clean(text: str) -> None:
    """No secret of a non-scenario file and no raw control character in what a user sees."""
    for secret in SECRETS:
        assert secret not in text, f"{secret!r} leaked into: {text}"
    assert not CONTROL.search(text.replace("\n", "")), f"a control character reaches the terminal: {text!r}"


# -- scenarios ---------------------------------------------------------------------------------


def test_every_hostile_scenario_has_expectations():
    assert sorted(p.stem for p in SCENARIOS.glob("*.yaml")) == sorted(EXPECTED_SCENARIOS)


@pytest.mark.parametrize("name", sorted(EXPECTED_SCENARIOS))
def test_hostile_scenario_is_refused_with_one_located_line(name):
    path = SCENARIOS / f"{name}.yaml"
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    (problem,) = caught.value.problems
    line, column, at, words = EXPECTED_SCENARIOS[name]
    assert (problem.file, problem.line, problem.column, problem.path) == (str(path), line, column, at)
    assert words in str(problem)
    assert_clean(str(problem))


@pytest.mark.parametrize("name", sorted(EXPECTED_SCENARIOS))
def test_validate_prints_hostile_scenarios_safely(name, capsys):
    assert main(["validate", str(SCENARIOS / f"{name}.yaml")]) == 1
    out = capsys.readouterr()
    assert_clean(out.out + out.err)


def test_a_tiny_per_unit_validates_and_plays_instead_of_overflowing(tmp_path):
    from game.analysis.conformance import random_game
    from game.core.state import Game

    text = (SCENARIOS / "bases" / "minimal.yaml").read_text().replace("    per_unit: 1\n", "    per_unit: 5.0e-324\n")
    (tmp_path / "tiny.yaml").write_text(text)
    scenario, problems = check_file(tmp_path / "tiny.yaml")
    assert scenario is not None and problems == []
    assert random_game(Game.from_scenario(scenario), 1).result


def test_show_escapes_what_it_prints(capsys, tmp_path):
    assert main(["show", str(SCENARIOS / "title_escape.yaml")]) == 1
    assert_clean(capsys.readouterr().err)


# -- files outside the author's tree ------------------------------------------------------------


def test_extends_never_leaves_the_tree_through_a_link(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "base.yaml").write_text("format: 1\nid: TOPSECRET\n")
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "link.yaml").symlink_to(outside / "base.yaml")
    (tree / "variant.yaml").write_text("extends: link.yaml\n")
    (problem,) = check_file(tree / "variant.yaml")[1]
    assert "is outside this scenario's folder" in problem.message
    assert_clean(str(problem))


def test_extends_reaches_files_below_the_variant_and_shipped_scenarios_by_name(tmp_path):
    (tmp_path / "bases").mkdir()
    (tmp_path / "bases" / "minimal.yaml").write_text((SCENARIOS / "bases" / "minimal.yaml").read_text())
    (tmp_path / "v.yaml").write_text("extends: bases/minimal.yaml\nschedule: {rounds: 3}\n")
    assert load_scenario(tmp_path / "v.yaml").schedule.rounds == 3
    (tmp_path / "w.yaml").write_text("extends: ukraine_guarantees_2025\nschedule: {rounds: 3}\n")
    assert load_scenario(tmp_path / "w.yaml").id == "ukraine_guarantees_2025"


# -- FIFOs, devices, directories: refused at once, never read -------------------------------------


def never_blocks(function, *args, seconds: float = 20.0):
    """Run ``function(*args)`` in a thread; fail (rather than hang the suite) if it blocks."""
    result: dict = {}

    def run():
        try:
            result["value"] = function(*args)
        except BaseException as e:
            result["error"] = e

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        for arg in args:  # unblock a reader stuck on a FIFO, so the thread can end
            if isinstance(arg, (str, Path)) and Path(arg).is_fifo():
                with open(arg, "wb"):
                    pass
        pytest.fail(f"{function.__name__} blocked on {args}")
    if "error" in result:
        raise result["error"]
    return result.get("value")


@pytest.fixture
def fifo(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("this system has no FIFOs")
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)
    return path


def test_validate_a_fifo_is_refused_at_once(fifo, capsys):
    assert never_blocks(main, ["validate", str(fifo)]) == 2
    assert "a named pipe (FIFO)" in capsys.readouterr().out


def test_replay_a_fifo_is_refused_at_once(fifo, capsys):
    assert never_blocks(main, ["replay", str(fifo)]) == 1
    assert "a named pipe (FIFO)" in capsys.readouterr().err


def test_loading_a_fifo_as_a_save_is_refused_at_once(fifo):
    from game.ui.session import Session

    with pytest.raises(RecordError, match="FIFO"):
        never_blocks(Session.load, fifo)


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_is_refused_not_read_forever(device, capsys):
    if not Path(device).exists():
        pytest.skip(f"{device} does not exist here")
    assert never_blocks(main, ["validate", device]) == 2
    assert "a device" in capsys.readouterr().out
    assert never_blocks(main, ["replay", device]) == 1
    assert "a device" in capsys.readouterr().err


def test_a_directory_is_refused(tmp_path, capsys):
    assert main(["replay", str(tmp_path)]) == 1
    assert "directory" in capsys.readouterr().err


@pytest.mark.ui
def test_the_window_loading_a_fifo_does_not_hang(fifo, tmp_path):
    """`play --load FIFO` once blocked forever (and then ignored SIGTERM); it must open the window
    with an error toast instead. Run in a child process with a deadline."""
    env = {**os.environ, "COALITION_HOME": str(tmp_path / "home"), "SDL_VIDEODRIVER": "dummy"}
    code = (
        "import sys; from game.ui import app as A\n"
        "a = A.App(realtime=False); from game.ui.screens.setup import SetupScreen; a.show(SetupScreen(a))\n"
        "from game.ui.session import Session\n"
        "try:\n"
        f"    Session.load({str(fifo)!r})\n"
        "except Exception as e:\n"
        "    print(type(e).__name__, e)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert "RecordError" in done.stdout and "FIFO" in done.stdout, done.stdout + done.stderr


# -- records ----------------------------------------------------------------------------------

EXPECTED_RECORDS = {
    "binary_junk": "not valid JSON",
    "truncated": "not valid JSON",
    "not_a_record": "not a Coalition record",
    "version_99": "record version 99 is not supported",
    "seed_negative": '"seed" must be a whole number from 0 to 2^63-1',
    "seed_too_big": '"seed" must be a whole number from 0 to 2^63-1',
    "seed_text": '"seed" must be a whole number',
    "players_not_a_mapping": '"players" must map seat ids',
    "actions_not_a_list": '"actions" must be a list',
    "action_not_text": "not found",  # the scenario is looked for before the moves
    "verify_missing": '"verify" block is damaged',
    "verify_damaged": '"verify" block is damaged',
    "scenario_file_absolute": "its scenario 'secret' was not found",
    "scenario_file_outside": "its scenario 'secret' was not found",
    "scenario_file_escape": "was not found",
    "nested_deeply": "nested too deeply",
}


def test_every_hostile_record_has_expectations():
    assert sorted(p.stem for p in RECORDS.glob("*.json")) == sorted(EXPECTED_RECORDS)


@pytest.mark.parametrize("name", sorted(EXPECTED_RECORDS))
def test_hostile_record_gets_one_clear_line(name, capsys, monkeypatch):
    import game.scenario.loader as loader

    opened: list[str] = []
    real = loader._read
    monkeypatch.setattr(loader, "_read", lambda file: opened.append(str(file)) or real(file))
    assert main(["replay", str(RECORDS / f"{name}.json")]) == 1
    out = capsys.readouterr()
    assert out.out == ""
    (line,) = out.err.splitlines()
    assert EXPECTED_RECORDS[name] in line
    assert_clean(line)
    # Only the shipped scenarios and .yaml files in the record's own folder may be opened.
    from game.paths import SCENARIOS as SHIPPED

    allowed = (os.path.realpath(RECORDS), os.path.realpath(SHIPPED))
    assert all(os.path.realpath(Path(f).parent) in allowed for f in opened), opened


# -- saves: damaged autosaves in the home --------------------------------------------------------

SAVES = HOSTILE / "saves"


@pytest.mark.parametrize("name", sorted(p.name for p in SAVES.glob("*.json")))
def test_a_damaged_autosave_is_offered_as_damaged_and_loads_to_one_clear_line(name):
    import shutil

    from game.ui import saves
    from game.ui.session import Session, autosave_summary

    saves.autosaves_dir().mkdir(parents=True)
    path = saves.autosaves_dir() / f"20250101-000000-{Path(name).stem}-000000.json"
    shutil.copy(SAVES / name, path)
    summary = never_blocks(autosave_summary)
    assert summary is not None and summary["path"] == path and summary["broken"] is True
    with pytest.raises(RecordError) as caught:
        Session.load(path)
    (line,) = str(caught.value).splitlines()
    assert_clean(printable(line))
    assert path.read_bytes() == (SAVES / name).read_bytes(), "a failed load leaves the file as it was"


def test_fifos_and_folders_named_like_autosaves_are_passed_over(tmp_path):
    from game.ui import saves
    from game.ui.session import autosave_summary

    folder = saves.autosaves_dir()
    folder.mkdir(parents=True)
    os.mkfifo(folder / "20250101-000000-pipe-000000.json")
    (folder / "20250101-000000-dir-000000.json").mkdir()
    (saves.home() / "autosave.json").mkdir()  # the earlier versions' single autosave, as a folder
    assert never_blocks(autosave_summary) is None


def test_a_record_naming_a_secret_file_loads_in_the_window_to_a_clean_line():
    from game.ui.session import Session

    with pytest.raises(RecordError) as caught:
        never_blocks(Session.load, RECORDS / "scenario_file_absolute.json")
    assert "was not found" in str(caught.value)
    assert_clean(printable(str(caught.value)))
