"""The one scenario loader: YAML text -> ``Scenario``, or every problem with the file, located.

The pipeline, each stage collecting problems rather than stopping at the first:

1. read: size cap, UTF-8, no binary (a failure here makes the file *unreadable*, exit 2);
2. compose: ``yaml.SafeLoader`` builds the node tree only (nothing is constructed), with plain
   scalars resolved by YAML 1.2 core rules, so `no`/`yes`/`on` stay text, and with caps on
   nesting depth and node count;
3. to plain data: nodes become dicts/lists/scalars while a path -> position index is built;
   foreign tags, duplicate keys and alias bombs are refused here;
4. structure: a strict cattrs converter (no coercion, no extra keys, range checks from field
   metadata) turns the data into the frozen classes of ``model``; its error tree is mapped back
   to paths, and paths to positions;
5. semantic checks (``checks``).
"""

from __future__ import annotations

import copy
import math
import os
import re
import typing
from collections.abc import Callable
from typing import Any, Literal

import attrs
import cattrs
import yaml
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import CONTROL, Problem, ScenarioError
from ..files import FileRefused, read_regular
from ..paths import find_scenario, shipped_names
from .checks import Locations, check_scenario, did_you_mean, join_index, join_key, parent_path
from .model import Scenario
from .variants import NOT_A_SCENARIO, Tree, looks_like_scenario, resolve

MAX_BYTES = 2_000_000  # scenario files are tens of kB; beyond this, refuse rather than parse slowly
MAX_NODES = 100_000  # values in the file, counting every expansion of an alias
MAX_DEPTH = 50  # a scenario nests about 8 deep; also keeps recursion far from Python's limit
MAX_NUMBER = 10**12  # larger magnitudes are typos or attacks, never data
_TOO_BIG = f"the file is larger than {MAX_BYTES // 1_000_000} MB; a scenario is far smaller"
_WHAT_A_SCENARIO_IS = "a scenario is a mapping that starts with `format: 1`"

__all__ = ["Unreadable", "check_file", "check_text", "exit_status", "load_scenario", "load_scenario_text"]


@attrs.frozen
class Unreadable(Problem):
    """A problem that kept the file from being read at all (missing, binary, not UTF-8, too big)."""


def load_scenario(path: str | os.PathLike[str]) -> Scenario:
    """Load a scenario file, or a shipped scenario by its bare name (``ukraine_guarantees_2025``);
    raise ``ScenarioError`` listing every error (warnings are dropped)."""
    return _raise_or_return(*check_file(path))


def load_scenario_text(text: str, filename: str) -> Scenario:
    """Load a scenario from YAML text; ``filename`` only labels the problems."""
    return _raise_or_return(*check_text(text, filename))


def check_file(path: str | os.PathLike[str]) -> tuple[Scenario | None, list[Problem]]:
    """Every problem of a scenario file, errors and warnings, sorted by position; never raises.

    The scenario is ``None`` when there is an error. ``exit_status(problems)`` gives the exit code
    of the ``validate`` command. A bare name that is no file names a shipped scenario.
    """
    file = os.fspath(find_scenario(path))
    text = _read(file)
    if isinstance(text, Problem):
        if text.message == "no such file" and not os.path.dirname(file):
            shipped = ", ".join(shipped_names())
            text = Unreadable(file, 1, 1, f"no such file, nor a shipped scenario (shipped: {shipped})")
        return None, [text]
    return check_text(text, file)


