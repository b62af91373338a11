"""Authoring commands: ``schema``, ``docs``, ``new`` and ``balance``."""

from __future__ import annotations

import argparse
import sys

from .. import load_game
from ..errors import CoalitionError
from ..files import check_output, write_output
from ..paths import find_scenario
from .backend import add_backend_options
from .sim import check_seeds


def _write_or_print(text: str, output: str | None, force: bool) -> None:
    """Print ``text``, or write it to ``output``: all at once, and an existing file only with
    ``--force``."""
    if output:
        write_output(output, text, force, option="--output")
        print(f"wrote {output}", file=sys.stderr)
    else:
        sys.stdout.write(text)


def cmd_schema(args: argparse.Namespace) -> int:
    """Print (or write) the JSON Schema of scenario files."""
    from .. import schema_text

    _write_or_print(schema_text(), args.output, args.force)
    return 0


def cmd_docs(args: argparse.Namespace) -> int:
    """Print (or write) the scenario format reference (docs/scenario-format.md)."""
    from .. import render_docs as render

    _write_or_print(render(), args.output, args.force)
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    """Write a valid, commented starting scenario."""
    from .. import write_new
    from ..paths import SCHEMA

    path, schema = write_new(args.name, args.path, force=args.force)
    if schema is not None:
        print(f"wrote {path} (and {schema} beside it, for editors); check it with: coalition validate {path}")
    else:
        print(
            f"wrote {path}; check it with: coalition validate {path}\n"
            f"note: {path.parent / SCHEMA.name} differs from this version's schema and was left as it is "
            f"(refresh it with: coalition schema -o {path.parent / SCHEMA.name})"
        )
    return 0


def _advance(bar, done: int, total: int) -> None:
    if bar.total != total:
        bar.total = total
    bar.update(done - bar.n)


def cmd_balance(args: argparse.Namespace) -> int:
    """Play N games with AI negotiators and report the scenario's design health, with the paired
    probes."""
    from tqdm import tqdm

    from ..analysis.balance import format_report, plot_report, run_balance
    from ..analysis.probes import PROBES, parse_probes
    from .backend import executor_of

    if args.games < 1:
        raise CoalitionError("--games must be at least 1")
    if args.probe_games is not None and args.probe_games < 1:
        raise CoalitionError("--probe-games must be at least 1")
    check_seeds(args.seed, args.games)
    if args.plot:
        check_output(args.plot, args.force, [find_scenario(args.scenario)], "--plot")
    probes = () if args.no_probes else parse_probes(args.probes if args.probes is not None else ",".join(PROBES))
    game = load_game(args.scenario)
    executor = executor_of(args, game)
    agents = [a.strip() for a in args.agents.split(",") if a.strip()] if args.agents else None
    backstop = None if args.backstop is None else [s.strip() for s in args.backstop.split(",") if s.strip()]
    with tqdm(file=sys.stderr, unit="game", disable=args.quiet or None, dynamic_ncols=True) as bar:
        report = run_balance(
            game,
            args.games,
            seed=args.seed,
            agents=agents,
            jobs=args.jobs,
            probes=probes,
            probe_games=args.probe_games,
            backstop=backstop,
            scenario_file=args.scenario,
            executor=executor,
            progress=lambda done, total: _advance(bar, done, total),
        )
    if args.format == "json":
        import json

        print(json.dumps(report.to_json(), indent=1, ensure_ascii=False))
    else:
        print(format_report(report))
    if args.plot:
        plot_report(report, args.plot)
        print(f"wrote {args.plot}", file=sys.stderr)
    return 0


def register(sub) -> None:
    s = sub.add_parser("schema", help="print the JSON Schema of scenario files (for editors)")
    s.add_argument("--output", "-o", help="write it to this file instead of printing it")
    s.add_argument("--force", action="store_true", help="replace an existing --output file")
    s.set_defaults(func=cmd_schema)

    d = sub.add_parser("docs", help="print the scenario format reference (Markdown)")
    d.add_argument("--output", "-o", help="write it to this file instead of printing it")
    d.add_argument("--force", action="store_true", help="replace an existing --output file")
    d.set_defaults(func=cmd_docs)

    n = sub.add_parser("new", help="write a valid, commented starting scenario")
    n.add_argument("name", help="the scenario's id, e.g. my_scenario")
    n.add_argument("path", nargs="?", help="where to write it (default: NAME.yaml here)")
    n.add_argument("--force", action="store_true", help="overwrite an existing file")
    n.set_defaults(func=cmd_new)

    b = sub.add_parser("balance", help="play AI-vs-AI games and report the scenario's balance")
    b.add_argument("scenario", help="scenario file")
    b.add_argument("--games", type=int, default=50, help="games to play (default 50)")
    b.add_argument("--seed", type=int, default=0, help="first seed (game i uses seed + i)")
    b.add_argument(
        "--agents",
        help="agent types to rotate through the seats, e.g. negotiator,mcts or negotiator,mypackage.agents:MyAgent "
        "(default: negotiator, or random if it is not available)",
    )
    b.add_argument("--jobs", type=int, default=1, help="worker processes (the report is the same for any number)")
    b.add_argument(
        "--probes",
        help="paired probes, comma-separated, from random,accept,reject,holdout,mcts (default: all): each seat "
        "in turn played by a random player, one that accepts every offer, one that rejects every offer, an "
        "acceptance seat that holds out to the last round, or mcts, on the same seeds",
    )
    b.add_argument("--no-probes", action="store_true", help="no probes: the base games only")
    b.add_argument("--probe-games", type=int, help="play the probes on the first N seeds only (default: --games)")
    b.add_argument(
        "--backstop",
        help="seats left out of the bloc whose share of the bills is reported, comma-separated "
        "(default: us, when the scenario has it); the bloc is every other seat but the acceptance seat",
    )
    b.add_argument("--quiet", action="store_true", help="no progress bar")
    add_backend_options(b)
    b.add_argument("--format", choices=("text", "json"), default="text")
    b.add_argument("--plot", help="also draw win rates and mean scores to this PNG (needs matplotlib)")
    b.add_argument("--force", action="store_true", help="replace an existing --plot file")
    b.set_defaults(func=cmd_balance)
