"""``python -m game.ui.smoke``: check that the game window works where it is installed.

It opens the window on the default scenario (or the one named), clicks Start on the setup screen,
"ready" on the hand-over screen, draws the table screen (map, panels, tabs) for a few frames and
closes, through the window's real event loop. Exit code 0 when the table screen was drawn, 1 with
one line saying what failed otherwise. Without a display it runs on SDL's dummy video driver; the
autosave goes to a temporary ``COALITION_HOME`` that is removed afterwards. CI runs it against the
installed wheel, from outside the checkout.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Sequence

FRAMES = 600  # a frame is one pass of the event loop; reaching the table takes about ten


def _click(pygame, app, name: str) -> None:
    """Press and release the left button on the current screen's widget ``name``."""
    element = app.screen.w[name]
    for kind in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
        pygame.event.post(pygame.event.Event(kind, pos=element.rect.center, button=1))


def drive(scenario: str | None = None, size: tuple[int, int] = (1280, 720)) -> str:
    """Setup -> hand-over -> table in a window; returns what the table showed, or raises
    RuntimeError saying where it stopped."""
    import pygame  # noqa: PLC0415 - the GUI's libraries load only when the check runs

    from .app import App  # noqa: PLC0415
    from .screens.handover import HandoverScreen  # noqa: PLC0415
    from .screens.setup import SetupScreen  # noqa: PLC0415
    from .screens.table import TableScreen  # noqa: PLC0415

    app = App(lang="en", size=size, realtime=False, scenario=scenario)
    wanted = app.scenario_path
    try:
        app.show(SetupScreen(app))
        app.frame()
        if app.screen.file != wanted:  # the setup screen falls back to the first shipped scenario
            raise RuntimeError(f"{wanted}: no such file, nor a shipped scenario")
        if app.screen.game is None:
            raise RuntimeError(f"the setup screen could not load the scenario: {app.screen.error}")
        _click(pygame, app, "start")

        def seated() -> bool:  # a human seat at the table on its turn (it also shows while chance draws)
            return isinstance(app.screen, TableScreen) and app.session is not None and app.viewer == app.session.current

        for _ in range(FRAMES):
            app.frame()
            if isinstance(app.screen, HandoverScreen) and "ready" in app.screen.w:
                _click(pygame, app, "ready")
            elif seated():
                break
        for _ in range(3):
            app.frame()
        if not seated():
            raise RuntimeError(f"the table screen did not open for a seat; the window shows {app.screen.name!r}")
        shown = app.texts()
        sc = app.session.game.scenario
        seat = sc.seats[app.viewer].name
        if not any(seat in text for text in shown):
            raise RuntimeError(f"the table screen does not name the seat at it ({seat})")
        return f"the table screen opened on {sc.title!r} for {seat} ({len(shown)} texts drawn)"
    finally:
        app.quit()
        pygame.quit()


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m game.ui.smoke", description=__doc__.splitlines()[0])
    p.add_argument("scenario", nargs="?", help="scenario file or shipped scenario name (default: the default)")
    args = p.parse_args(argv)
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    before = os.environ.get("COALITION_HOME")
    with tempfile.TemporaryDirectory(prefix="coalition-smoke-") as home:
        os.environ["COALITION_HOME"] = home
        try:
            print(drive(args.scenario))
        except Exception as e:  # one line, whatever broke: this is a check, not the game
            print(f"coalition smoke check failed: {type(e).__name__}: {e}", file=sys.stderr)
            return 1
        finally:
            if before is None:
                del os.environ["COALITION_HOME"]
            else:
                os.environ["COALITION_HOME"] = before
    return 0


if __name__ == "__main__":
    sys.exit(main())
