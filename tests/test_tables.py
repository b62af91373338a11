"""Results as tables: the flat Parquet schema, rows that read back into the result lines' figures,
and ``summarise`` merging JSON-lines and Parquet shards into exactly the summary ``simulate``
prints (a game given twice counted once)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from game import load_game
from game.analysis.health import Health
from game.analysis.runner import compact, run_games
from game.analysis.tables import SeenGames, columns, line_of, read_results, row
from game.cli import main
from game.errors import CoalitionError

MINIMAL = Path(__file__).parent / "fixtures" / "minimal.yaml"


@pytest.fixture(scope="module")
def game():
    return load_game(MINIMAL)


@pytest.fixture(scope="module")
def lines(game):
    jobs = [(i, {"us": "negotiator"} if i % 2 else {}) for i in range(12)]
    return list(run_games(str(MINIMAL), jobs, "random", game=game))


def test_a_row_reads_back_into_the_figures_of_its_result_line(game, lines):
    seats, kinds = game.seats, game.kinds
    for line in lines:
        back = line_of(row(line, seats, kinds), seats, kinds)
        assert compact(back) == compact(line)
    direct = Health(game).update(lines).figures()
    assert Health(game).update(line_of(row(x, seats, kinds), seats, kinds) for x in lines).figures() == direct


def test_the_table_has_one_column_per_seat_and_kind_figure(game, lines, tmp_path, capsys):
    out = tmp_path / "r.parquet"
    assert main(["simulate", str(MINIMAL), "--games", "5", "--agent", "random", "--quiet", "--out", str(out)]) == 0
    schema = pq.read_schema(out)
    assert schema.names == [c for c, _ in columns(game.seats, game.kinds)]
    assert {"score_us", "win_fr", "bill_share_ua", "support_us", "gives_fr_brigade", "units_aid"} <= set(schema.names)
    table = pq.read_table(out)
    assert table.num_rows == 5 and table.column("seed").to_pylist() == [0, 1, 2, 3, 4]
    shares = [sum(table.column(f"bill_share_{s}")[i].as_py() for s in game.seats) for i in range(5)]
    assert all(x == pytest.approx(1.0) or x == 0.0 for x in shares)
    assert table.column("error").null_count == 5


def test_summarise_merges_shards_into_the_summary_simulate_prints(tmp_path, capsys):
    base = ["simulate", str(MINIMAL), "--agent", "random", "--quiet"]
    assert main([*base, "--games", "20", "--out", str(tmp_path / "all.jsonl")]) == 0
    whole = capsys.readouterr().out
    assert main([*base, "--games", "8", "--out", str(tmp_path / "a.parquet")]) == 0
    assert main([*base, "--games", "12", "--seed", "8", "--out", str(tmp_path / "b.jsonl")]) == 0
    capsys.readouterr()
    assert main(["summarise", str(tmp_path / "b.jsonl"), str(tmp_path / "a.parquet")]) == 0
    assert capsys.readouterr().out == whole
    assert main(["summarise", str(tmp_path / "all.jsonl"), str(tmp_path / "a.parquet")]) == 0
    merged = capsys.readouterr()
    assert merged.out == whole and "8 game(s) given more than once" in merged.err


def test_summarise_reports_a_bad_file_plainly(tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"seed": 1, "agents": {}, "error": "x"}\nnot json\n')
    assert main(["summarise", str(bad)]) == 1
    assert f"{bad}:2: not a result line (JSON)" in capsys.readouterr().err
    assert main(["summarise", str(tmp_path / "missing.jsonl")]) == 1
    assert "cannot read" in capsys.readouterr().err
    with pytest.raises(CoalitionError, match="not a result line"):
        (tmp_path / "odd.jsonl").write_text("[1, 2]\n")
        list(read_results(tmp_path / "odd.jsonl"))


def test_parquet_without_pyarrow_says_how_to_install_it(tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    out = tmp_path / "r.parquet"
    assert main(["simulate", str(MINIMAL), "--games", "1", "--agent", "random", "--quiet", "--out", str(out)]) == 1
    assert "pip install 'coalition-wargame[parquet]'" in capsys.readouterr().err
    assert main(["simulate", str(MINIMAL), "--games", "1", "--format", "parquet"]) == 1
    assert "give it with --out" in capsys.readouterr().err


def test_seen_games_keep_runs_of_seeds_per_assignment():
    seen = SeenGames()
    a, b = {"us": "random"}, {"us": "mcts"}
    assert all(seen.add({"seed": s, "agents": a}) for s in [5, 3, 4, 7, 6, 1])
    assert seen.runs[(("us", "random"),)] == [[1, 1], [3, 7]]
    assert not seen.add({"seed": 4, "agents": a}) and seen.add({"seed": 4, "agents": b})
    assert seen.add({"seed": 2, "agents": a}) and seen.runs[(("us", "random"),)] == [[1, 7]]


def test_json_lines_output_is_unchanged_by_the_writer(tmp_path, lines):
    out = tmp_path / "r.jsonl"
    assert main(["simulate", str(MINIMAL), "--games", "2", "--agent", "random", "--quiet", "--out", str(out)]) == 0
    first = json.loads(out.read_text().splitlines()[0])
    assert first == lines[0]
