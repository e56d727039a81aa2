"""Text safety: the one filter for text from files and trainees before anyone reads it.

Scenario, walkthrough, replies and roster files, trainee replies and stored turns can
carry terminal control sequences (a title change, a screen clear, a cursor jump) or
invisible format characters. Every renderer (terminal, Markdown, HTML) and every
message that reaches a terminal (errors, lint findings, graphs) passes such text through
:func:`printable` or :func:`one_line` first. Pure: no I/O.
"""

from __future__ import annotations

import re

# Whole escape sequences first (CSI, OSC, DCS/SOS/PM/APC strings, two-byte ESC x), so
# their parameters do not survive as stray text; then any C0/C1 control and DEL.
_SEQUENCE = (
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x9b[0-?]*[ -/]*[@-~]"
    r"|[\x1b][\]P^_X][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|[\x90\x98\x9d\x9e\x9f][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -~]?"
)
_CONTROL = re.compile(_SEQUENCE + r"|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Bidirectional overrides and isolates reorder what follows them on screen.
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
_LINE_BREAKS = re.compile(r"\r\n|[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def printable(text: str) -> str:
    """``text`` without control or escape sequences; tabs and line breaks are kept."""
    return _BIDI.sub("", _CONTROL.sub("", _LINE_BREAKS.sub("\n", text)))


def one_line(text: str) -> str:
    """:func:`printable`, with every line break and tab turned into a space."""
    return printable(text).replace("\n", " ").replace("\t", " ")


def masked(text: str) -> str:
    """Every control character shown as '·', one for one, so character spans still fit."""
    return "".join(
        "·" if (ord(ch) < 32 and ch != "\t") or 0x7F <= ord(ch) <= 0x9F or _BIDI.match(ch) else ch
        for ch in text
    )


def quoted_name(text: str, limit: int = 80) -> str:
    """A name from a file, safe to put between quotes in a message (shortened if long)."""
    clean = one_line(text)
    return clean if len(clean) <= limit else clean[: limit - 1] + "…"


_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u2028\u2029]")


def json_terminal_safe(text: str) -> str:
    """JSON text with DEL, C1 controls and line separators written as ``\\uXXXX``.

    ``json.dumps(..., ensure_ascii=False)`` escapes C0 controls only; this keeps the data
    exactly as it was while no byte of it can drive a terminal.
    """
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
