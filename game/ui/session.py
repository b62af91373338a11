"""A game being played at the table: the state, who plays each seat, the autosave, undo, and the
AI seats thinking off the main loop.

Pure Python (no pygame), so the tests can drive it directly. The window asks ``Driver.tick()``
once a frame; AI agents run in a worker thread and their answers are applied on the main thread,
so the rules only ever run on one thread at a time for a given state.
"""

from __future__ import annotations

import os
import queue
import threading
import time
import traceback
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

import attrs

from .. import (
    CHANCE,
    Action,
    Game,
    State,
    Verifier,
    apply,
    cons_list,
    current_seat,
    is_over,
    legal_actions,
    load_record,
    localized,
    new_game,
    observe,
    record_bytes,
    replay,
    sample_chance,
    to_record,
    why_illegal,
)
from .. import actions as A
from ..agents import AGENTS, make_agent
from ..errors import CoalitionError, IllegalActionError, RecordError
from ..files import atomic_write, os_reason
from .report import Chronicle
from .saves import (
    Slot,
    autosave_files,
    autosaves_dir,
    home,
    opened_scenarios,
    prune,
    remember_scenario,
    resumable,
    saves_dir,
)

HUMAN = "human"

#: Seconds an AI seat "thinks" before a public move, by speed setting (drafting steps are private
#: and go at once). ``instant`` is for tests and impatient players.
PACING = {"instant": 0.0, "fast": 0.25, "normal": 0.7, "slow": 1.4}
#: Seconds between chance steps (event draws, incident rolls), by speed setting.
CHANCE_PACING = {"instant": 0.0, "fast": 0.1, "normal": 0.35, "slow": 0.7}

#: Actions other seats can see happen; an AI's drafting steps are not among them.
PUBLIC = (A.Send, A.Accept, A.Reject, A.Counter, A.Withdraw, A.EndTurn, A.Sign, A.HoldOut)


def autosave_path() -> Path | None:
    """The newest autosave (None when there is none); see ``saves``."""
    files = autosave_files()
    return files[0] if files else None


def default_agent() -> str:
    """The AI offered by default: ``negotiator`` when the agents provide it."""
    for name in ("negotiator", "mcts", "random"):
        if name in AGENTS:
            return name
    return sorted(AGENTS)[0]


@attrs.frozen
class Note:
    """A line the table adds to the log (e.g. an undo), placed after ``after`` news items.

    A note about one seat's own turn (``seat``) is shown only to that seat (and the umpire) while
    the game goes on: the others never saw the move it took back."""

    after: int  # number of news items (all seats) before it
    round: int
    key: str  # i18n key
    args: dict = attrs.field(factory=dict)
    seat: int | None = None  # the only seat that sees it during the game; None: everyone

    def visible(self, viewer, over: bool) -> bool:
        return self.seat is None or over or viewer == self.seat or not isinstance(viewer, int)


