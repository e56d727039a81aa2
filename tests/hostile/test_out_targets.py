"""`--out` for every command that writes a file, against every target it must refuse.

The results database (by the path the store was opened with, its journal files, or any
SQLite file), a device, a folder and a missing folder: never overwritten, a clear message,
the right exit code. `-` is standard output everywhere. A full disk while writing leaves
the old file as it was and no temporary file behind.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from simulator.cli import main
from tests.hostile.harness import ROOT, run, run_process

COMMANDS: dict[str, list[str]] = {
    "report-text": ["report", "-q"],
    "report-html": ["report", "--format", "html", "-q"],
    "report-json": ["report", "--json", "-q"],
    "debrief-text": ["debrief", "--last"],
    "debrief-md": ["debrief", "--last", "--format", "md"],
    "debrief-html": ["debrief", "--last", "--format", "html"],
    "export-csv": ["export", "-q"],
    "export-xlsx": ["export", "--format", "xlsx", "-q"],
    "export-xapi": ["export", "--format", "xapi", "-q"],
    "graph": ["graph", "angry-mail-outage-en"],
    "schema": ["schema"],
}


@pytest.fixture
def database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The default results database (ROLEPLAY_DB) with one played attempt."""
    db = Path(os.environ["ROLEPLAY_DB"])
    replies = ROOT / "scenarios" / "replies" / "angry-mail-outage-en.good.txt"
    assert main(["play", "angry-mail-outage-en", "--replies", str(replies), "--json"]) == 0
    capsys.readouterr()
    return db


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


Target = Callable[[Path, Path], Path]
TARGETS: dict[str, tuple[Target, int, str]] = {
    "results-database": (lambda tmp, db: db, 2, "this is the results database"),
    "its-journal": (lambda tmp, db: db.with_name(db.name + "-wal"), 2, "this is the results database"),
    "database-via-symlink": (lambda tmp, db: _link(tmp / "scores.csv", db), 2, "results database"),
    "another-sqlite-file": (lambda tmp, db: _copy(db, tmp / "notes.txt"), 2, "is an SQLite database"),
    "dev-null": (lambda tmp, db: Path("/dev/null"), 2, "is a device, pipe or socket"),
    "dev-full": (lambda tmp, db: Path("/dev/full"), 2, "is a device, pipe or socket"),
    "folder": (lambda tmp, db: tmp, 2, "is a folder"),
    "missing-folder": (lambda tmp, db: tmp / "no" / "such" / "out.txt", 1, "does not exist"),
}  # fmt: skip


def _link(link: Path, target: Path) -> Path:
    link.symlink_to(target)
    return link


def _copy(source: Path, dest: Path) -> Path:
    dest.write_bytes(source.read_bytes())
    return dest


@pytest.mark.parametrize("target", sorted(TARGETS))
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_out_never_overwrites_what_it_must_not(
    command: str,
    target: str,
    database: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    make, code, message = TARGETS[target]
    out = make(tmp_path, database)
    before = _digest(database)
    mode = out.stat().st_mode if out.exists() else None
    outcome = run([*COMMANDS[command], "--out", str(out)], capsys)
    assert outcome.code == code, outcome.text
    assert message in outcome.err, outcome.err
    assert _digest(database) == before
    if mode is not None:
        assert out.stat().st_mode == mode  # a device stays a device
    assert not list(tmp_path.glob(".*.part"))


@pytest.mark.parametrize("command", sorted(set(COMMANDS) - {"export-xlsx"}))
def test_out_dash_is_standard_output(
    command: str, database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outcome = run([*COMMANDS[command], "--out", "-"], capsys)
    assert outcome.code == 0, outcome.text
    assert outcome.out
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_full_disk_while_writing_keeps_the_old_file(
    command: str,
    database: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "result.out"
    out.write_text("the previous version\n", encoding="utf-8")

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    outcome = run([*COMMANDS[command], "--out", str(out)], capsys)
    assert outcome.code == 1, outcome.text
    assert "the disk is full" in outcome.err
    assert out.read_text(encoding="utf-8") == "the previous version\n"
    assert not list(tmp_path.glob(".*.part"))


def test_a_new_output_file_is_private_and_an_old_one_keeps_its_mode(
    database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new, old = tmp_path / "new.csv", tmp_path / "old.csv"
    old.write_text("x\n", encoding="utf-8")
    old.chmod(0o644)
    for out in (new, old):
        assert run(["export", "-q", "--out", str(out)], capsys).code == 0
    assert stat.S_IMODE(new.stat().st_mode) == 0o600
    assert stat.S_IMODE(old.stat().st_mode) == 0o644


def test_out_dash_writes_a_workbook_to_standard_output(database: Path, tmp_path: Path) -> None:
    target = tmp_path / "book.xlsx"
    with target.open("wb") as handle:
        outcome = run_process([*COMMANDS["export-xlsx"], "--out", "-"], stdout=handle)
    assert outcome.code == 0, outcome.err
    assert target.read_bytes()[:2] == b"PK"
    assert not (tmp_path / "-").exists()
