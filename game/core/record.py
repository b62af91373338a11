"""Save files: a game is its scenario, its seed and its action log, written as plain JSON.

A record holds the format version, the scenario's id, file and content hash, the seed, who plays
each seat, and every action in text form (chance outcomes included). Loading replays the log
through the rules, so a record that loads is a record that is legal; anything corrupt, truncated
or mismatched gets a ``RecordError`` saying what and where.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from ..errors import CoalitionError, RecordError
from ..paths import scenario_files, shipped_names
from .actions import ActionParseError, parse_action
from .rules import apply, new_game
from .scoring import outcome
from .state import Game, State, cons_list

FORMAT = "coalition-record"
VERSION = 1
MAX_BYTES = 50_000_000


def actions_of(state: State) -> list[str]:
    """The game's action log in text form, oldest first."""
    return [str(a) for a in cons_list(state.history)]


def to_record(state: State, scenario_file: str | None = None, players: dict[str, str] | None = None) -> dict[str, Any]:
    """The JSON-ready record of a game (finished or not)."""
    g = state.game
    record: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "scenario": {"id": g.scenario.id, "hash": g.hash, "file": scenario_file},
        "seed": state.seed,
        "players": players or {seat: "human" for seat in g.seats},
        "actions": actions_of(state),
    }
    if state.result:
        o = outcome(state)
        record["result"] = {
            "outcome": o.result,
            "winners": list(o.winners),
            "scores": {s.seat: round(s.total, 3) for s in o.scores},
        }
    return record


def save(
    state: State, path: str | os.PathLike, scenario_file: str | None = None, players: dict[str, str] | None = None
) -> None:
    """Write the record atomically (a crash mid-write never leaves a half-written save)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(to_record(state, scenario_file, players), indent=1, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)


def replay(game: Game, seed: int, actions: list[str], where: str = "record") -> State:
    """Replay an action log from the start; the first bad action raises ``RecordError``."""
    state = new_game(game, seed)
    for n, text in enumerate(actions, 1):
        if not isinstance(text, str):
            raise RecordError(f"{where}: action {n} is not text: {text!r}")
        try:
            state = apply(state, parse_action(text))
        except (ActionParseError, CoalitionError) as e:
            raise RecordError(f"{where}: action {n} ({text!r}) cannot be replayed: {e}") from None
    return state


def read_record(path: str | os.PathLike) -> dict[str, Any]:
    """Read and check a record's structure (not yet its moves)."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise RecordError(f"{path}: too large to be a Coalition record")
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RecordError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as e:
        raise RecordError(f"{path}: cannot be read: {e}") from None
    except json.JSONDecodeError as e:
        raise RecordError(f"{path}:{e.lineno}:{e.colno}: not valid JSON ({e.msg}); the file may be truncated") from None
    except RecursionError:
        raise RecordError(f"{path}: nested too deeply to be a Coalition record") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise RecordError(f'{path}: not a Coalition record (no "format": "{FORMAT}")')
    if data.get("version") != VERSION:
        raise RecordError(
            f"{path}: record version {data.get('version')!r} is not supported (this engine reads {VERSION})"
        )
    scenario = data.get("scenario")
    if (
        not isinstance(scenario, dict)
        or not isinstance(scenario.get("id"), str)
        or not isinstance(scenario.get("hash"), str)
    ):
        raise RecordError(f'{path}: the record\'s "scenario" must give its id and hash')
    seed = data.get("seed")
    if not isinstance(seed, int) or isinstance(seed, bool) or not 0 <= seed < 2**63:
        raise RecordError(f'{path}: the record\'s "seed" must be a whole number from 0 to 2^63-1')
    if not isinstance(data.get("actions"), list):
        raise RecordError(f'{path}: the record\'s "actions" must be a list')
    players = data.get("players", {})
    if not isinstance(players, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in players.items()):
        raise RecordError(f'{path}: the record\'s "players" must map seat ids to player names')
    return data


def scenario_path_for(record: dict[str, Any], record_path: Path) -> Path:
    """The scenario file a record names: its stored path (as given, or beside the record), else
    the shipped scenario with the record's id."""
    info = record["scenario"]
    if isinstance(info.get("file"), str):
        for stored in (Path(info["file"]), record_path.parent / info["file"]):
            if stored.is_file():
                return stored
    # Fall back to a shipped scenario with the record's id.
    from ..scenario.loader import load_scenario  # noqa: PLC0415 - loading is only needed for this search

    for shipped in scenario_files():
        try:
            if load_scenario(shipped).id == info["id"]:
                return shipped
        except CoalitionError:
            continue
    raise RecordError(
        f"{record_path}: its scenario {info['id']!r} was not found (looked for {info.get('file')!r} and among "
        f"the shipped scenarios: {', '.join(shipped_names())})"
    )


def load(path: str | os.PathLike, game: Game | None = None) -> tuple[State, dict[str, Any]]:
    """Load a record: find its scenario (or use ``game``), check the hash, replay the log."""
    path = Path(path)
    record = read_record(path)
    if game is None:
        from ..scenario.loader import load_scenario  # noqa: PLC0415

        game = Game.from_scenario(load_scenario(scenario_path_for(record, path)))
    if game.scenario.id != record["scenario"]["id"]:
        raise RecordError(f"{path}: the record is a game of {record['scenario']['id']!r}, not of {game.scenario.id!r}")
    if game.hash != record["scenario"]["hash"]:
        raise RecordError(
            f"{path}: the scenario {game.scenario.id!r} has changed since this game was saved "
            f"(hash {game.hash}, record {record['scenario']['hash']}); it cannot be replayed exactly"
        )
    return replay(game, record["seed"], record["actions"], str(path)), record
