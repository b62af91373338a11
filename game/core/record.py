"""Save files: a game is its scenario, its seed and its action log, written as plain JSON.

A record holds the format version, the scenario's id, file and content hash, the seed, who plays
each seat, every action in text form (chance outcomes included) and a ``verify`` block of
digests made when it was saved:

- ``start``: a digest of the scenario's hash and the seed;
- ``steps``: for every ply, 4 hex digits of a digest chained over the start and each action's
  text, so that the first edited, inserted or removed action is found at its ply;
- ``rounds``: the ply at which each round began and a digest of the state there, and ``final``,
  the digest of the last state: a replay that goes another way (the rules changed since the
  save) is caught at the round where it parts.

Loading replays the log through the rules and checks all of it: every chance outcome must be
the one the seed gives at that ply, every digest must match, and a finished game's ``result``
must be the one the game reaches. So a record that loads is a record that is legal and
unedited; anything corrupt, truncated, edited or mismatched gets a ``RecordError`` saying what
and at which ply. (The digests detect edits, not forgeries: they carry no secret.)

A record names its scenario, but loading never opens a path read from the record: the scenario
is the one the caller passes, a file the user named, a ``.yaml`` file in the record's own folder
(or below it), or a shipped scenario with the record's id.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
from collections.abc import Iterable
from pathlib import Path, PurePath
from typing import Any

from ..errors import CONTROL, CoalitionError, RecordError
from ..files import FileRefused, atomic_write, read_regular, same_file
from ..paths import scenario_files, shipped_names
from .actions import ActionParseError, parse_action
from .fastpath import apply
from .rules import CHANCE, current_seat, new_game, sample_chance
from .scoring import outcome
from .state import Game, State, cons_list

FORMAT = "coalition-record"
VERSION = 2
READABLE = (1, 2)  # version 1 records carry no digests: they replay, unverified
MAX_BYTES = 50_000_000
MAX_SEED = 2**63 - 1
STEP = 4  # hex digits kept per ply in ``verify.steps``
SCENARIO_SUFFIXES = (".yaml", ".yml")


# --- digests ------------------------------------------------------------------------------------


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def start_digest(scenario_hash: str, seed: int) -> str:
    """The digest a record's step chain starts from: the scenario's hash and the seed."""
    return _digest(FORMAT, scenario_hash, str(seed))


def next_step(chain: str, action: str) -> str:
    """The step chain after one more action (its text)."""
    return _digest(chain, action)


def _num(x: float) -> float:
    # Rounded, so that the last bit of a libm function on another machine changes nothing.
    return round(x, 6) if math.isfinite(x) else x


def _proposal(p: Any) -> list:
    return [sorted(p.items), sorted(p.shares), p.term, p.deadline, sorted(p.invited)]


def state_digest(state: State) -> str:
    """A digest of what a state is in play: the round and phase, every seat's position, the
    offers, agreements and draft, credibility, escalation and the outcome."""
    data = [
        state.ply,
        state.round,
        state.phase,
        state.turn,
        state.escalation,
        _num(state.credibility),
        _num(state.lasting),
        _num(state.threshold),
        [
            [_num(s.funds), _num(s.budget), [_num(f) for f in s.forces], _num(s.support), _num(s.paid)]
            + [_num(s.arrears), s.crossed]
            for s in state.seats
        ],
        [[o.id, o.proposer, _proposal(o.proposal), o.round, o.expires, sorted(o.accepted)] for o in state.offers],
        [[a.id, a.proposer, _proposal(a.proposal), a.round] for a in state.agreements],
        _proposal(state.draft) if state.draft is not None else None,
        sorted(state.used_cards),
        [state.edits, state.sent, state.next_id, state.deal, state.result],
    ]
    return _digest(json.dumps(data, separators=(",", ":")))[:16]


class Verifier:
    """Builds a record's ``verify`` block for the states of one game as it goes on, replaying
    only the actions since the last call (a whole game once, when asked about another game or
    after an undo)."""

    def __init__(self) -> None:
        self._state: State | None = None  # the last state asked about
        self._chain = ""
        self._steps: list[str] = []
        self._rounds: list[list] = []

    def _restart(self, state: State) -> State:
        first = new_game(state.game, state.seed)
        self._chain = start_digest(state.game.hash, state.seed)
        self._steps, self._rounds = [], []
        return first

    def block(self, state: State) -> dict[str, Any]:
        """The ``verify`` block of a record of ``state``."""
        last = self._state
        since: list = []
        cell: Any = state.history
        fresh = last is None or last.game is not state.game or last.seed != state.seed or last.ply > state.ply
        if last is not None and not fresh:
            for _ in range(state.ply - last.ply):
                cell, action = cell
                since.append(action)
            fresh = cell is not last.history
        if fresh:
            last = self._restart(state)
            since = cons_list(state.history)
        else:
            since.reverse()
        assert last is not None
        here = last
        for action in since:
            text = str(action)
            self._chain = next_step(self._chain, text)
            self._steps.append(self._chain[:STEP])
            after = apply(here, action)
            if after.round != here.round:
                self._rounds.append([after.ply, state_digest(after)])
            here = after
        self._state = state
        return {
            "start": start_digest(state.game.hash, state.seed)[:16],
            "steps": "".join(self._steps),
            "rounds": [list(r) for r in self._rounds],
            "final": state_digest(state),
        }


# --- writing ------------------------------------------------------------------------------------


def actions_of(state: State) -> list[str]:
    """The game's action log in text form, oldest first."""
    return [str(a) for a in cons_list(state.history)]


