"""Precise exceptions. Each is a ValueError so callers can catch broadly, and each has a message
fit to show a user as it is (no traceback needed)."""

from __future__ import annotations

import re

import attrs

#: Characters that must never reach a terminal as they are: C0 and C1 controls (escape sequences,
#: bell, carriage return), DEL, and the bidirectional overrides that reorder displayed text. Tab
#: and line feed are ordinary layout in text fields; ``printable`` escapes them too when asked.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_CONTROL_OR_BREAK = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str, lines: bool = False) -> str:
    """``text`` with every control character written as an escape (``\\x1b``, ``\\u202e``), so
    that printing it cannot move the cursor, retitle the terminal or reorder what it shows.
    Line breaks and tabs are kept when ``lines`` is true, escaped otherwise (one-line messages)."""
    pattern = CONTROL if lines else _CONTROL_OR_BREAK
    return pattern.sub(lambda m: _escape(m.group()), text)


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


@attrs.frozen
class Problem:
    """One thing wrong with a scenario file, located in it."""

    file: str
    line: int  # 1-based
    column: int  # 1-based
    message: str
    path: str = ""  # e.g. actors[3].forces.troops
    severity: str = "error"  # "error" or "warning"

    def __str__(self) -> str:
        where = f" ({self.path})" if self.path else ""
        return printable(f"{self.file}:{self.line}:{self.column}: {self.severity}: {self.message}{where}")


class CoalitionError(ValueError):
    """Base class of every error Coalition reports to a user."""


class ScenarioError(CoalitionError):
    """A scenario file is invalid; ``problems`` lists everything wrong with it, located."""

    def __init__(self, problems: list[Problem], unreadable: bool = False):
        self.problems = list(problems)
        self.unreadable = unreadable  # True when the file could not be read at all (exit 2)
        super().__init__("\n".join(str(p) for p in self.problems))


class IllegalActionError(CoalitionError):
    """An action that the rules do not allow in this state; the state is unchanged."""


class StorageError(CoalitionError):
    """A file could not be written (the disk is full or read-only, the file exists): the work
    stops there, with what it finished kept."""


class RecordError(CoalitionError):
    """A saved game record is corrupt, truncated or does not match its scenario."""
