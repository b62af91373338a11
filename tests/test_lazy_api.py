"""The public API loads its modules when a name is first used: ``import game`` and ``validate``
load neither the rules nor the agents, and every public name is what the import lines that
document it say it is."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import game

ROOT = Path(__file__).resolve().parent.parent


def _documented() -> dict[str, tuple[str, str | None]]:
    """Public name -> (module under game, attribute) from the ``if TYPE_CHECKING:`` imports."""
    tree = ast.parse((ROOT / "game" / "__init__.py").read_text(encoding="utf-8"))
    block = next(n for n in tree.body if isinstance(n, ast.If) and getattr(n.test, "id", "") == "TYPE_CHECKING")
    out = {}
    for node in block.body:
        for alias in node.names:
            if node.module == "core" and alias.name == "actions":
                out["actions"] = ("core.actions", None)
            else:
                out[alias.asname or alias.name] = (node.module, alias.name)
    return out


def test_the_lazy_table_says_what_the_import_lines_say():
    assert _documented() == game._WHERE


def test_every_public_name_is_the_modules_own():
    for name in game.__all__:
        value = getattr(game, name)
        if name in game._WHERE:
            module, attr = game._WHERE[name]
            loaded = importlib.import_module(f"game.{module}")
            assert value is (loaded if attr is None else getattr(loaded, attr))
    assert set(game.__all__) <= set(dir(game))


def _modules_after(code: str, prefixes: tuple[str, ...] = ("game",)) -> list[str]:
    listed = f"sorted(m for m in sys.modules if m.startswith({prefixes!r}))"
    run = subprocess.run(
        [sys.executable, "-c", f"{code}; import sys; print({listed})"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return ast.literal_eval(run.stdout.strip().splitlines()[-1])


def test_import_game_and_validate_leave_the_rules_unloaded():
    assert _modules_after("import game") == ["game", "game.errors"]
    loaded = _modules_after("from game.cli import main; main(['validate', 'ukraine_guarantees_2025'])")
    assert "game.scenario.loader" in loaded
    assert not [m for m in loaded if m.startswith(("game.core", "game.agents", "game.analysis", "game.ui"))]


def test_validate_of_a_valid_file_leaves_what_it_does_not_use_unloaded():
    # start-up time (issue 14): the data folder is found without importlib.resources; json is for
    # --format json, difflib for a did-you-mean hint, only
    loaded = _modules_after(
        "from game.cli import main; main(['validate', 'ukraine_guarantees_2025'])",
        ("importlib.resources", "json", "difflib"),
    )
    assert loaded == []
