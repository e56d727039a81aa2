"""The replies file of headless play: one trainee turn per non-empty line.

A line may start with ``[+Ns]`` (seconds the trainee took); a line starting with ``/``
is a command: ``/escalate TARGET note…``, ``/hold``, ``/end`` (checked by
:func:`simulator.engine.entry.read_entry`, as in the terminal).

Lines end at ``\\n`` only (``\\r\\n`` too): a form feed or U+2028 inside a line is part
of the line, so every position matches what an editor shows.
"""

from __future__ import annotations

import re
from pathlib import Path

from simulator.engine.entry import Entry, EntryError, read_entry
from simulator.errors import InputFileError, Location, RepliesError
from simulator.input_file import read_limited

MAX_BYTES = 2_000_000
MAX_SECONDS = 24 * 3600
_TIMING = re.compile(r"\[\+(\d{1,9}(?:\.\d{1,9})?)s\]\s*")
_TIMING_LIKE = re.compile(r"\[[^\]]*\]")


def parse_replies(text: str, path: str = "<replies>") -> list[Entry]:
    entries: list[Entry] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.removesuffix("\r")
        stripped = line.lstrip()
        if not stripped:
            continue
        offset = len(line) - len(stripped)
        seconds: float | None = None
        match = _TIMING.match(stripped)
        if match:
            seconds = float(match.group(1))
            if seconds > MAX_SECONDS:
                raise RepliesError(
                    Location(path, number, offset + 3),
                    f"{match.group(1)} seconds is more than a day",
                    f"give the seconds the trainee took, at most {MAX_SECONDS}",
                    "R006",
                )
            offset += match.end()
            stripped = stripped[match.end() :]
        elif stripped.startswith("[+") or (
            stripped.startswith("[") and _TIMING_LIKE.match(stripped) and "s]" in stripped[:12]
        ):
            raise RepliesError(
                Location(path, number, offset + 1),
                f"cannot read the timing prefix in {stripped.split(']')[0][:40]}]",
                f"write it as [+42s]: a plus sign, the seconds (at most {MAX_SECONDS}), then 's'",
                "R001",
            )
        if not stripped.strip():
            raise RepliesError(
                Location(path, number, offset + 1),
                "a timing prefix with no reply after it",
                "write the reply after the prefix, e.g. [+12s] I understand…",
                "R002",
            )
        body = stripped.rstrip()
        try:
            entries.append(read_entry(body, seconds, line=number))
        except EntryError as exc:
            column = offset + 1 + exc.offset
            raise RepliesError(
                Location(path, number, column), exc.message, exc.hint, exc.code
            ) from None
    return entries


def load_replies(path: Path) -> list[Entry]:
    name = str(path)
    try:
        data = read_limited(path, MAX_BYTES, "replies file")
    except InputFileError as exc:
        code = "R011" if exc.kind == "too_large" else "R010"
        message = "replies file not found" if exc.kind == "missing" else exc.message
        raise RepliesError(Location(name), message, exc.hint, code) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise RepliesError(
            Location(name, line, 1), "not valid UTF-8", "save the file as UTF-8", "R012"
        ) from None
    return parse_replies(text, name)
