"""The test sandbox (``tests/conftest.py``): every test has its own home and working directory,
and a run that changes the real home fails."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.ui.session import autosaves_dir

from .conftest import REAL_HOME, REAL_USER_HOME

ROOT = Path(__file__).resolve().parent.parent


def test_a_test_has_its_own_home_and_folder(tmp_path):
    home = Path(os.environ["COALITION_HOME"])
    assert home != REAL_HOME and autosaves_dir().parent == home
    assert Path.cwd() not in (ROOT, ROOT / "tests") and not any(Path.cwd().iterdir())


def test_libraries_that_keep_files_in_the_home_keep_them_in_a_scratch_one():
    # matplotlib (balance and sweep plots) writes its font cache under ~/.cache and reads ~/.config
    assert Path.home() != REAL_USER_HOME
    code = "import matplotlib; print(matplotlib.get_cachedir()); print(matplotlib.get_configdir())"
    dirs = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert len(dirs) == 2 and all(Path(d).is_relative_to(Path.home()) for d in dirs), dirs


@pytest.mark.slow
def test_a_run_that_changes_the_real_home_fails(tmp_path):
    # A run whose "real home" is a scratch folder, with a test that writes there by its path.
    real = tmp_path / "real-home"
    real.mkdir()
    (real / "keep.json").write_text("{}")
    probe = tmp_path / "test_probe.py"
    probe.write_text(
        "from pathlib import Path\n"
        f"def test_writes():\n    Path({str(real / 'keep.json')!r}).write_text('changed')\n"
        f"def test_keeps():\n    Path({str(real / 'keep.json')!r}).read_text()\n"
    )
    env = {**os.environ, "COALITION_HOME": str(real), "PYTHONPATH": str(ROOT)}
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-p",
        "no:cacheprovider",
        "-p",
        "tests.conftest",
        "--rootdir",
        str(tmp_path),
    ]
    changed = subprocess.run([*command, str(probe)], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert changed.returncode == 1, changed.stdout
    assert "2 passed" in changed.stdout and f"changed the real home {real}: keep.json" in changed.stdout
    kept = subprocess.run([*command, f"{probe}::test_keeps"], capture_output=True, text=True, cwd=ROOT, env=env)
    assert kept.returncode == 0, kept.stdout
