"""Saves that lose nothing: one autosave per game (never another game's file), atomic writes that
a kill -9 cannot tear, two processes sharing one home, a new game only once the player confirms
while an unfinished one can be resumed, loading that never destroys another save, undo that
cannot fail, and a crash message that claims a save only when there is one."""

from __future__ import annotations

import copy
import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import cattrs
import pytest

from game import CHANCE, load_record
from game import actions as A
from game.core.state import Game
from game.files import atomic_write
from game.scenario.loader import load_scenario
from game.scenario.model import Scenario
from game.ui import saves
from game.ui.session import HUMAN, Driver, Session, autosave_summary

from .helpers import BASE, ai_move, temporaries

HERE = Path(__file__).parent
MINIMAL = HERE / "fixtures" / "minimal.yaml"


@pytest.fixture(scope="module")
def minimal() -> Game:
    return Game.from_scenario(load_scenario(MINIMAL))


def everyone(g: Game, who: str = "random") -> dict[str, str]:
    return {s: who for s in g.seats}


def play_some(session: Session, n: int) -> None:
    """Make up to ``n`` moves: chance, or the seat's AI (stopping at a human seat)."""
    for _ in range(n):
        if session.over or (session.current != CHANCE and session.is_human(session.current)):
            return
        ai_move(session)


# -- finding 1: ids the action text cannot carry; undo that cannot fail ---------------------------


def test_undo_replays_actions_not_their_text(tmp_path):
    """A scenario built in code (no validator) with a kind id holding a space: undo once
    re-parsed the log's text ('add fr ground force 1' has 4 words) and raised RecordError."""
    spaced = copy.deepcopy(BASE)
    for kind in spaced["commitments"]:
        if kind["id"] == "ground":
            kind["id"] = "ground force"
    for actor in spaced["actors"]:
        for line in actor.get("red_lines", []):
            if line["kind"] == "ground":
                line["kind"] = "ground force"
    g = Game.from_scenario(cattrs.structure(spaced, Scenario))
    s = Session.new(g, 3, {"us": "random", "fr": HUMAN, "ua": "random"}, autosave=False)
    driver = Driver(s, "instant")
    end = time.monotonic() + 20
    while s.current != 1 and time.monotonic() < end:
        driver.tick(0.05)
    driver.close()
    assert s.current == 1
    s.play(1, [A.Draft(), A.Add("fr", "ground force", 1)])
    s.undo(1)
    assert s.state.draft is None


# -- finding 3: one autosave per game, atomic, locked --------------------------------------------


def test_every_game_has_its_own_autosave(minimal):
    one = Session.new(minimal, 1, everyone(minimal))
    two = Session.new(minimal, 2, everyone(minimal))
    play_some(one, 5)
    play_some(two, 5)
    a, b = one.autosave(), two.autosave()
    assert a and b and a != b and a.parent == b.parent == saves.autosaves_dir()
    assert load_record(a, minimal)[0].seed == 1 and load_record(b, minimal)[0].seed == 2
    assert temporaries(saves.home()) == []


def test_loading_a_save_never_writes_over_it_nor_over_another_autosave(minimal, tmp_path):
    first = Session.new(minimal, 4, everyone(minimal))
    play_some(first, 6)
    earlier = first.autosave()
    first.close()
    earlier_bytes = earlier.read_bytes()
    named = first.save_named()
    named_bytes = named.read_bytes()
    resumed = Session.load(named, known=[MINIMAL])
    play_some(resumed, 6)
    assert resumed.autosave() not in (named, earlier)
    assert named.read_bytes() == named_bytes and earlier.read_bytes() == earlier_bytes


def test_a_named_save_never_replaces_another(minimal):
    s = Session.new(minimal, 4, everyone(minimal), autosave=False)
    paths = {s.save_named() for _ in range(3)}  # within one second: three names
    assert len(paths) == 3


