"""Render the game window's main screens to PNG (for the README and for looking at them).

    python tools/screenshots.py                    # into docs/screenshots/
    python tools/screenshots.py --out /tmp/shots --only table

Runs with SDL's dummy video driver unless a display is set (``--real`` keeps the environment's
driver, e.g. under ``xvfb-run``). Uses a throwaway ``COALITION_HOME`` so that the player's
autosave is never touched. Each screen is set up through the window's own code (the setup
screen, the hand-over, the table with a scripted late-game state, the builder, Ukraine's
decision, the end screen with its replay, the help overlay) and saved after a few frames.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    p.add_argument("--only", nargs="*", help="names of the shots to render")
    p.add_argument("--real", action="store_true", help="use the real video driver (e.g. under xvfb-run)")
    args = p.parse_args(argv)
    from game.ui.demo import headless

    headless(args.real, "coalition-shots-")
    import pygame

    from game import load_game
    from game.core.rules import is_over
    from game.paths import DEFAULT_SCENARIO
    from game.ui import demo
    from game.ui.app import App
    from game.ui.screens.setup import SetupScreen
    from game.ui.session import HUMAN, Session

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    game = load_game(DEFAULT_SCENARIO)
    players = {s: (HUMAN if s in ("fr", "ua") else "negotiator") for s in game.seats}
    shots = {}

    def shot(name: str, app: App, frames: int = 4) -> None:
        for _ in range(frames):
            app.frame()
        path = out / f"{name}.png"
        pygame.image.save(app.window, str(path))
        shots[name] = path
        print(path)

    def with_state(state, lang="en", size=(1280, 720), viewer="fr", tab=None):
        app = App(lang=lang, size=size, realtime=False)
        session = Session(game, state, str(DEFAULT_SCENARIO), players, autosave=False)
        app.start(session)
        app.driver.paused = True  # keep the AIs still for the picture
        if viewer is not None:
            app.take_screen(game.seat_index[viewer])
        if tab:
            app.screen.panel.set_tab(tab)
        return app

    wanted = set(args.only or [])

    def want(name: str) -> bool:
        return not wanted or name in wanted

    if want("setup"):
        app = App(size=(1280, 720), realtime=False)
        app.show(SetupScreen(app))
        shot("setup", app)
        pygame.quit()
    if want("setup_ja"):
        app = App(lang="ja", size=(1280, 720), realtime=False)
        app.show(SetupScreen(app))
        shot("setup_ja", app)
        pygame.quit()
    moment = demo.table_moment(game, seed=7, rounds=4)
    if want("handover"):
        app = with_state(moment, viewer=None)
        shot("handover", app)
        pygame.quit()
    if want("table"):
        app = with_state(moment, tab="offers")
        shot("table", app)
        pygame.quit()
    if want("report") or want("report_ja"):
        for lang in ("en", "ja"):
            if want("report" if lang == "en" else "report_ja"):
                app = with_state(moment, lang=lang, tab="offers")
                app.frame()
                app.screen.open_report(moment.round - 1)
                shot("report" if lang == "en" else "report_ja", app)
                pygame.quit()
    if want("table_1080"):
        app = with_state(moment, size=(1920, 1080), tab="offers")
        shot("table_1080", app)
        pygame.quit()
    if want("builder"):
        app = with_state(moment, tab="offers")
        offer = next(o for o in app.screen.view.offers if game.seat_index["fr"] in o.needs())
        app.screen.panel.counter(offer.id)
        shot("builder", app)
        pygame.quit()
    if want("table_ja"):
        app = with_state(moment, lang="ja", tab="offers")
        shot("table_ja", app)
        pygame.quit()
    if want("briefing"):
        app = with_state(moment, tab="briefing")
        shot("briefing", app)
        pygame.quit()
    if want("decision"):
        state = demo.decision_moment(game, seed=7, rounds=3)
        app = with_state(state, viewer="ua")
        shot("decision", app)
        pygame.quit()
    if want("end") or want("end_ja"):
        state = demo.late_game(game, seed=7, rounds=99, sign=True)
        assert is_over(state)
        for lang in ("en", "ja"):
            if want("end" if lang == "en" else "end_ja"):
                app = with_state(state, lang=lang, viewer=None)
                app.screen.go(len(app.screen.frames) // 2)
                shot("end" if lang == "en" else "end_ja", app)
                pygame.quit()
    if want("thinking"):
        import time

        from game.core import actions as A

        app = with_state(moment, tab="offers")
        app.realtime = True
        app.set_speed("normal")
        session = app.session
        me = game.seat_index["fr"]
        for offer in list(session.state.offers):
            if me in offer.needs():
                session.play(me, [A.Reject(offer.id)])
        session.play(me, [A.EndTurn()])
        app.driver.paused = False
        end = time.monotonic() + 10
        while app.driver.thinking is None and time.monotonic() < end:
            app.frame()
        shot("thinking", app, frames=6)
        pygame.quit()
    if want("help"):
        app = with_state(moment, tab="offers")
        app.help_open = True
        shot("help", app)
        pygame.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
