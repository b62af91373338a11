"""The runner seam: every command that plays batches of games (``simulate``, ``tournament``,
``balance``, ``sweep``, ``compare``) describes them as a ``Study`` and a list of jobs and hands them
to one executor, which yields each game's result line *in the jobs' order* as the games finish.

Two executors, the same results byte for byte:

- ``LocalPool`` (the default): this process for one job, else a pool of worker processes fed
  chunks of games, a bounded number in flight (so memory stays flat however many games);
- ``RayExecutor`` (``--backend ray``, the optional ``cluster`` extra): the same chunks as Ray tasks
  on a cluster (``--address`` or ``RAY_ADDRESS``), or on a local Ray started for the run.

A worker that dies (killed, out of memory, a crash in C) loses the games it was playing: they are
played again; a game that kills its worker every time is played alone to be sure, and then
reported as that game's error line, so a game is never silently missing. Ctrl-C (or closing the
iterator) stops the workers and cancels what was still queued.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import uuid
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Protocol

import attrs

from .. import CoalitionError, Game, Scenario
from .runner import DEFAULT_AGENT, play_one

#: One game to play: (index of its scenario in the study, seed, sorted (seat, agent) pairs).
Job = tuple[int, int, tuple[tuple[str, str], ...]]
RETRIES = 2  # times a chunk is played again after its worker died, before its games are played alone
WINDOW = 4  # chunks in flight per worker: enough to keep workers busy, few enough to keep memory flat


@attrs.frozen
class Study:
    """What a batch plays: its scenarios (a job names one by index), the agent of the seats a job
    does not name, and where to save each game's record (``None``: no records)."""

    scenarios: tuple[Scenario, ...]
    files: tuple[str | None, ...] = ()  # each scenario's file, written into records
    default: str = DEFAULT_AGENT
    records: str | None = None
    replace_records: bool = True  # False: an existing record is a STORAGE line (``--force`` not given)

    @classmethod
    def of(
        cls,
        scenario: Scenario,
        file: str | None = None,
        default: str = DEFAULT_AGENT,
        records: str | None = None,
        replace_records: bool = True,
    ) -> Study:
        return cls((scenario,), (file,), default, records, replace_records)


def jobs_of(pairs: Sequence[tuple[int, Mapping[str, str]]], scenario: int = 0) -> list[Job]:
    """Jobs from (seed, seat->agent) pairs, all on one scenario."""
    return [(scenario, seed, tuple(sorted(names.items()))) for seed, names in pairs]


class Executor(Protocol):
    """Plays a study's jobs and yields their result lines in the jobs' order."""

    name: str

    def run(self, study: Study, jobs: Sequence[Job]) -> Iterator[dict]:  # pragma: no cover - a protocol
        ...


# --- playing, in whatever process --------------------------------------------------------------


class _Games:
    """A study's scenarios compiled on first use in this process."""

    def __init__(self, study: Study, compiled: Mapping[int, Game] | None = None):
        self.study = study
        self.games: dict[int, Game] = dict(compiled or {})

    def play(self, job: Job) -> dict:
        index, seed, names = job
        game = self.games.get(index)
        if game is None:
            game = self.games[index] = Game.from_scenario(self.study.scenarios[index])
        s = self.study
        file = s.files[index] if index < len(s.files) else None
        return play_one(game, seed, dict(names), s.default, s.records, file, s.replace_records)

    def play_chunk(self, chunk: Sequence[Job]) -> list[dict]:
        return [self.play(job) for job in chunk]


def lost(job: Job, why: str) -> dict:
    """The result line of a game whose worker died every time it was played."""
    _, seed, names = job
    return {"seed": seed, "agents": dict(names), "error": f"lost: {why}", "where": "worker"}


