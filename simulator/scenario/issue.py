"""One finding of `roleplay lint`: where, how bad, what, and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass, field

from scoring.safe_text import printable
from simulator.errors import LocatedError, Location, ScenarioError

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Issue:
    code: str
    severity: str
    location: Location
    message: str
    hint: str = ""

    def __post_init__(self) -> None:
        # Names in messages come from the file: never let them drive the terminal.
        loc = self.location
        object.__setattr__(self, "message", printable(self.message))
        object.__setattr__(self, "hint", printable(self.hint))
        object.__setattr__(self, "location", Location(printable(loc.path), loc.line, loc.column))

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

    def to_error(self) -> ScenarioError:
        return ScenarioError(self.location, self.message, self.hint, self.code)


@dataclass
class Collector:
    """Where the scenario reader reports what it finds.

    ``strict`` (playing, loading): the first error is raised as a :class:`ScenarioError`
    and warnings are kept. Otherwise (linting) every issue is collected, so one run of
    the same checks shows them all: play refuses exactly what lint calls an error.
    """

    strict: bool = True
    issues: list[Issue] = field(default_factory=list)

    def add(self, issue: Issue | None) -> None:
        if issue is None:
            return
        if self.strict and issue.is_error:
            raise issue.to_error()
        self.issues.append(issue)

    def extend(self, issues: list[Issue]) -> None:
        for issue in issues:
            self.add(issue)

    @property
    def has_errors(self) -> bool:
        return any(i.is_error for i in self.issues)


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
