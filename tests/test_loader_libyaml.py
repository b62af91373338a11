"""The loader composes YAML with libyaml where it is present and with its own Python composer
otherwise: on every scenario, fixture and broken or hostile file both give the same scenario and
the same problems at the same places; the limits (depth, values) hold on the libyaml path, and a
file with aliases takes the Python path (which marks where each alias stands)."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.scenario import loader

ROOT = Path(__file__).resolve().parent.parent


def _text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError):
        return None  # refused before composing


FILES = sorted(
    {
        *(ROOT / "game" / "data" / "scenarios").glob("*.yaml"),
        *(ROOT / "tests" / "fixtures").glob("*.yaml"),
        *(ROOT / "tests" / "broken").glob("*.yaml"),
        *(ROOT / "tests" / "hostile").rglob("*.yaml"),
        *(ROOT / "docs").rglob("*.yaml"),
    }
)
FILES = [p for p in FILES if _text(p) is not None]

pytestmark = pytest.mark.skipif(loader._CLoader is None, reason="libyaml (>= 0.2.5) is not installed here")


def _both(monkeypatch, fn):
    fast = fn()
    with monkeypatch.context() as m:
        m.setattr(loader, "_CLoader", None)
        slow = fn()
    return fast, slow


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_both_composers_give_the_same_scenario_and_problems(path, monkeypatch):
    text = _text(path)
    fast, slow = _both(monkeypatch, lambda: loader.check_text(text, str(path)))
    assert fast == slow
    trees = _both(monkeypatch, lambda: loader._parse(text, str(path)))
    if trees[0][0] is not None:
        assert trees[0][0].data == trees[1][0].data
        assert trees[0][0].values == trees[1][0].values and trees[0][0].keys == trees[1][0].keys


def test_the_shipped_scenarios_are_composed_by_libyaml(monkeypatch):
    calls = []
    real = loader._c_compose
    monkeypatch.setattr(loader, "_c_compose", lambda text: calls.append(1) or real(text))
    text = (ROOT / "game" / "data" / "scenarios" / "ukraine_guarantees_2025.yaml").read_text(encoding="utf-8")
    assert loader._compose(text) is not None and calls
    assert real(text) is not loader._FALLBACK


def test_limits_hold_on_the_libyaml_path_where_the_python_composer_puts_them(monkeypatch):
    deep = "a:\n" + "".join("  " * i + "- \n" for i in range(1, 60)) + "  " * 60 + "x\n"
    wide = "a: [" + ", ".join(["1"] * (loader.MAX_NODES + 5)) + "]\n"
    for text in (deep, wide, "[" * 2000 + "]" * 2000):
        fast, slow = _both(monkeypatch, lambda t=text: loader._parse(t, "t.yaml"))
        assert fast == slow and fast[0] is None
        assert "levels deep" in fast[1][0].message or "values" in fast[1][0].message


def test_a_file_with_aliases_is_composed_in_python(monkeypatch):
    text = "base: &b {x: 1}\nother: *b\n"
    assert loader._c_compose(text) is loader._FALLBACK
    fast, slow = _both(monkeypatch, lambda: loader._parse(text, "t.yaml"))
    assert fast[0].data == slow[0].data == {"base": {"x": 1}, "other": {"x": 1}}
