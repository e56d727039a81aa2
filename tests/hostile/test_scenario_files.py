"""Hostile scenario files, each given to `play --replies`, `lint` and `graph`.

Every case: the right exit code, a message that names the problem (and its
file:line:column where there is one), no traceback, and nothing that drives the terminal.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.hostile.harness import (
    ESC_CLEAR,
    assert_terminal_safe,
    refuse_to_open,
    replies,
    run,
    scenario,
)
from tests.scenario_text import MINIMAL

Make = Callable[[Path, pytest.MonkeyPatch], Path]


@dataclass(frozen=True)
class Case:
    id: str
    make: Make
    message: str  # a fragment the message must contain
    marker: str = ""  # the message must name file:line:column of this text in the file
    lint: bool = True  # lint takes folders as input (it lints what is inside): not for lint


def _text(text: str) -> Make:
    return lambda tmp, _mp: scenario(tmp, text)


def _raw(data: bytes) -> Make:
    return lambda tmp, _mp: scenario(tmp, raw=data)


def at(text: str, marker: str) -> str:
    """ ":line:column" of the first ``marker`` in ``text`` (1-based, as editors count)."""
    index = text.index(marker)
    line = text.count("\n", 0, index) + 1
    return f":{line}:{index - (text.rfind(chr(10), 0, index) + 1) + 1}"


def _missing(tmp: Path, _mp: pytest.MonkeyPatch) -> Path:
    return tmp / "nowhere.yaml"


def _folder(tmp: Path, _mp: pytest.MonkeyPatch) -> Path:
    (tmp / "folder.yaml").mkdir()
    return tmp / "folder.yaml"


def _unreadable(tmp: Path, mp: pytest.MonkeyPatch) -> Path:
    return refuse_to_open(scenario(tmp), mp)


def _loop(tmp: Path, _mp: pytest.MonkeyPatch) -> Path:
    (tmp / "a.yaml").symlink_to(tmp / "b.yaml")
    (tmp / "b.yaml").symlink_to(tmp / "a.yaml")
    return tmp / "a.yaml"


def _device(tmp: Path, _mp: pytest.MonkeyPatch) -> Path:
    (tmp / "zero.yaml").symlink_to("/dev/zero")
    return tmp / "zero.yaml"


def _fifo(tmp: Path, _mp: pytest.MonkeyPatch) -> Path:
    os.mkfifo(tmp / "pipe.yaml")
    return tmp / "pipe.yaml"


def _replace(old: str, new: str) -> Make:
    assert old in MINIMAL
    return _text(MINIMAL.replace(old, new, 1))


def _big(tmp: Path, _mp: pytest.MonkeyPatch) -> Path:
    return scenario(tmp, raw=b"# " + b"x" * 10_000_000 + b"\n" + MINIMAL.encode())


BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
    f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
    for i in range(8)
)

CASES = [
    Case("missing", _missing, "file not found"),
    Case("folder", _folder, "is a folder", lint=False),
    Case("no-permission", _unreadable, "permission denied"),
    Case("symlink-loop", _loop, "symbolic links"),
    Case("dev-zero", _device, "is a device, pipe or socket"),
    Case("fifo", _fifo, "is a device, pipe or socket"),
    Case("ten-megabytes", _big, "[E002]"),
    Case("raw-nul", _replace("title: Tiny", "title: Ti\x00ny"), "U+0000", "\x00"),
    Case("raw-esc", _replace("title: Tiny", "title: " + ESC_CLEAR), "U+001B", "\x1b"),
    Case("raw-c1", _replace("title: Tiny", "title: Ti\x9bny"), "U+009B", "\x9b"),
    Case("invalid-utf8", _raw(MINIMAL.encode().replace(b"Tiny", b"T\xffny")), "[E003]"),
    Case("utf16", _raw(MINIMAL.encode("utf-16")), "[E003]"),
    Case("5000-digits", _replace("mood: 0", "mood: " + "9" * 5000), "[E015]", "9999"),
    Case("nan-reply-target", _replace("reply_target: 30", "reply_target: .nan"), "[E015]", ".nan"),
    Case("nan-silence", _replace("silence_after: 60", "silence_after: .nan"), "[E015]", ".nan"),
    Case("inf-first-reply", _replace("first_reply_target: 20", "first_reply_target: .inf"), "[E015]", ".inf"),
    Case("1e400", _replace("reply_target: 30", "reply_target: 1.0e+400"), "[E015]", "1.0e+400"),
    Case("nan-weight", _text(MINIMAL + "rubric:\n  weights: {empathy: .nan}\n"), "[E015]", ".nan"),
    Case("python-tag-mapping", _text(MINIMAL + "idle: !!python/object/new:os.system {a: 1}\n"), "[E012]", "!!python"),
    Case("unknown-tag-list", _text(MINIMAL + "idle: !shout [a, b]\n"), "[E012]", "!shout"),
    Case("binary-tag", _text(MINIMAL + "idle: !!binary aGVsbG8=\n"), "[E012]", "!!binary"),
    Case("alias-bomb", _text(BOMB), "[E005]"),
    Case("deep-nesting", _text("a: " + "[" * 5000), "[E004]"),
    Case("duplicate-key", _text(MINIMAL + "title: Again\n"), "[E011]", "title: Again"),
    Case("cycle-without-good-ending", _text(MINIMAL.replace("to: resolved", "to: opening")), "[E202]", "opening\npatience"),
    Case("escape-in-state-name", _replace("to: calmer", 'to: "calm\\e]0;pwned\\aer"'), "[E130]", '"calm'),
    Case("c1-in-fact-name", _replace("facts_restated: [no_mail]", 'facts_restated: ["no\\x9b2Jmail"]'), "[E122]", '"no\\x9b'),
    Case("escape-in-unknown-key", _text(MINIMAL + '"ti\\e[2Jtle": x\n'), "[E102]", '"ti'),
    Case("empty", _text(""), "[E013]"),
]  # fmt: skip

COMMANDS = {
    "play": lambda tmp, path: ["play", str(path), "--replies", str(replies(tmp)), "--db", str(tmp / "p.db")],
    "lint": lambda tmp, path: ["lint", str(path)],
    "graph": lambda tmp, path: ["graph", str(path)],
}  # fmt: skip


PAIRS = [
    (case, command)
    for case in CASES
    for command in sorted(COMMANDS)
    if case.lint or command != "lint"
]


@pytest.mark.parametrize(("case", "command"), PAIRS, ids=[f"{c.id}-{cmd}" for c, cmd in PAIRS])
def test_a_hostile_scenario_file_is_a_clear_error(
    case: Case,
    command: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = case.make(tmp_path, monkeypatch)
    outcome = run(COMMANDS[command](tmp_path, path), capsys)
    assert outcome.code == 1, outcome.text
    assert case.message in outcome.text, outcome.text
    where = str(path)
    if case.marker:
        where += at(path.read_text(encoding="utf-8"), case.marker)
    assert where in outcome.text, outcome.text
    assert_terminal_safe(outcome.text)
