"""A Chinese trainee sees Chinese: a whole play through the real prompt, at 80 columns.

The play (briefing, /help, /hint, /brief, the customer's lines, the stop or the debrief)
is rendered with a catalog that records every message it cannot translate, and the
output is searched for Latin words that are neither identifiers nor the scenario's or
the trainee's own words. Golden files show the screens; regenerate with
``UPDATE_GOLDEN=1`` and review the diff.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from prompt_toolkit.formatted_text import to_plain_text
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console

from scoring.message import Words
from simulator.engine.clock import FakeClock
from simulator.engine.session import Session
from simulator.scenario.catalog import load_scenario
from simulator.tui.frontend import Frontend, play_interactive
from tests.chinese_text import ROOT, content_words, english_left, strict_words

SCENARIO = "angry-no-callback-zh"
GOLDEN = ROOT / "tests" / "golden"
TRAINEE = "王小明"


def replies() -> list[str]:
    text = (ROOT / "scenarios" / "replies" / f"{SCENARIO}.good.txt").read_text(encoding="utf-8")
    lines = [
        line.split("] ", 1)[1] if line.startswith("[+") else line for line in text.splitlines()
    ]
    return [line for line in lines if line.strip()]


def allowed() -> set[str]:
    return content_words(
        ROOT / "scenarios" / f"{SCENARIO}.yaml",
        ROOT / "scenarios" / "replies" / f"{SCENARIO}.good.txt",
    ) | {TRAINEE}


def check_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs from the golden file"


def screen() -> Console:
    return Console(file=io.StringIO(), width=80, height=24, force_terminal=False, color_system=None)


def _play(tmp_path: Path, typed: str, words: Words) -> tuple[int, str]:
    """Play the scenario through the real prompt with ``typed`` as the keyboard; (exit code, screen)."""
    console = screen()
    with create_pipe_input() as pipe:
        pipe.send_text(typed)
        code = play_interactive(
            scenario_ref=SCENARIO,
            trainee=TRAINEE,
            seed=7,
            db=tmp_path / "results.sqlite3",
            console=console,
            input=pipe,
            output=DummyOutput(),
            clock=FakeClock(),
            words=words,
        )
    return code, console.file.getvalue()  # type: ignore[attr-defined]


@pytest.mark.parametrize("language", ["zh_Hans", "zh_Hant"])
def test_a_chinese_play_through_the_prompt_has_no_english(tmp_path: Path, language: str) -> None:
    words, catalog = strict_words(language)
    typed = "/help\n/brief\n\n/hint\n/brief\n\n"  # help and briefing, ready, …
    code, out = _play(tmp_path, typed + "".join(line + "\n" for line in replies()), words)
    assert code == 0
    assert catalog.missing == []
    assert english_left(out, allowed()) == []
    assert "学员：王小明" in out or "學員：王小明" in out
    # the scenario is written in simplified characters; a traditional reader reads it in theirs
    title = "報修三天沒人回電話" if language == "zh_Hant" else "报修三天没人回电话"
    assert title in out
    check_golden(f"play_{SCENARIO}_{language}_80.txt", out)


@pytest.mark.parametrize("language", ["zh_Hans", "zh_Hant"])
def test_stopping_and_a_mistyped_command_are_said_in_chinese(tmp_path: Path, language: str) -> None:
    words, catalog = strict_words(language)
    code, out = _play(tmp_path, "\n/escalate second_lin 说明\n/frobnicate\n/escalate\n\x03", words)
    assert code == 130
    assert catalog.missing == []
    assert english_left(out, allowed() | {"second_lin", "frobnicate"}) == []
    assert "second_line" in out  # the did-you-mean names the target


@pytest.mark.parametrize("language", ["zh_Hans", "zh_Hant"])
def test_the_bottom_bar_is_chinese_and_names_the_trainee(language: str) -> None:
    words, catalog = strict_words(language)
    session = Session(load_scenario(SCENARIO), clock=FakeClock(), trainee_id=TRAINEE)
    session.open()
    bar = to_plain_text(Frontend(session, screen(), words=words).toolbar())
    assert catalog.missing == []
    assert TRAINEE in bar
    assert english_left(bar) == []


def test_a_narrow_bottom_bar_keeps_the_essentials() -> None:
    words, _ = strict_words("zh_Hans")
    session = Session(load_scenario(SCENARIO), clock=FakeClock(), trainee_id=TRAINEE)
    session.open()
    narrow = Console(file=io.StringIO(), width=60, force_terminal=False, color_system=None)
    bar = to_plain_text(Frontend(session, narrow, words=words).toolbar())
    assert TRAINEE in bar and "耐心" in bar and "/help" not in bar
    wide = to_plain_text(Frontend(session, screen(), words=words).toolbar())
    assert "/help" in wide
