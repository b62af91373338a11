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
iterator) stops the local pool's workers and cancels what was still queued; on Ray nothing more
is submitted, and the chunks in flight are left to finish (``RayExecutor.run`` says why).
"""

from __future__ import annotations

import heapq
import itertools
import multiprocessing
import os
import signal
import sys
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence, Sized
from typing import Protocol

import attrs

from .. import CoalitionError, Game, Scenario
from .runner import DEFAULT_AGENT, play_one

#: One game to play: (index of its scenario in the study, seed, sorted (seat, agent) pairs).
Job = tuple[int, int, tuple[tuple[str, str], ...]]
RETRIES = 2  # times a chunk is played again after its worker died, before its games are played alone
WINDOW = 4  # chunks in flight per worker: enough to keep workers busy, few enough to keep memory flat
RECYCLE_MB = 25.0  # a local worker grown by more than this (memos filling) is replaced by a fresh one
RECYCLE_AFTER = 50  # ... once its pool has played this many chunks per worker (a working set is not growth)
RAY_MAX_CALLS = 200  # chunks a Ray worker plays before Ray replaces it (its memos go with it)


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


class jobs_of(Sequence):
    """Jobs from (seed, seat->agent) pairs, all on one scenario, made as they are read (a long
    run's pairs can be a lazy sequence such as ``runner.SeedJobs``)."""

    def __init__(self, pairs: Sequence[tuple[int, Mapping[str, str]]], scenario: int = 0):
        self.pairs, self.scenario = pairs, scenario

    def __len__(self) -> int:
        return len(self.pairs)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        seed, names = self.pairs[i]
        return (self.scenario, seed, tuple(sorted(names.items())))


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


def _chunks(jobs: Iterable[Job], workers: int) -> Iterator[list[Job]]:
    """The jobs in chunks, made as they are needed (a long run's job list is never all in memory)."""
    total = len(jobs) if isinstance(jobs, Sized) else 0
    size = max(1, min(32, total // (workers * 8))) if total else 8
    it = iter(jobs)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def ordered(
    chunks: Iterable[list[Job]],
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
    Memory is bounded by the window, whatever the number of chunks.
    """
    flying: dict[object, int] = {}
    try:
        yield from _ordered(iter(chunks), submit, wait, result, window, alone, flying)
    finally:
        if flying and cancel is not None:
            cancel(list(flying))


class Resubmit(Exception):
    """Raised by ``result`` for a chunk taken back before it started: it is sent again."""


def _ordered(chunks, submit, wait, result, window, alone, flying) -> Iterator[dict]:
    held: dict[int, list[Job]] = {}  # each chunk's jobs, from its start until its results are out
    done: dict[int, list[dict]] = {}  # finished chunks waiting for an earlier one
    deaths: dict[int, int] = {}
    again: list[int] = []  # a heap of chunks to play again, the earliest first
    following = started = 0
    more = True
    while True:
        # Finished-but-waiting chunks count against the window too, so a slow early chunk cannot
        # make the buffered results grow without bound; the chunk the output waits for always goes.
        while again or more:
            if again and (again[0] == following or len(flying) + len(done) < window):
                i = heapq.heappop(again)
            elif more and len(flying) + len(done) < window:
                chunk = next(chunks, None)
                if chunk is None:
                    more = False
                    break
                i, started = started, started + 1
                held[i] = chunk
            else:
                break
            if deaths.get(i, 0) > RETRIES:
                done[i] = [alone(job) for job in held[i]]
            else:
                flying[submit(held[i])] = i
        if following not in done:
            if not flying:
                return  # nothing started and nothing in flight: every chunk's results are out
            finished, broken = wait(list(flying))
            lost = []
            for handle in finished:
                i = flying.pop(handle)
                try:
                    done[i] = result(handle)
                except Resubmit:
                    heapq.heappush(again, i)  # taken back before it started: no worker died
                except Exception:
                    lost.append(i)
            if broken is not None:  # the workers went down: everything in flight is played again
                lost += flying.values()
                flying.clear()
            for i in lost:
                deaths[i] = deaths.get(i, 0) + 1
                heapq.heappush(again, i)
        while following in done:
            yield from done.pop(following)
            del held[following]
            deaths.pop(following, None)
            following += 1


# --- the local process pool ---------------------------------------------------------------------

_WORKER: dict = {}


def _rss_mb() -> float:
    """This process's resident memory now, MB (its peak where /proc is missing)."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError, AttributeError):
        import resource  # noqa: PLC0415 - not on Windows, where /proc is missing too

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak / 2**20 if sys.platform == "darwin" else peak / 2**10


def _init_worker(study: Study) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops the pool
    compiled = _WORKER.get("compiled") if _WORKER.get("study") is study else None  # inherited by a fork
    _WORKER.clear()
    _WORKER.update(games=_Games(study, compiled), start=_rss_mb())


def _play_chunk(chunk: list[Job]) -> tuple[list[dict], float]:
    """A chunk's result lines, and how much this worker's memory has grown since it started."""
    lines = _WORKER["games"].play_chunk(chunk)
    return lines, _rss_mb() - _WORKER["start"]


def _context():
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


class LocalPool:
    """This process for ``jobs`` = 1 (or a single game), else ``jobs`` worker processes.

    The rules and agents keep memos (pure caches, each capped) that fill as games are played; so
    that a long run's memory stays flat well below those caps, a pool that has played
    ``RECYCLE_AFTER`` chunks a worker and whose worker has grown by more than ``recycle_mb`` is
    retired once its running chunks are done, and fresh workers go on once it has ended (never two
    pools' workers at once: their memory would add up). (The agents' working set
    fills within a few games; only growth beyond it, over many chunks, is worth a fresh worker.)
    """

    name = "local"

    def __init__(
        self,
        jobs: int = 1,
        compiled: Mapping[int, Game] | None = None,
        recycle_mb: float = RECYCLE_MB,
        recycle_after: int = RECYCLE_AFTER,
    ):
        self.jobs = jobs
        self.compiled = dict(compiled or {})  # games the caller compiled already (by scenario index)
        self.recycle_mb, self.recycle_after = recycle_mb, recycle_after

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
        current: list[ProcessPoolExecutor] = []  # the pool new chunks go to
        owner: dict = {}  # future -> its pool, while in flight
        retired: set = set()
        played: dict = {}  # pool -> chunks it has finished

        def pool() -> ProcessPoolExecutor:
            if not current or getattr(current[0], "_broken", False) or current[0] in retired:
                if current and current[0] in retired:
                    # the retired workers finish their running chunks (the results wait in their
                    # futures) and end before fresh ones start: never two pools' memos at once
                    wait([f for f, owned in owner.items() if owned is current[0]])
                    _stop(current[0])
                elif current:
                    _stop(current[0])  # broken: its futures have all failed already
                _WORKER.update(study=study, compiled=self.compiled)  # a forked worker inherits them
                current[:] = [ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init_worker, initargs=(study,))]
            return current[0]

        def submit(chunk):
            p = pool()
            future = p.submit(_play_chunk, chunk)
            owner[future] = p
            return future

        def wait_some(handles):
            finished, _ = wait(handles, return_when=FIRST_COMPLETED)
            # A worker that died fails every future of its pool: each is played again on its own.
            return list(finished), None

        def end_if_idle(p) -> None:
            """Stop a retired pool once none of its chunks is in flight (and send no more to it)."""
            if p in retired and p not in owner.values():
                retired.discard(p)
                _stop(p)
                if current and current[0] is p:
                    current.clear()

        def result(future) -> list[dict]:
            p = owner.pop(future)
            try:
                if future.cancelled():
                    raise Resubmit
                lines, grown = future.result()
            finally:
                end_if_idle(p)
            played[p] = played.get(p, 0) + 1
            old = played[p] >= self.recycle_after * workers  # a fresh worker's first memos are its working set
            if grown > self.recycle_mb and old and current and p is current[0]:
                retired.add(p)  # new chunks go to fresh workers; this pool ends with its last chunk
                for f, owned in list(owner.items()):
                    if owned is p:
                        f.cancel()  # not started yet: it goes to the fresh workers instead
                end_if_idle(p)
            return lines

        def alone(job: Job) -> dict:
            with ProcessPoolExecutor(1, mp_context=ctx, initializer=_init_worker, initargs=(study,)) as one:
                try:
                    return one.submit(_play_chunk, [job]).result()[0][0]
                except Exception as e:
                    return lost(job, f"the worker process died playing this game ({e})")

        try:
            yield from ordered(_chunks(jobs, workers), submit, wait_some, result, WINDOW * workers, alone)
        finally:
            for p in {*current, *owner.values(), *retired}:
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
    # join can return early when the pool's own manager thread reaps the worker at the same moment
    # (its wait then finds no child): wait until each is seen to have ended
    deadline = time.monotonic() + 5
    while any(p.is_alive() for p in processes) and time.monotonic() < deadline:
        time.sleep(0.01)


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
            try:
                if self.address:
                    ray.init(address=self.address, **kwargs)
                else:
                    ray.init(num_cpus=self.num_cpus, **kwargs)
            except Exception as e:  # refused, unreachable, a token missing: Ray's reason, not a traceback
                where = f"the Ray cluster at {self.address}" if self.address else "a local Ray"
                reason = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
                raise CoalitionError(f"--backend ray: could not start or reach {where}: {reason}") from None
            started = True
        # A task lost with its worker is retried once by Ray and then by ``ordered``; a worker is
        # replaced after RAY_MAX_CALLS chunks, so that the memos it fills cannot grow for ever.
        task = ray.remote(max_retries=1, max_calls=RAY_MAX_CALLS)(_ray_chunk)
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

        # Chunks still in flight when the caller stops (Ctrl-C, close) are left to finish, not
        # cancelled: a forced cancel racing a chunk's reply crashes Ray's client (its check "Tried
        # to complete task that was not pending"; 5 of 72 interrupted runs). Ray cleans up the
        # tasks of a driver that exits, and ``ray.shutdown`` those of a Ray this run started.
        try:
            yield from ordered(_chunks(jobs, cpus), submit, wait_some, ray.get, WINDOW * cpus, alone)
        finally:
            if started:
                ray.shutdown()


def import_ray():
    """Ray, or a plain error saying how to install it."""
    try:
        import ray  # noqa: PLC0415 - optional dependency
    except ImportError:
        raise CoalitionError(
            "--backend ray needs Ray, which is not installed: pip install 'coalition-wargame[cluster]'"
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
