"""The balance (design-health) report: per-seat win rate and mean score, outcome rates,
kinds/events/reactions never or always seen, flags; the health figures (deal sets, clashes, the
bloc's bills, the winner's margin) tallied from result lines; the paired probes; the agents rotated
through the seats; the optional plot."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import pytest

from game import agents as agents_module
from game.analysis.balance import _flags, format_report, lineup, plot_report, run_balance
from game.analysis.health import Health
from game.analysis.probes import parse_probes
from game.analysis.runner import run_games
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


@pytest.mark.slow
def test_balance_command_text_and_json(capsys):
    assert main(["balance", str(MINIMAL), "--games", "3", "--quiet"]) == 0
    text = capsys.readouterr().out
    assert "mean score" in text and "paired probes" in text and "hold-out" in text and "mcts" in text
    assert main(["balance", str(MINIMAL), "--games", "3", "--format", "json", "--no-probes", "--quiet"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["games"] == 3 and 0 <= data["deal_rate"] <= 1 and data["probes"] == []
    assert {"outcomes", "win_rate", "winner_margin_median", "deal_sets", "clashes", "bloc"} <= set(data["health"])
    assert main(["balance", str(MINIMAL), "--games", "1", "--format", "json", "--quiet"]) == 0
    assert json.loads(capsys.readouterr().out, parse_constant=lambda c: pytest.fail(f"not JSON: {c}"))["games"] == 1
    assert main(["balance", str(MINIMAL), "--games", "0"]) == 1


def test_balance_command_options_are_checked(capsys):
    assert main(["balance", str(MINIMAL), "--games", "2", "--probes", "random,genius"]) == 1
    assert "unknown probe 'genius'; probes are random, accept, reject, holdout, mcts" in capsys.readouterr().err
    assert main(["balance", str(MINIMAL), "--games", "2", "--backstop", "xx", "--no-probes"]) == 1
    assert "--backstop: backstop seat 'xx' is not a seat" in capsys.readouterr().err
    assert main(["balance", str(MINIMAL), "--games", "2", "--probe-games", "0"]) == 1
    assert parse_probes("accept-all, random,random") == ("accept", "random")


# --- the health figures, from result lines -------------------------------------------------------


def _line(outcome="signed", totals=(10.0, 20.0, 5.0), winners=("fr",), bound=(), deal=(), bills=None, incidents=()):
    seats = ("us", "fr", "ua")
    return {
        "seed": 0,
        "outcome": outcome,
        "winners": list(winners),
        "scores": {s: {"total": t} for s, t in zip(seats, totals)},
        "bound": list(bound),
        "deal": [{"items": [{"giver": "us", "kind": k, "units": 1} for k in deal]}],
        "bills": bills or dict.fromkeys(seats, 0.0),
        "events": [],
        "reactions": [],
        "incidents": [list(i) for i in incidents],
    }


def test_health_figures_from_result_lines(game):
    lines = [
        _line(deal=("brigade", "aid"), bound=("brigade", "aid"), bills={"us": 1.0, "fr": 3.0, "ua": 0.0}),
        _line(deal=("aid", "brigade"), bound=("brigade", "aid"), bills={"us": 3.0, "fr": 1.0, "ua": 0.0}),
        _line(deal=("aid",), bound=("aid",), totals=(30.0, 20.0, 20.0), winners=("us",)),  # no bill
        _line(
            "collapse",
            bound=("brigade",),
            incidents=[(2, "fr", "brigade"), (3, "fr", "brigade")],
            totals=(-5, -5, -9),
            winners=("us", "fr"),
        ),
        {"seed": 9, "agents": {}, "error": "boom"},
    ]
    f = Health(game).update(lines).figures()
    assert f["games"] == 4 and f["failed"] == 1
    assert f["outcomes"]["signed"]["rate"] == 0.75 and f["outcomes"]["collapse"]["rate"] == 0.25
    assert f["win_rate"]["us"]["rate"] == pytest.approx(1.5 / 4) and f["win_rate"]["fr"]["rate"] == pytest.approx(
        2.5 / 4
    )
    assert f["winner_margin_median"] == pytest.approx((10 + 10) / 2)  # margins 10, 10, 10, 0
    assert f["deal_sets"]["top"][0] == {"kinds": ["aid", "brigade"], "deals": 2, "share": pytest.approx(2 / 3)}
    assert f["deal_sets"]["top_share"] == 1.0 and f["deal_sets"]["distinct"] == 2
    assert f["kinds"] == {"brigade": 0.75, "air_defence": 0.0, "aid": 0.75}
    assert f["clashes"] == {
        "brigade": {
            "bound_games": 3,
            "clash_games": 1,
            "clash_rate": pytest.approx(1 / 3),
            "incidents": 2,
            "collapse_games": 1,
        }
    }
    bloc = f["bloc"]
    assert bloc["seats"] == ["fr"] and bloc["backstop"] == ["us"] and bloc["acceptance_seat"] == "ua"
    assert bloc["paid_credible_deals"] == 2 and bloc["share_of_bills"] == pytest.approx(4 / 8)
    assert bloc["pays_most"]["rate"] == 0.5
    assert Health(game, backstop=[]).update(lines).figures()["bloc"]["share_of_bills"] == 1.0  # us joins the bloc


def test_the_reported_figures_are_those_of_the_games_played(game, report):
    """The health figures equal a tally of the same games' result lines, played by the runner."""
    lines = list(run_games(str(MINIMAL), [(3 + i, {}) for i in range(8)], "negotiator"))
    h = report.health
    credible = [x for x in lines if x["outcome"] == "signed"]
    assert h["deal_sets"]["credible_deals"] == len(credible)
    paid = [x for x in credible if sum(x["bills"].values()) > 0]
    share = sum(x["bills"]["fr"] for x in paid) / sum(sum(x["bills"].values()) for x in paid)
    assert h["bloc"]["share_of_bills"] == pytest.approx(share)
    assert h["mean_score"]["ua"]["mean"] == pytest.approx(sum(x["scores"]["ua"]["total"] for x in lines) / 8)
    assert report.kinds == {k: sum(k in x["bound"] for x in lines) / 8 for k in game.kinds}


