"""Variants: a scenario file may say ``extends: other.yaml`` and give only what it changes.

The rules of the merge, applied to the plain data before it is structured (so a variant is
checked exactly like a whole scenario once merged):

- ``extends`` is a path relative to the variant file, to a file in the variant's folder or
  below it (the author's tree: never an absolute path, never outside through `..` or a symbolic
  link), or the bare name of a shipped scenario (``extends: ukraine_guarantees_2025``) where no
  such file is there. The base may itself be a variant (up to ``MAX_DEPTH`` files deep; a cycle
  is an error). A base that is not a scenario (no ``format:`` or ``extends:`` key) is refused
  without quoting any of it.
- Collections of things with a key are merged **by key**: ``actors``, ``commitments``, ``events``
  and ``reactions`` by ``id``, ``credibility.terms`` by ``years``, an actor's ``red_lines`` by
  ``kind``. An item whose key is in the base changes that item (its mapping is merged); an item
  with a new key is added at the end; an item with ``remove: true`` removes the base's item.
- Other mappings merge key by key, recursively (``schedule: {rounds: 6}`` changes one field);
  a key set to ``null`` is removed (as in JSON Merge Patch), so the field takes its default.
- Scalars and every other list (``steps``, ``givers``, ``levels``, ``sources``, ``synergies``...)
  replace the base's value whole.

Every value keeps the place it came from, so a problem in a part the variant sets points into the
variant, and a problem in an inherited part points into the base file.
"""

from __future__ import annotations

import os
import re
import typing
from collections.abc import Callable
from typing import Any

import attrs

from ..errors import CONTROL, Problem
from ..paths import shipped, shipped_names
from .checks import did_you_mean, is_id, join_index, join_key, parent_path
from .model import RedLine, Scenario, Term

MAX_DEPTH = 8  # files in one chain of `extends`; more is a mistake, not a design
EXTENDS_DOC = (
    "Makes this file a variant: the scenario it changes, as a path relative to this file (a scenario "
    "file in this file's folder or below it) or the name of a shipped scenario (e.g. "
    "`ukraine_guarantees_2025`). Only what differs need be given; items of keyed collections are "
    "merged by their key."
)
#: A scenario file has one of these keys at the top level; a file without is not quoted.
_SCENARIO_KEY = re.compile(r"^(format|extends)[ \t]*:", re.MULTILINE)
REMOVE_DOC = "In a variant: `remove: true` removes the base scenario's item with this key."

#: Item classes merged by a key other than ``id`` (classes with an ``id`` field merge by it).
OTHER_KEYS: dict[type, str] = {Term: "years", RedLine: "kind"}
#: Classes with an ``id`` that are never list items, so never merged by it.
NOT_KEYED: tuple[type, ...] = (Scenario,)


_WORDS = {Term: "term", RedLine: "red line"}


def _word(cls: type) -> str:
    """`CommitmentKind` -> `commitment kind`."""
    if cls in _WORDS:
        return _WORDS[cls]
    name = cls.__name__.removesuffix("Card")
    return "".join(" " + c.lower() if c.isupper() else c for c in name).strip()


def merge_key(cls: type) -> str | None:
    """The field that identifies an item of ``cls`` in a variant's lists, or ``None`` when lists
    of it are replaced whole."""
    if cls in OTHER_KEYS:
        return OTHER_KEYS[cls]
    if attrs.has(cls) and cls not in NOT_KEYED and "id" in attrs.fields_dict(cls):
        return "id"
    return None


Position = tuple[str, int, int]  # (file, line, column), 1-based


@attrs.define
class Tree:
    """Plain data with the position of each path's value and key (file, line, column)."""

    data: Any
    values: dict[str, Position] = attrs.field(factory=dict)
    keys: dict[str, Position] = attrs.field(factory=dict)

    def problem(self, path: str, message: str, at_key: bool = False) -> Problem:
        """A problem about ``path``, placed at it (or at its nearest ancestor with a place)."""
        if at_key and path in self.keys:
            file, line, column = self.keys[path]
        else:
            at = path
            while at not in self.values and at:
                at = parent_path(at)
            file, line, column = self.values.get(at, ("", 1, 1))
        return Problem(file, line, column, message, path)


Reader = Callable[[str], "tuple[Tree | None, list[Problem]]"]
#: The message a reader gives for a file that is not a scenario (nothing else of it is shown).
NOT_A_SCENARIO = "not a scenario file: it has no `format: 1` (nor `extends:`) at the top"


