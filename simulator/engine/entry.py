"""One trainee turn as typed or scripted: a reply, or a command such as /escalate.

:func:`read_entry` is the one place a typed line is understood and checked, for the
interactive front end and for replies and walkthrough files alike: both show the same
words for the same mistake (the files add file:line:column).
"""

from __future__ import annotations

from dataclasses import dataclass

from scoring.rubric_spec import ESCALATION_TARGETS
from scoring.safe_text import quoted_name
from simulator.scenario.field_reader import did_you_mean

COMMANDS: tuple[str, ...] = ("escalate", "hold", "end")
LOCAL_COMMANDS: tuple[str, ...] = ("help", "brief", "hint", "quit", "dispute")
COMMAND_HELP = "commands: /escalate TARGET note…, /hold, /end"


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


class EntryError(ValueError):
    """A command that cannot be carried out; ``offset`` is where in the line (0-based)."""

    def __init__(self, message: str, hint: str, code: str, offset: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.code = code
        self.offset = offset


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


def read_entry(
    text: str, seconds: float | None = None, *, local: tuple[str, ...] = (), line: int = 0
) -> Entry:
    """The entry a line stands for; a command is checked (:class:`EntryError` if wrong).

    ``local`` names extra commands the caller handles itself (``/help`` in the terminal):
    they come back as entries with that command and are not sent to the customer.
    """
    text = text.strip()
    if not text.startswith("/"):
        return Entry(text=text, seconds=seconds, line=line)
    name, target, note = parse_command(text)
    if name in local:
        return Entry(text=text, seconds=seconds, command=name, note=note, line=line)
    if name not in COMMANDS:
        raise EntryError(
            f"unknown command '/{quoted_name(name)}'",
            did_you_mean(name, COMMANDS + local) or COMMAND_HELP,
            "R003",
        )
    if name == "escalate":
        if target is None:
            raise EntryError(
                "/escalate needs a target",
                "write /escalate TARGET note…; targets: " + ", ".join(ESCALATION_TARGETS),
                "R004",
            )
        if target not in ESCALATION_TARGETS:
            raise EntryError(
                f"unknown escalation target '{quoted_name(target)}'",
                did_you_mean(target, ESCALATION_TARGETS)
                or "targets: " + ", ".join(ESCALATION_TARGETS),
                "R005",
                text.index(target, len("/escalate")),
            )
    return Entry(text=text, seconds=seconds, command=name, target=target, note=note, line=line)