# --- the paired probes ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def probed(game):
    return run_balance(game, 6, seed=2, probes=("random", "holdout", "reject"), probe_games=4)


def test_probes_pair_each_seat_with_its_base_game(game, probed):
    assert probed.probe_games == 4 and probed.games == 6
    pairs = {(p["seat"], p["probe"]) for p in probed.probes}
    assert pairs == {(s, n) for s in game.seats for n in ("random", "reject")} | {("ua", "holdout")}
    base = {x["seed"]: x for x in run_games(str(MINIMAL), [(2 + i, {}) for i in range(4)], "negotiator")}
    probe = {x["seed"]: x for x in run_games(str(MINIMAL), [(2 + i, {"fr": "random"}) for i in range(4)], "negotiator")}
    diffs = [probe[s]["scores"]["fr"]["total"] - base[s]["scores"]["fr"]["total"] for s in base]
    fr = next(p for p in probed.probes if p["seat"] == "fr" and p["probe"] == "random")
    assert fr["n"] == 4 and fr["unpaired"] == 0 and fr["agent"] == "random"
    assert fr["mean"] == pytest.approx(sum(diffs) / 4)
    assert fr["low"] <= fr["mean"] <= fr["high"]
    reject = next(p for p in probed.probes if p["seat"] == "ua" and p["probe"] == "reject")
    assert reject["significant"] == "lower"  # a Ukraine that blocks everything loses its deal
    text = format_report(probed)
    assert "paired probes on seeds 2-5" in text and "reject-all" in text and "hold-out" in text


@pytest.mark.slow
def test_probes_are_the_same_for_any_number_of_jobs(game, probed):
    assert run_balance(game, 6, seed=2, probes=("random", "holdout", "reject"), probe_games=4, jobs=2) == probed


def test_a_probe_equal_to_the_base_agent_is_skipped(game):
    r = run_balance(game, 2, agents=["random"], probes=("random", "accept"))
    assert {p["probe"] for p in r.probes} == {"accept"}


def test_plot_writes_a_png(report, tmp_path):
    pytest.importorskip("matplotlib")
    out = tmp_path / "balance.png"
    plot_report(report, str(out))
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_plot_without_matplotlib_says_how_to_install_it(report, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(CoalitionError, match=r"--plot needs matplotlib.*pip install 'coalition-wargame\[plot\]'"):
        plot_report(report, str(tmp_path / "x.png"))
