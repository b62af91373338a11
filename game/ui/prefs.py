"""The setup screen's memory: the last choices (language, AI pace, scenario, who plays each seat
of each scenario, whether new players get the guide) in ``$COALITION_HOME/prefs.json``.

A damaged or foreign file is ignored (the defaults stand) and rewritten on the next choice;
nothing in it is ever run or opened but the scenario file it names, and only if it still exists.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from .session import home

KEYS = {"lang": str, "speed": str, "scenario": str, "players": dict, "guide": bool}


def prefs_path() -> Path:
    return home() / "prefs.json"


def load_prefs() -> dict[str, Any]:
    """The remembered choices (only well-formed ones); ``{}`` when there are none."""
    try:
        data = json.loads(prefs_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
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
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass
