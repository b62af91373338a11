"""The scenario loader: valid files load; every broken file fails with located, plain problems."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.errors import Problem, ScenarioError
from game.scenario.loader import Unreadable, check_file, check_text, exit_status, load_scenario, load_scenario_text

HERE = Path(__file__).parent
MINIMAL = HERE / "fixtures" / "minimal.yaml"
BROKEN = HERE / "broken"

# Each broken file -> the errors it must produce, exactly: (line, column, path, words in the message).
EXPECTED: dict[str, list[tuple[int, int, str, str]]] = {
    "syntax_error": [(4, 14, "", "YAML syntax error: a `:` where no key can start")],
    "syntax_tab_indent": [(8, 1, "", "a tab; YAML is indented with spaces only")],
    "syntax_two_documents": [(33, 1, "", "a second document")],
    "quoted_int": [(31, 20, "schedule.rounds", "expected a whole number, got the text `4`; remove the quotes")],
    "bool_for_int": [(31, 20, "schedule.rounds", "expected a whole number, got `true`")],
    "float_for_int": [(31, 20, "schedule.rounds", "expected a whole number, got the number 4.5")],
    "text_for_float": [(29, 22, "credibility.scale", "expected a number, got the text `50`")],
    "string_for_list": [(27, 13, "commitments[1].givers", "expected a list")],
    "number_for_text": [(3, 5, "id", "expected text, got the number 7; put it in quotes")],
    "yes_for_bool": [(14, 11, "actors[1].seat", "write true or false")],
    "unknown_key": [(8, 5, "actors[0].budjet", "unknown key `budjet` in Actor; did you mean `budget`?")],
    "unknown_top_level_key": [(3, 1, "rules", "unknown key `rules`")],
    "merge_key": [
        (31, 1, "defaults", "unknown key `defaults`"),
        (32, 11, "schedule.rounds", "`rounds` is missing"),
        (32, 12, "schedule.<<", "merge keys (`<<`) are not supported"),
    ],
    "unknown_literal": [(26, 15, "commitments[1].resource", "got the text `troop`; did you mean `troops`?")],
    "missing_required": [(12, 5, "actors[1].name", "`name` is missing: Display name.")],
    "unknown_ids": [
        (27, 14, "commitments[1].givers[0]", "unknown actor `uk`"),
        (32, 20, "acceptance.seat", "unknown seat `UA`; did you mean `ua`?"),
    ],
    "duplicate_key": [(5, 1, "title", "duplicate key `title` (first given on line 4)")],
    "out_of_range": [
        (15, 14, "actors[1].support", "must be between 0 and 100, got 120"),
        (33, 35, "acceptance.threshold", "must be between 0 and 100, got -5"),
    ],
    "empty": [(1, 1, "", "the file is empty")],
    "top_level_list": [(2, 1, "", "expected a mapping (`key: value` lines) for Scenario, got a list")],
    "python_tag": [(4, 8, "title", "the tag `!!python/object/apply:os.system` is not allowed")],
    "local_tag": [(8, 13, "actors[0].budget", "the tag `!money` is not allowed")],
    "alias_bomb": [(8, 10, "", "this alias makes the file expand to more than 100000 values")],
    "undefined_alias": [(31, 20, "", "the alias `*four` has no anchor `&four` before it")],
    "deep_nesting": [(5, 63, "", "the file nests more than 50 levels deep")],
    "nan": [(29, 22, "credibility.scale", "NaN (not a number) is not allowed")],
    "huge_number": [(14, 22, "actors[1].forces.troops", "the number is too large")],
    "infinite_number": [(8, 13, "actors[0].budget", "infinity is not allowed")],
    "weights_not_100": [(11, 19, "actors[0].private.objectives", "objective weights of `us` add up to 90, not 100")],
    "unreachable_threshold": [
        (32, 35, "acceptance.threshold", "threshold 95 cannot be reached; the most the commitments can give is 83.5")
    ],
    "seat_without_private": [(12, 5, "actors[1]", "seat `ua` needs a `private` section")],
    "duplicate_ids": [
        (12, 9, "actors[1].id", "duplicate id `us`: actors[0] has it already"),
        (27, 14, "commitments[1].givers[0]", "unknown actor `ua`"),
    ],
    "deadline_after_max": [(31, 33, "schedule.deadline", "deadline 3 is longer than max_deadline 2")],
    "escalation_start_off_ladder": [(30, 63, "escalation.start", "start level 2 does not exist")],
    "steps_not_increasing": [(23, 19, "commitments[0].steps[2]", "steps must increase: 2 after 4")],
    "effect_on_non_seat": [(37, 25, "events[0].effects.support.ru", "`ru` is not a seat")],
    "seat_cannot_give": [(12, 5, "actors[1]", "seat `ua` cannot give any commitment")],
    "multiple_errors": [
        (8, 5, "actors[0].budjet", "unknown key `budjet`"),
        (27, 13, "commitments[1].givers", "expected a list"),
        (31, 20, "schedule.rounds", "expected a whole number"),
        (32, 35, "acceptance.threshold", "must be between 0 and 100, got 500"),
    ],
}


def minimal_text() -> str:
    return MINIMAL.read_text(encoding="utf-8")


def errors_of(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def load_error(text: str) -> ScenarioError:
    with pytest.raises(ScenarioError) as caught:
        load_scenario_text(text, "test.yaml")
    return caught.value


# -- the valid fixture --------------------------------------------------------------------------


def test_minimal_fixture_loads_without_any_problem():
    scenario, problems = check_file(MINIMAL)
    assert problems == []
    assert scenario is not None
    assert [a.id for a in scenario.seats] == ["us", "fr", "ua"]
    assert scenario.actor("ru").seat is False
    assert scenario.acceptance.seat == "ua"
    assert scenario.schedule.rounds == 4
    assert (len(scenario.commitments), len(scenario.events), len(scenario.reactions)) == (3, 2, 1)


def test_load_scenario_returns_typed_values():
    scenario = load_scenario(MINIMAL)
    assert scenario.kind("brigade").steps == (1, 2, 4)
    assert scenario.kind("aid").resource is None
    assert isinstance(scenario.actor("us").budget, float)  # `budget: 60` is a float field
    assert scenario.events[1].effects.forces["ua"].troops == 2
    assert scenario.date == "2026-01"


# -- the broken corpus --------------------------------------------------------------------------


def test_every_broken_file_has_expectations():
    assert sorted(p.stem for p in BROKEN.glob("*.yaml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_file_reports_each_error_at_its_line_and_column(name: str):
    path = BROKEN / f"{name}.yaml"
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    assert not caught.value.unreadable
    found = caught.value.problems
    assert all(p.file == str(path) and p.severity == "error" for p in found)
    assert [(p.line, p.column, p.path) for p in found] == [(line, col, at) for line, col, at, _ in EXPECTED[name]]
    for problem, (_, _, _, words) in zip(found, EXPECTED[name]):
        assert words in problem.message


def test_multiple_independent_errors_are_all_reported():
    _, problems = check_file(BROKEN / "multiple_errors.yaml")
    assert len(errors_of(problems)) == 4


def test_unknown_key_suggests_the_closest_field():
    error = load_error(minimal_text().replace("    reserve: 10", "    reserv: 10"))
    assert [(p.path, p.message) for p in error.problems] == [
        ("actors[0].reserv", "unknown key `reserv` in Actor; did you mean `reserve`?")
    ]


def test_unknown_id_suggests_the_closest_id():
    error = load_error(
        minimal_text().replace("givers: [us, fr]\n    upfront_cost", "givers: [us, fra]\n    upfront_cost")
    )
    assert [p.message for p in error.problems] == ["unknown actor `fra`; did you mean `fr`?"]
    assert error.problems[0].path == "commitments[1].givers[1]"


def test_unknown_id_as_a_key_is_located_at_the_key():
    text = minimal_text().replace("support_at_least: {fr: 30}", "support_at_least: {fx: 30}")
    line = text.splitlines().index("      support_at_least: {fx: 30}") + 1
    (problem,) = load_error(text).problems
    assert (problem.line, problem.column, problem.path) == (line, 26, "events[1].when.support_at_least.fx")


def test_problem_reads_as_file_line_column_message_and_path():
    text = minimal_text().replace("  rounds: 4", "  rounds: 0")
    line = text.splitlines().index("  rounds: 0") + 1
    (problem,) = load_error(text).problems
    assert str(problem) == f"test.yaml:{line}:11: error: must be between 1 and 100, got 0 (schedule.rounds)"


# -- YAML: words, numbers, tags, aliases --------------------------------------------------------


def test_norway_id_no_stays_text():
    text = re.sub(r"\bfr\b", "no", minimal_text())  # YAML 1.1 would read `no` as false
    scenario = load_scenario_text(text, "norway.yaml")
    assert scenario.seats[1].id == "no"
    assert scenario.events[1].effects.money == {"no": 5.0}


def test_yaml_1_1_booleans_and_dates_stay_text_in_text_fields():
    text = (
        minimal_text().replace("title: Minimal guarantee", "title: yes").replace('date: "2026-01"', "date: 2026-01-15")
    )
    text = text.replace("    name: Ukraine", "    name: off")
    scenario = load_scenario_text(text, "words.yaml")
    assert (scenario.title, scenario.date, scenario.actor("ua").name) == ("yes", "2026-01-15", "off")


def test_true_and_false_are_booleans_in_any_case():
    scenario = load_scenario_text(minimal_text().replace("    seat: false", "    seat: FALSE"), "case.yaml")
    assert scenario.actor("ru").seat is False


def test_explicit_str_tag_makes_text_of_a_number():
    scenario = load_scenario_text(minimal_text().replace("title: Minimal guarantee", "title: !!str 7"), "tag.yaml")
    assert scenario.title == "7"


def test_explicit_tag_must_fit_its_text():
    (problem,) = load_error(minimal_text().replace("  rounds: 4", "  rounds: !!int four")).problems
    assert problem.message == "`four` is not a valid !!int"
    assert problem.path == "schedule.rounds"


def test_number_text_and_null_for_text_fields_are_errors():
    text = minimal_text().replace("    name: France", "    name: 3.5").replace("    name: Ukraine", "    name:")
    messages = [p.message for p in load_error(text).problems]
    assert messages == [
        "expected text, got the number 3.5; put it in quotes if you mean the text",
        "expected text, got nothing (the value is empty)",
    ]


def test_modest_aliases_are_expanded():
    text = (
        minimal_text()
        .replace("    position: {lon: 2.35, lat: 48.86}", "    position: &paris {lon: 2.35, lat: 48.86}")
        .replace("    position: {lon: 30.52, lat: 50.45}", "    position: *paris")
    )
    scenario = load_scenario_text(text, "alias.yaml")
    assert scenario.actor("ua").position == scenario.actor("fr").position


def test_an_alias_to_its_own_ancestor_is_refused():
    text = minimal_text().replace("description: A toy", "loop: &loop [*loop]\ndescription: A toy")
    (problem,) = load_error(text).problems
    assert "this alias makes the file nest more than 50 levels deep" in problem.message


@pytest.mark.parametrize("opening", ["[", "{a: ", "- "])
def test_extreme_nesting_is_an_error_not_a_recursion_error(opening: str):
    text = "description:\n  " + opening * 20_000 + "x"
    (problem,) = load_error(text).problems
    assert "nests more than 50 levels deep" in problem.message


@pytest.mark.slow
def test_too_many_values_are_refused():
    text = "description: [" + ", ".join(["1"] * 100_001) + "]"
    (problem,) = load_error(text).problems
    assert "more than 100000 values" in problem.message


# -- unreadable files ---------------------------------------------------------------------------


def test_binary_junk_is_unreadable(tmp_path: Path):
    path = tmp_path / "junk.yaml"
    path.write_bytes(b"format: 1\nid: \x00\x01\x02\xff\xfe junk")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    assert caught.value.unreadable
    (problem,) = caught.value.problems
    assert (problem.line, problem.column) == (2, 5)


def test_bytes_that_are_not_utf8_are_unreadable_at_their_position(tmp_path: Path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("format: 1\ntitle: Fran\xe7ais\n".encode("latin-1"))
    _, problems = check_file(path)
    assert [(p.line, p.column, type(p)) for p in problems] == [(2, 12, Unreadable)]
    assert "not UTF-8" in problems[0].message
    assert exit_status(problems) == 2


def test_missing_file_and_directory_are_unreadable(tmp_path: Path):
    for path, words in ((tmp_path / "nope.yaml", "no such file"), (tmp_path, "directory")):
        with pytest.raises(ScenarioError) as caught:
            load_scenario(path)
        assert caught.value.unreadable
        assert words in caught.value.problems[0].message


def test_huge_file_is_unreadable(tmp_path: Path):
    path = tmp_path / "huge.yaml"
    path.write_text("# padding\n" * 200_001)
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    assert caught.value.unreadable
    assert "larger than 2 MB" in caught.value.problems[0].message


def test_zero_byte_file_is_an_error_not_unreadable(tmp_path: Path):
    path = tmp_path / "empty.yaml"
    path.write_bytes(b"")
    _, problems = check_file(path)
    assert [(p.line, p.column, p.message) for p in problems] == [
        (1, 1, "the file is empty; a scenario is a mapping that starts with `format: 1`")
    ]
    assert exit_status(problems) == 1


def test_utf8_byte_order_mark_is_accepted(tmp_path: Path):
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + MINIMAL.read_bytes())
    assert load_scenario(path).id == "minimal"


# -- warnings and exit status -------------------------------------------------------------------


def test_exit_status_is_0_for_valid_1_for_errors_2_for_unreadable():
    assert exit_status(check_file(MINIMAL)[1]) == 0
    assert exit_status(check_file(BROKEN / "nan.yaml")[1]) == 1
    assert exit_status([Unreadable("x", 1, 1, "no such file")]) == 2


def test_warnings_do_not_stop_loading():
    text = minimal_text().replace("  - id: ua\n", "  - id: ua\n    red_lines: [{kind: aid}]\n")
    scenario, problems = check_text(text, "warn.yaml")
    assert scenario is not None
    assert [(p.severity, p.path) for p in problems] == [("warning", "actors[2].red_lines[0]")]
    assert "cannot give `aid` anyway" in problems[0].message
    assert exit_status(problems) == 0
    assert load_scenario_text(text, "warn.yaml").id == "minimal"


def test_an_event_after_the_last_round_is_a_warning():
    text = minimal_text().replace("when: {round_at_least: 2,", "when: {round_at_least: 9, round_at_most: 3,")
    _, problems = check_text(text, "late.yaml")
    assert [(p.severity, p.path) for p in problems] == [
        ("warning", "events[0].when.round_at_least"),
        ("warning", "events[0].when.round_at_most"),
    ]
    assert "the game has 4 rounds" in problems[0].message


def test_a_kind_nobody_can_give_is_a_warning():
    text = minimal_text().replace(
        "    givers: [us, fr]\n    yearly_cost: 1.0", "    givers: [ru]\n    yearly_cost: 1.0"
    )
    _, problems = check_text(text, "nobody.yaml")
    assert [(p.severity, p.path) for p in problems] == [
        ("warning", "commitments[2]"),
        ("warning", "commitments[2].givers[0]"),
    ]


def test_events_that_lower_the_threshold_count_towards_reaching_it():
    unreachable = minimal_text().replace("  scale: 60", "  scale: 600")
    (problem,) = load_error(unreachable).problems
    assert problem.message == "threshold 60 cannot be reached; the most the commitments can give is 41.0"
    helped = unreachable.replace("      threshold: 5\n", "      threshold: -5\n")  # a reaction, up to 4 times
    assert load_scenario_text(helped, "helped.yaml").acceptance.threshold == 60


# -- nothing but ScenarioError, ever ------------------------------------------------------------


def _load_or_scenario_error(text: str) -> None:
    try:
        load_scenario_text(text, "fuzz.yaml")
    except ScenarioError as e:
        assert e.problems and all(p.line >= 1 and p.column >= 1 for p in e.problems)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.text())
def test_arbitrary_text_raises_only_scenario_error(text: str):
    _load_or_scenario_error(text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary())
def test_arbitrary_bytes_raise_only_scenario_error(data: bytes):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.yaml"
        path.write_bytes(data)
        try:
            load_scenario(path)
        except ScenarioError as e:
            assert e.problems


_VALUES = ["", "0", "-1", "7", "1.5", "1e400", ".nan", "yes", "NO", "true", "null", "~", "[]", "{}", "[x]", "{a: 1}",
           "us", "ru", "zz", "\"7\"", "&a x", "*a", "!!binary aGk=", "101", "99999999999999999"]  # fmt: skip


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_minimal_scenario_raises_only_scenario_error(data: st.DataObject):
    lines = minimal_text().splitlines()
    for _ in range(data.draw(st.integers(1, 4))):
        i = data.draw(st.integers(0, len(lines) - 1))
        key, sep, _ = lines[i].partition(": ")
        if sep and data.draw(st.booleans()):
            lines[i] = f"{key}: {data.draw(st.sampled_from(_VALUES))}"
        else:
            del lines[i]
    _load_or_scenario_error("\n".join(lines))


# -- warnings an author needs -------------------------------------------------------------------


def warnings_of(text: str) -> list[tuple[str, str]]:
    scenario, problems = check_text(text, "warn.yaml")
    assert scenario is not None, problems
    return [(p.path, p.message) for p in problems if p.severity == "warning"]


@pytest.mark.parametrize(
    ("old", "new", "path", "words"),
    [
        (
            "when: {round_at_least: 2, credibility_below: 50}",
            "when: {credibility_below: 0}",
            "events[0].when.credibility_below",
            "never happens: credibility is never below 0",
        ),
        (
            "when: {round_at_least: 2, credibility_below: 50}",
            "when: {credibility_below: 40, credibility_at_least: 40}",
            "events[0].when.credibility_below",
            "credibility_below is not above credibility_at_least",
        ),
        (
            "when: {round_at_least: 2, credibility_below: 50}",
            "when: {escalation_at_least: 3}",
            "events[0].when.escalation_at_least",
            "rung 3 is the top of the ladder",
        ),
        (
            "when: {round_at_least: 2, credibility_below: 50}",
            "when: {escalation_below: 0}",
            "events[0].when.escalation_below",
            "escalation is never below rung 0",
        ),
        (
            "when: {round_at_least: 2, credibility_below: 50}",
            "when: {agreements_at_least: 2, agreements_below: 1}",
            "events[0].when.agreements_below",
            "agreements_below is not above agreements_at_least",
        ),
        (
            "when: {round_at_least: 2, credibility_below: 50}",
            "when: {committed: [aid], not_committed: [aid]}",
            "events[0].when.committed[0]",
            "`aid` is both committed and not_committed",
        ),
        (
            "when: {round_at_least: 2, credibility_below: 50}",
            "when: {support_below: {us: 40}, support_at_least: {us: 50}}",
            "events[0].when.support_below.us",
            "support of `us` cannot be both below 40 and at least 50",
        ),
        ("    chance: 0.3\n", "    chance: 0\n", "reactions[0].chance", "`ru_strikes` never happens: its chance is 0"),
        ("  events_per_round: 1", "  events_per_round: 0", "schedule.events_per_round", "no event is ever drawn"),
        ("  earliest_round: 2", "  earliest_round: 5", "acceptance.earliest_round", "`ua` can never sign"),
        (
            "    seat: false\n",
            "    seat: false\n    private: {objectives: {peace: 100}}\n",
            "actors[3].private",
            "`ru` is not a seat, so its private section is never used",
        ),
        (
            "objectives: {peace: 50, credibility: 40, low_escalation: 10}",
            "objectives: {peace: 50, red_lines: 40, low_escalation: 10}",
            "actors[2].private.objectives.red_lines",
            "it has no soft red lines, so it wins these points whatever it does",
        ),
    ],
)
def test_warning(old: str, new: str, path: str, words: str):
    text = minimal_text()
    assert old in text
    found = warnings_of(text.replace(old, new, 1))
    assert any(p == path and words in m for p, m in found), found


def test_a_kind_nobody_has_the_forces_for_is_a_warning_and_its_events_never_fire():
    text = minimal_text().replace(
        "    forces: {troops: 20, fighters: 4, air_defence: 4, intelligence: 6, command: 2}",
        "    forces: {troops: 20, fighters: 4, intelligence: 6, command: 2}",
    )
    text = text.replace(
        "    forces: {troops: 6, fighters: 3, air_defence: 2, command: 1}",
        "    forces: {troops: 6, fighters: 3, command: 1}",
    )
    text = text.replace("      committed: [brigade]", "      committed: [air_defence]")
    found = warnings_of(text)
    assert (
        "commitments[1]",
        "no seat has the air-defence to give `air_defence`: its smallest step needs 1, and `us`, `fr` have less",
    ) in found
    assert (
        "events[1].when.committed[0]",
        "never happens: no seat can give `air_defence`, so it is never in force",
    ) in found


def test_a_seat_that_can_never_score_above_zero_is_a_warning():
    text = minimal_text().replace(
        "objectives: {peace: 50, credibility: 40, low_escalation: 10}", "objectives: {peace: 100}"
    )
    text = text.replace(
        "peace: {signed: 1.0, bad_terms: -0.5, no_deal: -0.3, collapse: -1.0}",
        "peace: {signed: -0.1, bad_terms: -0.5, no_deal: -0.3, collapse: -1.0}",
    )
    assert ("actors[2].private.objectives", "seat `ua` can never score above 0 (at best -10)") in warnings_of(text)


def test_a_support_condition_on_a_non_seat_is_an_error():
    (problem,) = load_error(minimal_text().replace("support_at_least: {fr: 30}", "support_at_least: {ru: 30}")).problems
    assert problem.message == "`ru` is not a seat; only seats have domestic support"


def test_an_event_needing_more_credibility_than_can_be_reached_is_a_warning():
    text = minimal_text().replace("  scale: 60", "  scale: 300").replace("  threshold: 60", "  threshold: 30")
    text = text.replace("when: {round_at_least: 2, credibility_below: 50}", "when: {credibility_at_least: 70}")
    assert (
        "events[0].when.credibility_at_least",
        "never happens: credibility can reach at most 63.4, not 70",
    ) in warnings_of(text)


def test_leadership_weighed_by_a_seat_that_adds_no_credibility_is_a_warning():
    text = minimal_text().replace("  - id: ua\n", "  - id: ua\n    red_lines: [{kind: brigade}]\n")
    text = text.replace(
        "objectives: {peace: 50, credibility: 40, low_escalation: 10}",
        "objectives: {peace: 50, leadership: 40, low_escalation: 10}",
    )
    text = text.replace("commitments:\n", "commitments:\n  - {id: bases, name: Bases, unit: base, givers: [ua]}\n")
    found = warnings_of(text)
    assert (
        "actors[2].private.objectives.leadership",
        "`ua` weighs leadership at 40, but it can give nothing that adds credibility, so it never scores on it",
    ) in found


def test_type_errors_and_semantic_errors_are_reported_in_one_run():
    text = minimal_text().replace("    reserve: 10", "    reserv: 10").replace("  rounds: 4", '  rounds: "4"')
    text = text.replace("givers: [us, fr]\n    upfront_cost", "givers: [us, fra]\n    upfront_cost")
    text = text.replace(
        "objectives: {peace: 50, credibility: 40, low_escalation: 10}", "objectives: {peace: 50, credibility: 40}"
    )
    messages = [p.message for p in load_error(text).problems]
    assert messages == [
        "unknown key `reserv` in Actor; did you mean `reserve`?",
        "objective weights of `ua` add up to 90, not 100",
        "unknown actor `fra`; did you mean `fr`?",
        "expected a whole number, got the text `4`; remove the quotes",
    ]


def test_no_semantic_second_look_when_a_required_value_is_broken():
    text = (
        minimal_text()
        .replace("  threshold: 60", "  threshold: high")
        .replace("givers: [us, fr]\n    upfront_cost", "givers: [us, fra]\n    upfront_cost")
    )
    assert [p.path for p in load_error(text).problems] == ["acceptance.threshold"]
