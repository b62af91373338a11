"""The setup screen's memory: the last choices (language, AI pace, scenario, who plays each seat
of each scenario, whether new players get the guide) in ``$COALITION_HOME/prefs.json``.

A damaged or foreign file is ignored (the defaults stand) and rewritten on the next choice;
nothing in it is ever run or opened but the scenario file it names, and only if it still exists.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..files import FileRefused, atomic_write, read_regular
from .session import home

KEYS = {"lang": str, "speed": str, "scenario": str, "players": dict, "guide": bool}


def prefs_path() -> Path:
    return home() / "prefs.json"


def load_prefs() -> dict[str, Any]:
    """The remembered choices (only well-formed ones); ``{}`` when there are none."""
    try:  # a regular file only (never a FIFO, which would block the window), whole or not at all
        data = json.loads(read_regular(prefs_path(), 1_000_000).decode("utf-8"))
    except (FileRefused, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if k in KEYS and isinstance(v, KEYS[k])}


def remember(**choices: Any) -> None:
    """Merge ``choices`` into the remembered ones (a failing disk loses only the memory)."""
    data = load_prefs()
    for key, value in choices.items():
        if key == "players":
            merged = dict(data.get("players", {}))
            merged.update(value)
            value = merged
        data[key] = value
    path = prefs_path()
    try:  # a temporary file of its own: two windows sharing a home never write the same one
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, json.dumps(data, indent=1, ensure_ascii=False))
    except OSError:
        pass
