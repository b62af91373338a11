"""Headless play: ``simulate`` (many games, agents by seat) and ``tournament`` (agents rotated
across the seats)."""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import signal
import sys
from pathlib import Path

from .. import load_game
from ..errors import CoalitionError, printable
from ..files import check_output, os_reason
from ..paths import find_scenario
from .backend import add_backend_options, executor_of


def _parse_seats(text: str | None, game) -> dict[str, str]:
    if not text:
        return {}
    names: dict[str, str] = {}
    for part in text.split(","):
        seat, _, agent = part.strip().partition("=")
        if seat not in game.seats or not agent:
            raise CoalitionError(f"--seats: {part!r} should be SEAT=AGENT with SEAT one of {', '.join(game.seats)}")
        if seat in names:
            raise CoalitionError(f"--seats: {seat} is given twice ({seat}={names[seat]}, {seat}={agent}); give it once")
        _check_agent(agent, "--seats", seat)
        names[seat] = agent
    return names


def check_seeds(first: int, games: int, option: str = "--seed") -> None:
    """Every game's seed (``first`` .. ``first + games - 1``) must be one a record can hold."""
    from .. import MAX_SEED  # the rules load when a command runs, not with the command line

    if first < 0 or first + max(games, 1) - 1 > MAX_SEED:
        raise CoalitionError(
            f"{option}: seeds run from 0 to 2^63-1 ({MAX_SEED}); {first} with {games} game(s) goes outside"
        )


def _records_dir(args: argparse.Namespace, seeds: list[int]) -> str | None:
    """The ``--records`` folder, made if need be; refused when it is a file, cannot be made, or
    holds a record of these seeds already (without ``--force``)."""
    if not args.records:
        return None
    folder = Path(args.records)
    if folder.exists() and not folder.is_dir():
        raise CoalitionError(f"--records: {folder} is not a folder; name a folder for the records")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise CoalitionError(f"--records: cannot make the folder {folder}: {os_reason(e)}") from None
    if not args.force:
        taken = [folder / f"game-{seed}.json" for seed in seeds if (folder / f"game-{seed}.json").exists()]
        if taken:
            more = f" (and {len(taken) - 1} more)" if len(taken) > 1 else ""
            raise CoalitionError(f"--records: {taken[0]} exists{more}; add --force to replace them")
    return str(folder)


def _open_out(args: argparse.Namespace, scenario: str):
    """The ``--out`` file, opened for the result lines: never the scenario read, never an
    existing file without ``--force``."""
    out = check_output(args.out, args.force, [scenario], "--out", stream=True)
    regular = not out.exists() or out.is_file()
    try:
        return open(out, "xb" if regular and not args.force else "wb", buffering=0)
    except FileExistsError:
        raise CoalitionError(f"--out: {out} exists; add --force to replace it") from None
    except OSError as e:
        raise CoalitionError(f"--out: cannot write {out}: {os_reason(e)}") from None


def _open_table(args: argparse.Namespace, scenario: str, game):
    """The ``--out`` Parquet table (``--format parquet``), under the same rules as ``_open_out``."""
    from ..analysis.tables import ParquetTable

    out = check_output(args.out, args.force, [scenario], "--out")
    try:
        return ParquetTable(str(out), game.seats, game.kinds)
    except OSError as e:
        raise CoalitionError(f"--out: cannot write {out}: {os_reason(e)}") from None


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