def check_text(text: str, filename: str) -> tuple[Scenario | None, list[Problem]]:
    """Like ``check_file``, for YAML text already in memory (a variant's ``extends`` path is
    taken relative to ``filename``)."""
    tree, problems = _parse(text, filename)
    if tree is None:
        return None, problems
    if not isinstance(tree.data, dict) or not ({"format", "extends"} & tree.data.keys()):
        # Not a scenario: say so, without echoing any of it (it may be any file at all).
        return None, _sorted(problems + [_not_a_scenario(tree, filename)], filename)
    if "extends" in tree.data:
        tree, more = resolve(tree, filename, _read_tree)
        problems += more
        if tree is None:
            return None, _sorted(problems, filename)
    where = Locations(
        filename,
        {p: (line, column) for p, (_, line, column) in tree.values.items()},
        {p: (line, column) for p, (_, line, column) in tree.keys.items()},
        {p: file for p, (file, _, _) in [*tree.values.items(), *tree.keys.items()] if file != filename},
    )
    try:
        scenario: Scenario | None = _CONVERTER.structure(tree.data, Scenario)
    except Exception as e:  # cattrs gathers every failure into one exception tree
        found = _problems_from(e, "", "", where)
        problems += found
        scenario = None
        # Report the semantic problems too, where the file can be mended for a second look.
        problems += _semantic_after_repair(tree.data, found, where)
    if scenario is not None:
        problems += check_scenario(scenario, where)
    problems = _sorted(problems, filename)
    if any(p.severity == "error" for p in problems):
        scenario = None
    return scenario, problems


def _semantic_after_repair(data: Any, found: list[Problem], where: Locations) -> list[Problem]:
    """The semantic problems of the file with its type errors mended, so that one run of the
    validator reports both kinds: an unknown key is dropped, a quoted number unquoted, a bad
    value of a field with a default replaced by the default. When some error cannot be mended
    so (a required field missing or wrong), nothing is added. Problems at or under a mended
    path, and warnings about the object that holds one, are left out: they would only echo the
    type error (a misspelt `budget` reads as a budget of 0)."""
    mended = _repair(data, found)
    if mended is None:
        return []
    data, paths = mended
    try:
        scenario = _CONVERTER.structure(data, Scenario)
    except Exception:
        return []

    def under(path: str, m: str) -> bool:
        return bool(m) and (path == m or path.startswith((m + ".", m + "[")))

    def echoes(p: Problem) -> bool:
        return any(under(p.path, m) or (p.severity == "warning" and under(p.path, parent_path(m))) for m in paths)

    return [p for p in check_scenario(scenario, where) if not echoes(p)]


_SEGMENT = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _field_type(path: str) -> tuple[Any, bool] | None:
    """The declared type at ``path`` and whether it has a default; ``None`` if not a field."""
    t: Any = Scenario
    has_default = False
    for name, index in _SEGMENT.findall(path):
        args = [a for a in typing.get_args(t) if a is not type(None)]
        if args and typing.get_origin(t) not in (tuple, dict) and len(args) == 1:
            t = args[0]  # X | None
        if index:
            if typing.get_origin(t) is not tuple:
                return None
            t, has_default = typing.get_args(t)[0], False
        elif attrs.has(t):
            attrs.resolve_types(t)
            fields = attrs.fields_dict(t)
            if name not in fields:
                return None
            t, has_default = fields[name].type, fields[name].default is not attrs.NOTHING
        elif typing.get_origin(t) is dict:
            t, has_default = typing.get_args(t)[1], False
        else:
            return None
    return t, has_default


def _repair(data: Any, found: list[Problem]) -> tuple[Any, list[str]] | None:

    data = copy.deepcopy(data)
    paths = []
    for p in found:
        segments = _SEGMENT.findall(p.path)
        if not segments:
            return None
        parent: Any = data
        for name, index in segments[:-1]:
            try:
                parent = parent[int(index)] if index else parent[name]
            except (KeyError, IndexError, TypeError, ValueError):
                return None
        name, index = segments[-1]
        if index or not isinstance(parent, dict) or name not in parent:
            return None  # a list item, or a missing field: no safe mend
        value = parent[name]
        field = _field_type(p.path)
        if p.message.startswith("unknown key") or p.message.startswith("merge keys"):
            del parent[name]
        elif field is None:
            return None
        elif isinstance(value, str) and field[0] in (int, float) and _INT.fullmatch(value.strip()):
            parent[name] = int(value.strip())
        elif isinstance(value, str) and field[0] is float and _FLOAT.fullmatch(value.strip()):
            parent[name] = float(value.strip())
        elif field[1]:
            del parent[name]  # the field's default
        else:
            return None
        paths.append(p.path)
    return data, paths


def _sorted(problems: list[Problem], filename: str) -> list[Problem]:
    """Without repeats, by file (this one first), line and column."""
    return sorted(set(problems), key=lambda p: (p.file != filename, p.file, p.line, p.column, p.path, p.message))


