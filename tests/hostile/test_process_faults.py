"""Faults only a real process shows: stdout on a full device or a closed pipe, Ctrl-C
(SIGINT) and kill -9 in the middle of headless and interactive play (in a pseudo-terminal).

The signal cases wait for the results database to show turns before they strike, then
check what a trainee and a trainer would find: exit 130 and a graded attempt after
Ctrl-C; an intact database with every recorded turn after kill -9.
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.hostile.harness import ROOT, Outcome, assert_clean, run_process
from tests.scenario_text import MINIMAL

REPLIES = ROOT / "scenarios" / "replies" / "angry-mail-outage-en.good.txt"

# A customer who never runs out of patience: the play lasts as long as the replies do.
ENDLESS = MINIMAL.replace(
    "patience: {start: 2}", "patience: {start: 20, no_progress: 0, silence: 0}"
)


@pytest.mark.parametrize(
    "args",
    [
        ["schema"],
        ["list"],
        ["lint", "angry-mail-outage-en"],
        ["graph", "angry-mail-outage-en"],
        ["play", "angry-mail-outage-en", "--replies", str(REPLIES), "--json"],
    ],
    ids=["schema", "list", "lint", "graph", "play-json"],
)
def test_stdout_on_a_full_device_is_a_message(args: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        outcome = run_process(args, stdout=full)
    assert outcome.code == 1, outcome.err
    assert "cannot write to standard output: the disk is full" in outcome.err


def test_play_json_on_a_full_device_still_keeps_the_attempt(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    args = ["play", "angry-mail-outage-en", "--replies", str(REPLIES), "--json", "--db", str(db)]
    with open("/dev/full", "wb") as full:
        assert run_process(args, stdout=full).code == 1
    with sqlite3.connect(db) as conn:
        assert conn.execute(
            "SELECT COUNT(*) FROM attempts WHERE overall IS NOT NULL"
        ).fetchone() == (1,)


@pytest.mark.parametrize(
    "args", [["schema"], ["export"], ["report", "--json"]], ids=["schema", "export", "report"]
)
def test_a_reader_that_stops_early_is_not_an_error(args: list[str], tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    run_process(["play", "angry-mail-outage-en", "--replies", str(REPLIES), "--db", str(db)])
    command = [sys.executable, "-m", "simulator", *args]
    if args[0] != "schema":
        command += ["--db", str(db)]
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env()
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.read(1)
        process.stdout.close()  # like `| head -c 1`
        err = process.stderr.read().decode()
        outcome = Outcome(process.wait(), "", err)
    assert_clean(outcome)
    assert outcome.code == 0, err


def _env() -> dict[str, str]:
    import os

    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT)
    return env


def _turns(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM turns").fetchone()[0])
    except sqlite3.Error:
        return 0  # not created yet


def _start_endless_play(tmp_path: Path) -> tuple[subprocess.Popen[bytes], Path]:
    scenario = tmp_path / "tiny-en.yaml"
    scenario.write_text(ENDLESS, encoding="utf-8")
    replies = tmp_path / "replies.txt"
    replies.write_text("[+3s] Let me look into that.\n" * 20_000, encoding="utf-8")
    db = tmp_path / "r.db"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "simulator",
            "play",
            str(scenario),
            "--replies",
            str(replies),
            "--db",
            str(db),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(),
    )
    while _turns(db) < 5:  # wait until the play is well under way (no time limit)
        assert process.poll() is None, process.stderr.read().decode() if process.stderr else ""
        time.sleep(0.05)
    return process, db


@pytest.mark.slow
def test_ctrl_c_in_headless_play_keeps_and_grades_the_attempt(tmp_path: Path) -> None:
    process, db = _start_endless_play(tmp_path)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate()
    outcome = Outcome(process.returncode, out.decode(), err.decode())
    assert_clean(outcome)
    assert outcome.code == 130, outcome.err
    assert "interrupted;" in outcome.err and "graded as they stand" in outcome.err
    with sqlite3.connect(db) as conn:
        ((graded, turns),) = conn.execute(
            "SELECT a.overall IS NOT NULL, (SELECT COUNT(*) FROM turns t WHERE t.attempt_id = a.id) "
            "FROM attempts a"
        ).fetchall()
    assert graded and turns >= 5


@pytest.mark.slow
@pytest.mark.parametrize("round_", range(5))
def test_kill_9_in_headless_play_loses_no_recorded_turn(round_: int, tmp_path: Path) -> None:
    process, db = _start_endless_play(tmp_path)
    process.kill()
    process.communicate()
    seen = _turns(db)
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        indexes = [i for (i,) in conn.execute("SELECT idx FROM turns ORDER BY idx")]
    assert seen >= 5
    assert indexes == list(range(indexes[0], indexes[0] + len(indexes)))  # none missing
    outcome = run_process(
        ["debrief", "--last", "--db", str(db), "--json"],
        env={"ROLEPLAY_SCENARIOS": str(tmp_path)},
    )
    assert outcome.code == 0, outcome.err  # the interrupted attempt is graded as it stands


@pytest.mark.parametrize("encoding", ["latin-1", "ascii"])
@pytest.mark.parametrize(
    "args",
    [["list"], ["lint", "angry-no-callback-zh"], ["graph", "angry-no-callback-zh"]],
    ids=["list", "lint", "graph"],
)
def test_a_terminal_that_cannot_show_chinese_gets_question_marks(
    encoding: str, args: list[str]
) -> None:
    outcome = run_process(args, env={"PYTHONIOENCODING": encoding})
    assert outcome.code == 0, outcome.err


def _interactive_until_killed(tmp_path: Path) -> tuple[Path, int]:
    """Interactive play in a pseudo-terminal: the next reply as soon as the last one is
    stored, until five are; then kill -9. Returns the database and the turns it showed
    just before the kill."""
    import os
    import pty
    import select

    scenario = tmp_path / "tiny-en.yaml"
    scenario.write_text(ENDLESS, encoding="utf-8")
    db = tmp_path / "r.db"
    command = [
        sys.executable,
        "-m",
        "simulator",
        "play",
        str(scenario),
        "--trainee",
        "t",
        "--db",
        str(db),
    ]
    pid, fd = pty.fork()
    if pid == 0:  # the child: the simulator on a terminal
        os.environ["PYTHONPATH"] = str(ROOT)
        os.execv(sys.executable, command)
    typed, screen, stored = 0, b"", 0
    try:
        while stored < 5:
            ready, _, _ = select.select([fd], [], [], 0.1)
            if ready:
                screen += os.read(fd, 65536)
            stored = _turns(db)
            if b"You" in screen and typed == stored:  # the prompt is up, the last reply stored
                os.write(fd, b"Let me look into that.\r")
                typed += 1
        stored = _turns(db)
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)
    return db, stored


@pytest.mark.slow
@pytest.mark.parametrize("round_", range(3))
def test_kill_9_in_interactive_play_loses_no_stored_turn(round_: int, tmp_path: Path) -> None:
    db, stored = _interactive_until_killed(tmp_path)
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        indexes = [i for (i,) in conn.execute("SELECT idx FROM turns ORDER BY idx")]
    assert len(indexes) >= stored >= 5  # every turn stored before the kill is still there
    assert indexes == list(range(1, len(indexes) + 1))
    outcome = run_process(
        ["debrief", "--last", "--db", str(db), "--json"], env={"ROLEPLAY_SCENARIOS": str(tmp_path)}
    )
    assert outcome.code == 0, outcome.err  # and the attempt is graded as it stands
