"""Authoring: the format reference is generated from the model and in sync; its worked examples
are valid; `new` writes a scenario that validates with no problem and plays to the end."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from game.analysis.conformance import check_scenario
from game.cli import main
from game.core.state import Game
from game.paths import DEFAULT_SCENARIO, SCHEMA
from game.scenario import docs
from game.scenario.loader import _CONVERTER, _parse, check_file, check_text
from game.scenario.model import Scenario
from game.scenario.scaffold import render, scenario_id, write_new

ROOT = Path(__file__).resolve().parent.parent
DOCS_FILE = ROOT / "docs" / "scenario-format.md"


# -- the reference --------------------------------------------------------------------------------


def test_committed_reference_is_in_sync_with_the_generator():
    assert DOCS_FILE.read_text(encoding="utf-8") == docs.render(), (
        "docs/scenario-format.md is stale: run `python main.py docs -o docs/scenario-format.md`"
    )


def test_reference_documents_every_field_of_every_class():
    text = docs.render()
    for cls in docs._classes():
        assert f"### {cls.__name__}\n" in text
        for f in attrs.fields(cls):
            assert f"| `{f.name}` |" in text, (cls.__name__, f.name)
            assert f.metadata.get("doc"), f"{cls.__name__}.{f.name} has no documentation"


def test_reference_has_an_example_for_each_effect_and_objective():
    from game.scenario.model import OBJECTIVES, Effect

    effect_fields = {f.name for f in attrs.fields(Effect)}
    assert {e.title.split("`")[1] for e in docs.EFFECT_EXAMPLES} == effect_fields
    assert set(docs.OBJECTIVE_VALUES) == set(OBJECTIVES)


@pytest.mark.parametrize("example", docs.examples(), ids=lambda e: e.title[:40])
def test_every_worked_example_is_valid(example: docs.Example):
    tree, problems = _parse(example.yaml, "example.yaml")
    assert tree is not None and not problems, problems
    value = tree.data
    for part in example.path.replace("]", "").replace("[", ".").split("."):
        value = value[int(part)] if part.isdigit() else value[part]
    _CONVERTER.structure(value, example.cls)  # raises on any mistake


def test_skeleton_and_variant_examples_validate(tmp_path: Path):
    scenario, problems = check_text(docs.SKELETON, str(tmp_path / "skeleton.yaml"))
    assert scenario is not None and problems == []
    (tmp_path / "ukraine_guarantees_2025.yaml").write_text(DEFAULT_SCENARIO.read_text())
    (tmp_path / "variant.yaml").write_text(docs.VARIANT_EXAMPLE)
    scenario, problems = check_file(tmp_path / "variant.yaml")
    assert scenario is not None, problems
    assert scenario.schedule.rounds == 10


def test_docs_command_prints_the_reference(capsys):
    assert main(["docs"]) == 0
    assert capsys.readouterr().out == docs.render()


# -- new ------------------------------------------------------------------------------------------


def test_new_scenario_validates_with_no_problem_at_all(tmp_path: Path):
    path, _ = write_new("my_scenario", str(tmp_path / "my_scenario.yaml"))
    scenario, problems = check_file(path)
    assert problems == []
    assert isinstance(scenario, Scenario) and scenario.id == "my_scenario"


def test_new_scenario_plays_to_the_end_within_the_rules(tmp_path: Path):
    path, _ = write_new("my_scenario", str(tmp_path / "my_scenario.yaml"))
    scenario, _ = check_file(path)
    finished = check_scenario(Game.from_scenario(scenario), games=3)
    assert all(s.result for s in finished)


def test_new_writes_name_yaml_here_and_refuses_to_overwrite(tmp_path: Path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["new", "baltic_test"]) == 0
    assert (tmp_path / "baltic_test.yaml").exists()
    assert "wrote baltic_test.yaml" in capsys.readouterr().out
    assert main(["new", "baltic_test"]) == 1
    assert "exists already" in capsys.readouterr().err
    assert main(["new", "baltic_test", "--force"]) == 0


def test_new_into_a_directory_copies_the_schema_its_modeline_names(tmp_path: Path):
    path, schema = write_new("Another One", str(tmp_path))
    assert path == tmp_path / "another_one.yaml"
    first = path.read_text().splitlines()[0]
    named = path.parent / first.removeprefix("# yaml-language-server: $schema=")
    assert named == schema == tmp_path / "scenario.schema.json"
    assert schema.read_text() == SCHEMA.read_text()


def test_new_leaves_a_different_schema_file_alone_and_says_so(tmp_path: Path, monkeypatch, capsys):
    (tmp_path / "scenario.schema.json").write_text("{}")
    monkeypatch.chdir(tmp_path)
    assert main(["new", "mine"]) == 0
    assert (tmp_path / "scenario.schema.json").read_text() == "{}"
    out = capsys.readouterr().out
    assert "differs from this version's schema" in out and "coalition schema -o" in out


def test_new_prints_the_command_an_installed_user_types(tmp_path: Path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["new", "mine"]) == 0
    out = capsys.readouterr().out
    assert "check it with: coalition validate mine.yaml" in out and "main.py" not in out
    assert "main.py" not in (tmp_path / "mine.yaml").read_text()


def test_scenario_ids_from_names():
    assert scenario_id("My Scenario.yaml") == "my_scenario"
    assert scenario_id("dir/eFP-2017") == "efp_2017"
    with pytest.raises(ValueError):
        scenario_id("!!!")


def test_the_modeline_names_the_schema_beside_the_file():
    assert render("x", "anywhere/x.yaml").startswith("# yaml-language-server: $schema=scenario.schema.json\n")
