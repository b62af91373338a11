"""Full and read-only disks, on a real file system: a small tmpfs mounted for the test (we need
root for that; without it the tests are skipped with the reason). A full or read-only disk is
reported once, the run stops cleanly with what it finished, and no temporary file remains."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from .helpers import ai_move, cli, minimal_copy, temporaries

MINIMAL = Path(__file__).parent / "fixtures" / "minimal.yaml"


def _mount(where: Path, options: str) -> None:
    """Mount a tmpfs at ``where``, or skip the test saying precisely why it cannot be done here."""
    if not shutil.which("mount"):
        pytest.skip("no `mount` command on this machine, so no small file system to fill")
    if os.geteuid() != 0:
        pytest.skip(f"mounting a tmpfs needs root (CAP_SYS_ADMIN); these tests run as uid {os.geteuid()}")
    where.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"`mount -t tmpfs -o {options}` is not permitted here: {done.stderr.strip() or done.returncode}")


@pytest.fixture
def disk(tmp_path):
    """A mount point; ``disk(options)`` mounts a tmpfs there (e.g. ``size=48k`` or ``ro``)."""
    where = tmp_path / "disk"
    mounted = []

    def mount(options: str) -> Path:
        _mount(where, options)
        mounted.append(where)
        return where

    yield mount
    for point in mounted:
        subprocess.run(["umount", "-l", str(point)], capture_output=True)


@pytest.fixture
def mine(tmp_path):
    return minimal_copy(tmp_path)


def test_a_full_disk_under_out_stops_the_run_once_with_the_finished_games(disk, capsys, mine):
    full = disk("size=12k")
    out = full / "results.jsonl"
    code, summary, err = cli(capsys, "simulate", mine, "--games", "40", "--agent", "random", "--quiet", "--out", out)
    assert code == 1
    (line,) = err.splitlines()
    assert f"--out: cannot write {out}: the disk is full; stopped:" in line
    kept = [json.loads(x) for x in out.read_text().splitlines()]  # every line whole
    assert 0 < len(kept) < 40 and f"{len(kept)} finished game(s) kept in {out}" in line
    assert summary.startswith(f"games: {len(kept)}\n")
    assert temporaries(full) == []


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_full_disk_under_records_stops_the_run_once_exit_1_no_temporaries(disk, capsys, mine, tmp_path, jobs):
    full = disk("size=64k")
    out = tmp_path / "results.jsonl"
    code, summary, err = cli(
        capsys,
        "simulate",
        mine,
        "--games",
        "40",
        "--agent",
        "random",
        "--quiet",
        "--jobs",
        jobs,
        "--records",
        full / "records",
        "--out",
        out,
    )
    assert code == 1
    (line,) = err.splitlines()
    assert "--records: cannot write" in line and "the disk is full; stopped:" in line
    kept = [json.loads(x) for x in out.read_text().splitlines()]
    assert all("error" not in x for x in kept), "a full disk is not a game's error"
    for x in kept:  # every game kept has its whole record
        assert json.loads((full / "records" / f"game-{x['seed']}.json").read_text())["seed"] == x["seed"]
    assert temporaries(full) == []


def test_a_read_only_disk_is_one_line_for_every_output(disk, capsys, mine):
    ro = disk("ro,size=16k")
    for argv in (
        ["simulate", mine, "--games", "1", "--agent", "random", "--quiet", "--records", ro / "records"],
        ["simulate", mine, "--games", "1", "--agent", "random", "--quiet", "--out", ro / "out.jsonl"],
        ["schema", "-o", ro / "schema.json"],
        ["docs", "-o", ro / "docs.md"],
        ["new", "mine", ro / "mine.yaml"],
    ):
        code, out, err = cli(capsys, *argv)
        assert code == 1 and out == "", argv
        (line,) = err.splitlines()
        assert "the disk is read-only" in line, line
    assert list(ro.iterdir()) == []


def test_autosaves_on_a_full_disk_keep_the_last_whole_one_say_it_once_and_leave_nothing(disk, monkeypatch):
    from game import Game, load_record, load_scenario
    from game.ui.session import Session

    full = disk("size=24k")  # once a record outgrows half of it, it and its replacement no longer fit
    monkeypatch.setenv("COALITION_HOME", str(full))
    g = Game.from_scenario(load_scenario("ukraine_guarantees_2025"))  # long games: records of 15-20 kB
    s = Session.new(g, 0, {seat: "random" for seat in g.seats})
    errors, last_good = [], None
    while not s.over:
        ai_move(s)
        if s.autosave() is not None:
            last_good = s.state.ply
        if s.last_autosave_error:
            errors.append(s.last_autosave_error)
            s.last_autosave_error = None  # the window shows it once and clears it
    assert errors == ["the disk is full"], "a full disk is said once, and the game goes on to its end"
    assert last_good is not None and last_good < s.state.ply
    kept, _ = load_record(s.slot.path, g)
    assert kept.ply == last_good  # the last autosave that fitted, whole
    assert temporaries(full) == []
