"""Studies over many games: ``summarise`` (merge result shards), ``sweep`` (a grid of scenario
values) and ``compare`` (paired A/B)."""

from __future__ import annotations

import argparse
import sys

from ..errors import CoalitionError


def cmd_summarise(args: argparse.Namespace) -> int:
    """Merge result files (JSON lines or Parquet; e.g. seed ranges run on different machines) into
    the summary ``simulate`` prints, one game at a time."""
    from ..analysis.summary import Summary
    from ..analysis.tables import SeenGames, read_results

    summary, seen, repeats = Summary(), SeenGames(), 0
    for path in args.files:
        for line in read_results(path):
            if seen.add(line):
                summary.add(line)
            else:
                repeats += 1
    if not summary.games:
        raise CoalitionError("no result lines in " + ", ".join(args.files))
    print("\n".join(summary.lines()))
    if repeats:
        print(f"note: {repeats} game(s) given more than once (same seed and agents) were counted once", file=sys.stderr)
    return 0


def _bar(args, total: int):
    from tqdm import tqdm

    return tqdm(total=total, file=sys.stderr, unit="game", disable=args.quiet or None, dynamic_ncols=True)


def _outputs(args, *inputs: str) -> None:
    """Refuse, before any game is played, to overwrite a file without --force (or an input)."""
    from ..files import check_output

    for option, path in (("--out", getattr(args, "out", None)), ("--plot", getattr(args, "plot", None))):
        if path:
            check_output(path, args.force, inputs, option)


def _names(text: str | None, game, option: str) -> dict[str, str]:
    from .sim import _parse_seats

    try:
        return _parse_seats(text, game)
    except CoalitionError as e:
        raise CoalitionError(str(e).replace("--seats", option, 1)) from None


def cmd_sweep(args: argparse.Namespace) -> int:
    """Play the same seeds at every point of a grid of scenario values; one row of design-health
    figures per point, printed as they finish, written with --out, drawn with --plot."""
    from ..analysis.sweep import (
        Sweep,
        check_figures,
        figures_of,
        format_rows,
        parse_vary,
        plot_sweep,
        run_sweep,
    )
    from ..paths import find_scenario
    from .backend import executor_of
    from .sim import _check_agent, check_seeds

    if args.games < 1:
        raise CoalitionError("--games must be at least 1")
    check_seeds(args.seed, args.games)
    path = str(find_scenario(args.scenario))
    _outputs(args, path)
    axes = [parse_vary(v) for v in args.vary or []]
    sweep = Sweep(path, axes)
    _check_agent(args.agent, "--agent", sweep.game.seats[0])
    names = _names(args.seats, sweep.game, "--seats")
    chosen = [f.strip() for f in args.figures.split(",") if f.strip()] if args.figures else None
    figures = figures_of(sweep, chosen)
    check_figures(figures, sweep.game)
    if args.plot and len(axes) > 2:
        raise CoalitionError("--plot draws one or two --vary axes (a line per figure, or a heatmap per figure)")
    backstop = None if args.backstop is None else [s.strip() for s in args.backstop.split(",") if s.strip()]
    header = format_rows(axes, figures, [])
    points = len(sweep.points)
    if args.format == "text":
        print(
            f"sweep of {sweep.game.scenario.title!r}: {points} point(s) x {args.games} game(s), seeds "
            f"{args.seed}-{args.seed + args.games - 1} at every point; agents {args.agent}"
            + (f", {args.seats}" if args.seats else ""),
            flush=True,
        )
    rows: list[dict] = []

    def show(row: dict) -> None:
        rows.append(row)
        if args.format == "text":
            table = format_rows(axes, figures, rows)
            if len(rows) == 1:
                print(table[0], flush=True)
            print(table[-1], flush=True)

    with _bar(args, points * args.games) as bar:
        run_sweep(
            sweep,
            args.games,
            args.seed,
            executor_of(args),
            args.agent,
            names,
            backstop,
            on_row=show,
            progress=lambda n: bar.update(n - bar.n),
        )
    if args.format == "json":
        import json

        print(json.dumps(rows, indent=1, ensure_ascii=False))
    elif args.format == "text" and not rows:
        print("\n".join(header))
    if args.out:
        _write_rows(args.out, rows, args.force)
        print(f"wrote {args.out}", file=sys.stderr)
    if args.plot:
        plot_sweep(axes, figures, rows, args.plot)
        print(f"wrote {args.plot}", file=sys.stderr)
    return 0


def _write_rows(path: str, rows: list[dict], force: bool) -> None:
    """The rows as CSV (a ``.csv`` file) or JSON lines, written whole."""
    import csv
    import io
    import json

    from ..files import write_output

    if path.endswith(".csv"):
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]) if rows else [], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        text = buffer.getvalue()
    else:
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    write_output(path, text, force, option="--out")


