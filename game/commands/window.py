"""``play``: the game window (the default command)."""

from __future__ import annotations

import argparse

from ..errors import CoalitionError


def cmd_play(args: argparse.Namespace) -> int:
    """Open the game window."""
    try:
        from ..ui.app import run
    except ImportError as e:  # the GUI's libraries are missing
        raise CoalitionError(
            f"the game window needs pygame-ce and pygame_gui ({e}); install them with: "
            "pip install pygame-ce pygame_gui (they come with coalition-wargame; the headless commands work without)"
        ) from None
    return run(scenario=args.scenario, lang=args.lang, load=getattr(args, "load", None))


def register(sub) -> None:
    g = sub.add_parser("play", help="open the game window (the default)")
    g.add_argument("scenario", nargs="?")
    g.add_argument("--lang", default=None, choices=("en", "ja"), help="the language (default: the last chosen)")
    g.add_argument("--load", help="a saved game to resume")
    g.set_defaults(func=cmd_play)
