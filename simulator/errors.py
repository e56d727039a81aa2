"""Errors of the simulator. Each carries where the problem is and how to fix it.

The CLI turns them into messages and exit codes; nothing below the CLI exits.
"""

from __future__ import annotations

from pathlib import Path

from scoring.safe_text import printable
from scoring.yaml_tree import Location  # file:line:column, shared with YAML reading

__all__ = [
    "EXIT_CRASH",
    "EXIT_INTERRUPTED",
    "EXIT_INVALID",
    "EXIT_OK",
    "EXIT_USAGE",
    "InputFileError",
    "LocatedError",
    "Location",
    "NotFoundError",
    "PathError",
    "RepliesError",
    "RoleplayError",
    "ScenarioError",
    "StoreError",
    "UsageError",
]

# The exit codes every command uses (documented in the README).
EXIT_OK = 0
EXIT_INVALID = 1  # the user's input is invalid or names something that does not exist
EXIT_USAGE = 2  # the command line itself is wrong
EXIT_CRASH = 70  # an unexpected failure; the report is in a crash file
EXIT_INTERRUPTED = 130  # Ctrl-C (the attempt is kept and graded as it stands)


class RoleplayError(Exception):
    """Root of every error the simulator raises on purpose."""

    exit_code = EXIT_INVALID


class LocatedError(RoleplayError):
    """An error in a file the user gave us: it says where and what to do."""

    def __init__(self, location: Location, message: str, hint: str = "", code: str = "") -> None:
        self.location = Location(printable(location.path), location.line, location.column)
        self.message = printable(message)
        self.hint = printable(hint)
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


class PathError(RoleplayError):
    """A problem with a whole file or folder: ``path: message`` and how to fix it."""

    def __init__(self, path: Path | str, message: str, hint: str = "") -> None:
        self.path = str(path)
        self.message = message
        self.hint = hint
        text = f"{printable(str(path))}: {message}"
        if hint:
            text += f"\n  hint: {hint}"
        super().__init__(text)


class StoreError(PathError):
    """The results database is missing, locked, corrupt or of a newer schema."""


class UsageError(RoleplayError):
    """The command line itself is wrong: a value out of range, options that clash (exit 2)."""

    exit_code = EXIT_USAGE


class NotFoundError(RoleplayError):
    """The command line names a file, attempt, cohort or trainee that does not exist (exit 1)."""

    exit_code = EXIT_INVALID

    def __init__(self, message: str, hint: str = "") -> None:
        self.message = message
        self.hint = hint
        super().__init__(message + (f"\n  hint: {hint}" if hint else ""))


class InputFileError(PathError):
    """A file the user named cannot be read: missing, a folder or device, no permission."""

    def __init__(
        self, path: Path | str, message: str, hint: str = "", kind: str = "unreadable"
    ) -> None:
        super().__init__(path, message, hint)
        self.kind = kind  # "missing", "too_large" or "unreadable"
