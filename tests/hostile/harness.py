"""Running `roleplay` against hostile input and checking what a user would see.

:func:`run` calls the CLI in this process (fast); :func:`run_process` starts the
installed entry point (``python -m simulator``) for what needs a real process: stdout on
a full device, a closed pipe, a signal. Both check the one promise every case shares:
no traceback, no "Exception ignored", and no crash report for a case we foresaw.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from simulator.cli import main
from tests.scenario_text import MINIMAL

ROOT = Path(__file__).resolve().parents[2]
ESC_TITLE = "\x1b]0;pwned\x07"  # sets the terminal window's title
ESC_CLEAR = "\x1b[2J\x1b[H"  # clears the screen
C1_CSI = "\x9b2J"  # the same through the one-byte C1 introducer


@dataclass(frozen=True)
class Outcome:
    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err


def assert_clean(outcome: Outcome, *, crash_expected: bool = False) -> None:
    for stream in (outcome.out, outcome.err):
        assert "Traceback" not in stream, stream
        assert "Exception ignored" not in stream, stream
    if not crash_expected:
        assert "unexpected error" not in outcome.err, outcome.err
        assert outcome.code != 70, outcome.err


def assert_terminal_safe(text: str) -> None:
    """Nothing that could drive a terminal: no ESC, no C0 (but tab/newline), no C1."""
    bad = [c for c in text if (ord(c) < 32 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F]
    assert not bad, f"control characters reached the terminal: {bad!r}"


def refuse_to_open(path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Make opening ``path`` fail with EACCES (tests also run as root, where chmod 000
    does not stop reading)."""
    real_open = os.open

    def refuse(file: object, *args: object, **kwargs: object) -> int:
        if str(file) == str(path):
            raise PermissionError(errno.EACCES, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refuse)
    return path


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> Outcome:
    code = main(args)
    captured = capsys.readouterr()
    outcome = Outcome(code, captured.out, captured.err)
    assert_clean(outcome)
    return outcome


def run_process(
    args: list[str],
    *,
    stdin: Any = subprocess.DEVNULL,
    stdout: Any = subprocess.PIPE,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
) -> Outcome:
    full_env = dict(os.environ)
    full_env.update(env or {})
    full_env["PYTHONPATH"] = str(ROOT)
    done = subprocess.run(
        [sys.executable, "-m", "simulator", *args],
        stdin=stdin,
        stdout=stdout,
        stderr=subprocess.PIPE,
        env=full_env,
        cwd=cwd,
        check=False,
    )
    out = done.stdout.decode("utf-8", "replace") if isinstance(done.stdout, bytes) else ""
    outcome = Outcome(done.returncode, out, done.stderr.decode("utf-8", "replace"))
    assert_clean(outcome)
    return outcome


def scenario(
    tmp_path: Path, text: str = MINIMAL, name: str = "tiny-en.yaml", raw: bytes | None = None
) -> Path:
    path = tmp_path / name
    path.write_bytes(raw if raw is not None else text.encode("utf-8"))
    return path


def replies(tmp_path: Path, text: str = "Hello, I'm sorry about that.\n") -> Path:
    path = tmp_path / "replies.txt"
    path.write_text(text, encoding="utf-8")
    return path


def play(tmp_path: Path, scenario_path: Path | str, replies_path: Path | str) -> list[str]:
    return [
        "play",
        str(scenario_path),
        "--replies",
        str(replies_path),
        "--db",
        str(tmp_path / "play.sqlite3"),
    ]
