"""One trainee turn as typed or scripted: a reply, or a command such as /escalate."""

from __future__ import annotations

from dataclasses import dataclass

COMMANDS: tuple[str, ...] = ("escalate", "hold", "end")
LOCAL_COMMANDS: tuple[str, ...] = ("help", "hint", "quit", "dispute")


@dataclass(frozen=True, slots=True)
class Entry:
    """``seconds`` is the trainee's response time when known in advance (``[+Ns]``)."""

    text: str
    seconds: float | None = None
    command: str | None = None
    target: str | None = None
    note: str = ""
    line: int = 0

    @property
    def is_command(self) -> bool:
        return self.command is not None


def parse_command(text: str) -> tuple[str, str | None, str]:
    """Split ``/escalate TARGET note…`` into (command, target, note). No validation."""
    body = text.strip()[1:]
    parts = body.split(None, 2)
    if not parts:
        return "", None, ""
    name = parts[0].lower()
    if name == "escalate":
        target = parts[1] if len(parts) > 1 else None
        note = parts[2] if len(parts) > 2 else ""
        return name, target, note
    return name, None, body[len(parts[0]) :].strip()
