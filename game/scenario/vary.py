"""Scenario values changed by dotted path, for sweeps: ``actors.us.budget=6`` or
``commitments.no_fly_zone.yearly_cost=0.9``.

A path names fields from the top of the format down; in a collection merged by key in variants
(``actors``, ``commitments``, ``events``, ``reactions`` by id, ``credibility.terms`` by years, an
actor's ``red_lines`` by kind) the next part is the item's key; in a mapping (``support_below``,
``budget`` of an effect...) the next part is the mapping's key. The changes become a variant of the
base file (``extends``, see ``variants``), so the changed scenario is checked exactly like a file
an author wrote, and a bad value is reported plainly.
"""

from __future__ import annotations

import os
import typing
from collections.abc import Mapping
from typing import Any

import attrs
import yaml

from ..errors import CoalitionError, ScenarioError
from ..paths import find_scenario
from .checks import did_you_mean
from .loader import load_scenario, load_scenario_text
from .model import Scenario
from .variants import merge_key


def _unwrap(t: Any) -> Any:
    args = [a for a in typing.get_args(t) if a is not type(None)]
    return args[0] if len(args) == 1 and len(typing.get_args(t)) == 2 else t


def _fields(cls: type) -> dict[str, Any]:
    attrs.resolve_types(cls)
    return {f.name: f.type for f in attrs.fields(cls)}


def parse_path(path: str, base: Scenario) -> list[tuple[str, Any]]:
    """The path's parts, each as (kind, name): ``("field", "actors")``, ``("item", ("id", "us"))``
    or ``("key", "fi")``; checked against the format and the base scenario's items."""
    parts = path.split(".")
    if not path or any(not p for p in parts):
        raise CoalitionError(f"{path!r} is not a dotted path such as actors.us.budget")
    out: list[tuple[str, Any]] = []
    t: Any = Scenario
    here: Any = base
    i = 0
    while i < len(parts):
        part = parts[i]
        t = _unwrap(t)
        if attrs.has(t):
            fields = _fields(t)
            if part not in fields:
                where = ".".join(parts[:i]) or "the scenario"
                raise CoalitionError(f"{path}: {where} has no field `{part}`{did_you_mean(part, fields)}")
            out.append(("field", part))
            t, here = fields[part], getattr(here, part, None) if here is not None else None
            i += 1
            continue
        origin = typing.get_origin(t)
        if origin is tuple:
            item = _unwrap(typing.get_args(t)[0])
            key = merge_key(item) if attrs.has(item) else None
            if key is None:
                raise CoalitionError(f"{path}: `{parts[i - 1]}` is a list replaced whole; it cannot be entered")
            items = {str(getattr(x, key)): x for x in here or ()}
            if part not in items:
                hint = did_you_mean(part, items) or f" (it has {', '.join(items) or 'none'})"
                raise CoalitionError(f"{path}: `{parts[i - 1]}` has no item with {key} `{part}`{hint}")
            value = getattr(items[part], key)
            out.append(("item", (key, value)))
            t, here = item, items[part]
            i += 1
            continue
        if origin is dict:
            out.append(("key", part))
            t, here = typing.get_args(t)[1], (here or {}).get(part)
            i += 1
            continue
        raise CoalitionError(f"{path}: `{parts[i - 1]}` holds a value; the path goes no further")
    if out[-1][0] == "item":
        raise CoalitionError(f"{path}: the path ends at an item; name one of its fields")
    return out


def _set(data: dict, parts: list[tuple[str, Any]], value: Any) -> None:
    """Put ``value`` at ``parts`` in the override data (keyed lists kept as lists of mappings)."""
    node: Any = data
    for n, (kind, name) in enumerate(parts):
        last = n == len(parts) - 1
        if kind == "item":
            key, k = name
            match = next((x for x in node if x.get(key) == k), None)
            if match is None:
                match = {key: k}
                node.append(match)
            node = match
            continue
        follows = parts[n + 1][0] if not last else None
        if last:
            node[name] = value
        else:
            node = node.setdefault(name, [] if follows == "item" else {})


def variant_text(base_file: str, changes: Mapping[str, Any], base: Scenario | None = None) -> str:
    """The YAML of a variant of ``base_file`` with ``changes`` (dotted path -> value), to be read
    as a file in the base's folder."""
    base = base if base is not None else load_scenario(base_file)
    data: dict = {}
    for path, value in changes.items():
        _set(data, parse_path(path, base), value)
    # ``extends`` names a file beside the variant: the variant is labelled as one in the base's folder
    return yaml.safe_dump({"extends": os.path.basename(base_file), **data}, sort_keys=False, allow_unicode=True)


def load_variant(
    base_file: str | os.PathLike[str], changes: Mapping[str, Any], base: Scenario | None = None
) -> Scenario:
    """The scenario ``base_file`` (a file or a shipped name) with ``changes`` (dotted path -> value),
    checked like any scenario file; a bad path or value is one plain ``CoalitionError``."""
    file = os.fspath(find_scenario(base_file))
    text = variant_text(file, changes, base)
    label = ", ".join(f"{k}={v}" for k, v in changes.items())
    try:
        return load_scenario_text(text, os.path.join(os.path.dirname(os.path.abspath(file)), f"<{label}>"))
    except ScenarioError as e:
        ours = [p for p in e.problems if p.severity == "error"]
        why = "; ".join(f"{p.path or 'scenario'}: {p.message}" for p in ours) or str(e)
        raise CoalitionError(f"{label}: {why}") from None
