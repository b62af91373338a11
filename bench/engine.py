"""Engine benchmarks: actions and games per second with random agents on the default scenario,
MCTS simulations per second, and ``simulate`` throughput with --jobs 1 and --jobs 2.

Run it in the same session as the peers (``python ../shared/bench/anchors.py``) and quote the
ratios: these machines drift by tens of percent between sessions. Medians of several runs.

Usage: python bench/engine.py [--runs 5] [--seconds 2] [--games 40] [--rss N] [--json]
       python bench/engine.py --peers [ANCHORS] [--runs 9] [--seconds 1]   (engine and peers in turn)
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game import (
    CHANCE,
    Game,
    apply,
    current_seat,
    is_over,
    legal_actions,
    load_scenario,
    new_game,
    observe,
    sample_chance,
)
from game.agents import RandomAgent
from game.paths import DEFAULT_SCENARIO


def random_playout(game: Game, seed: int) -> int:
    """One game, uniform over the legal actions (as the peers' playouts are); returns its length."""
    rng = random.Random(seed)
    state = new_game(game, seed)
    n = 0
    while not is_over(state):
        if current_seat(state) == CHANCE:
            state = apply(state, sample_chance(state))
        else:
            legal = legal_actions(state)
            state = apply(state, rng.choice(legal))
        n += 1
    return n


def agent_playout(game: Game, seed: int) -> int:
    """One game through the agents' interface: an observation and a RandomAgent per seat."""
    agents = [RandomAgent(s, seed) for s in game.seats]
    state = new_game(game, seed)
    n = 0
    while not is_over(state):
        seat = current_seat(state)
        if seat == CHANCE:
            state = apply(state, sample_chance(state))
        else:
            state = apply(state, agents[seat].act(observe(state, seat), legal_actions(state)))
        n += 1
    return n


def rate(play, game, runs: int, seconds: float) -> tuple[float, float]:
    """Median actions/s and games/s over ``runs`` timed runs of at least ``seconds`` each."""
    for seed in range(5):
        play(game, 10_000 + seed)
    actions, games = [], []
    seed = 0
    for _ in range(runs):
        n = g = 0
        start = time.perf_counter()
        while True:
            n += play(game, seed)
            g += 1
            seed += 1
            elapsed = time.perf_counter() - start
            if elapsed >= seconds:
                break
        actions.append(n / elapsed)
        games.append(g / elapsed)
    return statistics.median(actions), statistics.median(games)


def side_by_side(game: Game, anchors: Path, runs: int, seconds: float) -> dict:
    """The engine and the peers of ``anchors.py`` timed in turn, ``runs`` rounds of ``seconds``
    each, so that the machine's drift (tens of percent within minutes here) hits all alike. Returns
    per peer its median actions/s and the median over rounds of the engine's ratio to it."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("anchors", anchors)
    peers_module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(peers_module)
    players = {"coalition": lambda seed: random_playout(game, seed)}
    for name, make in peers_module.PEERS.items():
        try:
            players[name] = make(random.Random(7))
        except ImportError:
            continue  # not installed: skipped, as anchors.py does
    for play in players.values():  # warm-up
        for seed in range(10):
            play(10_000 + seed)
    rates: dict[str, list[float]] = {name: [] for name in players}
    seed = 0
    for _ in range(runs):
        for name, play in players.items():
            n = 0
            start = time.perf_counter()
            while time.perf_counter() - start < seconds:
                n += play(seed)
                seed += 1
            rates[name].append(n / (time.perf_counter() - start))
    out = {"coalition": statistics.median(rates["coalition"])}
    for name in players:
        if name != "coalition":
            ratios = [c / p for c, p in zip(rates["coalition"], rates[name])]
            out[name] = {
                "actions_per_s": statistics.median(rates[name]),
                "ratio": statistics.median(ratios),
                "ratio_range": (min(ratios), max(ratios)),
            }
    return out


def mcts_rate(game: Game, runs: int) -> tuple[float, float]:
    """MCTS simulations per second at the default budget (median over decisions of several
    games), and the mean seconds per decision."""
    from game.agents.mcts import MCTSAgent
    from game.analysis.runner import seat_agents

    rates, times = [], []
    for seed in range(runs):
        agents = seat_agents(game, seed, {}, "negotiator")
        # searching from round 1 (by default it plays the negotiator's moves until round 4, and
        # most games are settled by then): the same search, at its default budget
        probe = MCTSAgent(game.seats[seed % len(game.seats)], seed, search_from=1)
        agents[probe.seat_id] = probe
        state = new_game(game, seed)
        while not is_over(state):
            seat = current_seat(state)
            if seat == CHANCE:
                state = apply(state, sample_chance(state))
                continue
            agent = agents[game.seats[seat]]
            probe.last_search = 0
            start = time.perf_counter()
            action = agent.act(observe(state, seat), legal_actions(state))
            elapsed = time.perf_counter() - start
            if agent is probe and probe.last_search:
                rates.append(probe.last_search / elapsed)
                times.append(elapsed)
            state = apply(state, action)
    return statistics.median(rates), statistics.fmean(times)


def simulate_rate(jobs: int, games: int, agent: str, runs: int) -> float:
    """Games per second of the ``simulate`` command (a fresh process, output to a file)."""
    out = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            start = time.perf_counter()
            subprocess.run(
                [
                    sys.executable,
                    str(ROOT / "main.py"),
                    "simulate",
                    "--games",
                    str(games),
                    "--agent",
                    agent,
                    "--jobs",
                    str(jobs),
                    "--quiet",
                    "--out",
                    str(Path(tmp) / "r.jsonl"),
                ],
                check=True,
                stdout=subprocess.DEVNULL,
                cwd=ROOT,
            )
            out.append(games / (time.perf_counter() - start))
    return statistics.median(out)


def peak_rss(games: int, jobs: int) -> tuple[float, float]:
    """Peak RSS (MB) of the largest process in a ``simulate`` run of ``games`` random games,
    and its wall time."""
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        out = str(Path(tmp) / "r.jsonl")
        code = (
            f"import resource, sys; sys.argv=['main.py','simulate','--games','{games}','--agent','random',"
            f"'--jobs','{jobs}','--quiet','--out',{out!r}]; sys.path.insert(0, {str(ROOT)!r}); "
            "from game.cli import main; main(sys.argv[1:]); "
            "print(max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "
            "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024, file=sys.stderr)"
        )
        done = subprocess.run(
            [sys.executable, "-c", code], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        )
        return float(done.stderr.strip().splitlines()[-1]), time.perf_counter() - start


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--seconds", type=float, default=2.0)
    p.add_argument("--games", type=int, default=40, help="games per simulate throughput run")
    p.add_argument("--agent", default="negotiator", help="agent for the simulate throughput runs")
    p.add_argument("--rss", type=int, default=0, help="also measure peak RSS of a run of this many random games")
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "--peers",
        nargs="?",
        const=str(ROOT.parent / "shared" / "bench" / "anchors.py"),
        metavar="ANCHORS",
        help="only time the engine and the peers of anchors.py in turn (default path: ../shared/bench/anchors.py)",
    )
    args = p.parse_args()
    game = Game.from_scenario(load_scenario(DEFAULT_SCENARIO))
    if args.peers:
        if not Path(args.peers).is_file():
            sys.exit(f"bench/engine.py: no peers script at {args.peers} (give the path to anchors.py)")
        res = side_by_side(game, Path(args.peers), args.runs, args.seconds)
        if args.json:
            print(json.dumps(res, indent=1))
            return
        print(f"{'coalition (random playouts)':36s} {res['coalition']:>9,.0f} actions/s")
        for name, r in res.items():
            if name != "coalition":
                low, high = r["ratio_range"]
                print(
                    f"{name:36s} {r['actions_per_s']:>9,.0f} actions/s   coalition/peer {r['ratio']:.2f}x "
                    f"(rounds {low:.2f}-{high:.2f})"
                )
        return
    res: dict = {}
    res["engine_actions_per_s"], res["engine_games_per_s"] = rate(
        lambda g, s: random_playout(g, s), game, args.runs, args.seconds
    )
    res["agents_api_actions_per_s"], res["agents_api_games_per_s"] = rate(agent_playout, game, args.runs, args.seconds)
    res["mcts_simulations_per_s"], res["mcts_seconds_per_decision"] = mcts_rate(game, max(2, args.runs // 2))
    res["simulate_jobs1_games_per_s"] = simulate_rate(1, args.games, args.agent, max(1, args.runs // 2))
    res["simulate_jobs2_games_per_s"] = simulate_rate(2, args.games, args.agent, max(1, args.runs // 2))
    res["simulate_jobs2_speedup"] = res["simulate_jobs2_games_per_s"] / res["simulate_jobs1_games_per_s"]
    if args.rss:
        res["rss_games"] = args.rss
        res["rss_peak_mb"], res["rss_seconds"] = peak_rss(args.rss, 2)
    if args.json:
        print(json.dumps(res, indent=1))
        return
    print(
        f"engine, random playouts:   {res['engine_actions_per_s']:>9,.0f} actions/s"
        f"  {res['engine_games_per_s']:7.1f} games/s"
    )
    print(
        f"agents API (observe+agent): {res['agents_api_actions_per_s']:>8,.0f} actions/s"
        f"  {res['agents_api_games_per_s']:7.1f} games/s"
    )
    print(
        f"MCTS (default budget):     {res['mcts_simulations_per_s']:>9,.0f} simulations/s"
        f" ({res['mcts_seconds_per_decision']:.2f} s a decision)"
    )
    print(f"simulate --agent {args.agent} --jobs 1: {res['simulate_jobs1_games_per_s']:6.2f} games/s")
    print(
        f"simulate --agent {args.agent} --jobs 2: {res['simulate_jobs2_games_per_s']:6.2f} games/s "
        f"({res['simulate_jobs2_speedup']:.2f}x)"
    )
    if args.rss:
        print(
            f"simulate --games {args.rss} --agent random --jobs 2: peak RSS {res['rss_peak_mb']:.0f} MB, "
            f"{res['rss_seconds']:.0f} s"
        )


if __name__ == "__main__":
    main()
