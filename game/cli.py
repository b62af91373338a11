"""The command line: ``coalition`` (or ``python -m game``, or ``python main.py`` in a checkout) and its
subcommands.

With no subcommand it opens the game window on the default scenario. Every error a user can cause
is reported as one plain message (no traceback) with a non-zero exit code. The commands live in
``game/commands/``, one module per family.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import __version__
from .commands import modules
from .errors import CoalitionError, ScenarioError, printable


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser with every subcommand registered, or only ``command``'s family."""
    p = argparse.ArgumentParser(
        prog="coalition", description="Coalition: a negotiation wargame of security guarantees."
    )
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = p.add_subparsers(dest="command")
    for module in modules(command):
        module.register(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0].startswith("--lang") or argv[0].startswith("--load"):
        argv = ["play", *argv]
    parser = build_parser(None if argv[0].startswith("-") else argv[0])
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return args.func(args)
    except ScenarioError as e:
        print(str(e), file=sys.stderr)
        return 2 if e.unreadable else 1
    except CoalitionError as e:
        print(f"coalition: {printable(str(e))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("coalition: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # python -m game.cli
    sys.exit(main())