def _chunks(jobs: Sequence[Job], workers: int) -> list[list[Job]]:
    size = max(1, min(32, len(jobs) // (workers * 8)))
    return [list(jobs[i : i + size]) for i in range(0, len(jobs), size)]


def ordered(
    chunks: list[list[Job]],
    submit: Callable[[list[Job]], object],
    wait: Callable[[list[object]], tuple[list[object], Exception | None]],
    result: Callable[[object], list[dict]],
    window: int,
    alone: Callable[[Job], dict],
    cancel: Callable[[list[object]], None] | None = None,
) -> Iterator[dict]:
    """The results of ``chunks`` in order, ``window`` chunks in flight at a time, whatever runs them.

    ``submit`` starts a chunk and returns a handle; ``wait`` blocks until at least one handle is
    done and returns the done ones with the failure that broke the workers, if any (then every
    other handle given is lost too); ``result`` reads a done handle (raising if its worker died);
    ``alone`` plays one game in isolation and returns its line (a ``lost`` line if it dies again);
    ``cancel`` is given the handles still in flight when the caller stops early (Ctrl-C, close).
    """
    flying: dict[object, int] = {}
    try:
        yield from _ordered(chunks, submit, wait, result, window, alone, flying)
    finally:
        if flying and cancel is not None:
            cancel(list(flying))


def _ordered(chunks, submit, wait, result, window, alone, flying) -> Iterator[dict]:
    done: dict[int, list[dict]] = {}  # finished chunks waiting for an earlier one
    deaths = [0] * len(chunks)
    queue = deque(range(len(chunks)))  # kept sorted: the earliest chunk goes first
    following = 0
    while following < len(chunks):
        # Finished-but-waiting chunks count against the window too, so a slow early chunk cannot
        # make the buffered results grow without bound; the chunk the output waits for always goes.
        while queue and (len(flying) + len(done) < window or queue[0] == following):
            i = queue.popleft()
            if deaths[i] > RETRIES:
                done[i] = [alone(job) for job in chunks[i]]
            else:
                flying[submit(chunks[i])] = i
        if following not in done:
            finished, broken = wait(list(flying))
            again = []
            for handle in finished:
                i = flying.pop(handle)
                try:
                    done[i] = result(handle)
                except Exception:
                    again.append(i)
            if broken is not None:  # the workers went down: everything in flight is played again
                again += flying.values()
                flying.clear()
            for i in again:
                deaths[i] += 1
            queue = deque(sorted([*queue, *again]))
        while following in done:
            yield from done.pop(following)
            following += 1


# --- the local process pool ---------------------------------------------------------------------

_WORKER: dict = {}


def _init_worker(study: Study) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops the pool
    compiled = _WORKER.get("compiled") if _WORKER.get("study") is study else None  # inherited by a fork
    _WORKER.clear()
    _WORKER.update(games=_Games(study, compiled))


def _play_chunk(chunk: list[Job]) -> list[dict]:
    return _WORKER["games"].play_chunk(chunk)


def _context():
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


class LocalPool:
    """This process for ``jobs`` = 1 (or a single game), else ``jobs`` worker processes."""

    name = "local"

    def __init__(self, jobs: int = 1, compiled: Mapping[int, Game] | None = None):
        self.jobs = jobs
        self.compiled = dict(compiled or {})  # games the caller compiled already (by scenario index)

    def run(self, study: Study, jobs: Sequence[Job]) -> Iterator[dict]:
        if self.jobs <= 1 or len(jobs) <= 1:
            games = _Games(study, self.compiled)
            for job in jobs:
                yield games.play(job)
            return
        yield from self._pool(study, jobs, min(self.jobs, len(jobs)))

    def _pool(self, study: Study, jobs: Sequence[Job], workers: int) -> Iterator[dict]:
        from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait  # noqa: PLC0415

        ctx = _context()
        pools: list[ProcessPoolExecutor] = []

        def pool() -> ProcessPoolExecutor:
            if not pools or getattr(pools[-1], "_broken", False):
                if pools:
                    _stop(pools.pop())
                _WORKER.update(study=study, compiled=self.compiled)  # a forked worker inherits them
                pools.append(ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init_worker, initargs=(study,)))
            return pools[-1]

        def submit(chunk):
            return pool().submit(_play_chunk, chunk)

        def wait_some(handles):
            finished, _ = wait(handles, return_when=FIRST_COMPLETED)
            broken = next((f.exception() for f in finished if _died(f.exception())), None)
            return list(finished), broken

        def alone(job: Job) -> dict:
            with ProcessPoolExecutor(1, mp_context=ctx, initializer=_init_worker, initargs=(study,)) as one:
                try:
                    return one.submit(_play_chunk, [job]).result()[0]
                except Exception as e:
                    return lost(job, f"the worker process died playing this game ({e})")

        try:
            yield from ordered(_chunks(jobs, workers), submit, wait_some, lambda f: f.result(), WINDOW * workers, alone)
        finally:
            for p in pools:
                _stop(p)
            _WORKER.pop("study", None)
            _WORKER.pop("compiled", None)


def _died(e: BaseException | None) -> bool:
    from concurrent.futures.process import BrokenProcessPool  # noqa: PLC0415

    return isinstance(e, BrokenProcessPool)


def _stop(pool) -> None:
    """Stop a pool now: cancel what is queued and end the workers (which ignore Ctrl-C)."""
    processes = list((getattr(pool, "_processes", None) or {}).values())  # no public way to end them at once
    pool.shutdown(wait=False, cancel_futures=True)
    for p in processes:
        if p.is_alive():
            p.terminate()
    for p in processes:
        p.join(5)


# --- Ray ----------------------------------------------------------------------------------------

_RAY_CACHE: dict[str, _Games] = {}  # in a Ray worker: the studies it has played, compiled


def _ray_chunk(key: str, study_ref: list, chunk: list[Job]) -> list[dict]:
    """A Ray task: play a chunk of a study's games (the study compiled once per worker)."""
    games = _RAY_CACHE.get(key)
    if games is None:
        import ray  # noqa: PLC0415

        if len(_RAY_CACHE) >= 4:
            _RAY_CACHE.clear()
        games = _RAY_CACHE[key] = _Games(ray.get(study_ref[0]))
    return games.play_chunk(chunk)


class RayExecutor:
    """Ray tasks on a cluster (``address`` or ``RAY_ADDRESS``), else on a local Ray started for
    the run (``num_cpus`` of this machine) and stopped after it."""

    name = "ray"

    def __init__(self, address: str | None = None, num_cpus: int | None = None):
        self.address = address or os.environ.get("RAY_ADDRESS") or None
        self.num_cpus = num_cpus

    def run(self, study: Study, jobs: Sequence[Job]) -> Iterator[dict]:
        ray = import_ray()
        started = False
        if not ray.is_initialized():
            kwargs: dict = {"include_dashboard": False, "logging_level": "warning", "log_to_driver": False}
            if self.address:
                ray.init(address=self.address, **kwargs)
            else:
                ray.init(num_cpus=self.num_cpus, **kwargs)
            started = True
        task = ray.remote(max_retries=1)(_ray_chunk)  # and ``ordered`` plays it again
        key = uuid.uuid4().hex
        ref = ray.put(study)
        cpus = max(1, int(ray.cluster_resources().get("CPU", 1)))

        def submit(chunk):
            return task.remote(key, [ref], chunk)

        def wait_some(handles):
            finished, _ = ray.wait(handles, num_returns=1)
            return finished, None  # Ray replaces a dead worker and retries its task itself

        def alone(job: Job) -> dict:
            try:
                return ray.get(ray.remote(max_retries=0)(_ray_chunk).remote(key, [ref], [job]))[0]
            except Exception as e:
                return lost(job, f"the Ray worker died playing this game ({type(e).__name__})")

        def cancel(handles):
            for handle in handles:
                with contextlib.suppress(Exception):  # the cluster may be going down with a Ctrl-C
                    ray.cancel(handle, force=True)

        try:
            yield from ordered(_chunks(jobs, cpus), submit, wait_some, ray.get, WINDOW * cpus, alone, cancel)
        finally:
            if started:
                ray.shutdown()


def import_ray():
    """Ray, or a plain error saying how to install it."""
    try:
        import ray  # noqa: PLC0415 - optional dependency
    except ImportError:
        raise CoalitionError(
            "--backend ray needs Ray, which is not installed: pip install 'coalition[cluster]'"
        ) from None
    return ray


def make_executor(backend: str = "local", jobs: int = 1, address: str | None = None) -> Executor:
    """The executor a command's ``--backend``, ``--jobs`` and ``--address`` ask for."""
    if backend == "ray":
        return RayExecutor(address, num_cpus=jobs if jobs > 1 and not address else None)
    return LocalPool(jobs)


def run_study(study: Study, jobs: Sequence[Job], executor: Executor | None = None) -> Iterator[dict]:
    """Play ``jobs`` of ``study`` on ``executor`` (this process by default), results in order."""
    return (executor or LocalPool()).run(study, jobs)


__all__ = ["Study", "Job", "Executor", "LocalPool", "RayExecutor", "make_executor", "run_study", "jobs_of"]
