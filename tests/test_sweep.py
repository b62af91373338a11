"""Sweeps and paired comparisons: scenario values changed by dotted path (checked like a variant
file), the same seeds at every point, one row of design-health figures per point equal to a tally
of that point's games, its plot; compare's paired differences equal the seed-by-seed ones."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from game import CoalitionError, Game, load_scenario, load_variant
from game.analysis.compare import Side, run_compare
from game.analysis.executor import LocalPool
from game.analysis.health import Health
from game.analysis.runner import run_games
from game.analysis.sweep import Sweep, figure_names, parse_vary, run_sweep
from game.cli import main

MINIMAL = Path(__file__).parent / "fixtures" / "minimal.yaml"


def test_load_variant_changes_values_by_dotted_path():
    base = load_scenario(MINIMAL)
    changed = load_variant(
        MINIMAL,
        {
            "actors.us.budget": 12,
            "actors.us.support": 40,
            "commitments.brigade.incident.chance": 0.5,
            "credibility.terms.10.credit": 0.5,
            "schedule.rounds": 6,
        },
    )
    assert changed.actor("us").budget == 12 and changed.actor("us").support == 40
    assert changed.kind("brigade").incident.chance == 0.5
    assert {t.years: t.credit for t in changed.credibility.terms}[10] == 0.5
    assert changed.schedule.rounds == 6
    assert changed.actor("fr") == base.actor("fr") and changed.kind("aid") == base.kind("aid")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"actors.usa.budget": 1}, "`actors` has no item with id `usa`; did you mean `us`?"),
        ({"actors.us.budgte": 1}, "actors.us has no field `budgte`; did you mean `budget`?"),
        ({"actors.us.budget": -5}, "actors.us.budget=-5: actors[0].budget: must be at least 0, got -5"),
        ({"actors.us": 3}, "the path ends at an item"),
        ({"commitments.brigade.steps.1": 2}, "`steps` is a list replaced whole"),
        ({"schedule.rounds.x": 2}, "`rounds` holds a value"),
        ({"": 2}, "not a dotted path"),
        ({"credibility.terms.3.credit": 1}, "`terms` has no item with years `3` (it has 5, 10, 20)"),
    ],
)
def test_a_bad_path_or_value_is_one_plain_message(change, message):
    with pytest.raises(CoalitionError, match=re.escape(message)):
        load_variant(MINIMAL, change)


def test_parse_vary_reads_yaml_values_and_flow_lists():
    assert parse_vary("actors.us.budget=6, 8,12.5") == ("actors.us.budget", [6, 8, 12.5])
    assert parse_vary("commitments.aid.steps=[1, 2],[3]") == ("commitments.aid.steps", [[1, 2], [3]])
    for bad in ("actors.us.budget", "=1", "a=1,,2", "a=1,1"):
        with pytest.raises(CoalitionError, match="--vary"):
            parse_vary(bad)


@pytest.fixture(scope="module")
def sweep():
    return Sweep(str(MINIMAL), [("actors.us.budget", [20, 60])])


def test_each_row_is_the_health_of_that_points_games_on_the_same_seeds(sweep):
    rows = run_sweep(sweep, 4, 5, LocalPool(2), "negotiator")
    assert [r["actors.us.budget"] for r in rows] == [20, 60]
    for row, scenario in zip(rows, sweep.scenarios):
        game = Game.from_scenario(scenario)
        lines = list(run_games(None, [(5 + i, {}) for i in range(4)], "negotiator", game=game))
        h = Health(game).update(lines).figures()
        assert row["games"] == 4 and row["credible"] == h["outcomes"]["signed"]["rate"]
        assert row["bloc_share"] == h["bloc"]["share_of_bills"] and row["winner_margin"] == h["winner_margin_median"]
        assert set(row) == {"actors.us.budget", *figure_names(game)}
    assert rows[0]["bloc_share"] > rows[1]["bloc_share"]  # a richer US pays more of the bills


def test_sweep_command_prints_writes_and_plots(tmp_path, capsys):
    out, plot = tmp_path / "rows.csv", tmp_path / "sweep.png"
    args = ["sweep", str(MINIMAL), "--vary", "actors.us.budget=20,60", "--games", "2", "--quiet"]
    assert main([*args, "--out", str(out), "--plot", str(plot)]) == 0
    printed = capsys.readouterr().out
    assert "2 point(s) x 2 game(s)" in printed and "credible" in printed and "clash_brigade" in printed
    rows = list(csv.DictReader(out.open()))
    assert [r["actors.us.budget"] for r in rows] == ["20", "60"] and "win_ua" in rows[0]
    assert plot.read_bytes()[:4] == b"\x89PNG"
    assert main([*args, "--out", str(out)]) == 1
    assert "exists; add --force to replace it" in capsys.readouterr().err
    two = ["--vary", "commitments.brigade.yearly_cost=0.5,1", "--figures", "credible,win_us"]
    assert main([*args, *two, "--plot", str(tmp_path / "heat.png"), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data) == 4 and (tmp_path / "heat.png").exists()
    assert main([*args, "--figures", "nonsense"]) == 1
    assert "no figure 'nonsense'" in capsys.readouterr().err
    assert main(["sweep", str(MINIMAL), "--games", "2"]) == 1
    assert "at least one --vary" in capsys.readouterr().err


def test_compare_pairs_seed_by_seed(capsys):
    scenario = load_scenario(MINIMAL)
    a = Side("random fr", scenario, {"fr": "random"})
    b = Side("negotiators", scenario, {})
    c = run_compare(a, b, 6, 2, LocalPool(2))
    game = Game.from_scenario(scenario)
    la = list(run_games(None, [(2 + i, {"fr": "random"}) for i in range(6)], game=game))
    lb = list(run_games(None, [(2 + i, {}) for i in range(6)], game=game))
    diffs = [y["scores"]["fr"]["total"] - x["scores"]["fr"]["total"] for x, y in zip(la, lb)]
    fr = c["score"]["fr"]["difference"]
    assert fr["n"] == 6 and fr["mean"] == pytest.approx(sum(diffs) / 6)
    signed = [(y["outcome"] == "signed") - (x["outcome"] == "signed") for x, y in zip(la, lb)]
    assert c["outcomes"]["signed"]["difference"]["mean"] == pytest.approx(sum(signed) / 6)
    with pytest.raises(CoalitionError, match="A and B are the same"):
        run_compare(b, b, 2, 0, LocalPool())


def test_compare_command_on_two_scenarios(tmp_path, capsys):
    variant = tmp_path / "rich_us.yaml"
    variant.write_text(f"extends: {MINIMAL.name}\nactors:\n  - id: us\n    budget: 90\n")
    (tmp_path / MINIMAL.name).write_bytes(MINIMAL.read_bytes())
    out = tmp_path / "c.json"
    assert (
        main(["compare", str(tmp_path / MINIMAL.name), str(variant), "--games", "3", "--quiet", "--out", str(out)]) == 0
    )
    text = capsys.readouterr().out
    assert "compare, 3 paired games" in text and "B - A" in text and "signed" in text
    data = json.loads(out.read_text())
    assert data["b"]["label"] == str(variant) and set(data["score"]) == {"us", "fr", "ua"}
    assert main(["compare", str(MINIMAL), "--games", "2"]) == 1
    assert "A and B are the same" in capsys.readouterr().err
