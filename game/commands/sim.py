"""Headless play: ``simulate`` (many games, agents by seat) and ``tournament`` (agents rotated
across the seats)."""

from __future__ import annotations

import argparse
import contextlib
import json
import signal
import sys
from pathlib import Path

from .. import load_game
from ..errors import CoalitionError
from ..paths import find_scenario


def _parse_seats(text: str | None, game) -> dict[str, str]:
    if not text:
        return {}
    names = {}
    for part in text.split(","):
        seat, _, agent = part.strip().partition("=")
        if seat not in game.seats or not agent:
            raise CoalitionError(f"--seats: {part!r} should be SEAT=AGENT with SEAT one of {', '.join(game.seats)}")
        _check_agent(agent, "--seats", seat)
        names[seat] = agent
    return names


def _check_agent(name: str, option: str, seat: str) -> None:
    """Fail early, with one message, on an agent that cannot be loaded or made (a plug-in's
    import error, a missing class, a factory without ``act``)."""
    from ..agents import AgentError, make_agent

    try:
        make_agent(name, seat, 0)
    except AgentError as e:
        raise CoalitionError(f"{option}: {e}") from None
    except Exception as e:  # the plug-in's own constructor failed
        raise CoalitionError(f"{option}: agent {name!r} cannot be made: {type(e).__name__}: {e}") from None


class _CtrlC:
    """Ctrl-C during a run: it raises ``KeyboardInterrupt`` while the run waits for games, but only
    sets ``pressed`` while a result line is being written (a line is written whole) or when Python
    would drop the exception (raised while a finaliser runs); the run checks ``pressed`` after
    each line."""

    def __init__(self) -> None:
        self.pressed = False
        self.hold = False

    def __call__(self, signum, frame) -> None:
        self.pressed = True
        if not self.hold:
            raise KeyboardInterrupt

    def __enter__(self) -> _CtrlC:
        self.previous = signal.signal(signal.SIGINT, self)
        return self

    def __exit__(self, *exc) -> None:
        signal.signal(signal.SIGINT, self.previous)


def _run(args: argparse.Namespace, path: str, game, jobs_list, default: str) -> tuple[list[dict], bool]:
    """Play the jobs, writing each result line (flushed) as it comes; returns the lines and
    whether the run was interrupted."""
    from tqdm import tqdm

    from ..analysis.runner import compact, run_games

    if args.jobs < 1:
        raise CoalitionError("--jobs must be at least 1")
    if args.records:
        Path(args.records).mkdir(parents=True, exist_ok=True)
    lines: list[dict] = []
    with contextlib.ExitStack() as stack:
        out = None
        if args.out:
            try:
                out = stack.enter_context(open(args.out, "w", encoding="utf-8"))
            except OSError as e:
                raise CoalitionError(f"--out: cannot write {args.out}: {e.strerror}") from None
        bar = stack.enter_context(
            tqdm(total=len(jobs_list), file=sys.stderr, unit="game", disable=args.quiet or None, dynamic_ncols=True)
        )
        ctrl_c = stack.enter_context(_CtrlC())
        games = stack.enter_context(
            contextlib.closing(run_games(path, jobs_list, default, args.jobs, args.records, game))
        )
        try:
            for line in games:
                ctrl_c.hold = True
                lines.append(compact(line))
                if out is not None:
                    out.write(json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n")
                    out.flush()
                bar.update(1)
                ctrl_c.hold = False
                if ctrl_c.pressed:
                    break
        except KeyboardInterrupt:
            ctrl_c.pressed = True
    return lines, ctrl_c.pressed


def cmd_simulate(args: argparse.Namespace) -> int:
    """Play N headless games, write one JSON line per game and print a summary."""
    from ..analysis.runner import summarise

    path = str(find_scenario(args.scenario))
    game = load_game(path)
    names = _parse_seats(args.seats, game)
    _check_agent(args.agent, "--agent", game.seats[0])
    if args.games < 1:
        raise CoalitionError("--games must be at least 1")
    jobs_list = [(args.seed + i, names) for i in range(args.games)]
    lines, interrupted = _run(args, path, game, jobs_list, args.agent)
    if interrupted:
        print(
            f"interrupted: {len(lines)} finished game(s) kept" + (f" in {args.out}" if args.out else ""),
            file=sys.stderr,
        )
    if lines:
        print("\n".join(summarise(lines)))
    return 130 if interrupted else 0


def cmd_tournament(args: argparse.Namespace) -> int:
    """Agents rotated across the seats, the same seeds in every rotation; a table of mean
    scores by agent and seat, win rates, and the summary."""
    from ..analysis.runner import rotations, summarise, tournament_table

    path = str(find_scenario(args.scenario))
    game = load_game(path)
    agents = [a.strip() for a in args.agents.split(",") if a.strip()]
    if len(agents) < 2:
        raise CoalitionError("--agents: name at least two agents, e.g. random,negotiator")
    for a in agents:
        _check_agent(a, "--agents", game.seats[0])
    if args.games < 1:
        raise CoalitionError("--games must be at least 1")
    jobs_list = [(args.seed + i, names) for names in rotations(game.seats, agents) for i in range(args.games)]
    lines, interrupted = _run(args, path, game, jobs_list, agents[0])
    if interrupted:
        print(f"interrupted: {len(lines)} finished game(s) kept", file=sys.stderr)
    if lines:
        print(f"tournament: {', '.join(agents)}; {len(agents)} rotations x {args.games} game(s); mean score by seat")
        print("\n".join(tournament_table(lines)))
        print()
        print("\n".join(summarise(lines)))
    return 130 if interrupted else 0


def _common(p) -> None:
    p.add_argument(
        "scenario", nargs="?", help="scenario file or shipped scenario name (default: ukraine_guarantees_2025)"
    )
    p.add_argument("--games", type=int, default=100, help="games to play (per rotation for a tournament)")
    p.add_argument("--seed", type=int, default=0, help="seed of the first game; game i has seed S+i")
    p.add_argument("--jobs", type=int, default=1, help="worker processes (the output is the same for any number)")
    p.add_argument("--out", help="file to write one JSON line per game to")
    p.add_argument("--records", help="directory to write each game's JSON record to")
    p.add_argument("--quiet", action="store_true", help="no progress bar")


def register(sub) -> None:
    m = sub.add_parser("simulate", help="play headless games between AI agents")
    _common(m)
    m.add_argument(
        "--seats",
        help="agents by seat, e.g. us=mcts,uk=random,ua=mypackage.agents:MyAgent (the rest: --agent); "
        "an agent is a name or a plug-in's package.module:ClassName (see docs/agents.md)",
    )
    m.add_argument(
        "--agent", default="negotiator", help="agent for the seats not named in --seats (default: negotiator)"
    )
    m.set_defaults(func=cmd_simulate)

    t = sub.add_parser("tournament", help="rotate AI agents across the seats and compare them")
    _common(t)
    t.add_argument(
        "--agents",
        default="random,negotiator,mcts",
        help="agents to rotate, comma-separated: names or plug-ins' package.module:ClassName",
    )
    t.set_defaults(func=cmd_tournament, games=10)
