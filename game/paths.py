"""Where the shipped data lives, and how a scenario named by a user is found.

Everything the program reads at run time is inside the package (``game/data/``: the scenarios
and their schema in ``scenarios/``, the map in ``map/``) and is located from the package, never
from a source file: in the package's folder, or with ``importlib.resources`` when the package is
no folder (a zip import). So a checkout, an editable install and an installed wheel all find it
the same way. An author's own scenario is a file path; a shipped one can also be named by its
bare name (``ukraine_guarantees_2025``), which is how an installed user, who has no checkout,
reaches them.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import sys
from pathlib import Path

_EXTRACTED = contextlib.ExitStack()  # copies made for a package that is not on disk (zip import)
atexit.register(_EXTRACTED.close)


def _data() -> Path:
    """``game/data`` as a real directory. A package that is a directory (the usual case: a
    checkout, an editable install or an installed wheel) holds it in its folder, the package's
    ``__path__``, which is the answer ``importlib.resources.files`` gives for it; read there
    without importing ``importlib.resources``, which alone takes about a tenth of ``validate``'s
    start-up. Otherwise (a zip import) a temporary copy kept until exit."""
    folder = Path(sys.modules["game"].__path__[0])
    if (folder / "data").is_dir():
        return folder / "data"
    from importlib.resources import as_file, files  # noqa: PLC0415 - zip imports only

    return _EXTRACTED.enter_context(as_file(files("game") / "data"))  # pragma: no cover


DATA = _data()
SCENARIOS = DATA / "scenarios"
SCHEMA = SCENARIOS / "scenario.schema.json"
MAP = DATA / "map" / "europe.json"
DEFAULT_NAME = "ukraine_guarantees_2025"
DEFAULT_SCENARIO = SCENARIOS / f"{DEFAULT_NAME}.yaml"


def scenario_files() -> list[Path]:
    """Every shipped scenario, sorted by name."""
    return sorted(SCENARIOS.glob("*.yaml"))


def shipped_names() -> list[str]:
    """The bare names of the shipped scenarios (``ukraine_guarantees_2025``, ...)."""
    return [p.stem for p in scenario_files()]


def shipped(name: str) -> Path | None:
    """The shipped scenario called ``name`` (with or without ``.yaml``), or None. Only a bare
    name counts: anything with a directory part is a path."""
    if not name or os.sep in name or "/" in name or (os.altsep and os.altsep in name):
        return None
    stem = name[: -len(".yaml")] if name.endswith(".yaml") else name
    path = SCENARIOS / f"{stem}.yaml"
    return path if stem in shipped_names() else None


def find_scenario(name: str | os.PathLike[str] | None) -> Path:
    """The scenario file a user means: the default for None, a file that exists as given, else a
    shipped scenario of that bare name; otherwise the path as given (the loader reports it)."""
    if name is None or os.fspath(name) == "":
        return DEFAULT_SCENARIO
    path = Path(name)
    if path.exists():
        return path
    return shipped(os.fspath(name)) or path
