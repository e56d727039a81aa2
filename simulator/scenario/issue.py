"""One finding of `roleplay lint`: where, how bad, what, and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass

from simulator.errors import LocatedError, Location

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Issue:
    code: str
    severity: str
    location: Location
    message: str
    hint: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def sort_key(self) -> tuple[str, int, int, str, str]:
        loc = self.location
        return (loc.path, loc.line, loc.column, self.code, self.message)

    def render(self) -> str:
        text = f"{self.location}: {self.severity} [{self.code}]: {self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text

    def to_json(self) -> dict[str, object]:
        loc = self.location
        return {
            "path": loc.path,
            "line": loc.line,
            "column": loc.column,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
        }

    @classmethod
    def from_error(cls, exc: LocatedError) -> Issue:
        return cls(exc.code or "E000", ERROR, exc.location, exc.message, exc.hint)


def error(code: str, location: Location, message: str, hint: str = "") -> Issue:
    return Issue(code, ERROR, location, message, hint)


def warning(code: str, location: Location, message: str, hint: str = "") -> Issue:
    return Issue(code, WARNING, location, message, hint)


def unique(issues: list[Issue]) -> list[Issue]:
    """Sorted by position, each (code, position, message) once."""
    seen: set[tuple[str, int, int, str, str]] = set()
    out = []
    for issue in sorted(issues, key=Issue.sort_key):
        key = issue.sort_key()
        if key not in seen:
            seen.add(key)
            out.append(issue)
    return out