def _parse(text: str, filename: str) -> tuple[Tree | None, list[Problem]]:
    """Stages 1-3 for text: the plain data with each path's position, or ``None`` when the text
    cannot become data at all."""
    refused = _refuse_text(text, filename)
    if refused:
        return None, [refused]
    try:
        root = _compose(text)
    except yaml.MarkedYAMLError as e:
        return None, [_syntax_problem(e, filename)]
    except _Refused as e:
        return None, [_at_mark(filename, e.mark, e.message)]
    if root is None:
        return None, [Problem(filename, 1, 1, f"the file is empty; {_WHAT_A_SCENARIO_IS}")]
    plain = _Plain(filename)
    try:
        data = plain.convert(root, "", 0)
    except _Refused as e:
        return None, [_at_mark(filename, e.mark, e.message)]
    values = {p: (filename, *at) for p, at in plain.values.items()}
    keys = {p: (filename, *at) for p, at in plain.keys.items()}
    return Tree(data, values, keys), plain.problems


def _not_a_scenario(tree: Tree, filename: str) -> Problem:
    data = tree.data
    if isinstance(data, dict):
        return Problem(filename, 1, 1, f"`format` is missing: {_WHAT_A_SCENARIO_IS}; this file is not read as one")
    what = "a list" if isinstance(data, list) else "text" if isinstance(data, str) else "a single value"
    line, column = tree.values.get("", (filename, 1, 1))[1:]
    return Problem(filename, line, column, f"expected a mapping (`key: value` lines) for Scenario, got {what}")


def _read_tree(file: str) -> tuple[Tree | None, list[Problem]]:
    """Stages 1-3 for a file (the base of a variant); a file that is not a scenario gives only
    ``NOT_A_SCENARIO``, so that nothing of it is shown."""
    text = _read(file)
    if isinstance(text, Problem):
        return None, [text]
    if not looks_like_scenario(text):
        return None, [Problem(file, 1, 1, NOT_A_SCENARIO)]
    return _parse(text, file)


def exit_status(problems: list[Problem]) -> int:
    """The ``validate`` exit code: 0 valid (maybe with warnings), 1 errors, 2 unreadable."""
    if any(isinstance(p, Unreadable) for p in problems):
        return 2
    return 1 if any(p.severity == "error" for p in problems) else 0


def _at_mark(file: str, mark: Any, message: str, path: str = "") -> Problem:
    # PyYAML marks count from 0.
    return Problem(file, mark.line + 1, mark.column + 1, message, path)


def _raise_or_return(scenario: Scenario | None, problems: list[Problem]) -> Scenario:
    errors = [p for p in problems if p.severity == "error"]
    if scenario is None or errors:
        raise ScenarioError(errors, unreadable=any(isinstance(p, Unreadable) for p in errors))
    return scenario


# -- 1. reading ---------------------------------------------------------------------------------

_NOT_PRINTABLE = yaml.reader.Reader.NON_PRINTABLE  # what PyYAML refuses; we refuse it first, located


def _read(file: str) -> str | Problem:
    try:
        data = read_regular(file, MAX_BYTES, _TOO_BIG)  # never a FIFO or a device: it could block
    except FileRefused as e:
        return Unreadable(file, 1, 1, str(e))
    if b"\0" in data:  # checked before decoding: binary junk is seldom valid UTF-8 either
        line, column = _position(data[: data.index(b"\0")].decode("utf-8", "replace"), None)
        return Unreadable(file, line, column, "the file contains NUL bytes: it is binary, not YAML text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line, column = _position(data[: e.start].decode("utf-8", "replace"), None)
        message = f"the file is not UTF-8 text (byte 0x{data[e.start]:02x}); is it binary?"
        return Unreadable(file, line, column, message)


def _refuse_text(text: str, file: str) -> Problem | None:
    """Refuse text that is too big or binary before PyYAML sees it."""
    if len(text) > MAX_BYTES:
        return Unreadable(file, 1, 1, _TOO_BIG)
    bad = _NOT_PRINTABLE.search(text)
    if bad:
        line, column = _position(text, bad.start())
        char = bad.group()
        what = "NUL bytes: it is binary, not YAML text" if char == "\0" else f"the control character U+{ord(char):04X}"
        return Unreadable(file, line, column, f"the file contains {what}")
    return None


def _position(text: str, index: int | None) -> tuple[int, int]:
    """1-based line and column of ``text[index]`` (of the end of ``text`` when index is None)."""
    index = len(text) if index is None else index
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


# -- 2. composing -------------------------------------------------------------------------------


class _Refused(Exception):
    """Input refused as a whole (too deep, too many values): one problem, no further checks."""

    def __init__(self, message: str, mark: Any):
        super().__init__(message)
        self.message, self.mark = message, mark


@attrs.frozen
class _Alias:
    """A use of an alias (``*name``): the anchored node, and where the alias itself stands."""

    node: Node
    start_mark: Any


_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)")
_NULL = ("", "~", "null", "Null", "NULL")
_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null")}