def base_of(extends: str, file: str, root: str) -> tuple[str, str] | str:
    """The base file that ``extends`` (in ``file``) names and the tree it may reach in turn, or
    why it may not be opened. ``root`` is the author's tree: the folder of the file the user
    named. Nothing outside it is opened, except the shipped scenarios by name."""
    if CONTROL.search(extends) or "\0" in extends:
        return "`extends` holds a control character; it takes a file name such as `base.yaml`"
    beside = os.path.normpath(os.path.join(os.path.dirname(file), extends))
    if not os.path.isabs(extends) and not os.path.lexists(beside):
        found = shipped(extends)  # a shipped scenario by its bare name, for installed authors
        if found is not None:
            return os.fspath(found), os.path.dirname(os.path.realpath(found))
        if is_id(extends):
            names = ", ".join(shipped_names())
            return f"`{extends}` is not a shipped scenario (they are: {names}) nor a file beside this one"
    if os.path.isabs(extends) or extends.startswith("~"):
        return (
            "`extends` takes a path relative to this file (a scenario in its folder or below it), "
            "or the name of a shipped scenario; not an absolute path"
        )
    base_file = beside
    real, tree = os.path.realpath(base_file), os.path.realpath(root)
    if os.path.commonpath([real, tree]) != tree:
        return (
            f"`{extends}` is outside this scenario's folder; a base scenario must be in the folder of "
            "the file you named or below it (or be a shipped scenario, by name)"
        )
    return base_file, root


def looks_like_scenario(text: str) -> bool:
    """Whether ``text`` has a top-level ``format:`` or ``extends:`` key: only then is a base file
    quoted in problems (a file that is not a scenario is refused without showing any of it)."""
    return _SCENARIO_KEY.search(text) is not None


def resolve(
    tree: Tree, file: str, read: Reader, chain: tuple[str, ...] = (), root: str | None = None
) -> tuple[Tree | None, list[Problem]]:
    """The whole scenario a variant stands for (``None`` on an error), and the problems found.
    ``root`` is the author's tree (default: the folder of ``file``)."""
    extends = tree.data.get("extends")
    if not isinstance(extends, str) or not extends.strip():
        return None, [
            tree.problem(
                "extends", "`extends` takes the path of the scenario this one changes, e.g. `extends: base.yaml`"
            )
        ]
    root = os.path.dirname(os.path.abspath(file)) if root is None else root
    where = base_of(extends, file, root)
    if isinstance(where, str):
        return None, [tree.problem("extends", where)]
    base_file, base_root = where
    here = chain + (os.path.realpath(file),)
    if os.path.realpath(base_file) in here:
        names = " -> ".join(os.path.basename(f) for f in here + (base_file,))
        return None, [tree.problem("extends", f"`extends` goes round in a circle: {names}")]
    if len(here) >= MAX_DEPTH:
        return None, [tree.problem("extends", f"more than {MAX_DEPTH} files extend one another; flatten the chain")]
    base, problems = read(base_file)
    unreadable = [p for p in problems if type(p).__name__ == "Unreadable"]
    if unreadable:
        return None, [tree.problem("extends", f"cannot read the base scenario `{extends}`: {unreadable[0].message}")]
    if base is None and problems and problems[0].message == NOT_A_SCENARIO:
        return None, [tree.problem("extends", f"`{extends}` is not a scenario file (it has no `format: 1`)")]
    if base is None:
        return None, problems
    if not isinstance(base.data, dict):
        return None, [tree.problem("extends", f"`{extends}` is not a scenario (a mapping of `key: value` lines)")]
    if "extends" in base.data:
        base, more = resolve(base, base_file, read, here, base_root)
        problems += more
        if base is None:
            return None, problems
    over = Tree({k: v for k, v in tree.data.items() if k != "extends"}, tree.values, tree.keys)
    merger = _Merger(base, over)
    merged = merger.merge(base.data, "", over.data, "", "", Scenario)
    return Tree(merged, merger.out.values, merger.out.keys), problems + merger.problems


def _unwrap(t: Any) -> Any:
    """``X | None`` -> ``X``."""
    args = [a for a in typing.get_args(t) if a is not type(None)]
    if args and len(args) < len(typing.get_args(t)):
        return args[0] if len(args) == 1 else t
    return t


