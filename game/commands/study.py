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


def register(sub) -> None:
    s = sub.add_parser("summarise", help="merge result files (JSON lines or Parquet) into one summary")
    s.add_argument("files", nargs="+", help="result files written by simulate or tournament --out")
    s.set_defaults(func=cmd_summarise)
