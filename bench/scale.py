"""Scale benchmarks (issue 14): memory of long runs across all processes, --jobs scaling, Ray's
fixed overhead against the process pool, and how fast a scenario is validated. Medians.

Usage:
  python bench/scale.py memory [--games 100000] [--agent random] [--jobs 2] [--every SECONDS]
        total PSS of simulate's whole process tree, sampled every half second against games done:
        the peak, and the growth over the second half of the run (MB per 1,000 games);
        --extrapolate N also says what that growth would reach at N games
  python bench/scale.py jobs [--games 40] [--agent negotiator] [--runs 3]
        simulate --jobs 1 and --jobs 2, interleaved: games/s and the speed-up
  python bench/scale.py ray [--games 200,2000] [--runs 3]
        simulate with the local pool and with --backend ray (a local Ray started by the run),
        both --jobs 2; and the same study in one process with Ray already up: the overhead
  python bench/scale.py validate [--runs 21]
        load_scenario of the default scenario in-process (libyaml and pure-Python composer) and
        `main.py validate` as a process
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
MAIN = str(ROOT / "main.py")


# --- memory ------------------------------------------------------------------------------------


def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            kids.setdefault(ppid, []).append(int(entry))
    return kids


def tree_pss(root: int) -> float:
    """Proportional set size of ``root`` and all its descendants, MB (shared pages counted once)."""
    kids, total, todo = _children(), 0, [root]
    while todo:
        pid = todo.pop()
        todo += kids.get(pid, [])
        try:
            with open(f"/proc/{pid}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
                        break
        except OSError:
            pass
    return total / 1024


def memory(args) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "r.jsonl"
        cmd = [sys.executable, MAIN, "simulate", "--games", str(args.games), "--agent", args.agent]
        cmd += ["--jobs", str(args.jobs), "--quiet", "--out", str(out)]
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        samples: list[tuple[int, float]] = []
        done, said = 0, start
        while proc.poll() is None:
            pss = tree_pss(proc.pid)
            if out.exists():
                with out.open("rb") as f:  # counting lines of a growing file: cheap enough at 2 Hz
                    done = sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b""))
            samples.append((done, pss))
            if args.every and time.perf_counter() - said >= args.every:  # progress, for a run cut short
                said = time.perf_counter()
                peak = max(p for _, p in samples)
                print(f"  {said - start:7.0f} s: {done:>7} games, {pss:6.1f} MB (peak so far {peak:.1f})", flush=True)
            time.sleep(0.5)
        elapsed = time.perf_counter() - start
        if proc.returncode:
            sys.exit(f"simulate failed: {proc.stderr.read().decode()[-500:]}")
    peak = max(p for _, p in samples)
    half = [(g, p) for g, p in samples if g >= args.games / 2]
    slope = _slope(half) * 1000 if len(half) > 2 else float("nan")
    print(f"simulate --games {args.games} --agent {args.agent} --jobs {args.jobs}: {elapsed:.0f} s")
    print(f"  total PSS of all its processes: peak {peak:.0f} MB")
    for frac in (0.1, 0.25, 0.5, 0.75, 1.0):
        g, p = min(samples, key=lambda s: abs(s[0] - frac * args.games))
        print(f"  at {g:>7} games: {p:6.0f} MB")
    print(f"  growth over the second half: {slope:+.2f} MB per 1,000 games")
    if args.extrapolate:
        reach = peak + slope * (args.extrapolate - args.games) / 1000
        print(f"  at {args.extrapolate} games that growth would reach {reach:.0f} MB")


def _slope(points: list[tuple[int, float]]) -> float:
    xs, ys = [x for x, _ in points], [y for _, y in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    den = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / den if den else 0.0


# --- jobs ----------------------------------------------------------------------------------------


def _simulate_seconds(games: int, agent: str, *extra: str) -> float:
    cmd = [sys.executable, MAIN, "simulate", "--games", str(games), "--agent", agent, "--quiet", *extra]
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def jobs(args) -> None:
    one, two = [], []
    for _ in range(args.runs):
        one.append(_simulate_seconds(args.games, args.agent, "--jobs", "1"))
        two.append(_simulate_seconds(args.games, args.agent, "--jobs", "2"))
    ratios = [a / b for a, b in zip(one, two)]
    print(f"simulate --games {args.games} --agent {args.agent}, {args.runs} interleaved runs:")
    print(f"  --jobs 1: median {statistics.median(one):.1f} s ({args.games / statistics.median(one):.2f} games/s)")
    print(f"  --jobs 2: median {statistics.median(two):.1f} s ({args.games / statistics.median(two):.2f} games/s)")
    print(f"  speed-up: median {statistics.median(ratios):.2f}x (runs: {', '.join(f'{r:.2f}' for r in ratios)})")


# --- Ray -----------------------------------------------------------------------------------------


def ray_overhead(args) -> None:
    from game import load_scenario
    from game.analysis.executor import LocalPool, RayExecutor, Study, jobs_of, run_study
    from game.paths import DEFAULT_SCENARIO

    sizes = [int(x) for x in args.games.split(",")]
    print(f"random games, --jobs 2, {args.runs} interleaved runs each (medians):")
    for n in sizes:
        local, ray = [], []
        for _ in range(args.runs):
            local.append(_simulate_seconds(n, "random", "--jobs", "2"))
            ray.append(_simulate_seconds(n, "random", "--jobs", "2", "--backend", "ray"))
        ml, mr = statistics.median(local), statistics.median(ray)
        print(f"  simulate --games {n}: pool {ml:.1f} s, ray (a local Ray started by the run) {mr:.1f} s")
        print(f"    the Ray run takes {mr - ml:+.1f} s more")
    # In one process, the pool first: a process pool must not be forked from a Ray driver.
    study = Study.of(load_scenario(DEFAULT_SCENARIO), default="random")
    pool: dict[int, list[float]] = {}
    for n in sizes:
        jobs = jobs_of([(i, {}) for i in range(n)])
        for _ in range(args.runs):
            t = time.perf_counter()
            for _line in run_study(study, jobs, LocalPool(2)):
                pass
            pool.setdefault(n, []).append(time.perf_counter() - t)
    import ray as ray_module

    ray_module.init(num_cpus=2, include_dashboard=False, logging_level="warning", log_to_driver=False)
    try:
        for n in sizes:
            jobs = jobs_of([(i, {}) for i in range(n)])
            ray = []
            for _ in range(args.runs):
                t = time.perf_counter()
                for _line in run_study(study, jobs, RayExecutor()):
                    pass
                ray.append(time.perf_counter() - t)
            ml, mr = statistics.median(pool[n]), statistics.median(ray)
            print(f"  in one process, Ray already up, {n} games: pool {ml:.2f} s, ray {mr:.2f} s: {mr - ml:+.2f} s")
    finally:
        ray_module.shutdown()


# --- validate ------------------------------------------------------------------------------------


def validate(args) -> None:
    if args.installed:  # the installed game, not the checkout's (this script put the checkout first)
        sys.path.remove(str(ROOT))
    from game import load_scenario
    from game.paths import DEFAULT_SCENARIO
    from game.scenario import loader

    def median_ms(fn, runs):
        fn()
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t)
        return 1000 * statistics.median(times)

    c = loader._CLoader
    fast = median_ms(lambda: load_scenario(DEFAULT_SCENARIO), args.runs)
    loader._CLoader = None
    slow = median_ms(lambda: load_scenario(DEFAULT_SCENARIO), args.runs)
    loader._CLoader = c
    print(f"the game at {Path(loader.__file__).parent.parent}")
    print(f"load_scenario(default), in-process: {fast:.1f} ms with libyaml composing, {slow:.1f} ms in pure Python")
    # Python's own bytecode caches as an installed package has them (an environment that sets
    # PYTHONDONTWRITEBYTECODE would otherwise compile every module from source at every start)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    how = [sys.executable, "-m", "game"] if args.installed else [sys.executable, MAIN]
    validate = [*how, "validate", str(DEFAULT_SCENARIO)]
    subprocess.run(validate, check=True, stdout=subprocess.DEVNULL, env=env)
    process, bare, cpu = [], [], []
    load = [os.getloadavg()[0]]
    for _ in range(max(5, args.runs // 2)):  # interleaved with a bare interpreter, the machine's own start-up cost
        before = _children_cpu()
        t = time.perf_counter()
        subprocess.run(validate, check=True, stdout=subprocess.DEVNULL, env=env)
        process.append(time.perf_counter() - t)
        cpu.append(_children_cpu() - before)
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True, env=env)
        bare.append(time.perf_counter() - t)
        load.append(os.getloadavg()[0])
    what = "python -m game" if args.installed else "python main.py"
    print(
        f"{what} validate (default scenario), as a process: {1000 * statistics.median(process):.0f} ms "
        f"wall, {1000 * statistics.median(cpu):.0f} ms CPU (user + system) "
        f"(python -c pass: {1000 * statistics.median(bare):.0f} ms; load average {min(load):.1f}-{max(load):.1f})"
    )
    t = [
        float(
            subprocess.run(
                [
                    sys.executable,
                    "-c",
                    "import time; t = time.perf_counter(); import game; print(time.perf_counter() - t)",
                ],
                check=True,
                capture_output=True,
                text=True,
                cwd=None if args.installed else ROOT,
            ).stdout
        )
        for _ in range(max(5, args.runs // 2))
    ]
    print(f"import game: {1000 * statistics.median(t):.0f} ms")


def _children_cpu() -> float:
    """CPU seconds (user + system) of the finished child processes so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="what", required=True)
    m = sub.add_parser("memory")
    m.add_argument("--games", type=int, default=100_000)
    m.add_argument("--agent", default="random")
    m.add_argument("--jobs", type=int, default=2)
    m.add_argument("--extrapolate", type=int, default=0)
    m.add_argument("--every", type=float, default=0, help="print progress every this many seconds")
    m.set_defaults(func=memory)
    j = sub.add_parser("jobs")
    j.add_argument("--games", type=int, default=40)
    j.add_argument("--agent", default="negotiator")
    j.add_argument("--runs", type=int, default=3)
    j.set_defaults(func=jobs)
    r = sub.add_parser("ray")
    r.add_argument("--games", default="200,2000")
    r.add_argument("--runs", type=int, default=3)
    r.set_defaults(func=ray_overhead)
    v = sub.add_parser("validate")
    v.add_argument("--runs", type=int, default=21)
    v.add_argument(
        "--installed",
        action="store_true",
        help="time `python -m game validate` of the game this interpreter has installed (run it with a "
        "wheel's venv, outside the checkout) rather than the checkout's main.py",
    )
    v.set_defaults(func=validate)
    args = p.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
