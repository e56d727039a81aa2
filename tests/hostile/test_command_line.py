"""Hostile command lines, rosters and results databases: messages and exit codes.

The exit-code table (README): 0 done, 1 invalid input or not found, 2 a wrong command
line, 70 an unforeseen failure (with a crash report), 130 interrupted.
"""

from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest

from simulator.cli import main
from tests.hostile.harness import ROOT, assert_terminal_safe, run

REPLIES = ROOT / "scenarios" / "replies" / "angry-mail-outage-en.good.txt"


@pytest.fixture
def database(capsys: pytest.CaptureFixture[str]) -> Path:
    """The default results database with one attempt by trainee 'hostile' in cohort 'spring'."""
    assert main(["play", "angry-mail-outage-en", "--replies", str(REPLIES), "--json"]) == 0
    roster = Path("roster.csv")
    roster.write_text("trainee_id,display_name,cohort\nhostile,Host,spring\n", encoding="utf-8")
    assert main(["trainees", "import", str(roster)]) == 0
    capsys.readouterr()
    return Path(os.environ["ROLEPLAY_DB"])


@dataclass(frozen=True)
class Case:
    id: str
    args: list[str]
    code: int
    message: str


PLAY = ["play", "angry-mail-outage-en", "--replies", str(REPLIES)]
CASES = [
    Case("seed-10**30", [*PLAY, "--seed", str(10**30)], 2, "use a whole number from 0 to"),
    Case("seed-negative", [*PLAY, "--seed", "-1"], 2, "use a whole number from 0 to"),
    Case("seed-5000-digits", [*PLAY, "--seed", "9" * 5000], 2, "is not a whole number"),
    Case("debrief-10**23", ["debrief", str(10**23)], 1, "there is no attempt"),
    Case("debrief-unknown-id", ["debrief", "999"], 1, "there is no attempt 999"),
    Case("debrief-superscript-digit", ["debrief", "²"], 1, "neither a session id nor a transcript file"),
    Case("debrief-folder", ["debrief", "."], 1, "is a folder, not a file"),
    Case("debrief-dev-zero", ["debrief", "/dev/zero"], 1, "is a device, pipe or socket"),
    Case("until-9999-12-31", ["export", "--until", "9999-12-31"], 2, "outside the years 1900 to 9998"),
    Case("since-year-1-east-of-utc", ["export", "--since", "0001-01-01T00:00+01:00"], 2, "outside the years"),
    Case("since-not-a-date", ["report", "--since", "yesterday"], 2, "is not a date"),
    Case("home-page-unclosed-bracket", ["export", "--format", "xapi", "--home-page", "http://["], 2, "is not a valid address"),
    Case("home-page-not-http", ["export", "--format", "xapi", "--home-page", "ftp://x"], 2, "not an absolute http(s) address"),
    Case("report-unknown-cohort", ["report", "--cohort", "sprng"], 1, "no cohort 'sprng'"),
    Case("export-unknown-cohort", ["export", "--cohort", "nosuch"], 1, "no cohort 'nosuch'"),
    Case("report-unknown-trainee", ["report", "--trainee", "hostle"], 1, "did you mean 'hostile'?"),
    Case("unknown-scenario", ["play", "angry-mail-outage", "--replies", str(REPLIES)], 1, "did you mean"),
    Case("lint-missing", ["lint", "no/such/file.yaml"], 1, "file not found"),
    Case("test-missing", ["test", "no/such/folder"], 1, "no such walkthrough"),
    Case("unknown-option", ["report", "--colour"], 2, "unrecognized arguments"),
    Case("escape-in-option", ["report", "--\x1b]0;pwned\x07"], 2, "unrecognized arguments"),
]  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_a_hostile_command_line_is_a_clear_error(
    case: Case, database: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    try:
        outcome = run(case.args, capsys)
    except SystemExit as exc:  # argparse's own usage errors
        captured = capsys.readouterr()
        assert exc.code == case.code
        assert "Traceback" not in captured.err
        assert case.message in captured.err, captured.err
        assert_terminal_safe(captured.err)
        return
    assert outcome.code == case.code, outcome.text
    assert case.message in outcome.text, outcome.text
    assert_terminal_safe(outcome.text)


def test_report_cohort_did_you_mean(database: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outcome = run(["report", "--cohort", "sprng"], capsys)
    assert "did you mean 'spring'?" in outcome.err


@pytest.mark.parametrize(
    "args",
    [
        ["debrief", "999", "--json"],
        ["report", "--cohort", "nosuch", "--json"],
        ["export", "--json", "--trainee", "x"],
    ],
    ids=["debrief", "report", "export"],
)
def test_json_errors_are_json(
    args: list[str], database: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outcome = run(args, capsys)
    assert outcome.code == 1
    error = json.loads(outcome.out)["error"]
    assert error["exit_code"] == 1
    assert error["message"]


ROSTERS = {
    "utf16": ("trainee_id,cohort\nann,spring\n".encode("utf-16"), "not UTF-8"),
    "invalid-utf8": (b"trainee_id,cohort\nann,caf\xe9\n", "not UTF-8"),
    "field-over-128k": (b'trainee_id,cohort\nann,"' + b"x" * 140_000 + b'"\n', "cannot read the roster as CSV"),
    "nul-byte": (b"trainee_id,cohort\nann,\x00\n", "the cohort holds control characters"),
    "no-id-column": (b"name;cohort\nann;spring\n", "no trainee_id column"),
    "escape-in-id": (b"trainee_id\n\x1b]0;pwned\x07ann\n", "missing or unusable trainee_id"),
}  # fmt: skip


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("fifo", "is a device, pipe or socket"),
        ("folder", "is a folder"),
        ("missing", "file not found"),
    ],
)
def test_a_roster_that_is_not_a_file_is_a_clear_error(
    kind: str, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roster = tmp_path / "roster.csv"
    if kind == "fifo":
        os.mkfifo(roster)  # opening it for reading would wait for a writer forever
    elif kind == "folder":
        roster.mkdir()
    outcome = run(["trainees", "import", str(roster)], capsys)
    assert outcome.code == 1, outcome.text
    assert message in outcome.err, outcome.err


@pytest.mark.parametrize("kind", sorted(ROSTERS))
def test_a_hostile_roster_is_a_clear_error(
    kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data, message = ROSTERS[kind]
    roster = tmp_path / "roster.csv"
    roster.write_bytes(data)
    outcome = run(["trainees", "import", str(roster)], capsys)
    assert outcome.code == 1, outcome.text
    assert message in outcome.err, outcome.err
    assert str(roster) in outcome.err


@pytest.mark.parametrize(
    ("tamper", "message"),
    [
        ("UPDATE schema_info SET version = 'abc'", "is not a number: the file was altered"),
        ("UPDATE schema_info SET version = 99", "newer than this roleplay understands"),
        ("UPDATE schema_info SET application = 'other'", "not a roleplay results database"),
        ("UPDATE turns SET data = '[1, 2]'", "has an unreadable turn"),
        ("UPDATE turns SET data = 'not json'", "has an unreadable turn"),
        ("DROP TABLE schema_info", "belongs to another program"),
    ],
    ids=[
        "version-text",
        "version-future",
        "foreign-application",
        "turn-a-list",
        "turn-not-json",
        "no-schema",
    ],
)
@pytest.mark.parametrize(
    "command", [["debrief", "--last"], ["export", "--include-transcripts"], ["report"]]
)
def test_an_altered_results_database_is_a_clear_error(
    tamper: str,
    message: str,
    command: list[str],
    database: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with sqlite3.connect(database) as conn:
        conn.execute(tamper)
    outcome = run(command, capsys)
    if "turn" in tamper and command == ["report"]:
        assert outcome.code == 0  # the report reads no turns
        return
    assert outcome.code == 1, outcome.text
    assert message in outcome.err, outcome.err


def test_an_unforeseen_failure_is_one_line_and_a_crash_report(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import simulator.commands.schema as schema_command

    def broken(_args: object) -> int:
        raise RuntimeError("a bug nobody foresaw")

    monkeypatch.setattr(schema_command, "run", broken)
    code = main(["schema"])
    err = capsys.readouterr().err
    assert code == 70
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    report = Path(err.split("The full report is in ")[1].split(" — ")[0])
    assert report.is_relative_to(Path(os.environ["XDG_CACHE_HOME"]))
    text = report.read_text(encoding="utf-8")
    assert "Traceback" in text and "a bug nobody foresaw" in text and "roleplay schema" in text


@pytest.mark.parametrize("raised", [KeyboardInterrupt, EOFError], ids=["ctrl-c", "ctrl-d"])
def test_ctrl_c_or_ctrl_d_at_the_trainee_id_question(
    raised: type[BaseException], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from prompt_toolkit import PromptSession

    def interrupted(*_args: object, **_kwargs: object) -> str:
        raise raised

    monkeypatch.delenv("ROLEPLAY_TRAINEE")
    monkeypatch.setattr(PromptSession, "prompt", interrupted)
    outcome = run(["play", "angry-mail-outage-en"], capsys)
    assert outcome.code == 130
    assert "nothing more was done" in outcome.err


@pytest.mark.parametrize("raised", [KeyboardInterrupt, EOFError], ids=["ctrl-c", "ctrl-d"])
def test_ctrl_c_or_ctrl_d_at_the_scenario_chooser(
    raised: type[BaseException], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from prompt_toolkit import PromptSession

    def interrupted(*_args: object, **_kwargs: object) -> str:
        raise raised

    monkeypatch.setattr(PromptSession, "prompt", interrupted)
    outcome = run(["play"], capsys)
    assert outcome.code == 130
    assert "nothing more was done" in outcome.err


def test_stdin_that_is_not_utf8_is_a_message(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io
    import sys

    monkeypatch.setattr(
        sys, "stdin", io.TextIOWrapper(io.BytesIO(b"caf\xe9 sorry\n"), encoding="utf-8")
    )
    outcome = run(["check", "--lang", "en"], capsys)
    assert outcome.code == 1
    assert "standard input is not UTF-8 text" in outcome.err


@pytest.mark.parametrize(
    ("raised", "code", "message"),
    [
        (UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte"), 1, "not valid UTF-8"),
        (IsADirectoryError(21, "Is a directory", "some/folder"), 1, "some/folder: is a folder"),
        (PermissionError(13, "Permission denied", "x.csv"), 1, "x.csv: permission denied"),
        (KeyboardInterrupt(), 130, "interrupted"),
    ],
    ids=["decode", "folder", "permission", "interrupt"],
)
def test_the_boundary_turns_stray_failures_into_messages(
    raised: BaseException,
    code: int,
    message: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import simulator.commands.schema as schema_command

    def failing(_args: object) -> int:
        raise raised

    monkeypatch.setattr(schema_command, "run", failing)
    outcome = run(["schema"], capsys)
    assert outcome.code == code
    assert message in outcome.err
