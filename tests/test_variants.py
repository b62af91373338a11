"""Variants (`extends:`): merged by key, other mappings merged, scalars and lists replaced; every
problem points into the file its value comes from; cycles and deep chains are refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.errors import ScenarioError
from game.paths import DEFAULT_SCENARIO
from game.scenario.loader import check_file, exit_status, load_scenario
from game.scenario.variants import MAX_DEPTH

MINIMAL = Path(__file__).parent / "fixtures" / "minimal.yaml"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def line_of(path: Path, words: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if words in line)


@pytest.fixture
def base(tmp_path: Path) -> Path:
    return write(tmp_path, "base.yaml", MINIMAL.read_text(encoding="utf-8"))


def test_a_variant_changes_adds_and_removes_items_by_id(tmp_path: Path, base: Path):
    variant = write(
        tmp_path,
        "variant.yaml",
        """\
extends: base.yaml
id: minimal_variant
actors:
  - id: us
    budget: 80
    forces: {fighters: 6}
    red_lines:
      - {kind: brigade, remove: true}
  - id: de
    name: Germany
    budget: 10
    forces: {air_defence: 2}
    private:
      objectives: {peace: 50, low_cost: 50}
commitments:
  - id: aid
    givers: [us, fr, de]
events:
  - id: us_midterms
    remove: true
  - id: new_card
    title: A new card
schedule: {rounds: 6}
credibility:
  terms:
    - {years: 10, credit: 0.9}
""",
    )
    scenario, problems = check_file(variant)
    assert problems == []
    plain = load_scenario(base)
    us = scenario.actor("us")
    assert (us.budget, us.reserve) == (80, plain.actor("us").reserve)  # changed / inherited
    assert us.forces.fighters == 6 and us.forces.troops == plain.actor("us").forces.troops  # mappings merge
    assert [r.kind for r in us.red_lines] == ["air_defence"]  # red lines merge by kind
    assert [a.id for a in scenario.actors] == ["us", "fr", "ua", "ru", "de"]  # new items go last
    assert scenario.kind("aid").givers == ("us", "fr", "de")  # other lists replace
    assert scenario.kind("aid").steps == plain.kind("aid").steps
    assert [e.id for e in scenario.events] == ["eu_fund", "new_card"]
    assert (scenario.schedule.rounds, scenario.schedule.months) == (6, plain.schedule.months)
    assert [(t.years, t.credit) for t in scenario.credibility.terms] == [(5, 0.6), (10, 0.9), (20, 1.0)]
    assert scenario.id == "minimal_variant" and scenario.title == plain.title


def test_errors_in_the_variant_point_into_the_variant(tmp_path: Path, base: Path):
    variant = write(
        tmp_path,
        "variant.yaml",
        """\
extends: base.yaml
actors:
  - id: us
    budjet: 80
  - id: de
    budget: 10
