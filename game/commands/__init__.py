"""The CLI's subcommands, one module per family; each module's ``register(subparsers)`` adds its
commands. ``game.cli`` builds the parser from ``FAMILIES`` in this order: all of them for
``coalition --help``, only the family of the command asked for otherwise (a command does not wait
for the others' modules to load: ``validate`` starts faster)."""

from __future__ import annotations

import importlib
from types import ModuleType

#: Each family's module and the commands its ``register`` adds, in the order of ``--help``
#: (``tests/test_cli.py`` holds the lists to what the modules register).
FAMILIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("window", ("play",)),
    ("scenario", ("validate", "show")),
    ("authoring", ("schema", "docs", "new", "balance")),
    ("sim", ("simulate", "tournament")),
    ("study", ("summarise", "sweep", "compare")),
    ("replay", ("replay",)),
)


def modules(command: str | None = None) -> list[ModuleType]:
    """The family modules to register: the one with ``command``; all of them for no command or a
    name no family has (so that argparse lists the commands in its message)."""
    names = [name for name, commands in FAMILIES if command in commands] or [name for name, _ in FAMILIES]
    return [importlib.import_module(f"{__name__}.{name}") for name in names]
