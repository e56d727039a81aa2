"""Text from scenario files and trainees never drives the terminal, whatever prints it.

A valid scenario whose state names, lines and title carry escape sequences (written
with YAML escapes, so the file itself is clean), and replies that carry them raw: every
command's output (text and JSON) is free of ESC, C0 and C1 controls, and JSON output
still holds the exact text.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.hostile.harness import ESC_CLEAR, ESC_TITLE, assert_terminal_safe, run
from tests.scenario_text import MINIMAL

SHOUTY = (
    MINIMAL.replace("title: Tiny", 'title: "Tiny\\e]0;pwned\\a"')
    .replace("calmer", '"calm\\e[2Jer"')
    .replace('"Okay. What now?"', '"Okay.\\x9b2J What now?"')
    + '  - from: opening\n    on: greeting\n    to: "odd\\x9b31m"\n'
    + 'idle: ["Hello?\\e[5m"]\n'
)
SHOUTY = SHOUTY.replace(
    "states:\n",
    'states:\n  "odd\\x9b31m":\n    terminal: complaint_filed\n    lines: ["Bye\\e[8m", "Done."]\n',
    1,
)
REPLIES = (
    f"Hello{ESC_TITLE}, I'm so sorry your mail is down{ESC_CLEAR}.\n[+5s] I under\x9b2Jstand.\n"
)


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    scenario = tmp_path / "tiny-en.yaml"
    scenario.write_text(SHOUTY, encoding="utf-8")
    replies = tmp_path / "replies.txt"
    replies.write_text(REPLIES, encoding="utf-8")
    return scenario, replies


@pytest.mark.parametrize(
    "args",
    [["graph"], ["graph", "--format", "dot"], ["graph", "--json"], ["lint"], ["lint", "--json"]],
    ids=["mermaid", "dot", "graph-json", "lint", "lint-json"],
)
def test_scenario_names_never_reach_the_terminal_raw(
    args: list[str], files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    scenario, _ = files
    outcome = run([args[0], str(scenario), *args[1:]], capsys)
    assert outcome.code == 0, outcome.text
    assert_terminal_safe(outcome.text)


@pytest.mark.parametrize(
    "args",
    [[], ["--json"]],
    ids=["text", "json"],
)
def test_replies_never_reach_the_terminal_raw(
    args: list[str], files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scenario, replies = files
    db = tmp_path / "r.db"
    outcome = run(
        ["play", str(scenario), "--replies", str(replies), "--db", str(db), *args], capsys
    )
    assert outcome.code == 0, outcome.text
    assert_terminal_safe(outcome.text)
    if args:
        turns = json.loads(outcome.out)["turns"]
        assert turns[0]["text"] == REPLIES.splitlines()[0]  # JSON keeps the exact text


@pytest.mark.parametrize("fmt", ["text", "md", "html", "json"])
def test_a_debrief_of_hostile_text_is_terminal_safe(
    fmt: str,
    files: tuple[Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    scenario, replies = files
    monkeypatch.setenv("ROLEPLAY_SCENARIOS", str(tmp_path))
    db = tmp_path / "r.db"
    assert (
        run(["play", str(scenario), "--replies", str(replies), "--db", str(db)], capsys).code == 0
    )
    outcome = run(["debrief", "--last", "--db", str(db), "--format", fmt], capsys)
    assert outcome.code == 0, outcome.text
    assert_terminal_safe(outcome.text)
