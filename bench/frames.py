"""Frame time of the game window: median and 95th percentile on the table screen with a full
late-game state (a coalition package in force, an offer waiting, a long log) at 1280x800.

    python bench/frames.py                 # 600 frames, SDL dummy driver
    python bench/frames.py --frames 2000 --size 1920x1080 --real

A frame is one turn of the real event loop (``App.frame``: events, widgets update, drawing, the
autosave check) without the 60 fps clock's wait. The AI seats are held still so that the frame
measures the window, not the agents. Target: median <= 8 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def measure(frames: int, size: tuple[int, int], tab: str, lang: str, hover: bool) -> dict:
    import pygame

    from game import load_game
    from game.paths import DEFAULT_SCENARIO
    from game.ui import demo
    from game.ui.app import App
    from game.ui.session import HUMAN, Session

    game = load_game(DEFAULT_SCENARIO)
    # round 5: the last round before the unsigned package would lapse (acceptance.window), so the
    # map and the panels have a full coalition package in force to draw
    state = demo.table_moment(game, seed=7, rounds=5)
    players = {s: (HUMAN if s in ("fr", "ua") else "negotiator") for s in game.seats}
    app = App(lang=lang, size=size, realtime=False)
    app.start(Session(game, state, str(DEFAULT_SCENARIO), players, autosave=False))
    app.driver.paused = True
    app.take_screen(game.seat_index["fr"])
    app.screen.panel.set_tab("offers" if tab == "report" else tab)
    app.frame()  # the round report opens by itself on a new round: read it (tab "report") or close it
    if tab == "report":
        app.screen.open_report(state.round - 1)
    else:
        app.screen.close_report()
    for _ in range(30):  # warm-up: caches of the map, panels and fonts
        app.frame()
    L = app.screen.layout()
    times = []
    for i in range(frames):
        if hover:  # move over the map: hit-tests and a tooltip every frame
            x = L["map"].left + (i * 7) % L["map"].width
            y = L["map"].top + (i * 3) % L["map"].height
            pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=(x, y), rel=(1, 1), buttons=(0, 0, 0)))
        t = time.perf_counter()
        app.frame()
        times.append((time.perf_counter() - t) * 1000)
    app.quit()
    pygame.quit()
    times.sort()
    return {
        "frames": frames,
        "median_ms": statistics.median(times),
        "p95_ms": times[int(0.95 * (len(times) - 1))],
        "max_ms": times[-1],
        "size": f"{size[0]}x{size[1]}",
        "tab": tab,
        "lang": lang,
        "hover": hover,
        "agreements": len(state.agreements),
        "round": state.round,
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--frames", type=int, default=600)
    p.add_argument("--size", default="1280x800")
    p.add_argument("--real", action="store_true", help="use the real video driver")
    p.add_argument(
        "--all", action="store_true", help="also the builder, the round report, Japanese, 1920x1080, mouse-over"
    )
    args = p.parse_args(argv)
    from game.ui.demo import headless

    headless(args.real, "coalition-bench-")
    w, h = (int(v) for v in args.size.lower().split("x"))
    runs = [((w, h), "offers", "en", False)]
    if args.all:
        runs += [
            ((w, h), "offers", "en", True),
            ((w, h), "propose", "en", False),
            ((w, h), "report", "en", False),
            ((w, h), "offers", "ja", False),
            ((1920, 1080), "offers", "en", False),
        ]
    for size, tab, lang, hover in runs:
        r = measure(args.frames, size, tab, lang, hover)
        print(
            f"{r['size']} {r['tab']:8} {r['lang']} hover={str(r['hover']):5}  median {r['median_ms']:.2f} ms  "
            f"p95 {r['p95_ms']:.2f} ms  max {r['max_ms']:.2f} ms  ({r['frames']} frames; round {r['round']}, "
            f"agreements in force: {r['agreements']})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
