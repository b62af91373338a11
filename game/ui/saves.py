"""Where the window keeps games: the autosaves (one file per game), named saves, and the scenario
files the player opened. Pure Python, no pygame.

``$COALITION_HOME`` (default ``~/.coalition``) holds:

- ``autosaves/``: one file per game, named ``<when it began>-<scenario>-<token>.json``, rewritten
  after every move of that game and never by another game. A game is written by one process at a
  time: each holds a lock (``.<name>.lock``, ``flock``) on its game's file, so a second window
  resuming the same game starts a copy of it instead. The newest ``KEEP`` autosaves are kept;
  older ones are removed when a new game begins (never one another window is playing).
- ``saves/``: the games saved by name (Ctrl+S); never overwritten.
- ``scenarios.json``: the scenario files the player opened, so that resuming a game of one of
  them finds it (a save never makes the program open a file the player did not name).

Every file is written atomically (``files.atomic_write``): a crash, a kill or a full disk leaves
the previous version, whole.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
from datetime import datetime
from pathlib import Path
from typing import Any

from ..files import FileRefused, atomic_write, read_regular, sweep_temporaries

try:  # POSIX; elsewhere games are still kept apart by their own files, without the lock
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

KEEP = 10  # autosaves kept: the last games played
RECENT = 20  # scenario files remembered
_SUMMARY_BYTES = 50_000_000


def home() -> Path:
    """Where saves and the autosaves live: ``$COALITION_HOME``, else ``~/.coalition``."""
    env = os.environ.get("COALITION_HOME")
    return Path(env) if env else Path.home() / ".coalition"


def autosaves_dir() -> Path:
    return home() / "autosaves"


def saves_dir() -> Path:
    return home() / "saves"


def legacy_autosave() -> Path:
    """The single autosave of earlier versions (read, offered for resuming, never written)."""
    return home() / "autosave.json"


class Slot:
    """One game's autosave file, locked by this process while it plays that game."""

    def __init__(self, path: Path, lock: int | None):
        self.path = path
        self._lock = lock

    @staticmethod
    def _lock_path(path: Path) -> Path:
        return path.with_name(f".{path.stem}.lock")

    @classmethod
    def _take(cls, path: Path) -> Slot | None:
        """Lock ``path``'s game for this process; None when another process holds it."""
        if fcntl is None:  # pragma: no cover - Windows
            return cls(path, None)
        fd = os.open(cls._lock_path(path), os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return None
        return cls(path, fd)

    @classmethod
    def new(cls, scenario_id: str) -> Slot:
        """A new game's autosave, named after when it began and its scenario (``OSError`` if the
        folder cannot be made)."""
        folder = autosaves_dir()
        folder.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        while True:
            path = folder / f"{stamp}-{scenario_id}-{secrets.token_hex(3)}.json"
            if not path.exists():
                slot = cls._take(path)
                if slot is not None:
                    return slot

    @classmethod
    def claim(cls, path: str | os.PathLike) -> Slot | None:
        """The autosave at ``path`` to go on writing, when it is one (in ``autosaves/``) and no
        other process is playing it; else None (the game then gets a new autosave)."""
        path = Path(path)
        try:
            if path.parent.resolve() != autosaves_dir().resolve() or path.suffix != ".json":
                return None
            return cls._take(path)
        except OSError:
            return None

    def write(self, data: bytes) -> None:
        """Replace the autosave, atomically (``OSError`` when the disk refuses)."""
        atomic_write(self.path, data)

    def release(self) -> None:
        """Let another process play this game (the lock goes with the process anyway)."""
        if self._lock is not None:
            with contextlib.suppress(OSError):
                os.close(self._lock)
            self._lock = None

    def __del__(self) -> None:
        self.release()


def _locked(path: Path) -> bool:
    """Whether another process (or this one, through another slot) is playing ``path``'s game."""
    slot = Slot._take(path)
    if slot is None:
        return True
    slot.release()
    return False


def summary(path: Path) -> dict[str, Any]:
    """What an autosave holds, for the setup screen: scenario, number of actions, players, whether
    the game is over, the window's ``summary`` of where it stands (if saved), and ``broken`` when
    it cannot be read as a record."""
    out: dict[str, Any] = {"path": path, "broken": True, "over": False}
    try:
        data = json.loads(read_regular(path, _SUMMARY_BYTES).decode("utf-8"))
    except (FileRefused, ValueError):
        return out
    if not isinstance(data, dict) or not isinstance(data.get("actions"), list):
        return out
    scenario = data.get("scenario")
    players = data.get("players")
    ui = data.get("ui")
    return {
        "path": path,
        "broken": False,
        "over": bool(data.get("result")),
        "scenario": scenario.get("id") if isinstance(scenario, dict) else None,
        "actions": len(data["actions"]),
        "players": players if isinstance(players, dict) else {},
        "summary": ui.get("summary") if isinstance(ui, dict) else None,  # where the game stands, if saved
    }


def autosave_files() -> list[Path]:
    """Every autosave, newest first (by when it was last written); the earlier versions' single
    autosave last."""
    try:
        files = [p for p in autosaves_dir().glob("*.json") if p.is_file()]
    except OSError:
        files = []

    def written(p: Path) -> float:
        try:
            return p.stat().st_mtime
        except OSError:
            return 0.0

    files.sort(key=lambda p: (written(p), p.name), reverse=True)
    if legacy_autosave().is_file():
        files.append(legacy_autosave())
    return files


def autosaves() -> list[dict[str, Any]]:
    """The ``summary`` of every autosave, newest first."""
    return [summary(p) for p in autosave_files()]


def resumable() -> dict[str, Any] | None:
    """The newest autosave of an unfinished game (or a broken one, which the setup screen shows
    as such), for the "Resume" offer; None when there is none."""
    for entry in autosaves():
        if not entry["over"]:
            return entry
    return None


def prune(keep: int = KEEP) -> list[Path]:
    """Remove the autosaves older than the newest ``keep`` (never one a window is playing), and
    what killed processes left behind (temporary files); returns what was removed."""
    removed: list[Path] = []
    folder = autosaves_dir()
    for path in [p for p in autosave_files() if p.parent == folder][keep:]:
        if _locked(path):
            continue
        with contextlib.suppress(OSError):
            path.unlink()
            removed.append(path)
            Slot._lock_path(path).unlink(missing_ok=True)
    for lock in folder.glob(".*.lock"):  # a game that never got written (its first write failed)
        game = lock.with_name(lock.name[1 : -len(".lock")] + ".json")
        if not game.exists() and not _locked(game):
            with contextlib.suppress(OSError):
                lock.unlink()
    removed += sweep_temporaries(folder)
    return removed


# --- the scenario files the player opened ------------------------------------------------------


def _scenarios_file() -> Path:
    return home() / "scenarios.json"


def opened_scenarios() -> list[Path]:
    """The scenario files the player opened in the window, newest first."""
    try:
        data = json.loads(read_regular(_scenarios_file(), 1_000_000).decode("utf-8"))
    except (FileRefused, ValueError):
        return []
    return [Path(p) for p in data if isinstance(p, str)] if isinstance(data, list) else []


def remember_scenario(path: str | os.PathLike) -> None:
    """Remember a scenario file the player opened (best effort: a full disk only forgets it)."""
    full = os.path.abspath(path)
    names = [full] + [os.fspath(p) for p in opened_scenarios() if os.fspath(p) != full]
    with contextlib.suppress(OSError):
        home().mkdir(parents=True, exist_ok=True)
        atomic_write(_scenarios_file(), json.dumps(names[:RECENT], indent=1, ensure_ascii=False))
