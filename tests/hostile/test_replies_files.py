"""Hostile replies files (headless play) and walkthrough files.

Every case: exit 1, the message and code, the file:line:column an editor would show (a
form feed or U+2028 inside a line does not move later lines), no traceback, nothing that
drives the terminal.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from simulator.engine.replies import MAX_BYTES
from tests.hostile.harness import ROOT, assert_terminal_safe, refuse_to_open, replies, run

Make = Callable[[Path, pytest.MonkeyPatch], Path]
GOOD = "Hello, I'm so sorry your mail is down.\n"


@dataclass(frozen=True)
class Case:
    id: str
    make: Make
    message: str
    position: str = ""  # ":line" or ":line:column"


def _text(text: str) -> Make:
    return lambda tmp, _mp: replies(tmp, text)


def _bytes(data: bytes) -> Make:
    def make(tmp: Path, _mp: pytest.MonkeyPatch) -> Path:
        (tmp / "replies.txt").write_bytes(data)
        return tmp / "replies.txt"

    return make


def _unreadable(tmp: Path, mp: pytest.MonkeyPatch) -> Path:
    return refuse_to_open(replies(tmp), mp)


def _special(kind: str) -> Make:
    def make(tmp: Path, _mp: pytest.MonkeyPatch) -> Path:
        path = tmp / "replies.txt"
        if kind == "folder":
            path.mkdir()
        elif kind == "loop":
            path.symlink_to(tmp / "other.txt")
            (tmp / "other.txt").symlink_to(path)
        elif kind == "device":
            path.symlink_to("/dev/zero")
        elif kind == "fifo":
            os.mkfifo(path)
        return path

    return make


CASES = [
    Case("missing", lambda tmp, _mp: tmp / "nowhere.txt", "[R010]: replies file not found"),
    Case("folder", _special("folder"), "[R010]: is a folder"),
    Case("no-permission", _unreadable, "[R010]: permission denied"),
    Case("symlink-loop", _special("loop"), "[R010]: too many levels of symbolic links"),
    Case("dev-zero", _special("device"), "[R010]: is a device, pipe or socket"),
    Case("fifo", _special("fifo"), "[R010]: is a device, pipe or socket"),
    Case("too-large", _text("x" * (MAX_BYTES + 1)), "[R011]"),
    Case("invalid-utf8", _bytes(GOOD.encode() + b"caf\xe9\n"), "[R012]", ":2:1"),
    Case("utf16", _bytes(GOOD.encode("utf-16")), "[R012]", ":1:1"),
    Case("400-digit-seconds", _text(GOOD + "[+" + "9" * 400 + "s] ok\n"), "[R001]", ":2:1"),
    Case("exponent-seconds", _text(GOOD + "[+1e400s] ok\n"), "[R001]", ":2:1"),
    Case("nan-seconds", _text(GOOD + "[+nans] ok\n"), "[R001]", ":2:1"),
    Case("more-than-a-day", _text(GOOD + "[+999999s] ok\n"), "[R006]", ":2:3"),
    Case("prefix-only", _text(GOOD + "[+5s]\n"), "[R002]", ":2:6"),
    Case("unknown-command", _text(GOOD + "  /escalte second_line note\n"), "[R003]: unknown command '/escalte'", ":2:3"),
    Case("escalate-no-target", _text(GOOD + "/escalate\n"), "[R004]", ":2:1"),
    Case("unknown-target", _text(GOOD + "/escalate tier9 note\n"), "[R005]: unknown escalation target 'tier9'", ":2:11"),
    Case("form-feed-in-line", _text("Hello,\x0cI'm sorry.\n/nope\n"), "[R003]", ":2:1"),
    Case("u2028-in-line", _text("Hello,\u2028I'm sorry.\n/nope\n"), "[R003]", ":2:1"),
    Case("nel-in-line", _text("Hello,\x85I'm sorry.\n/nope\n"), "[R003]", ":2:1"),
    Case("crlf", _text("Hello.\r\n\r\n  /nope\r\n"), "[R003]", ":3:3"),
    Case("escape-in-command", _text(GOOD + "/\x1b]0;pwned\x07x\n"), "[R003]: unknown command '/x'", ":2:1"),
    Case("clear-screen-in-target", _text(GOOD + "/escalate \x1b[2Jtier9 note\n"), "[R005]", ":2:11"),
    Case("c1-in-command", _text(GOOD + "/\x9b2Jx\n"), "[R003]", ":2:1"),
]  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_a_hostile_replies_file_is_a_clear_error(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = case.make(tmp_path, monkeypatch)
    scenario = ROOT / "scenarios" / "angry-mail-outage-en.yaml"
    db = tmp_path / "p.db"
    outcome = run(["play", str(scenario), "--replies", str(path), "--db", str(db)], capsys)
    assert outcome.code == 1, outcome.text
    assert case.message in outcome.err, outcome.err
    assert f"{path}{case.position}" in outcome.err, outcome.err
    assert_terminal_safe(outcome.err)


WALKTHROUGH = """\
scenario: {scenario}
name: hostile
seed: 7
turns:
  - say: "Good morning, I'm so sorry about your mail."
    seconds: {seconds}
expect:
  outcome: resolved
"""


@pytest.mark.parametrize(
    ("seconds", "code"),
    [
        (".nan", "E015"),
        (".inf", "E015"),
        ("-.inf", "E015"),
        ("1.0e+400", "E015"),
        ("1" * 5000, "E015"),
        ("1e400", "E104"),  # YAML reads 1e400 (no dot) as text: "must be a number"
    ],
    ids=["nan", "inf", "minus-inf", "1.0e+400", "5000-digits", "1e400"],
)
@pytest.mark.parametrize("command", ["test", "lint"])
def test_a_walkthrough_number_that_is_not_finite_names_its_position(
    seconds: str, code: str, command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scenario = ROOT / "scenarios" / "angry-mail-outage-en.yaml"
    path = tmp_path / "x.walkthrough.yaml"
    path.write_text(WALKTHROUGH.format(scenario=scenario, seconds=seconds), encoding="utf-8")
    outcome = run([command, str(path)], capsys)
    assert outcome.code == 1, outcome.text
    assert f"{path}:6:14: error [{code}]" in outcome.text, outcome.text


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x9b"], ids=["nul", "esc", "c1"])
def test_a_control_character_in_a_walkthrough_names_its_position(
    char: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "x.walkthrough.yaml"
    text = WALKTHROUGH.format(scenario="angry-mail-outage-en", seconds=3).replace(
        "name: hostile", f"name: host{char}ile"
    )
    path.write_text(text, encoding="utf-8")
    outcome = run(["lint", str(path)], capsys)
    assert outcome.code == 1
    assert f"{path}:2:11: error [E007]" in outcome.out, outcome.out
    assert_terminal_safe(outcome.text)