def _core_tag(text: str) -> str:
    """The tag of a plain scalar under the YAML 1.2 core schema (only `true`/`false` are booleans)."""
    if text in _NULL:
        return _TAG + "null"
    if text.lower() in ("true", "false"):
        return _TAG + "bool"
    if _INT.fullmatch(text):
        return _TAG + "int"
    if _FLOAT.fullmatch(text):
        return _TAG + "float"
    return _TAG + "str"


class _Loader(yaml.SafeLoader):
    """SafeLoader for composing only: YAML 1.2 core scalars, capped depth and size, located aliases."""

    def __init__(self, stream: str):
        super().__init__(stream)
        self._depth = 0
        self._nodes = 0

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        # YAML 1.1 would read `NO` (Norway), `yes` or `on` as booleans and `1_000` as a number.
        if kind is ScalarNode and implicit[0]:
            return _core_tag(value)
        return super().resolve(kind, value, implicit)

    def compose_node(self, parent: Node | None, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            return _Alias(super().compose_node(parent, index), mark)
        self._depth += 1
        self._nodes += 1
        if self._depth > MAX_DEPTH:
            raise _Refused(f"the file nests more than {MAX_DEPTH} levels deep", self.peek_event().start_mark)
        if self._nodes > MAX_NODES:
            raise _Refused(f"the file holds more than {MAX_NODES} values", self.peek_event().start_mark)
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _compose(text: str) -> Node | None:
    """The node tree of ``text``: composed by libyaml where it is present (with marks, ~15x faster),
    else, or when libyaml finds anything amiss or the file uses aliases, by ``_Loader`` in Python,
    whose answers (and error messages) are the reference; both give the same tree."""
    if _CLoader is not None:
        try:
            root = _c_compose(text)
        except Exception:  # any doubt: the Python composer says what is wrong, its way
            root = _FALLBACK
        if root is not _FALLBACK:
            return root
    loader = _Loader(text)
    try:
        return loader.get_single_node()
    except RecursionError:  # unreachable with MAX_DEPTH, kept so it can never escape
        raise _Refused("the file nests too deeply", loader.get_mark()) from None
    finally:
        loader.dispose()


_FALLBACK = object()


def _c_compose(text: str) -> Any:
    """libyaml's tree, checked as ``_Loader`` checks while composing (the same limits, at the same
    node); ``_FALLBACK`` when the file uses an alias (``_Loader`` marks where each alias stands)."""
    loader = _CLoader(text)
    try:
        root = loader.get_single_node()
    finally:
        loader.dispose()
    if root is None:
        return None
    seen: set[int] = set()
    stack = [(root, 1)]
    nodes = 0
    while stack:  # pre-order, as _Loader.compose_node meets the nodes
        node, depth = stack.pop()
        if id(node) in seen:
            return _FALLBACK  # an alias: the anchored node again
        seen.add(id(node))
        nodes += 1
        if depth > MAX_DEPTH:
            raise _Refused(f"the file nests more than {MAX_DEPTH} levels deep", node.start_mark)
        if nodes > MAX_NODES:
            raise _Refused(f"the file holds more than {MAX_NODES} values", node.start_mark)
        value = node.value
        if isinstance(node, MappingNode):
            for key, item in reversed(value):
                stack.append((item, depth + 1))
                stack.append((key, depth + 1))
        elif isinstance(node, SequenceNode):
            stack.extend((item, depth + 1) for item in reversed(value))
    return root


def _c_loader() -> type | None:
    """``yaml.CSafeLoader`` with the YAML 1.2 core scalars of ``_Loader``, where libyaml is present
    and caps nesting itself (0.2.5 on: 1000 levels), so its composer cannot recurse without end."""
    if not getattr(yaml, "__with_libyaml__", False):
        return None
    try:
        from yaml import _yaml  # noqa: PLC0415 - the C extension, present with libyaml

        if tuple(_yaml.get_version()) < (0, 2, 5):
            return None
    except (ImportError, AttributeError):
        return None

    class CLoader(yaml.CSafeLoader):
        def resolve(self, kind: type, value: Any, implicit: Any) -> str:
            if kind is ScalarNode and implicit[0]:
                return _core_tag(value)
            return super().resolve(kind, value, implicit)

    return CLoader


_CLoader = _c_loader()


# PyYAML's wording for the commonest slips, and what to tell a scenario author instead.
_PLAIN_WORDS = {
    "found character '\\t' that cannot start any token": "a tab; YAML is indented with spaces only",
    "mapping values are not allowed here": "a `:` where no key can start; is a line mis-indented, or a value unquoted?",
    "but found another document": "a second document (`---`); a scenario file holds one",
}


def _syntax_problem(e: yaml.MarkedYAMLError, file: str) -> Problem:
    mark = e.problem_mark or e.context_mark
    problem = e.problem or e.context or "invalid YAML"
    if problem in _PLAIN_WORDS:
        message = _PLAIN_WORDS[problem]
    elif problem.startswith("found undefined alias"):
        name = problem.removeprefix("found undefined alias ").strip("'")
        message = f"the alias `*{name}` has no anchor `&{name}` before it"
    else:
        message = problem + (f" ({e.context})" if e.context and e.problem else "")
    message = f"YAML syntax error: {message}"
    if mark is None:
        return Problem(file, 1, 1, message)
    return _at_mark(file, mark, message)


# -- 3. nodes -> plain data ---------------------------------------------------------------------


class _Invalid:
    """Stands for a value already reported as a problem, so that structuring skips it silently."""

    def __repr__(self) -> str:
        return "<invalid>"


_INVALID = _Invalid()


def _show_tag(tag: str) -> str:
    return "!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag


class _Plain:
    """Converts a node tree to dicts, lists and scalars, indexing each path's position."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []
        self.values: dict[str, tuple[int, int]] = {}
        self.keys: dict[str, tuple[int, int]] = {}
        self.count = 0
        self.alias: _Alias | None = None

    def problem(self, node: Any, message: str, path: str) -> None:
        self.problems.append(_at_mark(self.file, node.start_mark, message, path))

    def convert(self, node: Any, path: str, depth: int) -> Any:
        """The plain value of ``node`` at ``path``; ``_INVALID`` where it was refused."""
        mark = node.start_mark
        self.values.setdefault(path, (mark.line + 1, mark.column + 1))
        if isinstance(node, _Alias) and self.alias is None:
            self.alias = node  # blame the outermost alias being expanded, not some inner value
            try:
                return self.convert(node.node, path, depth)
            finally:
                self.alias = None
        node = node.node if isinstance(node, _Alias) else node
        # Aliases can expand exponentially (billion laughs) or refer to their own ancestor; the
        # composer's caps already hold for the file as written.
        self.count += 1
        blame = (self.alias or node).start_mark
        if self.count > MAX_NODES:
            raise _Refused(f"this alias makes the file expand to more than {MAX_NODES} values", blame)
        if depth > MAX_DEPTH:
            raise _Refused(f"this alias makes the file nest more than {MAX_DEPTH} levels deep", blame)
        if isinstance(node, ScalarNode) and node.tag in _SCALAR_TAGS:
            return self.scalar(node, path)
        if isinstance(node, SequenceNode) and node.tag == _TAG + "seq":
            return [self.convert(item, join_index(path, i), depth + 1) for i, item in enumerate(node.value)]
        if isinstance(node, MappingNode) and node.tag == _TAG + "map":
            return self.mapping(node, path, depth)
        tag = _show_tag(node.tag)
        self.problem(node, f"the tag `{tag}` is not allowed: a scenario holds text, numbers, lists and mappings", path)
        return _INVALID

    def scalar(self, node: ScalarNode, path: str) -> Any:
        text, kind = node.value, node.tag[len(_TAG) :]
        if kind == "str":
            return text
        # An explicit tag (`!!int abc`) must still fit its text.
        if _core_tag(text) != node.tag and not (kind == "float" and _INT.fullmatch(text)):
            self.problem(node, f"`{text}` is not a valid {_show_tag(node.tag)}", path)
            return _INVALID
        if kind == "null":
            return None
        if kind == "bool":
            return text.lower() == "true"
        if kind == "int":
            return _to_int(text)
        return _to_float(text)

    def mapping(self, node: MappingNode, path: str, depth: int) -> Any:
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = key_node.node if isinstance(key_node, _Alias) else key_node
            if not isinstance(key, ScalarNode) or key.tag not in _SCALAR_TAGS:
                self.problem(key_node, "a key must be plain text", path)
                continue
            # Keys are names: `7:` or `no:` mean the text, whatever the value rules say.
            name, key_path = key.value, join_key(path, key.value)
            if name in first_line:
                self.problem(key_node, f"duplicate key `{name}` (first given on line {first_line[name]})", key_path)
                continue
            first_line[name] = key_node.start_mark.line + 1
            self.keys[key_path] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[name] = self.convert(value_node, key_path, depth + 1)
        return result


def _to_int(text: str) -> int:
    if len(text) > 40:  # int() of thousands of digits is slow and capped; any such value is too big
        return -(10**40) if text.startswith("-") else 10**40
    if text.startswith(("0o", "0x")):
        return int(text[2:], 8 if text[1] == "o" else 16)
    return int(text)


def _to_float(text: str) -> float:
    lower = text.lower()
    if lower.endswith(".inf"):
        return -math.inf if text.startswith("-") else math.inf
    if lower == ".nan":
        return math.nan
    return float(text)


# -- 4. structuring -----------------------------------------------------------------------------


class _Bad(Exception):
    """A value that does not fit its field; ``sub`` extends the path (``[2]`` for a list item)."""

    def __init__(self, message: str, sub: str = ""):
        super().__init__(message)
        self.message, self.sub = message, sub


class _Skip(Exception):
    """Structuring met ``_INVALID``: the problem is reported already."""


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (the value is empty)"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, (int, float)):
        return "a huge number" if abs(value) > MAX_NUMBER and math.isfinite(value) else f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the text `{shown}`"
    return "a list" if isinstance(value, list) else "a mapping"


def _guard(value: Any) -> None:
    if value is _INVALID:
        raise _Skip()


_CONTROL_NAMES = {0x07: "bell", 0x08: "backspace", 0x0D: "carriage return", 0x1B: "escape", 0x7F: "delete"}


def _structure_str(value: Any, _: type) -> str:
    _guard(value)
    if isinstance(value, str):
        bad = CONTROL.search(value)
        if bad:
            code = ord(bad.group())
            name = f" ({_CONTROL_NAMES[code]})" if code in _CONTROL_NAMES else ""
            raise _Bad(
                f"the text holds the control character U+{code:04X}{name} at character {bad.start() + 1}; "
                "text may hold line breaks and tabs, but no control characters"
            )
        return value
    hint = "; put it in quotes if you mean the text" if isinstance(value, (bool, int, float)) else ""
    raise _Bad(f"expected text, got {_describe(value)}{hint}")


def _check_magnitude(value: float) -> None:
    if math.isnan(value):
        raise _Bad("NaN (not a number) is not allowed here")
    if math.isinf(value):
        raise _Bad("infinity is not allowed here")
    if abs(value) > MAX_NUMBER:
        raise _Bad("the number is too large: more than 10^12")


def _structure_int(value: Any, _: type) -> int:
    _guard(value)
    if isinstance(value, int) and not isinstance(value, bool):
        _check_magnitude(value)
        return value
    hint = "; remove the quotes" if isinstance(value, str) and _INT.fullmatch(value.strip()) else ""
    raise _Bad(f"expected a whole number, got {_describe(value)}{hint}")


def _structure_float(value: Any, _: type) -> float:
    _guard(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        _check_magnitude(value)
        return float(value)
    hint = "; remove the quotes" if isinstance(value, str) and _FLOAT.fullmatch(value.strip()) else ""
    raise _Bad(f"expected a number, got {_describe(value)}{hint}")


def _structure_bool(value: Any, _: type) -> bool:
    _guard(value)
    if isinstance(value, bool):
        return value
    raise _Bad(f"expected true or false, got {_describe(value)}; write true or false")


def _is_literal(t: Any) -> bool:
    return typing.get_origin(t) is Literal


def _structure_literal(value: Any, t: Any) -> Any:
    _guard(value)
    choices = typing.get_args(t)
    if value in choices and type(value) is str:
        return value
    names = [str(c) for c in choices]
    hint = did_you_mean(value, names) if isinstance(value, str) else ""
    raise _Bad(f"expected one of {', '.join(names)}; got {_describe(value)}{hint}")


def _is_tuple(t: Any) -> bool:
    return typing.get_origin(t) is tuple


def _tuple_hook(t: Any, conv: cattrs.Converter) -> Callable[[Any, Any], tuple]:
    item_type = typing.get_args(t)[0]

    def structure(value: Any, _: Any) -> tuple:
        _guard(value)
        if not isinstance(value, list):
            hint = "; write [] for none" if value is None else ""
            raise _Bad(f"expected a list (lines starting with `- `), got {_describe(value)}{hint}")
        items, errors = [], []
        for i, item in enumerate(value):
            try:
                items.append(conv.structure(item, item_type))
            except Exception as e:
                e.add_note(IterableValidationNote(f"Structuring {t} @ index {i}", i, item_type))
                errors.append(e)
        if errors:
            raise IterableValidationError(f"While structuring {t}", errors, t)
        return tuple(items)

    return structure


def _is_dict(t: Any) -> bool:
    return typing.get_origin(t) is dict


def _dict_hook(t: Any, conv: cattrs.Converter) -> Callable[[Any, Any], dict]:
    value_type = typing.get_args(t)[1]  # keys are always text: the plain converter made them so

    def structure(value: Any, _: Any) -> dict:
        _guard(value)
        if not isinstance(value, dict):
            hint = "; write {} for none" if value is None else ""
            raise _Bad(f"expected a mapping (`key: value` lines), got {_describe(value)}{hint}")
        result, errors = {}, []
        for key, item in value.items():
            try:
                result[key] = conv.structure(item, value_type)
            except Exception as e:
                e.add_note(IterableValidationNote(f"Structuring {t} @ key {key!r}", key, value_type))
                errors.append(e)
        if errors:
            raise IterableValidationError(f"While structuring {t}", errors, t)
        return result

    return structure


def _ranged(conv: cattrs.Converter, t: Any, low: float | None, high: float | None) -> Callable[[Any, Any], Any]:
    """A field hook that structures as ``t``, then checks each number against ``low``..``high``."""

    def structure(value: Any, _: Any) -> Any:
        result = conv.structure(value, t)
        items = enumerate(result) if isinstance(result, tuple) else [(None, result)]
        errors = []
        for i, x in items:
            if x is None or (low is None or x >= low) and (high is None or x <= high):
                continue
            if low is not None and high is not None:
                need = f"be {low:g}" if low == high else f"be between {low:g} and {high:g}"
            else:
                need = f"be at least {low:g}" if low is not None else f"be at most {high:g}"
            errors.append(_Bad(f"must {need}, got {x:g}", "" if i is None else f"[{i}]"))
        if errors:
            raise ExceptionGroup("out of range", errors)
        return result

    return structure


def _class_hook(cls: type, conv: cattrs.Converter) -> Callable[[Any, Any], Any]:
    """Structures a mapping into the attrs class ``cls`` as cattrs' ``make_dict_structure_fn``
    does with detailed validation and extra keys forbidden, raising the same exception tree: each
    field by its own hook (with a range check where its metadata sets one), each failure noted
    with its field, unknown keys refused, every failure raised at once. A loop rather than
    cattrs' function generated for each class: compiling those took a fifth of ``validate``."""
    attrs.resolve_types(cls)  # the model uses postponed annotations; ranges need the real types
    fields = []
    for f in attrs.fields(cls):
        low, high = f.metadata.get("min"), f.metadata.get("max")
        if low is not None or high is not None:
            hook = _ranged(conv, f.type, low, high)
        else:
            hook = conv.get_structure_hook(f.type, cache_result=False)
        fields.append((f.name, f.alias, f.type, hook, f.default is attrs.NOTHING))
    names = {f.name for f in attrs.fields(cls)}
    failed, at = f"While structuring {cls.__name__}", f"Structuring class {cls.__qualname__} @ attribute"

    def structure(value: Any, _: Any) -> Any:
        _guard(value)
        if not isinstance(value, dict):
            raise _Bad(f"expected a mapping (`key: value` lines) for {cls.__name__}, got {_describe(value)}")
        kwargs, errors = {}, []
        for name, alias, t, hook, required in fields:
            if required or name in value:  # a missing required field is a KeyError, noted like any
                try:
                    kwargs[alias] = hook(value[name], t)
                except Exception as e:
                    e.add_note(AttributeValidationNote(f"{at} {name}", name, t))
                    errors.append(e)
        unknown = value.keys() - names
        if unknown:
            errors.append(ForbiddenExtraKeysError("", cls, unknown))
        if errors:
            raise ClassValidationError(failed, errors, cls)
        try:
            return cls(**kwargs)
        except Exception as e:
            raise ClassValidationError(failed, [e], cls) from e

    return structure


def _make_converter() -> cattrs.Converter:
    """A cattrs converter that coerces nothing: `"7"` is no int, `1` no bool, a text no list."""
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(float, _structure_float)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook_func(_is_literal, _structure_literal)
    conv.register_structure_hook_factory(_is_tuple, _tuple_hook)
    conv.register_structure_hook_factory(_is_dict, _dict_hook)
    conv.register_structure_hook_factory(attrs.has, _class_hook)
    return conv


_CONVERTER = _make_converter()


def _problems_from(
    exc: BaseException, path: str, parent: str, where: Locations, owner: type | None = None
) -> list[Problem]:
    """Walk cattrs' exception tree: its notes give the path, the path gives the position."""
    for note in getattr(exc, "__notes__", ()):
        if isinstance(note, AttributeValidationNote):
            parent, path = path, join_key(path, note.name)
        elif isinstance(note, IterableValidationNote):
            index = note.index
            parent, path = path, join_index(path, index) if isinstance(index, int) else join_key(path, str(index))
    if isinstance(exc, BaseExceptionGroup):
        cls = exc.cl if isinstance(exc, ClassValidationError) else None
        return [p for sub in exc.exceptions for p in _problems_from(sub, path, parent, where, cls)]
    if isinstance(exc, _Skip):
        return []
    if isinstance(exc, _Bad):
        return [where.problem(path + exc.sub, exc.message)]
    if isinstance(exc, ForbiddenExtraKeysError):
        return [_unknown_key(exc.cl, path, str(key), where) for key in sorted(exc.extra_fields)]
    if isinstance(exc, KeyError) and owner is not None:  # cattrs: a required field is missing
        name = exc.args[0]
        doc = attrs.fields_dict(owner)[name].metadata.get("doc", "")
        file, line, column = where.locate(parent)
        return [Problem(file, line, column, f"`{name}` is missing" + (f": {doc}" if doc else ""), path)]
    return [where.problem(path, f"invalid value: {exc}")]


def _unknown_key(cls: type, path: str, key: str, where: Locations) -> Problem:
    key_path = join_key(path, key)
    if key == "<<":
        message = "merge keys (`<<`) are not supported; write the keys out"
    elif key in ("remove", "extends"):
        message = f"`{key}` works only in a variant (a file that starts with `extends: base.yaml`)"
        message += "" if key == "extends" else ", in an item of a collection merged by key"
    else:
        names = [f.name for f in attrs.fields(cls)]
        message = f"unknown key `{key}` in {cls.__name__}{did_you_mean(key, names)}"
    return where.problem(key_path, message, at_key=True)
