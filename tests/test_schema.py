"""The editor schema: derived from the model, in sync with game/data/scenarios/scenario.schema.json, and
accepting every shipped scenario and variant (checked with a small validator of the keywords the
schema uses, and with `jsonschema` too when it is installed)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import attrs
import pytest

from game.cli import main
from game.paths import SCENARIOS, scenario_files
from game.scenario.loader import _read_tree
from game.scenario.model import Actor, Scenario
from game.scenario.schema import DIALECT, scenario_schema, schema_text

HERE = Path(__file__).parent
SCHEMA_FILE = SCENARIOS / "scenario.schema.json"


def plain(path: Path):
    tree, problems = _read_tree(str(path))
    assert tree is not None, problems
    return tree.data


# -- a validator of the keywords the generated schema uses --------------------------------------

_TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}
_KNOWN = {
    "$schema",
    "title",
    "description",
    "default",
    "$defs",
    "$ref",
    "type",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "enum",
    "const",
    "minimum",
    "maximum",
    "pattern",
    "maxLength",
    "anyOf",
    "if",
    "then",
    "else",
}


def errors(schema: dict, value, root: dict, path: str = "$") -> list[str]:
    assert set(schema) <= _KNOWN, f"the test validator does not know {set(schema) - _KNOWN}"
    if "$ref" in schema:
        name = schema["$ref"].removeprefix("#/$defs/")
        return errors(root["$defs"][name], value, root, path)
    out: list[str] = []
    if "type" in schema and not _TYPES[schema["type"]](value):
        return [f"{path}: not {schema['type']}: {value!r}"]
    if "enum" in schema and value not in schema["enum"]:
        out.append(f"{path}: {value!r} not in {schema['enum']}")
    if "const" in schema and value != schema["const"]:
        out.append(f"{path}: {value!r} is not {schema['const']!r}")
    if "minimum" in schema and isinstance(value, (int, float)) and value < schema["minimum"]:
        out.append(f"{path}: {value} < {schema['minimum']}")
    if "maximum" in schema and isinstance(value, (int, float)) and value > schema["maximum"]:
        out.append(f"{path}: {value} > {schema['maximum']}")
    if "pattern" in schema and isinstance(value, str) and not re.search(schema["pattern"], value):
        out.append(f"{path}: {value!r} does not match {schema['pattern']}")
    if "maxLength" in schema and isinstance(value, str) and len(value) > schema["maxLength"]:
        out.append(f"{path}: {value!r} is longer than {schema['maxLength']}")
    if "anyOf" in schema and all(errors(s, value, root, path) for s in schema["anyOf"]):
        out.append(f"{path}: matches none of anyOf")
    if "if" in schema:
        branch = "then" if not errors(schema["if"], value, root, path) else "else"
        out += errors(schema[branch], value, root, path)
    if isinstance(value, dict):
        props = schema.get("properties", {})
        out += [f"{path}: `{k}` is required" for k in schema.get("required", []) if k not in value]
        for k, v in value.items():
            if k in props:
                out += errors(props[k], v, root, f"{path}.{k}")
            elif schema.get("additionalProperties") is False:
                out.append(f"{path}: unknown key `{k}`")
            elif isinstance(schema.get("additionalProperties"), dict):
                out += errors(schema["additionalProperties"], v, root, f"{path}.{k}")
    if isinstance(value, list) and "items" in schema:
        for i, v in enumerate(value):
            out += errors(schema["items"], v, root, f"{path}[{i}]")
    return out


# -- tests --------------------------------------------------------------------------------------


def test_committed_schema_is_in_sync_with_the_model():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), (
        "the shipped scenario.schema.json is stale: run `coalition schema -o game/data/scenarios/scenario.schema.json`"
    )


def test_schema_command_prints_the_schema(capsys):
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == scenario_schema()


def test_schema_is_draft_2020_12_and_derived_from_the_model():
    schema = scenario_schema()
    assert schema["$schema"] == DIALECT
    actor = schema["$defs"]["Actor"]
    assert set(actor["properties"]) == set(attrs.fields_dict(Actor))
    assert actor["required"] == ["id", "name"]
    assert actor["additionalProperties"] is False
    assert actor["properties"]["support"] == {
        "type": "number",
        "minimum": 0,
        "maximum": 100,
        "description": "Domestic support at the start (0-100).",
        "default": 50.0,
    }
    assert schema["$defs"]["CommitmentKind"]["properties"]["steps"]["items"] == {"type": "integer", "minimum": 1}
    assert schema["$defs"]["CommitmentKind"]["properties"]["resource"]["anyOf"][0]["enum"][0] == "troops"
    assert set(schema["$defs"]["Scenario"]["required"]) == {
        f.name for f in attrs.fields(Scenario) if f.default is attrs.NOTHING
    }


def test_meta_schema_check_when_jsonschema_is_installed():
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.Draft202012Validator.check_schema(scenario_schema())


@pytest.mark.parametrize("path", [*scenario_files(), HERE / "fixtures" / "minimal.yaml"], ids=lambda p: p.stem)
def test_schema_accepts_every_shipped_scenario_and_variant(path: Path):
    schema = scenario_schema()
    data = plain(path)
    assert errors(schema, data, schema) == []
    try:
        import jsonschema
    except ImportError:
        return
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(data)) == []


def test_every_shipped_scenario_names_the_schema_on_its_first_line():
    for path in scenario_files():
        assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=scenario.schema.json\n"), (
            path
        )


def test_schema_rejects_what_the_loader_rejects():
    schema = scenario_schema()
    data = plain(HERE / "fixtures" / "minimal.yaml")
    data["actors"][0]["budjet"] = 3
    data["schedule"]["rounds"] = "4"
    data["acceptance"]["threshold"] = 500
    data["commitments"][0]["resource"] = "troop"
    del data["title"]
    data["events"][0]["id"] = "US midterms"
    found = errors(schema, data, schema)
    assert "$.actors[0]: unknown key `budjet`" in found
    assert "$.schedule.rounds: not integer: '4'" in found
    assert "$.acceptance.threshold: 500 > 100" in found
    assert "$: `title` is required" in found
    assert any(f.startswith("$.commitments[0].resource") for f in found)
    assert "$.events[0].id: 'US midterms' does not match ^[a-z][a-z0-9_]*$" in found


def test_a_variant_is_checked_as_a_partial_scenario():
    schema = scenario_schema()
    variant = {
        "extends": "base.yaml",
        "schedule": {"rounds": 6},
        "actors": [{"id": "us", "budget": 30}, {"id": "it", "remove": True}],
        "credibility": {"terms": [{"years": 3, "credit": 0.8}]},
    }
    assert errors(schema, variant, schema) == []
    assert errors(schema, {**variant, "actors": [{"budget": 30}]}, schema) == ["$.actors: matches none of anyOf"]
    assert errors(schema, {**variant, "actors": [{"id": "us", "remove": False}]}, schema) != []
    assert errors(schema, {"schedule": {"rounds": 6}}, schema) != []  # without `extends`, it is not a scenario


def test_a_variant_may_remove_keys_with_null():
    schema = scenario_schema()
    variant = {
        "extends": "base.yaml",
        "commitments": [{"id": "brigade", "incident": None}],
        "reactions": [{"id": "r", "effects": {"support": {"ua": None}}}],
    }
    assert errors(schema, variant, schema) == []