def _write_line(out, line: dict) -> None:
    """One result line, whole or not at all: a line cut short by a full disk is taken back. The
    file is unbuffered, so that nothing is left to fail again when it is closed."""
    data = memoryview((json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8"))
    start = out.tell() if out.seekable() else None
    try:
        while data:
            data = data[out.write(data) :]
    except OSError:
        if start is not None:
            with contextlib.suppress(OSError):
                out.truncate(start)
        raise


class Run:
    """What a run finished: the result lines, whether Ctrl-C stopped it, and the one message of
    a write that failed (a full or read-only disk), which stops it too."""

    def __init__(self) -> None:
        from ..analysis.summary import Summary

        self.summary = Summary()  # running totals of every finished game
        self.lines: list[dict] = []  # their compact lines, when the caller keeps them (a tournament's table)
        self.interrupted = False
        self.failure: str | None = None

    def report(self, out_name: str | None) -> int:
        """Say how the run ended (once) and return the exit code."""
        done = self.summary.games
        kept = f"{done} finished game(s) kept" + (f" in {out_name}" if out_name and done else "")
        if self.failure:
            print(f"coalition: {printable(self.failure)}; stopped: {kept}", file=sys.stderr)
            return 1
        if self.interrupted:
            print(f"interrupted: {kept}", file=sys.stderr)
            return 130
        return 0


def _run(args: argparse.Namespace, path: str, game, jobs_list, default: str, keep: bool = False) -> Run:
    """Play the jobs, writing each result line (or, with --format parquet, table row) as it comes;
    the summary is kept as running totals, the compact lines only when ``keep``."""
    from tqdm import tqdm

    from ..analysis.runner import STORAGE, compact, run_games
    from ..analysis.tables import format_of

    if args.jobs < 1:
        raise CoalitionError("--jobs must be at least 1")
    fmt = format_of(args.out, args.format)
    if fmt == "parquet" and not args.out:
        raise CoalitionError("--format parquet writes a file: give it with --out")
    records = _records_dir(args, [seed for seed, _ in jobs_list])
    run = Run()
    with contextlib.ExitStack() as stack:
        write = None
        if fmt == "parquet":
            table = _open_table(args, path, game)
            stack.callback(table.close)
            write = table.write
        elif args.out:
            write = functools.partial(_write_line, stack.enter_context(_open_out(args, path)))
        bar = stack.enter_context(
            tqdm(total=len(jobs_list), file=sys.stderr, unit="game", disable=args.quiet or None, dynamic_ncols=True)
        )
        ctrl_c = stack.enter_context(_CtrlC())
        games = stack.enter_context(
            contextlib.closing(
                run_games(
                    path,
                    jobs_list,
                    default,
                    args.jobs,
                    records,
                    game,
                    replace_records=args.force,
                    executor=executor_of(args, game),
                )
            )
        )
        try:
            for line in games:
                if STORAGE in line:
                    run.failure = line[STORAGE]
                    break
                ctrl_c.hold = True
                if write is not None:
                    write(line)
                run.summary.add(line)
                if keep:
                    run.lines.append(compact(line))
                bar.update(1)
                ctrl_c.hold = False
                if ctrl_c.pressed:
                    break
        except KeyboardInterrupt:
            ctrl_c.pressed = True
        except OSError as e:
            run.failure = f"--out: cannot write {args.out}: {os_reason(e)}"
        finally:
            games.close()  # stop the pool before the output file is closed
    run.interrupted = ctrl_c.pressed
    return run


def cmd_simulate(args: argparse.Namespace) -> int:
    """Play N headless games, write one JSON line (or table row) per game and print a summary."""
    path = str(find_scenario(args.scenario))
    game = load_game(path)
    names = _parse_seats(args.seats, game)
    _check_agent(args.agent, "--agent", game.seats[0])
    if args.games < 1:
        raise CoalitionError("--games must be at least 1")
    check_seeds(args.seed, args.games)
    from ..analysis.runner import SeedJobs

    jobs_list = SeedJobs(range(args.seed, args.seed + args.games), names)  # made as they are played
    run = _run(args, path, game, jobs_list, args.agent)
    code = run.report(args.out)
    if run.summary.games:
        print("\n".join(run.summary.lines()))
    return code


def cmd_tournament(args: argparse.Namespace) -> int:
    """Agents rotated across the seats, the same seeds in every rotation; a table of mean
    scores by agent and seat, win rates, and the summary."""
    from ..analysis.runner import rotations, tournament_table

    path = str(find_scenario(args.scenario))
    game = load_game(path)
    agents = [a.strip() for a in args.agents.split(",") if a.strip()]
    if len(agents) < 2:
        raise CoalitionError("--agents: name at least two agents, e.g. random,negotiator")
    for a in agents:
        _check_agent(a, "--agents", game.seats[0])
    if args.games < 1:
        raise CoalitionError("--games must be at least 1")
    check_seeds(args.seed, args.games)
    jobs_list = [(args.seed + i, names) for names in rotations(game.seats, agents) for i in range(args.games)]
    run = _run(args, path, game, jobs_list, agents[0], keep=True)
    code = run.report(args.out)
    if run.lines:
        print(f"tournament: {', '.join(agents)}; {len(agents)} rotations x {args.games} game(s); mean score by seat")
        print("\n".join(tournament_table(run.lines)))
        print()
        print("\n".join(run.summary.lines()))
    return code


def _common(p) -> None:
    p.add_argument(
        "scenario", nargs="?", help="scenario file or shipped scenario name (default: ukraine_guarantees_2025)"
    )
    p.add_argument("--games", type=int, default=100, help="games to play (per rotation for a tournament)")
    p.add_argument("--seed", type=int, default=0, help="seed of the first game; game i has seed S+i")
    p.add_argument("--jobs", type=int, default=1, help="worker processes (the output is the same for any number)")
    p.add_argument("--out", help="file to write one JSON line (or, with --format parquet, one table row) per game to")
    p.add_argument(
        "--format",
        choices=("jsonl", "parquet"),
        help="of --out: jsonl (the default; parquet when the file ends in .parquet) or parquet, a flat table "
        "(needs pyarrow: pip install 'coalition-wargame[parquet]')",
    )
    p.add_argument("--records", help="directory to write each game's JSON record to")
    p.add_argument("--force", action="store_true", help="replace an existing --out file or --records of the same seeds")
    add_backend_options(p)
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
