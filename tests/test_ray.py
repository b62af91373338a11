"""The Ray backend against a local Ray started here (``ray.init(num_cpus=2)``): the same bytes as
the local backend for the same arguments, games of a dying worker played again or reported, and
Ctrl-C on a run that uses the cluster."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import attrs
import pytest
import ray

from game.analysis.executor import RayExecutor, Study, jobs_of, run_study
from game.cli import main
from game.scenario.loader import load_scenario
from tests import dying_agents

pytestmark = pytest.mark.slow  # a local Ray takes seconds to start

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = Path(__file__).parent / "fixtures" / "minimal.yaml"


@pytest.fixture(scope="module")
def cluster(tmp_path_factory, _user_home):
    """A local Ray of 2 CPUs for this module; its workers can play the dying test agents."""
    home = tmp_path_factory.mktemp("ray-home")
    saved = {k: os.environ.get(k) for k in ("HOME", "PYTHONPATH", dying_agents.MARKER)}
    # Ray keeps its files, its token among them, in ~/.ray: the run's scratch home, which every
    # test (and the commands it starts) also has, not the real one
    os.environ["HOME"] = str(_user_home)
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), saved["PYTHONPATH"]) if p)
    os.environ[dying_agents.MARKER] = str(home / "died")
    ray.init(
        num_cpus=2,
        include_dashboard=False,
        logging_level="warning",
        log_to_driver=False,
        runtime_env={"worker_process_setup_hook": "tests.dying_agents.register"},
    )
    from game import agents

    before = dict(agents.AGENTS)
    dying_agents.register()
    try:
        yield home
    finally:
        ray.shutdown()
        agents.AGENTS.clear()
        agents.AGENTS.update(before)
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _simulate(tmp_path, name, *extra):
    out = tmp_path / name
    args = ["simulate", str(MINIMAL), "--games", "6", "--seed", "3", "--agent", "random", "--seats", "fr=negotiator"]
    assert main([*args, "--quiet", "--out", str(out), *extra]) == 0
    return out.read_bytes()


def test_simulate_on_ray_writes_the_same_bytes_as_the_local_backend(cluster, tmp_path, capsys):
    local = _simulate(tmp_path, "local.jsonl", "--jobs", "2")
    printed = capsys.readouterr().out
    assert _simulate(tmp_path, "ray.jsonl", "--backend", "ray") == local
    assert capsys.readouterr().out == printed
    assert [json.loads(x)["seed"] for x in local.splitlines()] == list(range(3, 9))


def test_balance_on_ray_is_the_local_report(cluster, capsys):
    args = ["balance", str(MINIMAL), "--games", "4", "--probes", "random,holdout", "--format", "json", "--quiet"]
    assert main([*args, "--jobs", "2"]) == 0
    local = capsys.readouterr().out
    assert main([*args, "--backend", "ray"]) == 0
    assert capsys.readouterr().out == local


def test_ray_plays_again_the_games_of_a_dead_worker_and_reports_a_game_that_always_kills_it(cluster):
    study = Study.of(load_scenario(MINIMAL), default="dies-once")
    jobs = jobs_of([(10 + i, {}) for i in range(8)])
    expected = [
        {**x, "agents": dict.fromkeys(x["agents"], "dies-once")}
        for x in run_study(attrs.evolve(study, default="random"), jobs)
    ]
    assert list(run_study(study, jobs, RayExecutor())) == expected
    assert (cluster / "died").exists()
    lines = list(run_study(attrs.evolve(study, default="always-dies"), jobs, RayExecutor()))
    assert [x["seed"] for x in lines] == list(range(10, 18))
    assert [x["seed"] for x in lines if "error" in x] == [dying_agents.DIES_AT]
    assert lines[3]["error"].startswith("lost: the Ray worker died playing this game")


def test_ctrl_c_on_a_ray_run_keeps_every_finished_game(cluster, tmp_path):
    out = tmp_path / "i.jsonl"
    address = ray.get_runtime_context().gcs_address
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "simulate", "--games", "3000", "--agent", "random"]
        + ["--backend", "ray", "--address", address, "--out", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
    )
    deadline = time.time() + 120
    while time.time() < deadline and (not out.exists() or out.read_text().count("\n") < 3):
        time.sleep(0.1)
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130, stderr
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert len(lines) >= 3 and [x["seed"] for x in lines] == list(range(len(lines)))
    assert b"interrupted" in stderr and b"Traceback" not in stderr


def test_a_sweep_and_a_compare_on_ray_print_what_the_local_backend_prints(cluster, capsys):
    sweep = ["sweep", str(MINIMAL), "--vary", "actors.us.budget=20,60", "--games", "3", "--format", "json", "--quiet"]
    compare = ["compare", str(MINIMAL), "--a-seats", "fr=random", "--games", "3", "--format", "json", "--quiet"]
    for args in (sweep, compare):
        assert main([*args, "--jobs", "2"]) == 0
        local = capsys.readouterr().out
        assert main([*args, "--backend", "ray"]) == 0
        assert capsys.readouterr().out == local
