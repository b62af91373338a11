"""Outputs never overwrite: `simulate --out`, `--records`, `schema -o`, `docs -o`, `balance --plot`
and `new` refuse an existing file unless `--force` is given, and never write over the input they
read; seeds, seats and names are checked before anything runs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.core.record import MAX_SEED

from .helpers import cli, minimal_copy

MINIMAL = Path(__file__).parent / "fixtures" / "minimal.yaml"
GAMES = ["--games", "2", "--agent", "random", "--quiet"]


@pytest.fixture
def mine(tmp_path):
    return minimal_copy(tmp_path)


def test_simulate_out_never_overwrites_without_force(tmp_path, capsys, mine):
    out = tmp_path / "results.jsonl"
    out.write_text("my earlier results\n")
    code, _, err = cli(capsys, "simulate", mine, *GAMES, "--out", out)
    assert code == 1 and "exists; add --force to replace it" in err
    assert out.read_text() == "my earlier results\n"
    code, _, _ = cli(capsys, "simulate", mine, *GAMES, "--out", out, "--force")
    assert code == 0 and len(out.read_text().splitlines()) == 2


def test_simulate_never_writes_over_the_scenario_it_reads(capsys, mine):
    before = mine.read_bytes()
    for extra in ([], ["--force"]):
        code, _, err = cli(capsys, "simulate", mine, *GAMES, "--out", mine, *extra)
        assert code == 1 and "is the file this command reads" in err
        assert mine.read_bytes() == before


def test_records_of_the_same_seeds_are_not_replaced_without_force(tmp_path, capsys, mine):
    records = tmp_path / "records"
    assert cli(capsys, "simulate", mine, *GAMES, "--records", records)[0] == 0
    first = (records / "game-0.json").read_bytes()
    code, _, err = cli(capsys, "simulate", mine, *GAMES, "--records", records)
    assert code == 1 and "game-0.json exists (and 1 more); add --force" in err
    assert (records / "game-0.json").read_bytes() == first
    assert cli(capsys, "simulate", mine, *GAMES, "--records", records, "--force")[0] == 0


def test_records_on_a_file_is_one_clear_line(tmp_path, capsys, mine):
    afile = tmp_path / "records"
    afile.write_text("not a folder")
    code, out, err = cli(capsys, "simulate", mine, *GAMES, "--records", afile)
    assert code == 1 and err.splitlines() == [
        f"coalition: --records: {afile} is not a folder; name a folder for the records"
    ]
    assert afile.read_text() == "not a folder"


@pytest.mark.parametrize("command", ["schema", "docs"])
def test_schema_and_docs_output_never_overwrite_without_force(command, tmp_path, capsys):
    target = tmp_path / "mine.txt"
    target.write_text("keep me")
    code, _, err = cli(capsys, command, "-o", target)
    assert code == 1 and "exists; add --force" in err and target.read_text() == "keep me"
    assert cli(capsys, command, "-o", target, "--force")[0] == 0 and target.read_text() != "keep me"
    fresh = tmp_path / "fresh.txt"
    assert cli(capsys, command, "-o", fresh)[0] == 0 and fresh.stat().st_size > 1000
    assert not list(tmp_path.glob(".*.tmp"))


def test_balance_plot_never_overwrites_and_is_checked_before_playing(tmp_path, capsys, mine):
    plot = tmp_path / "plot.png"
    plot.write_bytes(b"my picture")
    code, out, err = cli(capsys, "balance", mine, "--games", "1", "--no-probes", "--plot", plot, "--quiet")
    assert code == 1 and "exists; add --force" in err and out == ""
    assert plot.read_bytes() == b"my picture"
    code, _, err = cli(capsys, "balance", mine, "--games", "1", "--no-probes", "--plot", mine, "--force")
    assert code == 1 and "is the file this command reads" in err


@pytest.mark.parametrize(
    "argv, words",
    [
        (["simulate", "--seed", "-1"], "seeds run from 0 to 2^63-1"),
        (["simulate", "--seed", str(MAX_SEED), "--games", "2"], "seeds run from 0 to 2^63-1"),
        (["simulate", "--seed", str(2**64)], "seeds run from 0 to 2^63-1"),
        (["tournament", "--seed", "-5", "--agents", "random,random"], "seeds run from 0 to 2^63-1"),
        (["balance", str(MINIMAL), "--seed", "-1"], "seeds run from 0 to 2^63-1"),
        (["sweep", str(MINIMAL), "--vary", "schedule.rounds=3,4", "--seed", "-1"], "seeds run from 0 to 2^63-1"),
        (["compare", str(MINIMAL), "--a-seats", "us=random", "--seed", str(MAX_SEED)], "seeds run from 0 to 2^63-1"),
        (["simulate", "--seats", "us=random,us=mcts"], "--seats: us is given twice (us=random, us=mcts)"),
    ],
)
def test_arguments_are_checked_before_anything_runs(argv, words, capsys):
    code, out, err = cli(capsys, *argv)
    assert code == 1 and out == ""
    (line,) = err.splitlines()
    assert words in line


def test_the_largest_seed_simulate_accepts_replays(tmp_path, capsys, mine):
    records = tmp_path / "r"
    code, _, _ = cli(
        capsys,
        "simulate",
        mine,
        "--games",
        "1",
        "--seed",
        MAX_SEED,
        "--agent",
        "random",
        "--quiet",
        "--records",
        records,
    )
    assert code == 0
    code, out, _ = cli(capsys, "replay", records / f"game-{MAX_SEED}.json", "--scenario", mine)
    assert code == 0 and "the record replays exactly" in out


def test_new_with_a_300_character_name_is_one_line(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = cli(capsys, "new", "x" * 300)
    assert code == 1 and out == ""
    (line,) = err.splitlines()
    assert "a scenario id is at most 40" in line
    assert list(tmp_path.iterdir()) == []


def test_new_makes_an_id_that_follows_the_grammar(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert cli(capsys, "new", "7 Days of Talks")[0] == 0
    (made,) = tmp_path.glob("*.yaml")
    assert made.name == "s_7_days_of_talks.yaml"
    assert cli(capsys, "validate", made)[0] == 0


def test_replay_finds_a_scenario_only_where_it_may(tmp_path, capsys, mine):
    """A record written beside its scenario finds it there; moved elsewhere, it asks for it."""
    records = tmp_path / "r"
    assert cli(capsys, "simulate", mine, "--games", "1", "--agent", "random", "--quiet", "--records", records)[0] == 0
    record = records / "game-0.json"
    code, _, err = cli(capsys, "replay", record)
    assert code == 1 and "name its file: replay RECORD --scenario FILE" in err
    (records / "mine.yaml").write_text(mine.read_text())  # beside the record: found by its name
    assert cli(capsys, "replay", record)[0] == 0
    data = json.loads(record.read_text())
    assert data["scenario"]["file"] == str(mine)
