"""The editor schema: a JSON Schema (draft 2020-12) derived from the attrs model in ``model``.

Nothing here is written twice: each class of the model becomes a ``$defs`` entry, each field a
property with its type, default, range (``metadata["min"]``/``["max"]``), the id grammar
(``metadata["id"]``: a ``pattern`` and ``maxLength``) and documentation
(``metadata["doc"]``). A file with ``extends:`` is a variant, a partial scenario (see
``variants``); it is checked against the ``...Patch`` definitions, in which nothing is required
except the key (``id``) of an item of a collection merged by key, such an item may say
``remove: true``, and any value may be ``null`` (which removes the key from the merge).

``coalition schema`` prints it; ``game/data/scenarios/scenario.schema.json`` is a copy kept in sync by a
test, so that a scenario file starting with ``# yaml-language-server: $schema=scenario.schema.json``
gets completion and checking in editors.
"""

from __future__ import annotations

import json
import types
import typing
from typing import Any, Literal

import attrs
import cattrs

from .model import ID_MAX, ID_PATTERN, Scenario
from .variants import EXTENDS_DOC, REMOVE_DOC, merge_key

DIALECT = "https://json-schema.org/draft/2020-12/schema"
_UNSTRUCTURE = cattrs.Converter()
_SCALARS = {str: "string", int: "integer", float: "number", bool: "boolean"}


def _classes(root: type) -> list[type]:
    """Every attrs class reachable from ``root``, in order of first appearance."""
    found: list[type] = []

    def visit(t: Any) -> None:
        if attrs.has(t):
            if t in found:
                return
            found.append(t)
            attrs.resolve_types(t)
            for f in attrs.fields(t):
                visit(f.type)
        for arg in typing.get_args(t):
            visit(arg)

    visit(root)
    return found


def _is_union(t: Any) -> bool:
    return typing.get_origin(t) in (typing.Union, types.UnionType)


def _doc(cls: type) -> str:
    return " ".join((cls.__doc__ or "").split())


def _ref(cls: type, patch: bool) -> dict:
    return {"$ref": f"#/$defs/{cls.__name__}{'Patch' if patch else ''}"}


def type_schema(t: Any, patch: bool = False, low: float | None = None, high: float | None = None) -> dict:
    """The schema of a field's type; ``low``/``high`` bound numbers (each item of a list)."""
    if t in _SCALARS:
        out: dict[str, Any] = {"type": _SCALARS[t]}
        if t in (int, float):
            if low is not None:
                out["minimum"] = low
            if high is not None:
                out["maximum"] = high
        return out
    if typing.get_origin(t) is Literal:
        return {"enum": list(typing.get_args(t))}
    if _is_union(t):
        args = typing.get_args(t)
        options = [type_schema(a, patch, low, high) for a in args if a is not type(None)]
        if type(None) in args:
            options.append({"type": "null"})
        return options[0] if len(options) == 1 else {"anyOf": options}
    if typing.get_origin(t) is tuple:
        item = typing.get_args(t)[0]
        if patch and attrs.has(item) and merge_key(item):
            # Merged by key: each item changes (or adds, or removes) the base's item with its key.
            return {"type": "array", "items": {"$ref": f"#/$defs/{item.__name__}Item"}}
        return {"type": "array", "items": type_schema(item, False, low, high)}
    if typing.get_origin(t) is dict:
        value = type_schema(typing.get_args(t)[1], patch, low, high)
        return {"type": "object", "additionalProperties": _nullable(value) if patch else value}
    if attrs.has(t):
        return _ref(t, patch)
    raise TypeError(f"no JSON Schema for the type {t!r}")  # pragma: no cover - the model uses none


def _nullable(schema: dict) -> dict:
    """In a variant, ``null`` removes a key from a merged mapping: every value may be null."""
    if schema.get("type") == "null" or {"type": "null"} in schema.get("anyOf", []):
        return schema
    if "anyOf" in schema:
        return {"anyOf": [*schema["anyOf"], {"type": "null"}]}
    return {"anyOf": [schema, {"type": "null"}]}


def _default(f: attrs.Attribute) -> Any:
    if f.default is attrs.NOTHING:
        return attrs.NOTHING
    value = f.default.factory() if isinstance(f.default, attrs.Factory) else f.default
    return _UNSTRUCTURE.unstructure(value)


def field_schema(f: attrs.Attribute, patch: bool = False) -> dict:
    """A field's property: its type with range, its documentation and its default."""
    out = type_schema(f.type, patch, f.metadata.get("min"), f.metadata.get("max"))
    if f.metadata.get("id"):
        out = {**out, "pattern": f"^{ID_PATTERN}$", "maxLength": ID_MAX}
    out = _nullable(out) if patch else dict(out)
    if f.metadata.get("doc"):
        out["description"] = f.metadata["doc"]
    default = _default(f)
    if default is not attrs.NOTHING:
        out["default"] = default
    return out


def class_schema(cls: type, patch: bool = False, item: bool = False) -> dict:
    """The object schema of an attrs class: complete, a patch (nothing required), or a keyed
    item of a variant (only its key required; ``remove: true`` allowed)."""
    properties = {f.name: field_schema(f, patch) for f in attrs.fields(cls)}
    out: dict[str, Any] = {"type": "object", "title": cls.__name__, "description": _doc(cls)}
    if item:
        properties["remove"] = {"const": True, "description": REMOVE_DOC}
        out["required"] = [merge_key(cls)]
    elif not patch:
        required = [f.name for f in attrs.fields(cls) if f.default is attrs.NOTHING]
        if required:
            out["required"] = required
    if patch and cls is Scenario:
        properties = {"extends": {"type": "string", "description": EXTENDS_DOC}, **properties}
    out["properties"] = properties
    out["additionalProperties"] = False
    return out


def scenario_schema() -> dict:
    """The whole JSON Schema of a scenario file (or of a variant, when it has ``extends``)."""
    defs: dict[str, dict] = {}
    classes = _classes(Scenario)
    for cls in classes:
        defs[cls.__name__] = class_schema(cls)
    for cls in classes:
        defs[cls.__name__ + "Patch"] = class_schema(cls, patch=True)
        if merge_key(cls):
            defs[cls.__name__ + "Item"] = class_schema(cls, patch=True, item=True)
    return {
        "$schema": DIALECT,
        "title": "Coalition scenario",
        "description": _doc(Scenario) + " A file with `extends` is a variant: a partial scenario "
        "merged onto the one it names. Generated from game/scenario/model.py by `coalition schema`.",
        "if": {"type": "object", "required": ["extends"]},
        "then": _ref(Scenario, True),
        "else": _ref(Scenario, False),
        "$defs": defs,
    }


def schema_text() -> str:
    """The schema as the text of ``game/data/scenarios/scenario.schema.json``."""
    return json.dumps(scenario_schema(), indent=2, ensure_ascii=False) + "\n"
