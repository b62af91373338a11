"""The balance report: per-seat win rate and mean score, deal rate, kinds/events/reactions never or
always seen, flags; the agents rotated through the seats; the optional plot."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import pytest

from game import agents as agents_module
from game.analysis.balance import _flags, format_report, lineup, plot_report, run_balance
from game.cli import main
from game.core.state import Game
from game.errors import CoalitionError
from game.scenario.loader import load_scenario

MINIMAL = Path(__file__).parent / "fixtures" / "minimal.yaml"


@pytest.fixture(scope="module")
def game() -> Game:
    return Game.from_scenario(load_scenario(MINIMAL))


@pytest.fixture(scope="module")
def report(game):
    return run_balance(game, 8, seed=3)


def test_rates_add_up(report, game):
    assert report.agents == ("negotiator",) and report.note == ""
    assert sum(report.win_rate.values()) == pytest.approx(1.0)  # ties are split
    assert sum(report.outcomes.values()) == pytest.approx(1.0)
    assert set(report.kinds) == set(game.kinds)
    assert set(report.events) == {e.id for e in game.scenario.events}
    assert set(report.reactions) == {r.id for r in game.scenario.reactions}
    assert all(0 <= v <= 1 for v in [*report.kinds.values(), *report.events.values(), *report.reactions.values()])
    assert set(report.mean_score) == set(game.seats)


def test_the_report_is_reproducible_and_the_same_for_any_number_of_jobs(report, game):
    assert run_balance(game, 8, seed=3, jobs=2) == report


def test_agent_types_rotate_through_the_seats(game, monkeypatch):
    seen: Counter = Counter()
    real = agents_module.make_agent

    def spy(name, seat, seed):
        seen[seat, name] += 1
        return real(name, seat, seed)

    monkeypatch.setattr("game.analysis.runner.make_agent", spy)
    run_balance(game, 4, agents=["random", "negotiator"])
    assert all(seen[seat, name] == 2 for seat in game.seats for name in ("random", "negotiator"))


def test_falls_back_to_random_and_says_so(monkeypatch):
    monkeypatch.setattr(agents_module, "AGENTS", {"random": agents_module.AGENTS["random"]})
    types, note = lineup(None)
    assert types == ("random",)
    assert "`negotiator` agent is not available" in note


def test_unknown_agent_is_a_plain_error():
    with pytest.raises(CoalitionError, match="unknown agent 'genius'; agents are"):
        lineup(["genius"])


def test_flags():
    seats = ["a", "b", "c", "d"]
    found = _flags(seats, {"a": 0.6, "b": 0.4, "c": 0.0, "d": 0.0}, Counter({"no_deal": 10}), 10)
    assert found == [
        "`a` wins 60% of games: more than twice its fair share (25%)",
        "`c` never wins",
        "`d` never wins",
        "no game ends in a deal",
    ]
    assert _flags(seats, dict.fromkeys(seats, 0.25), Counter({"signed": 5}), 5) == ["every game ends in a deal"]


def test_text_report_names_never_and_always(report):
    text = format_report(report)
    assert "win rate" in text and "deal rate:" in text
    assert text.count("never:") == 3  # kinds, events, reactions


def test_balance_command_text_and_json(capsys):
    assert main(["balance", str(MINIMAL), "--games", "3"]) == 0
    assert "mean score" in capsys.readouterr().out
    assert main(["balance", str(MINIMAL), "--games", "3", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["games"] == 3 and 0 <= data["deal_rate"] <= 1
    assert main(["balance", str(MINIMAL), "--games", "1", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out, parse_constant=lambda c: pytest.fail(f"not JSON: {c}"))["games"] == 1
    assert main(["balance", str(MINIMAL), "--games", "0"]) == 1


def test_plot_writes_a_png(report, tmp_path):
    pytest.importorskip("matplotlib")
    out = tmp_path / "balance.png"
    plot_report(report, str(out))
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_plot_without_matplotlib_says_how_to_install_it(report, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(CoalitionError, match=r"--plot needs matplotlib.*pip install 'coalition\[plot\]'"):
        plot_report(report, str(tmp_path / "x.png"))
