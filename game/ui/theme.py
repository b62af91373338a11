"""The window's look: colours for hand-drawn parts, and the pygame_gui theme with its fonts.

``theme.json`` holds the widget colours and shapes. A pygame_gui theme's ``defaults`` block takes
colours only, so the fonts are set here per element type (and per class of label or button), in
the language's font (Noto Sans, or Noto Sans JP for Japanese) and at the window's scale.
"""

from __future__ import annotations

import copy
import json
from functools import lru_cache
from importlib.resources import files

from .fonts import MIN_PX, font_files

THEME_FILE = files("game.ui") / "theme.json"

# Colours of the hand-drawn parts (map, status panels), as RGB tuples.
BG = (15, 19, 26)
PANEL = (26, 32, 41)
PANEL_2 = (34, 42, 54)
LINE = (48, 57, 72)
TEXT = (235, 230, 216)
MUTED = (152, 161, 174)
DIM = (104, 112, 126)
ACCENT = (224, 183, 90)
GOOD = (104, 196, 128)
BAD = (226, 92, 80)
WARN = (232, 160, 80)
SEA = (20, 35, 52)
SEA_GRID = (27, 45, 64)
LAND = (49, 57, 69)
LAND_EDGE = (74, 85, 101)
HOME = (60, 66, 78)  # a seat's own country
TARGET = (92, 84, 44)  # the acceptance seat's country (Ukraine)
TARGET_EDGE = (236, 204, 80)
ENV = (70, 40, 44)  # the environment actor's country (Russia)
ENV_EDGE = (120, 62, 66)

#: Font sizes (px at scale 1) by theme block; bold where marked.
FONT_SIZES: dict[str, tuple[int, bool]] = {
    "button": (14, False),
    "label": (14, False),
    "text_box": (14, False),
    "text_entry_line": (14, False),
    "drop_down_menu": (14, False),
    "selection_list": (14, False),
    "window": (15, True),
    "tool_tip": (13, False),
    "@primary": (15, True),
    "@danger": (14, False),
    "@good": (14, False),
    "@tab": (14, False),
    "@chip": (13, False),
    "@flat": (14, False),
    "@muted": (13, False),
    "@reason": (13, False),
    "@title": (18, True),
    "@centre": (14, False),
    "@big": (30, True),
    "@huge": (40, True),
}


def hex_colour(value: str) -> tuple[int, int, int]:
    value = value.lstrip("#")
    return tuple(int(value[i : i + 2], 16) for i in (0, 2, 4))  # type: ignore[return-value]


@lru_cache(maxsize=1)
def _base() -> dict:
    return json.loads(THEME_FILE.read_text(encoding="utf-8"))


def font_block(lang: str, size: int, bold: bool) -> dict:
    regular, bold_file = font_files(lang)
    return {
        "name": f"coalition_{lang}",
        "size": str(size),
        "bold": "1" if bold else "0",
        "regular_path": regular,
        "bold_path": bold_file,
        "italic_path": regular,
        "bold_italic_path": bold_file,
    }


def theme(lang: str = "en", scale: float = 1.0) -> dict:
    """The pygame_gui theme as a dict, with fonts for ``lang`` at ``scale``."""
    data = copy.deepcopy(_base())
    for block, (size, bold) in FONT_SIZES.items():
        data.setdefault(block, {})["font"] = font_block(lang, max(MIN_PX + 1, round(size * scale)), bold)
    # Sizes that do not scale with the font: paddings and bars.
    if "window" in data:
        data["window"]["misc"]["title_bar_height"] = str(round(30 * scale))
    if "selection_list" in data:
        data["selection_list"]["misc"]["list_item_height"] = str(round(26 * scale))
    if "tool_tip" in data:
        data["tool_tip"]["misc"]["rect_width"] = str(round(340 * scale))
    return data


def font_preloads(lang: str, scale: float) -> list[dict]:
    """The fonts the theme uses, for ``UIManager.preload_fonts`` (no load on first use)."""
    out = []
    seen = set()
    for size, bold in FONT_SIZES.values():
        px = max(MIN_PX + 1, round(size * scale))
        for b in {bold, True, False}:
            key = (px, b)
            if key not in seen:
                seen.add(key)
                out.append({"name": f"coalition_{lang}", "point_size": px, "style": "bold" if b else "regular"})
    return out