def test_resuming_goes_on_in_its_autosave_unless_another_window_plays_it(minimal):
    s = Session.new(minimal, 5, everyone(minimal))
    play_some(s, 4)
    path = s.autosave()
    s.close()
    first = Session.load(path, known=[MINIMAL])
    assert first.slot is not None and first.slot.path == path  # the same game goes on in its file
    second = Session.load(path, known=[MINIMAL])  # a second window on the same game: a copy, never the same file
    play_some(second, 3)
    assert second.autosave() != path
    first.close()


def test_the_last_autosaves_are_kept_and_old_ones_pruned(minimal, monkeypatch):
    monkeypatch.setattr(saves, "KEEP", 3)
    playing = Session.new(minimal, 1, everyone(minimal))
    play_some(playing, 2)
    oldest = playing.autosave()  # still being played: never pruned
    os.utime(oldest, (1, 1))
    made = []
    for seed in range(2, 8):
        s = Session.new(minimal, seed, everyone(minimal))
        play_some(s, 2)
        path = s.autosave()
        os.utime(path, (seed * 100, seed * 100))
        s.close()
        made.append(path)
    saves.prune(keep=3)
    left = saves.autosave_files()
    assert oldest in left, "a game being played is never pruned"
    assert [p for p in made if p in left] == made[-3:]


def test_stale_temporary_files_are_swept_but_not_a_live_writers(minimal):
    folder = saves.autosaves_dir()
    folder.mkdir(parents=True)
    dead = folder / ".x.json.999999999.abc.tmp"  # no such process
    live = folder / f".x.json.{os.getpid()}.abc.tmp"
    dead.write_text("{")
    live.write_text("{")
    s = Session.new(minimal, 1, everyone(minimal))
    play_some(s, 1)
    s.autosave()  # a new game's first autosave prunes
    assert not dead.exists() and live.exists()


def test_a_failing_autosave_is_reported_once_and_the_game_goes_on(minimal, monkeypatch):
    s = Session.new(minimal, 1, everyone(minimal))
    play_some(s, 2)
    assert s.autosave() is not None
    good = s.slot.path.read_bytes()

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(saves, "atomic_write", full)
    reports = []
    for _ in range(3):
        play_some(s, 2)
        assert s.autosave() is None
        reports.append(s.last_autosave_error)
        s.last_autosave_error = None  # the window shows it and clears it
    assert reports == ["the disk is full", None, None]
    assert s.slot.path.read_bytes() == good  # the last good autosave is whole
    monkeypatch.setattr(saves, "atomic_write", atomic_write)
    play_some(s, 1)
    assert s.autosave() == s.slot.path


def test_a_broken_or_finished_autosave_is_never_offered_as_resumable(minimal):
    assert autosave_summary() is None
    folder = saves.autosaves_dir()
    folder.mkdir(parents=True)
    (folder / "20250101-000000-x-000000.json").write_text("")  # a 0-byte file (an old crash)
    assert autosave_summary()["broken"] is True


# -- kill -9 and two processes --------------------------------------------------------------------

WRITER = textwrap.dedent(
    """
    import sys, time
    from game import Game, load_scenario
    from game.ui.session import Session
    from tests.helpers import ai_move
    g = Game.from_scenario(load_scenario(sys.argv[1]))
    seed, seconds = int(sys.argv[2]), float(sys.argv[3])
    end = time.monotonic() + seconds
    print("ready", flush=True)
    while time.monotonic() < end:
        s = Session.new(g, seed, {a: "random" for a in g.seats})
        while not s.over and time.monotonic() < end:
            ai_move(s)
            s.autosave()  # after every move: as many writes as the disk takes
        s.close()
        seed += 1000
    """
)


def start_writer(seed: int, seconds: float) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(MINIMAL), str(seed), str(seconds)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(HERE.parent)},  # for tests.helpers
    )
    assert proc.stdout.readline().strip() == "ready", proc.stderr.read()
    return proc