def result_of(state: State) -> dict[str, Any] | None:
    """A finished game's result as a record holds it (``None`` while it is not over)."""
    if not state.result:
        return None
    o = outcome(state)
    return {
        "outcome": o.result,
        "winners": list(o.winners),
        "scores": {s.seat: round(s.total, 3) for s in o.scores},
    }


def to_record(
    state: State,
    scenario_file: str | None = None,
    players: dict[str, str] | None = None,
    verifier: Verifier | None = None,
) -> dict[str, Any]:
    """The JSON-ready record of a game (finished or not). A ``verifier`` kept between saves of
    the same game makes its digests without replaying the whole game each time."""
    g = state.game
    record: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "scenario": {"id": g.scenario.id, "hash": g.hash, "file": scenario_file},
        "seed": state.seed,
        "players": players or {seat: "human" for seat in g.seats},
        "actions": actions_of(state),
        "verify": (verifier or Verifier()).block(state),
    }
    result = result_of(state)
    if result:
        record["result"] = result
    return record


def record_bytes(record: dict[str, Any]) -> bytes:
    """A record as the bytes of its file."""
    return json.dumps(record, indent=1, ensure_ascii=False).encode("utf-8")


def save(
    state: State,
    path: str | os.PathLike,
    scenario_file: str | None = None,
    players: dict[str, str] | None = None,
    replace: bool = True,
) -> Path:
    """Write the record atomically (a crash, a kill or a full disk never leaves a half-written
    save, nor a temporary file). With ``replace`` false an existing file is an error
    (``FileExistsError``); an ``OSError`` says why the disk refused."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    return atomic_write(path, record_bytes(to_record(state, scenario_file, players)), replace=replace)


# --- reading ------------------------------------------------------------------------------------


def replay(
    game: Game,
    seed: int,
    actions: list,
    where: str = "record",
    verify: dict[str, Any] | None = None,
    exact: bool = True,
) -> State:
    """Replay an action log from the start (texts, or actions as objects). The first bad action,
    a chance outcome the seed does not give, or (with ``verify``, a record's digests) the first
    ply that differs from the saved game raises ``RecordError`` naming that ply. ``exact``
    false skips the state digests (the rules may have changed; the game still replays)."""
    state = new_game(game, seed)
    chain = start_digest(game.hash, seed)
    if verify is not None and verify["start"] != chain[:16]:
        raise RecordError(f"{where}: the seed ({seed}) is not the one the game was saved with: the record was edited")
    steps = verify["steps"] if verify is not None else ""
    saved = len(steps) // STEP
    rounds = {ply: digest for ply, digest in verify["rounds"]} if verify is not None and exact else {}
    for n, item in enumerate(actions, 1):
        if isinstance(item, str):
            text = item
            try:
                action = parse_action(text)
            except ActionParseError as e:
                raise RecordError(f"{where}: action {n} ({text!r}) cannot be replayed: {e}") from None
        elif item is None or isinstance(item, (bool, int, float, list, dict)):
            raise RecordError(f"{where}: action {n} is not text: {item!r}")
        else:
            action, text = item, str(item)
        try:
            after = apply(state, action)
        except CoalitionError as e:
            raise RecordError(f"{where}: action {n} ({text!r}) cannot be replayed: {e}") from None
        if current_seat(state) == CHANCE:
            due = sample_chance(state)
            if action != due:
                raise RecordError(
                    f"{where}: ply {n}: the chance outcome {text!r} is not what seed {seed} gives there "
                    f"({str(due)!r}): the record was edited"
                )
        if verify is not None:
            if n > saved:
                raise RecordError(
                    f"{where}: ply {n}: the record has {len(actions)} actions but was saved with {saved}: "
                    f"actions were added after ply {saved}"
                )
            chain = next_step(chain, text)
            if chain[:STEP] != steps[(n - 1) * STEP : n * STEP]:
                raise RecordError(
                    f"{where}: ply {n} ({text!r}) is not the action saved there: the record was edited from ply {n} on"
                )
        if rounds and after.round != state.round and rounds.get(after.ply) != state_digest(after):
            raise RecordError(
                f"{where}: the game replays differently from the saved one in round {after.round} (by ply {n}): "
                "the rules have changed since it was saved, so it cannot be replayed exactly"
            )
        state = after
    if verify is not None and len(actions) < saved:
        raise RecordError(
            f"{where}: the record ends at ply {len(actions)} but the game was saved with {saved} actions: "
            f"it was truncated (ply {len(actions) + 1} on is missing)"
        )
    if verify is not None and exact and verify["final"] != state_digest(state):
        raise RecordError(
            f"{where}: the last state (ply {state.ply}) differs from the saved one: the rules have changed "
            "since it was saved, so it cannot be replayed exactly"
        )
    return state


def check_result(record: dict[str, Any], state: State, where: str) -> None:
    """Raise ``RecordError`` when a record's ``result`` is not the one its game reaches."""
    saved, actual = record.get("result"), result_of(state)
    if saved == actual:
        return
    if actual is None:
        raise RecordError(f"{where}: the record gives a result, but its game is not over at ply {state.ply}: edited")
    if saved is None:
        raise RecordError(f"{where}: the game is over at ply {state.ply} but the record gives no result: edited")
    raise RecordError(
        f"{where}: the record's result ({_result_words(saved)}) is not the one its game reaches at ply "
        f"{state.ply} ({_result_words(actual)}): the result was edited"
    )


def _result_words(result: Any) -> str:
    if not isinstance(result, dict):
        return "damaged"
    winners = result.get("winners")
    won = ", ".join(map(str, winners)) if isinstance(winners, list) else "?"
    return f"{result.get('outcome')}, won by {won}"


def _hex(text: Any, length: int | None = None) -> bool:
    return (
        isinstance(text, str) and (length is None or len(text) == length) and all(c in "0123456789abcdef" for c in text)
    )


def _check_verify(verify: Any, path: Path) -> None:
    damaged = f'{path}: the record\'s "verify" block is damaged, so its game cannot be checked'
    if not isinstance(verify, dict):
        raise RecordError(damaged)
    rounds = verify.get("rounds")
    if (
        not _hex(verify.get("start"), 16)
        or not _hex(verify.get("final"), 16)
        or not _hex(verify.get("steps"))
        or len(verify["steps"]) % STEP
        or not isinstance(rounds, list)
        or not all(
            isinstance(r, list)
            and len(r) == 2
            and isinstance(r[0], int)
            and not isinstance(r[0], bool)
            and _hex(r[1], 16)
            for r in rounds
        )
    ):
        raise RecordError(damaged)


def read_record(path: str | os.PathLike) -> dict[str, Any]:
    """Read and check a record's structure (not yet its moves). Only a regular file is read
    (never a FIFO or a device, which could block)."""
    path = Path(path)
    try:
        raw = read_regular(path, MAX_BYTES, "too large to be a Coalition record")
    except FileRefused as e:
        raise RecordError(f"{path}: {e}") from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise RecordError(f"{path}: not valid JSON (it is not UTF-8 text); is it a Coalition record?") from None
    except json.JSONDecodeError as e:
        raise RecordError(f"{path}:{e.lineno}:{e.colno}: not valid JSON ({e.msg}); the file may be truncated") from None
    except RecursionError:
        raise RecordError(f"{path}: nested too deeply to be a Coalition record") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise RecordError(f'{path}: not a Coalition record (no "format": "{FORMAT}")')
    if data.get("version") not in READABLE:
        raise RecordError(
            f"{path}: record version {data.get('version')!r} is not supported (this engine reads "
            f"{', '.join(map(str, READABLE))})"
        )
    scenario = data.get("scenario")
    if (
        not isinstance(scenario, dict)
        or not isinstance(scenario.get("id"), str)
        or not isinstance(scenario.get("hash"), str)
    ):
        raise RecordError(f'{path}: the record\'s "scenario" must give its id and hash')
    seed = data.get("seed")
    if not isinstance(seed, int) or isinstance(seed, bool) or not 0 <= seed <= MAX_SEED:
        raise RecordError(f'{path}: the record\'s "seed" must be a whole number from 0 to 2^63-1')
    if not isinstance(data.get("actions"), list):
        raise RecordError(f'{path}: the record\'s "actions" must be a list')
    players = data.get("players", {})
    if not isinstance(players, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in players.items()):
        raise RecordError(f'{path}: the record\'s "players" must map seat ids to player names')
    if data["version"] >= 2:
        _check_verify(data.get("verify"), path)
    return data


def _candidates(record: dict[str, Any], record_path: Path, known: Iterable[str | os.PathLike]) -> list[Path]:
    """Scenario files a record may be a game of, best first: the files the user named (the one
    the record names first), then a `.yaml` file in the record's folder or below it. Nothing
    the record names outside that folder is ever opened."""
    stored = record["scenario"].get("file")
    name = PurePath(stored) if isinstance(stored, str) and stored and not CONTROL.search(stored) else None
    named = [Path(k) for k in known]
    out = [k for k in named if name is not None and (same_file(k, stored) or k.name == name.name)]
    out += [k for k in named if k not in out]
    if name is not None and "\0" not in stored:
        folder = record_path.parent
        beside = [] if name.is_absolute() or ".." in name.parts else [folder / name]
        for candidate in [*beside, folder / name.name]:
            inside = os.path.commonpath([os.path.realpath(candidate), os.path.realpath(folder)])
            if inside == os.path.realpath(folder) and candidate.suffix.lower() in SCENARIO_SUFFIXES:
                out.append(candidate)
    return out


def find_game(record: dict[str, Any], record_path: Path, known: Iterable[str | os.PathLike] = ()) -> Game:
    """The scenario (compiled) a record is a game of; see ``_candidates``. A candidate that is
    not a valid scenario is passed over without quoting it. ``RecordError`` when none is found."""
    from ..scenario.loader import load_scenario  # noqa: PLC0415 - loading is only needed for this search

    info = record["scenario"]
    changed: Path | None = None
    for candidate in [*_candidates(record, record_path, known), *scenario_files()]:
        try:
            scenario = load_scenario(candidate)
        except CoalitionError:
            continue
        if scenario.id != info["id"]:
            continue
        game = Game.from_scenario(scenario)
        if game.hash == info["hash"]:
            return game
        changed = changed or candidate
    if changed is not None:
        raise RecordError(
            f"{record_path}: the scenario {info['id']!r} ({changed}) has changed since this game was saved; "
            "it cannot be replayed exactly"
        )
    raise RecordError(
        f"{record_path}: its scenario {info['id']!r} was not found beside the record or among the shipped "
        f"scenarios ({', '.join(shipped_names())}); name its file: replay RECORD --scenario FILE"
    )


def load(
    path: str | os.PathLike,
    game: Game | None = None,
    known: Iterable[str | os.PathLike] = (),
    exact: bool = True,
) -> tuple[State, dict[str, Any]]:
    """Load a record: find its scenario (``game``, else among the files in ``known`` the user
    named, the record's folder and the shipped scenarios), check the hash, replay and verify
    the log (see ``replay``; ``exact`` false lets a game whose rules changed load anyway)."""
    path = Path(path)
    record = read_record(path)
    if game is None:
        game = find_game(record, path, known)
    if game.scenario.id != record["scenario"]["id"]:
        raise RecordError(f"{path}: the record is a game of {record['scenario']['id']!r}, not of {game.scenario.id!r}")
    if game.hash != record["scenario"]["hash"]:
        raise RecordError(
            f"{path}: the scenario {game.scenario.id!r} has changed since this game was saved "
            f"(hash {game.hash}, record {record['scenario']['hash']}); it cannot be replayed exactly"
        )
    state = replay(game, record["seed"], record["actions"], str(path), record.get("verify"), exact)
    check_result(record, state, str(path))
    return state, record