class _Merger:
    def __init__(self, base: Tree, over: Tree):
        self.base, self.over = base, over
        self.out = Tree(None)
        self.problems: list[Problem] = []

    def copy(self, src: Tree, value: Any, path: str, dst: str) -> Any:
        """Take ``value`` (at ``path`` in ``src``) as it is, to ``dst``, with its positions."""
        if path in src.values:
            self.out.values[dst] = src.values[path]
        if path in src.keys:
            self.out.keys[dst] = src.keys[path]
        if isinstance(value, dict):
            for k, v in value.items():
                self.copy(src, v, join_key(path, k), join_key(dst, k))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                self.copy(src, v, join_index(path, i), join_index(dst, i))
        return value

    def merge(self, b: Any, bpath: str, o: Any, opath: str, dst: str, t: Any) -> Any:
        t = _unwrap(t)
        if attrs.has(t):
            attrs.resolve_types(t)
        if opath in self.over.keys:
            self.out.keys[dst] = self.over.keys[opath]
        if isinstance(b, dict) and isinstance(o, dict) and (attrs.has(t) or typing.get_origin(t) is dict):
            if opath in self.over.values:
                self.out.values[dst] = self.over.values[opath]
            fields = attrs.fields_dict(t) if attrs.has(t) else {}
            result = {}
            for k, v in b.items():
                if k in o:
                    sub = fields[k].type if k in fields else typing.get_args(t)[1] if not fields else None
                    result[k] = self.merge(v, join_key(bpath, k), o[k], join_key(opath, k), join_key(dst, k), sub)
                else:
                    result[k] = self.copy(self.base, v, join_key(bpath, k), join_key(dst, k))
            for k, v in o.items():
                if k not in b and v is not None:
                    result[k] = self.copy(self.over, v, join_key(opath, k), join_key(dst, k))
            return {k: v for k, v in result.items() if o.get(k, "") is not None}
        if isinstance(b, list) and isinstance(o, list) and typing.get_origin(t) is tuple:
            item = typing.get_args(t)[0]
            key = merge_key(item) if attrs.has(item) else None
            if key:
                return self.merge_items(b, bpath, o, opath, dst, item, key)
        return self.copy(self.over, o, opath, dst)

    def merge_items(self, b: list, bpath: str, o: list, opath: str, dst: str, item: type, key: str) -> list:
        if opath in self.over.values:
            self.out.values[dst] = self.over.values[opath]
        base_keys = [x.get(key) for x in b if isinstance(x, dict)]
        what = _word(item)
        changes: dict[Any, tuple[int, dict, bool]] = {}
        for j, x in enumerate(o):
            at = join_index(opath, j)
            if not isinstance(x, dict) or key not in x:
                message = f"in a variant, each item here needs its `{key}`: the {what} it changes, adds or removes"
                self.problems.append(self.over.problem(at, message))
                continue
            k, remove = x[key], x.get("remove", False)
            if not isinstance(k, (str, int)) or isinstance(k, bool):
                kind = "a list" if isinstance(k, list) else "a mapping" if isinstance(k, dict) else "not a name"
                need = "a number" if key == "years" else "text"
                message = f"the `{key}` of each item here must be {need}, the {what} it changes; this is {kind}"
                self.problems.append(self.over.problem(join_key(at, key), message))
                continue
            if remove not in (True, False):
                self.problems.append(
                    self.over.problem(join_key(at, "remove"), "`remove` takes `true` (or leave it out)")
                )
                continue
            others = sorted(n for n in x if n not in (key, "remove"))
            if remove and others:
                listed = ", ".join(f"`{n}`" for n in others)
                message = (
                    f"`remove: true` removes the {what} `{k}`; its other keys ({listed}) would be ignored: drop them"
                )
                self.problems.append(self.over.problem(join_key(at, "remove"), message))
                continue
            if k in changes:
                first = changes[k][0]
                self.problems.append(
                    self.over.problem(join_key(at, key), f"`{k}` is changed twice: {opath}[{first}] has it already")
                )
                continue
            if remove and k not in base_keys:
                known = [str(n) for n in base_keys if n is not None]
                hint = did_you_mean(str(k), known)
                self.problems.append(
                    self.over.problem(
                        join_key(at, key), f"cannot remove `{k}`: the base has no {what} with that {key}{hint}"
                    )
                )
                continue
            changes[k] = (j, {n: v for n, v in x.items() if n != "remove"}, remove)
        result = []
        for i, x in enumerate(b):
            k = x.get(key) if isinstance(x, dict) else None
            if k in changes and isinstance(x, dict):
                j, change, remove = changes[k]
                if not remove:
                    result.append(
                        self.merge(
                            x, join_index(bpath, i), change, join_index(opath, j), join_index(dst, len(result)), item
                        )
                    )
            else:
                result.append(self.copy(self.base, x, join_index(bpath, i), join_index(dst, len(result))))
        for k, (j, change, remove) in changes.items():
            if k not in base_keys and not remove:
                result.append(self.copy(self.over, change, join_index(opath, j), join_index(dst, len(result))))
        return result