def check_every_autosave(minimal) -> int:
    """Every autosave is a whole record that loads: no 0-byte file, no torn JSON."""
    files = saves.autosave_files()
    for path in files:
        assert path.stat().st_size > 0, f"{path.name} is empty"
        state, _ = load_record(path, minimal)
        assert state.ply == len(json.loads(path.read_text())["actions"])
    return len(files)


@pytest.mark.slow
def test_kill_9_never_leaves_a_torn_or_empty_autosave(minimal):
    rng = random.Random(13)
    kills = 12  # bounded: a dozen kills at random moments, a few seconds in all
    for _ in range(kills):
        proc = start_writer(rng.randrange(1000), 30)
        time.sleep(rng.uniform(0.05, 0.6))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        check_every_autosave(minimal)
    assert 1 <= len(saves.autosave_files()) <= saves.KEEP
    # A killed writer may leave its temporary file; the next game's first autosave sweeps it.
    s = Session.new(minimal, 1, everyone(minimal))
    play_some(s, 1)
    s.autosave()
    s.close()
    assert temporaries(saves.autosaves_dir()) == []


@pytest.mark.slow
def test_two_processes_sharing_a_home_never_clobber_or_tear_each_others_autosave(minimal):
    procs = [start_writer(100, 4.0), start_writer(200, 4.0)]
    reads, torn = 0, []
    stop = threading.Event()

    def reader():
        nonlocal reads
        while not stop.is_set():
            for path in saves.autosave_files():
                try:
                    json.loads(path.read_bytes())
                    reads += 1
                except FileNotFoundError:
                    continue  # pruned meanwhile
                except ValueError as e:
                    torn.append(f"{path.name}: {e}")

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        for proc in procs:
            assert proc.wait(timeout=120) == 0, proc.stderr.read()
    finally:
        stop.set()
        thread.join()
    assert torn == [] and reads > 50
    seeds = {load_record(p, minimal)[0].seed % 1000 for p in saves.autosave_files()}
    assert seeds == {100, 200}, "each process kept its own games"
    check_every_autosave(minimal)
    # and both killed at once, mid-write
    procs = [start_writer(300, 30), start_writer(400, 30)]
    time.sleep(1.0)
    for proc in procs:
        proc.send_signal(signal.SIGKILL)
    for proc in procs:
        proc.wait(timeout=30)
    check_every_autosave(minimal)


# -- the window: a new game only once confirmed; an honest crash message ---------------------------


@pytest.mark.ui
def test_enter_on_the_setup_screen_asks_before_a_new_game(minimal):
    pygame = pytest.importorskip("pygame")
    pytest.importorskip("pygame_gui")
    from game.ui.app import App
    from game.ui.screens.setup import SetupScreen

    unfinished = Session.new(minimal, 9, {**everyone(minimal), "us": HUMAN})
    play_some(unfinished, 10)
    kept = unfinished.autosave()
    unfinished.close()
    before = kept.read_bytes()
    app = App(lang="en", size=(1280, 720), realtime=False, scenario=str(MINIMAL))
    try:
        app.show(SetupScreen(app))
        app.frame()
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="\r", scancode=0))
        app.frame()
        assert app.session is None, "Enter must not start a new game over a resumable one"
        assert app.screen.confirm is not None and app.screen.confirm[0] == "new_game"
        assert "stays in the autosaves" in app.screen.confirm[1].confirmation_text.html_text
        app.screen.start(confirmed=True)  # the player said yes
        assert app.session is not None and app.session.state.seed != 9
        app.session.autosave()
        assert kept.read_bytes() == before and app.session.slot.path != kept
    finally:
        app.quit()
        pygame.quit()


@pytest.mark.ui
def test_the_crash_message_claims_a_save_only_when_there_is_one(monkeypatch, capsys):
    pytest.importorskip("pygame")
    from game.ui import app as window

    def crash(self):
        raise RuntimeError("boom")

    monkeypatch.setattr(window.App, "loop", crash)
    assert window.run() == 1
    err = capsys.readouterr().err
    assert "no game was in play" in err and "saved" not in err.split(";")[1].split(".")[0]
