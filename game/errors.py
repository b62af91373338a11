"""Precise exceptions. Each is a ValueError so callers can catch broadly, and each has a message
fit to show a user as it is (no traceback needed)."""

from __future__ import annotations

import attrs


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
        return f"{self.file}:{self.line}:{self.column}: {self.severity}: {self.message}{where}"


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


class RecordError(CoalitionError):
    """A saved game record is corrupt, truncated or does not match its scenario."""
