"""The replies file of headless play: one trainee turn per non-empty line.

A line may start with ``[+Ns]`` (seconds the trainee took); a line starting with ``/``
is a command: ``/escalate TARGET note…``, ``/hold``, ``/end``.
"""

from __future__ import annotations

import re
from pathlib import Path

from scoring.rubric_spec import ESCALATION_TARGETS
from simulator.engine.entry import COMMANDS, Entry, parse_command
from simulator.errors import Location, RepliesError
from simulator.scenario.field_reader import did_you_mean

MAX_BYTES = 2_000_000
_TIMING = re.compile(r"\[\+(\d+(?:\.\d+)?)s\]\s*")
_TIMING_LIKE = re.compile(r"\[[^\]]*\]")


def parse_replies(text: str, path: str = "<replies>") -> list[Entry]:
    entries: list[Entry] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r\n")
        stripped = line.lstrip()
        if not stripped:
            continue
        offset = len(line) - len(stripped)
        seconds: float | None = None
        match = _TIMING.match(stripped)
        if match:
            seconds = float(match.group(1))
            offset += match.end()
            stripped = stripped[match.end() :]
        elif stripped.startswith("[+") or (
            stripped.startswith("[") and _TIMING_LIKE.match(stripped) and "s]" in stripped[:12]
        ):
            raise RepliesError(
                Location(path, number, offset + 1),
                f"cannot read the timing prefix in {stripped.split(']')[0]}]",
                "write it as [+42s]: a plus sign, the seconds, then 's'",
                "R001",
            )
        if not stripped.strip():
            raise RepliesError(
                Location(path, number, offset + 1),
                "a timing prefix with no reply after it",
                "write the reply after the prefix, e.g. [+12s] I understand…",
                "R002",
            )
        entries.append(_entry(stripped.strip(), seconds, path, number, offset + 1))
    return entries


def _entry(text: str, seconds: float | None, path: str, number: int, column: int) -> Entry:
    if not text.startswith("/"):
        return Entry(text=text, seconds=seconds, line=number)
    name, target, note = parse_command(text)
    if name not in COMMANDS:
        hint = did_you_mean(name, COMMANDS) or "commands: /escalate TARGET note…, /hold, /end"
        raise RepliesError(
            Location(path, number, column), f"unknown command '/{name}'", hint, "R003"
        )
    if name == "escalate":
        if target is None:
            raise RepliesError(
                Location(path, number, column),
                "/escalate needs a target",
                "write /escalate TARGET note…; targets: " + ", ".join(ESCALATION_TARGETS),
                "R004",
            )
        if target not in ESCALATION_TARGETS:
            target_col = column + text.index(target, len("/escalate"))
            hint = did_you_mean(target, ESCALATION_TARGETS) or "targets: " + ", ".join(
                ESCALATION_TARGETS
            )
            raise RepliesError(
                Location(path, number, target_col),
                f"unknown escalation target '{target}'",
                hint,
                "R005",
            )
    return Entry(text=text, seconds=seconds, command=name, target=target, note=note, line=number)


def load_replies(path: Path) -> list[Entry]:
    name = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise RepliesError(
            Location(name), "replies file not found", "check the path", "R010"
        ) from None
    except IsADirectoryError:
        raise RepliesError(
            Location(name), "is a folder, not a replies file", "name a text file", "R010"
        ) from None
    if len(data) > MAX_BYTES:
        raise RepliesError(
            Location(name), f"replies file is larger than {MAX_BYTES:,} bytes", "split it", "R011"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise RepliesError(
            Location(name, line, 1), "not valid UTF-8", "save the file as UTF-8", "R012"
        ) from None
    return parse_replies(text, name)
