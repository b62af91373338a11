"""Render the game window's screens to PNG (for the README and for looking at them).

    python tools/screenshots.py                          # the README's shots, into docs/screenshots/
    python tools/screenshots.py --out /tmp/shots --only table report
    python tools/screenshots.py --out /tmp/shots --every  # every shot at 1280x720 and 1024x640, en and ja

Runs with SDL's dummy video driver unless ``--real`` (e.g. under ``xvfb-run``). Uses a throwaway
``COALITION_HOME`` so that the player's autosave is never touched. Each screen is set up through
the window's own code (the setup screen, the hand-over, the table with a scripted late-game
state, the builder, the round report, the briefing, Ukraine's decision, the first-game guide,
the rules reference, the end screen with its replay) and saved after a few frames.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

#: The shots the README shows (name, language, size).
README = [
    ("table", "en", (1280, 720)),
    ("offers", "en", (1280, 720)),
    ("builder", "en", (1280, 720)),
    ("report", "en", (1280, 720)),
    ("guide", "en", (1280, 720)),
    ("handover", "en", (1280, 720)),
    ("end", "en", (1280, 720)),
    ("offers", "ja", (1280, 720)),
    ("builder", "en", (1024, 640)),
    ("setup", "en", (1280, 720)),
    ("rules", "en", (1280, 720)),
]
SIZES = ((1280, 720), (1024, 640))
LANGS = ("en", "ja")


def shot_name(name: str, lang: str, size: tuple[int, int], every: bool) -> str:
    """``table``, ``table_ja``, ``builder_1024x640`` (``table_1280x720_en`` with ``--every``)."""
    if every:
        return f"{name}_{size[0]}x{size[1]}_{lang}"
    return name + ("" if lang == "en" else f"_{lang}") + ("" if size == (1280, 720) else f"_{size[0]}x{size[1]}")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    p.add_argument("--only", nargs="*", help="names of the shots to render")
    p.add_argument("--every", action="store_true", help="every shot at both sizes in both languages")
    p.add_argument("--real", action="store_true", help="use the real video driver (e.g. under xvfb-run)")
    args = p.parse_args(argv)
    from game.ui.demo import headless

    headless(args.real, "coalition-shots-")
    import pygame

    from game.ui.shots import SHOTS

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    if args.every:
        plan = [(name, lang, size) for name in SHOTS for lang in LANGS for size in SIZES]
    else:
        plan = README
    if args.only:
        plan = [(n, lang, size) for n, lang, size in plan if n in args.only] or [
            (n, lang, size) for n in args.only for lang, size in (("en", (1280, 720)),)
        ]
    for name, lang, size in plan:
        app = SHOTS[name](lang, size)
        for _ in range(4):
            app.frame()
        path = out / f"{shot_name(name, lang, size, args.every)}.png"
        pygame.image.save(app.window, str(path))
        print(path)
        pygame.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
