"""What every test gets: its own ``COALITION_HOME`` and working directory, so that no test can
write to a player's saves (``~/.coalition``) or litter the checkout, and a scratch ``HOME`` for
the libraries that keep files there (matplotlib's font cache and config); and a check at the end
of the run that fails it if the real home changed all the same.

Markers (``pyproject.toml``): ``slow`` (the oracle's long runs, fuzzing, many games) and ``ui``
(pygame windows). ``pytest -m "not slow and not ui"`` is the quick run for development; CI runs all.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

#: The real home, read before any test can change the environment.
REAL_HOME = Path(os.environ.get("COALITION_HOME") or Path.home() / ".coalition")
#: The user's own home directory, read then too.
REAL_USER_HOME = Path.home()


def _snapshot(root: Path) -> dict[str, str]:
    """Every file under ``root`` with a hash of its bytes (empty when there is no such folder)."""
    if not root.is_dir():
        return {}
    out = {}
    for path in sorted(root.rglob("*")):
        if path.is_file():
            try:
                out[str(path.relative_to(root))] = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError as e:  # unreadable: compare the reason, which changes if the file does
                out[str(path.relative_to(root))] = f"unreadable: {e.strerror}"
    return out


def pytest_sessionstart(session: pytest.Session) -> None:
    session.config.stash[_HOME_KEY] = _snapshot(REAL_HOME)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    before = session.config.stash.get(_HOME_KEY, None)
    if before is None:
        return
    after = _snapshot(REAL_HOME)
    if after != before:
        changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
        session.config.stash[_CHANGED_KEY] = changed
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    changed = config.stash.get(_CHANGED_KEY, None)
    if changed:
        terminalreporter.write_line(
            f"FAILED: the test run changed the real home {REAL_HOME}: {', '.join(changed)}", red=True
        )


_HOME_KEY = pytest.StashKey[dict]()
_CHANGED_KEY = pytest.StashKey[list]()


@pytest.fixture(scope="session")
def _user_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A scratch ``HOME`` for the whole run: shared, so that matplotlib builds its font cache once."""
    return tmp_path_factory.mktemp("user-home")


@pytest.fixture(autouse=True)
def _own_home_and_folder(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, _user_home: Path
) -> Path:
    """A fresh ``COALITION_HOME`` and working directory for every test, and the scratch ``HOME``
    (subprocesses inherit all three)."""
    base = tmp_path_factory.mktemp("sandbox")
    home, cwd = base / "home", base / "cwd"
    home.mkdir()
    cwd.mkdir()
    monkeypatch.setenv("COALITION_HOME", str(home))
    monkeypatch.setenv("HOME", str(_user_home))
    for name in ("XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "MPLCONFIGDIR"):
        monkeypatch.delenv(name, raising=False)  # else they would lead back into the real home
    monkeypatch.chdir(cwd)
    return home
