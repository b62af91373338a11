"""The runner seam: a study's games give the same result lines in the same order on any executor;
a worker that dies has its games played again, a game that kills its worker every time becomes that
game's error line (never a missing game); closing the run early stops the workers."""

from __future__ import annotations

import multiprocessing
import time
from pathlib import Path

import attrs
import pytest

from game import agents as agents_module
from game.analysis.executor import RETRIES, LocalPool, Study, jobs_of, ordered, run_study
from game.scenario.loader import load_scenario
from tests import dying_agents

MINIMAL = Path(__file__).parent / "fixtures" / "minimal.yaml"


@pytest.fixture(scope="module")
def study() -> Study:
    base = load_scenario(MINIMAL)
    richer = attrs.evolve(base, actors=tuple(attrs.evolve(a, budget=a.budget * 2) for a in base.actors))
    return Study((base, richer), (str(MINIMAL), None), default="random")


def _jobs(n: int) -> list:
    return [(i % 2, 10 + i, (("fr", "negotiator"),) if i % 3 == 0 else ()) for i in range(n)]


def test_every_executor_gives_the_same_lines_in_the_jobs_order(study):
    jobs = _jobs(24)
    alone = list(run_study(study, jobs))
    assert [x["seed"] for x in alone] == [10 + i for i in range(24)]
    assert all("error" not in x for x in alone)
    assert list(run_study(study, jobs, LocalPool(2))) == alone
    assert alone[0]["agents"]["fr"] == "negotiator" and alone[1]["agents"]["fr"] == "random"
    assert alone[0] != list(run_study(study, [(1, 10, (("fr", "negotiator"),))]))[0]  # the scenarios differ


@pytest.fixture
def dying(monkeypatch, tmp_path):
    monkeypatch.setenv(dying_agents.MARKER, str(tmp_path / "died"))
    monkeypatch.setitem(agents_module.AGENTS, "dies-once", dying_agents.DiesOnce)
    monkeypatch.setitem(agents_module.AGENTS, "always-dies", dying_agents.AlwaysDies)
    return tmp_path / "died"


def test_games_of_a_worker_that_died_are_played_again(study, dying):
    jobs = jobs_of([(10 + i, {}) for i in range(12)])
    expected = list(run_study(study, jobs))
    assert list(run_study(attrs.evolve(study, default="dies-once"), jobs, LocalPool(2))) == [
        {**x, "agents": dict.fromkeys(x["agents"], "dies-once")} for x in expected
    ]
    assert dying.exists()


def test_a_game_that_kills_its_worker_every_time_is_reported_not_missing(study, dying):
    jobs = jobs_of([(10 + i, {}) for i in range(8)])
    lines = list(run_study(attrs.evolve(study, default="always-dies"), jobs, LocalPool(2)))
    assert [x["seed"] for x in lines] == list(range(10, 18))
    assert [x["seed"] for x in lines if "error" in x] == [13]
    assert lines[3]["error"].startswith("lost: the worker process died playing this game")


def test_workers_grown_past_the_memory_budget_are_replaced_and_nothing_changes(study, monkeypatch):
    import concurrent.futures

    made = []

    class Counting(concurrent.futures.ProcessPoolExecutor):
        def __init__(self, *a, **k):
            made.append(len(multiprocessing.active_children()))  # workers still alive from a pool before
            super().__init__(*a, **k)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Counting)
    jobs = _jobs(40)
    recycled = list(run_study(study, jobs, LocalPool(2, recycle_mb=-1, recycle_after=0)))
    pools = list(made)  # the pools of this run only (the plain run below makes its own)
    assert recycled == list(run_study(study, jobs))
    assert len(pools) > 1  # every chunk's result retired its pool: later chunks went to fresh workers
    assert pools == [0] * len(pools)  # a retired pool's workers ended before fresh ones started
    assert not multiprocessing.active_children()


def test_closing_the_run_early_stops_the_workers(study):
    run = run_study(study, jobs_of([(i, {}) for i in range(400)]), LocalPool(2))
    assert next(run)["seed"] == 0
    assert multiprocessing.active_children()
    run.close()
    # the workers are told to stop and reaped; on a loaded machine their exit can trail close()
    deadline = time.monotonic() + 30
    while multiprocessing.active_children() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not multiprocessing.active_children()


def test_ordered_keeps_the_window_and_the_order_whatever_finishes_first():
    """A slow first chunk: later chunks finish first, yet results come out in order and no more
    than the window is ever submitted ahead of the output."""
    chunks = [[(0, seed, ())] for seed in range(10)]
    flying: list = []
    log: list = []

    def submit(chunk):
        flying.append(chunk[0][1])
        log.append(("submit", chunk[0][1], len(flying)))
        return chunk[0][1]

    def wait(handles):
        late = [h for h in handles if h != 0] or handles  # chunk 0 finishes last
        flying.remove(late[0])
        return [late[0]], None

    out = list(ordered(chunks, submit, wait, lambda h: [{"seed": h}], 3, alone=None))
    assert [x["seed"] for x in out] == list(range(10))
    assert max(n for _, _, n in log) <= 3


def test_ordered_retries_then_plays_alone():
    deaths: dict[int, int] = {}

    def result(handle):
        deaths[handle] = deaths.get(handle, 0) + 1
        if handle == 1:
            raise RuntimeError("worker died")
        return [{"seed": handle}]

    chunks = [[(0, seed, ())] for seed in range(3)]
    out = list(
        ordered(
            chunks, lambda c: c[0][1], lambda hs: ([hs[0]], None), result, 2, lambda job: {"seed": job[1], "lost": 1}
        )
    )
    assert out == [{"seed": 0}, {"seed": 1, "lost": 1}, {"seed": 2}]
    assert deaths[1] == RETRIES + 1


def test_a_chunk_taken_back_before_it_started_is_sent_again_without_counting_a_death():
    from game.analysis.executor import Resubmit

    taken: set[int] = set()

    def result(handle):
        if handle not in taken:
            taken.add(handle)
            raise Resubmit
        return [{"seed": handle}]

    chunks = [[(0, seed, ())] for seed in range(4)]
    out = list(ordered(chunks, lambda c: c[0][1], lambda hs: ([hs[0]], None), result, 2, alone=None))
    assert out == [{"seed": s} for s in range(4)]  # never played alone: no death was counted


class _RefusingRay:
    """Stands in for Ray where ``ray.init`` fails, as it does when a cluster refuses this client."""

    @staticmethod
    def is_initialized() -> bool:
        return False

    @staticmethod
    def init(**kwargs):
        raise ConnectionError("Failed to connect: token authentication is enabled.\n(more detail)")


def test_a_ray_cluster_that_cannot_be_reached_is_one_plain_message_not_a_traceback(monkeypatch, capsys):
    from game.analysis import executor
    from game.cli import main

    monkeypatch.setattr(executor, "import_ray", lambda: _RefusingRay)
    argv = ["simulate", "--games", "2", "--agent", "random", "--backend", "ray", "--address", "10.0.0.1:6379"]
    assert main([*argv, "--quiet"]) == 1
    err = capsys.readouterr().err
    assert err.strip() == (
        "coalition: --backend ray: could not start or reach the Ray cluster at 10.0.0.1:6379: "
        "Failed to connect: token authentication is enabled."
    )
