"""Errors of the simulator. Each carries where the problem is and how to fix it.

The CLI turns them into messages and exit codes; nothing below the CLI exits.
"""

from __future__ import annotations

from pathlib import Path

from scoring.yaml_tree import Location  # file:line:column, shared with YAML reading

__all__ = [
    "LocatedError",
    "Location",
    "RepliesError",
    "RoleplayError",
    "ScenarioError",
    "StoreError",
    "UsageError",
]


class RoleplayError(Exception):
    """Root of every error the simulator raises on purpose."""

    exit_code = 1


class LocatedError(RoleplayError):
    """An error in a file the user gave us: it says where and what to do."""

    def __init__(self, location: Location, message: str, hint: str = "", code: str = "") -> None:
        self.location = location
        self.message = message
        self.hint = hint
        self.code = code
        super().__init__(self.render())

    def render(self) -> str:
        text = f"{self.location}: error"
        if self.code:
            text += f" [{self.code}]"
        text += f": {self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


class ScenarioError(LocatedError):
    """A scenario file is unsafe, malformed or inconsistent."""


class RepliesError(LocatedError):
    """A replies file (headless play) has a line that cannot be understood."""


class StoreError(RoleplayError):
    """The results database is missing, locked, corrupt or of a newer schema."""

    def __init__(self, path: Path | str, message: str, hint: str = "") -> None:
        self.path = str(path)
        self.message = message
        self.hint = hint
        text = f"{path}: {message}"
        if hint:
            text += f"\n  hint: {hint}"
        super().__init__(text)


class UsageError(RoleplayError):
    """The command line asks for something that does not exist (exit code 2)."""

    exit_code = 2