schedule: {rounds: "6"}
""",
    )
    with pytest.raises(ScenarioError) as caught:
        load_scenario(variant)
    found = [(Path(p.file).name, p.line, p.column, p.message) for p in caught.value.problems]
    assert found == [
        ("variant.yaml", 4, 5, "unknown key `budjet` in Actor; did you mean `budget`?"),
        ("variant.yaml", 5, 5, "`name` is missing: Display name."),
        ("variant.yaml", 7, 20, "expected a whole number, got the text `6`; remove the quotes"),
    ]


def test_errors_in_inherited_parts_point_into_the_base(tmp_path: Path, base: Path):
    text = base.read_text().replace("    reserve: 10", "    reserve: -10")
    write(tmp_path, "base.yaml", text)
    variant = write(tmp_path, "variant.yaml", "extends: base.yaml\nschedule: {rounds: 5}\n")
    (problem,) = check_file(variant)[1]
    assert (Path(problem.file).name, problem.line, problem.column) == ("base.yaml", line_of(base, "reserve: -10"), 14)
    assert problem.message == "must be at least 0, got -10"


def test_semantic_problems_are_located_in_the_file_that_set_the_value(tmp_path: Path, base: Path):
    variant = write(
        tmp_path,
        "variant.yaml",
        "extends: base.yaml\nacceptance: {seat: UA}\nevents:\n  - id: eu_fund\n    effects: {money: {ru: 1}}\n",
    )
    problems = check_file(variant)[1]
    assert [(Path(p.file).name, p.line, p.message) for p in problems] == [
        ("variant.yaml", 2, "unknown seat `UA`; did you mean `ua`?"),
        ("variant.yaml", 5, "`ru` is not a seat; effects apply to seats only"),
    ]


def test_removing_an_unknown_item_suggests_the_closest_id(tmp_path: Path, base: Path):
    variant = write(tmp_path, "variant.yaml", "extends: base.yaml\nevents:\n  - {id: us_midterm, remove: true}\n")
    (problem,) = check_file(variant)[1]
    assert (problem.line, problem.column) == (3, 10)
    assert (
        problem.message == "cannot remove `us_midterm`: the base has no event with that id; did you mean `us_midterms`?"
    )


def test_items_of_keyed_lists_need_their_key(tmp_path: Path, base: Path):
    variant = write(tmp_path, "variant.yaml", "extends: base.yaml\nactors:\n  - budget: 3\n  - {id: us, remove: yes}\n")
    problems = check_file(variant)[1]
    assert [(p.line, p.message) for p in problems] == [
        (3, "in a variant, each item here needs its `id`: the actor it changes, adds or removes"),
        (4, "`remove` takes `true` (or leave it out)"),
    ]


def test_a_missing_base_is_an_error_at_extends(tmp_path: Path):
    variant = write(tmp_path, "variant.yaml", "# a variant\nextends: nowhere.yaml\n")
    problems = check_file(variant)[1]
    assert [(p.line, p.column, p.message) for p in problems] == [
        (2, 10, "cannot read the base scenario `nowhere.yaml`: no such file")
    ]
    assert exit_status(problems) == 1


def test_extends_must_be_a_path(tmp_path: Path):
    (problem,) = check_file(write(tmp_path, "variant.yaml", "extends: [a.yaml]\n"))[1]
    assert "`extends` takes the path of the scenario this one changes" in problem.message


def test_a_cycle_is_an_error(tmp_path: Path):
    write(tmp_path, "a.yaml", "extends: b.yaml\n")
    b = write(tmp_path, "b.yaml", "extends: a.yaml\n")
    (problem,) = check_file(b)[1]
    assert problem.message == "`extends` goes round in a circle: b.yaml -> a.yaml -> b.yaml"
    (problem,) = check_file(write(tmp_path, "self.yaml", "extends: self.yaml\n"))[1]
    assert "self.yaml -> self.yaml" in problem.message


def test_chains_merge_in_order_up_to_a_depth(tmp_path: Path, base: Path):
    previous = "base.yaml"
    for n in range(1, MAX_DEPTH):
        write(tmp_path, f"v{n}.yaml", f"extends: {previous}\nschedule: {{rounds: {n}}}\n")
        previous = f"v{n}.yaml"
    assert load_scenario(tmp_path / f"v{MAX_DEPTH - 1}.yaml").schedule.rounds == MAX_DEPTH - 1
    deeper = write(tmp_path, "deep.yaml", f"extends: {previous}\n")
    (problem,) = check_file(deeper)[1]
    assert f"more than {MAX_DEPTH} files extend one another" in problem.message


def test_syntax_errors_in_the_base_are_reported_in_the_base(tmp_path: Path):
    write(tmp_path, "base.yaml", "format: 1\nid: [\n")
    (problem,) = check_file(write(tmp_path, "variant.yaml", "extends: base.yaml\n"))[1]
    assert Path(problem.file).name == "base.yaml" and "YAML syntax error" in problem.message


def test_remove_outside_a_variant_is_explained(tmp_path: Path):
    text = MINIMAL.read_text().replace("  - id: eu_fund\n", "  - id: eu_fund\n    remove: true\n")
    (problem,) = check_file(write(tmp_path, "plain.yaml", text))[1]
    assert problem.message.startswith("`remove` works only in a variant")


def test_a_variant_of_the_default_scenario_keeps_its_hash_when_it_changes_nothing(tmp_path: Path):
    from game.core.state import scenario_hash

    variant = write(tmp_path, "same.yaml", f"extends: {DEFAULT_SCENARIO.stem}\n")  # a shipped scenario, by name
    assert scenario_hash(load_scenario(variant)) == scenario_hash(load_scenario(DEFAULT_SCENARIO))


def test_null_removes_a_key_from_a_merged_mapping(tmp_path: Path, base: Path):
    variant = write(
        tmp_path,
        "variant.yaml",
        """\
extends: base.yaml
commitments:
  - {id: brigade, incident: null}
reactions:
  - id: ru_strikes
    effects: {support: {ua: null, fr: -1}}
""",
    )
    scenario = load_scenario(variant)
    assert scenario.kind("brigade").incident is None
    assert scenario.reactions[0].effects.support == {"fr": -1}
    assert scenario.reactions[0].effects.threshold == 5  # the rest of the mapping is inherited
