"""Errors of the scoring package: a phrasebook or a pattern a trainer wrote is wrong.

Every error says where (``file:line:column`` when known) and how to fix it. The CLI
turns them into messages and exit code 1; nothing in ``scoring`` exits.
"""

from __future__ import annotations


class ScoringError(Exception):
    """Root of every error the scoring package raises on purpose."""

    exit_code = 1


class PhrasebookError(ScoringError):
    """A phrasebook file (or a scenario's extra phrase) cannot be loaded or compiled."""

    def __init__(
        self, path: str, message: str, line: int = 0, column: int = 0, hint: str = ""
    ) -> None:
        self.path = path
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
        super().__init__(self.render())

    @property
    def where(self) -> str:
        if self.line <= 0:
            return self.path
        if self.column <= 0:
            return f"{self.path}:{self.line}"
        return f"{self.path}:{self.line}:{self.column}"

    def render(self) -> str:
        text = f"{self.where}: error: {self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


class PatternError(ScoringError):
    """A pattern does not follow the phrasebook pattern syntax."""

    def __init__(self, pattern: str, message: str, hint: str = "") -> None:
        self.pattern = pattern
        self.message = message
        self.hint = hint
        text = f"pattern {pattern!r}: {message}"
        if hint:
            text += f"\n  hint: {hint}"
        super().__init__(text)


class YamlError(ScoringError):
    """A YAML document is unsafe or malformed (see :mod:`scoring.yaml_tree`).

    ``code`` is stable (E002 size, E004 nesting, E005 aliases, E006 merge keys, E007 control
    character, E010 syntax, E011 duplicate keys, E012 unreadable value or tag, E013 empty,
    E014 several documents, E015 number too large or not finite); each reader turns it into
    its own error type.
    """

    def __init__(
        self, path: str, line: int, column: int, message: str, hint: str = "", code: str = ""
    ) -> None:
        self.path = path
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
        self.code = code
        super().__init__(f"{path}:{line}:{column}: {message}")