def cmd_compare(args: argparse.Namespace) -> int:
    """Paired A/B on the same seeds: two scenarios (or variants), or two seat assignments."""
    import json

    from .. import Game, load_scenario
    from ..analysis.compare import Side, format_compare, run_compare
    from ..files import write_output
    from ..paths import find_scenario
    from .backend import executor_of
    from .sim import _check_agent, check_seeds

    if args.games < 1:
        raise CoalitionError("--games must be at least 1")
    check_seeds(args.seed, args.games)
    path_a = str(find_scenario(args.a))
    path_b = str(find_scenario(args.b)) if args.b else path_a
    if args.out:
        _outputs(args, path_a, path_b)
    scenario_a = load_scenario(path_a)
    scenario_b = load_scenario(path_b) if args.b else scenario_a
    game = Game.from_scenario(scenario_a)
    _check_agent(args.agent, "--agent", game.seats[0])
    names_a = _names(args.a_seats, game, "--a-seats")
    names_b = _names(args.b_seats, Game.from_scenario(scenario_b), "--b-seats")
    label_a = args.a + (" (A seats)" if not args.b and names_a else "")
    label_b = (args.b or args.a) + (" (B seats)" if not args.b and names_b else "")
    a = Side(label_a, scenario_a, names_a, path_a)
    b = Side(label_b, scenario_b, names_b, path_b)
    backstop = None if args.backstop is None else [s.strip() for s in args.backstop.split(",") if s.strip()]
    with _bar(args, 2 * args.games) as bar:
        result = run_compare(
            a, b, args.games, args.seed, executor_of(args), args.agent, backstop, lambda n: bar.update(n - bar.n)
        )
    text = json.dumps(result, indent=1, ensure_ascii=False) if args.format == "json" else format_compare(result)
    print(text)
    if args.out:
        write_output(args.out, json.dumps(result, indent=1, ensure_ascii=False) + "\n", args.force, option="--out")
        print(f"wrote {args.out}", file=sys.stderr)
    return 0


def _run_options(p, games: int) -> None:
    from .backend import add_backend_options

    p.add_argument("--games", type=int, default=games, help=f"games per point / per side (default {games})")
    p.add_argument("--seed", type=int, default=0, help="seed of the first game; game i has seed S+i everywhere")
    p.add_argument("--agent", default="negotiator", help="agent of the seats not named otherwise (default: negotiator)")
    p.add_argument("--jobs", type=int, default=1, help="worker processes (the results are the same for any number)")
    add_backend_options(p)
    p.add_argument(
        "--backstop",
        help="seats left out of the bloc whose share of the bills is reported (default: us, when there is one)",
    )
    p.add_argument("--force", action="store_true", help="replace existing output files")
    p.add_argument("--quiet", action="store_true", help="no progress bar")


def register(sub) -> None:
    s = sub.add_parser("summarise", help="merge result files (JSON lines or Parquet) into one summary")
    s.add_argument("files", nargs="+", help="result files written by simulate or tournament --out")
    s.set_defaults(func=cmd_summarise)

    w = sub.add_parser(
        "sweep", help="design-health figures over a grid of scenario values, the same seeds at every point"
    )
    w.add_argument("scenario", help="the base scenario (a file or a shipped name)")
    w.add_argument(
        "--vary",
        action="append",
        metavar="PATH=V1,V2,...",
        help="a scenario value by dotted path and the values it takes, e.g. actors.us.budget=6,8,12 or "
        "commitments.no_fly_zone.yearly_cost=0.9,1.8 (repeat for a grid)",
    )
    _run_options(w, 50)
    w.add_argument("--seats", help="agents by seat at every point, e.g. us=mcts (the rest: --agent)")
    w.add_argument("--figures", help="the figures to print and plot, comma-separated (default: the main ones)")
    w.add_argument("--format", choices=("text", "json"), default="text", help="what to print")
    w.add_argument("--out", help="write every row with every figure: CSV for a .csv file, else JSON lines")
    w.add_argument("--plot", help="draw the figures to this PNG: a line per figure, a heatmap for two axes")
    w.set_defaults(func=cmd_sweep)

    c = sub.add_parser("compare", help="paired A/B: two scenarios or two seat assignments on the same seeds")
    c.add_argument("a", help="scenario A (a file or a shipped name)")
    c.add_argument("b", nargs="?", help="scenario B (default: A, with different --a-seats / --b-seats)")
    _run_options(c, 100)
    c.add_argument("--a-seats", help="agents by seat on side A, e.g. us=mcts")
    c.add_argument("--b-seats", help="agents by seat on side B")
    c.add_argument("--format", choices=("text", "json"), default="text")
    c.add_argument("--out", help="also write the figures as JSON to this file")
    c.set_defaults(func=cmd_compare)