class Session:
    """One game: its state, its players, the notes the table adds to the log, and undo."""

    def __init__(
        self,
        game: Game,
        state: State,
        scenario_file: str | None,
        players: dict[str, str],
        notes: list[Note] | None = None,
        autosave: bool = True,
    ):
        self.game = game
        self.state = state
        self.scenario_file = scenario_file
        self.players = {seat: players.get(seat, HUMAN) for seat in game.seats}
        for seat, who in self.players.items():
            if who != HUMAN and who not in AGENTS:
                self.players[seat] = default_agent()
        self.notes: list[Note] = list(notes or [])
        self.autosave_enabled = autosave
        self.moves: list[int] = []  # action counts of the current seat's moves this turn (for undo)
        self._turn_key = self._key()
        self._agents: dict[int, Any] = {}
        self.dirty = False
        self.last_autosave_error: str | None = None
        self._chronicle: Chronicle | None = None
        self.slot: Slot | None = None  # this game's autosave, made at its first autosave
        self._verifier = Verifier()  # the record's digests, kept up to date between saves
        self._failing = False  # the autosave is failing (the disk is full): said once

    # --- construction ---------------------------------------------------------------------------

    @classmethod
    def new(
        cls, game: Game, seed: int, players: dict[str, str], scenario_file: str | None = None, autosave: bool = True
    ) -> Session:
        s = cls(game, new_game(game, seed), scenario_file, players, autosave=autosave)
        s.dirty = True
        return s

    @classmethod
    def load(cls, path: str | os.PathLike, autosave: bool = True, known: Iterable[str | os.PathLike] = ()) -> Session:
        """Resume a saved game (``RecordError`` with a plain message if it cannot be). Its
        scenario is looked for among ``known`` (the files the player named), the files the player
        opened before, the save's folder and the shipped scenarios. The saved file is never
        written again, unless it is this game's own autosave and no other window is playing it:
        the game otherwise goes on in a new autosave, so that loading never destroys another."""
        state, record = load_record(path, known=[*known, *opened_scenarios()], exact=False)
        notes = []
        ui = record.get("ui")
        if isinstance(ui, dict) and isinstance(ui.get("notes"), list):
            for n in ui["notes"]:
                try:
                    seat = n.get("seat")
                    notes.append(
                        Note(
                            int(n["after"]),
                            int(n["round"]),
                            str(n["key"]),
                            dict(n.get("args", {})),
                            int(seat) if seat is not None else None,
                        )
                    )
                except (KeyError, TypeError, ValueError):
                    continue  # a damaged note loses a log line, never the game
        file = record["scenario"].get("file")
        session = cls(
            state.game,
            state,
            file if isinstance(file, str) else None,
            record.get("players", {}),
            notes,
            autosave=autosave,
        )
        if autosave:
            session.slot = Slot.claim(path)
        return session

    # --- who plays ------------------------------------------------------------------------------

    @property
    def current(self) -> int | None:
        return current_seat(self.state)

    def is_human(self, seat: int | None) -> bool:
        return seat is not None and seat >= 0 and self.players[self.game.seats[seat]] == HUMAN

    def humans(self) -> list[int]:
        return [i for i, s in enumerate(self.game.seats) if self.players[s] == HUMAN]

    def agent(self, seat: int):
        if seat not in self._agents:
            self._agents[seat] = make_agent(self.players[self.game.seats[seat]], self.game.seats[seat], self.state.seed)
        return self._agents[seat]

    @property
    def over(self) -> bool:
        return is_over(self.state)

    def chronicle(self) -> Chronicle:
        """The game's steps with their odds and causes, up to now (for the round report)."""
        if self._chronicle is None:
            self._chronicle = Chronicle(self.game, self.state.seed)
        self._chronicle.sync(self.state)
        return self._chronicle

    # --- moves ----------------------------------------------------------------------------------

    def _key(self) -> tuple:
        s = self.state
        return (s.round, s.phase, s.turn, current_seat(s))

    def _after_change(self) -> None:
        key = self._key()
        if key != self._turn_key:
            self._turn_key = key
            self.moves = []
        self.dirty = True

    def play(self, seat: int, actions: list[Action]) -> None:
        """A human seat's move: one or more actions applied as one (all or none). Raises
        ``IllegalActionError`` with the rules' reason, leaving the game as it was."""
        if current_seat(self.state) != seat:
            raise IllegalActionError("it is not this seat's turn")
        state = self.state
        for action in actions:
            reason = why_illegal(state, action)
            if reason is not None:
                raise IllegalActionError(reason)  # the rules' reason alone: the window translates it
            state = apply(state, action)
        key_before = self._turn_key
        self.state = state
        self._after_change()
        if self._turn_key == key_before:
            self.moves.append(len(actions))

    def apply_one(self, action: Action) -> None:
        """An AI's or chance's action."""
        self.state = apply(self.state, action)
        self._after_change()

    def step_chance(self) -> Action:
        action = sample_chance(self.state)
        self.apply_one(action)
        return action

    # --- undo -----------------------------------------------------------------------------------

    def undo_reason(self, seat: int) -> str | None:
        """Why ``seat`` cannot take back its last move now; ``None`` when it can."""
        if current_seat(self.state) != seat:
            return "undo_not_turn"
        if not self.moves:
            return "undo_nothing"
        return None

    def undo(self, seat: int) -> list[Action]:
        """Take back the seat's last move of this turn: replay the action log without it. The
        log keeps a line saying so, for that seat's eyes. Returns the actions taken back."""
        reason = self.undo_reason(seat)
        if reason:
            raise IllegalActionError(reason)
        n = self.moves.pop()
        history = cons_list(self.state.history)
        moves = self.moves
        # Replayed as actions, not as their text: nothing to parse, so nothing can fail here.
        self.state = replay(self.game, self.state.seed, history[:-n], "undo")
        self._turn_key = self._key()
        self.moves = moves
        self.notes.append(
            Note(
                len(cons_list(self.state.news)),
                self.state.round,
                "log_undo",
                {"seat": self.game.seats[seat]},
                seat=seat,
            )
        )
        self.dirty = True
        return history[-n:]

    # --- saving ---------------------------------------------------------------------------------

    def record(self) -> dict[str, Any]:
        data = to_record(self.state, self.scenario_file, self.players, self._verifier)
        data["ui"] = {"summary": self.summary()}
        if self.notes:
            data["ui"]["notes"] = [attrs.asdict(n) for n in self.notes]
        return data

    def summary(self) -> dict[str, Any]:
        """Where the game stands, for the setup screen's resume line: the scenario's title in
        each language, the round, and whose turn it is."""
        sc, s = self.game.scenario, self.state
        seat = current_seat(s)
        return {
            "title": {lang: localized(sc, lang, "title") for lang in ("en", "ja")},
            "round": s.round,
            "rounds": sc.schedule.rounds,
            "phase": s.phase,
            "seat": self.game.seats[seat] if seat is not None and seat >= 0 else None,
        }

    def save(self, path: str | os.PathLike, replace: bool = False) -> Path:
        """Write the game to ``path``, atomically; an existing file only with ``replace``
        (``FileExistsError`` otherwise). ``OSError`` when the disk refuses."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        return atomic_write(path, record_bytes(self.record()), replace=replace)

    def save_named(self) -> Path:
        """Save under ``saves/`` with the scenario id and the time in the name; never over
        another save (a second save in the same second gets ``-2``, ...)."""
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        for n in range(1, 1000):
            name = f"{self.game.scenario.id}-{stamp}" + (f"-{n}" if n > 1 else "") + ".json"
            try:
                return self.save(saves_dir() / name)
            except FileExistsError:
                continue
        raise OSError(f"too many saves named {self.game.scenario.id}-{stamp}")

    def autosave(self) -> Path | None:
        """Write this game's autosave if anything changed (a closed window, a crash or a kill
        loses nothing); returns its path once it is written. A failure (a full disk) does not
        stop the game: ``last_autosave_error`` says it, once, until an autosave succeeds again."""
        if not self.autosave_enabled:
            return None
        if not self.dirty:
            return self.slot.path if self.slot is not None and self.slot.path.exists() else None
        try:
            first = self.slot is None
            if first:
                self.slot = Slot.new(self.game.scenario.id)
            self.slot.write(record_bytes(self.record()))
            if first:
                prune()  # this game is now among the newest; the oldest beyond KEEP go
        except OSError as e:
            if not self._failing:
                self.last_autosave_error = os_reason(e)
            self._failing = True
            self.dirty = False  # tried; the next move tries again
            return None
        self._failing = False
        self.last_autosave_error = None
        self.dirty = False
        return self.slot.path

    def close(self) -> None:
        """Done with this game: another window may now resume it."""
        if self.slot is not None:
            self.slot.release()


def autosave_summary() -> dict[str, Any] | None:
    """What the newest unfinished autosave holds, for the setup screen's "Resume" offer (None if
    nothing can be resumed): ``path``, ``scenario``, ``actions``, ``players``, ``broken``, and
    where the game stands (``title``, ``round``, ``rounds``, ``phase``, ``seat``)."""
    out = resumable()
    if out is None or out["broken"]:
        return out
    summary = out.get("summary")
    if not isinstance(summary, dict):
        try:  # an older save: replay it to see where it stands
            summary = Session.load(out["path"], autosave=False).summary()
        except (CoalitionError, OSError):
            return {**out, "broken": True}
    out.update({k: summary.get(k) for k in ("title", "round", "rounds", "phase", "seat")})
    return out


class Driver:
    """Moves the game on between human moves: chance steps and AI seats, with visible pacing.

    ``tick()`` is called once a frame and never blocks for long: an AI's ``act`` runs in a worker
    thread; its answer is applied on a later tick (if the game has not moved meanwhile).
    """

    def __init__(self, session: Session, speed: str = "normal"):
        self.session = session
        self.speed = speed
        self._jobs: queue.Queue = queue.Queue()
        self._results: queue.Queue = queue.Queue()
        self._thread = threading.Thread(target=self._work, name="coalition-ai", daemon=True)
        self._thread.start()
        self._pending: tuple | None = None  # (ply, seat) of the job in the worker
        self._ready: tuple | None = None  # (ply, seat, action, error) answered, waiting for pacing
        self._since = time.monotonic()
        self.thinking: int | None = None  # the AI seat now thinking (for "France is thinking…")
        self.failures: list[str] = []
        self.paused = False

    def _work(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                return
            ply, seat, agent, state = job
            try:
                legal = legal_actions(state)
                action = agent.act(observe(state, seat), legal)
                self._results.put((ply, seat, action, None))
            except Exception as e:
                self._results.put((ply, seat, None, f"{type(e).__name__}: {e}\n{traceback.format_exc(limit=3)}"))

    def close(self) -> None:
        self._jobs.put(None)

    def set_speed(self, speed: str) -> None:
        if speed in PACING:
            self.speed = speed

    def busy(self) -> bool:
        """Whether the game is waiting on chance or an AI (not on a human)."""
        s = self.session
        if s.over:
            return False
        seat = s.current
        return seat == CHANCE or not s.is_human(seat)

    def tick(self, budget: float = 0.008) -> bool:
        """Advance chance and AI seats as far as pacing allows within ``budget`` seconds.
        Returns whether the game changed."""
        changed = False
        start = time.monotonic()
        while not self.paused:
            s = self.session
            if s.over:
                self.thinking = None
                break
            seat = s.current
            now = time.monotonic()
            if seat == CHANCE:
                self.thinking = None
                if now - self._since < CHANCE_PACING[self.speed]:
                    break
                s.step_chance()
                self._since = now
                changed = True
            elif s.is_human(seat):
                self.thinking = None
                self._since = now
                break
            else:
                self.thinking = seat
                if not self._advance_ai(seat, now):
                    # Instant speed: wait a little for a fast agent rather than a whole frame.
                    if PACING[self.speed] == 0 and time.monotonic() - start < budget and self._pending:
                        try:
                            self._ready = self._results.get(timeout=max(0.0, budget - (time.monotonic() - start)))
                            self._pending = None
                        except queue.Empty:
                            break
                        continue
                    break
                changed = True
            if time.monotonic() - start >= budget:
                break
        return changed

    def _advance_ai(self, seat: int, now: float) -> bool:
        s = self.session
        ply = s.state.ply
        if self._ready is None:
            try:
                self._ready = self._results.get_nowait()
                self._pending = None
            except queue.Empty:
                pass
        if self._ready is not None and (self._ready[0] != ply or self._ready[1] != seat):
            self._ready = None  # stale: the game moved on (undo, load)
        if self._ready is None:
            if self._pending != (ply, seat):
                self._pending = (ply, seat)
                self._jobs.put((ply, seat, s.agent(seat), s.state))
            return False
        _, _, action, error = self._ready
        if error is None and why_illegal(s.state, action) is not None:
            error = f"illegal move {action}: {why_illegal(s.state, action)}"
        if error is not None:
            action = self._fallback(s.state)
            self.failures.append(f"{s.game.seats[seat]}: {error}")
            s.notes.append(
                Note(len(cons_list(s.state.news)), s.state.round, "log_ai_failed", {"seat": s.game.seats[seat]})
            )
        if isinstance(action, PUBLIC) and now - self._since < PACING[self.speed]:
            return False  # let "France is thinking…" show for a moment before a public move
        self._ready = None
        s.apply_one(action)
        self._since = now
        return True

    @staticmethod
    def _fallback(state: State) -> Action:
        legal = legal_actions(state)
        for kind in (A.Discard, A.EndTurn, A.HoldOut):
            for a in legal:
                if isinstance(a, kind):
                    return a
        return legal[0]


def players_summary(players: dict[str, str]) -> str:
    return ", ".join(f"{k}={v}" for k, v in players.items())


__all__ = [
    "Session",
    "Driver",
    "Note",
    "HUMAN",
    "PACING",
    "home",
    "autosave_path",
    "saves_dir",
    "default_agent",
    "autosave_summary",
    "autosaves_dir",
    "remember_scenario",
    "CoalitionError",
    "RecordError",
]
