"""Drive the real interactive prompt through pipe input, as a trainee would type."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path

from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console

from simulator.engine.clock import FakeClock
from simulator.engine.session import Session
from simulator.scenario.catalog import load_scenario
from simulator.store.results_store import ResultStore
from simulator.tui.frontend import Frontend, play_interactive

ROOT = Path(__file__).resolve().parents[2]
SCENARIO = "angry-mail-outage-en"


def good_lines() -> list[str]:
    text = (ROOT / "scenarios" / "replies" / f"{SCENARIO}.good.txt").read_text(encoding="utf-8")
    lines = [
        line.split("] ", 1)[1] if line.startswith("[+") else line for line in text.splitlines()
    ]
    return [line for line in lines if line.strip()]


def play_through_pipe(pipe: object, trainee: str, db: Path, console: Console) -> int:
    """The real interactive loop on the default scenario, typed through ``pipe``."""
    return play_interactive(
        scenario_ref=SCENARIO,
        trainee=trainee,
        seed=7,
        db=db,
        console=console,
        input=pipe,  # type: ignore[arg-type]
        output=DummyOutput(),
        clock=FakeClock(),
    )


def recording_console() -> Console:
    return Console(file=io.StringIO(), width=80, force_terminal=False, color_system=None)


def test_whole_scenario_through_the_prompt_to_the_debrief(tmp_path):
    console = recording_console()
    db = tmp_path / "results.sqlite3"
    with create_pipe_input() as pipe:
        pipe.send_text("/help\n/hint\n")
        for line in good_lines():
            pipe.send_text(line + "\n")
        code = play_through_pipe(pipe, "pipe-trainee", db, console)
    out = console.file.getvalue()  # type: ignore[attr-defined]
    assert code == 0
    assert "Briefing" in out and "/escalate TARGET" in out
    assert "Ms. Laura Chen" in out
    with ResultStore.open(db) as store:
        attempt = store.attempt(store.latest_attempt_id("pipe-trainee"))
    assert attempt.outcome == "resolved"
    assert len(attempt.turns) == len(good_lines())
    assert attempt.passed
    assert "empathy" in out.lower()  # the debrief names the dimensions


def test_ctrl_c_keeps_the_turns_so_far_and_they_are_gradable(tmp_path):
    console = recording_console()
    db = tmp_path / "results.sqlite3"
    first_two = good_lines()[:2]
    with create_pipe_input() as pipe:
        for line in first_two:
            pipe.send_text(line + "\n")
        pipe.send_text("\x03")  # Ctrl-C at the third prompt
        code = play_through_pipe(pipe, "interrupted", db, console)
    assert code == 130
    assert "incomplete" in console.file.getvalue()  # type: ignore[attr-defined]
    with ResultStore.open(db) as store:
        attempt = store.attempt(store.latest_attempt_id("interrupted"))
    assert attempt.status == "incomplete"
    assert [t.text for t in attempt.turns] == first_two
    assert attempt.overall is not None and not attempt.passed


def test_silence_brings_a_nudge_and_counts_against_timeliness():
    scenario = load_scenario(SCENARIO)
    clock = FakeClock()
    console = recording_console()
    session = Session(scenario, clock=clock, seed=7, mode="interactive")
    lines = good_lines()

    async def drive(pipe: object) -> None:
        await asyncio.sleep(0.05)
        clock.advance(scenario.timing.silence_after + 1)
        for _ in range(100):
            await asyncio.sleep(0.02)
            if session.nudges_this_turn:
                break
        assert session.nudges_this_turn == 1
        for line in lines:
            pipe.send_text(line + "\n")  # type: ignore[attr-defined]

    async def main(pipe: object) -> None:
        front = Frontend(session, console, input=pipe, output=DummyOutput(), tick=0.01)  # type: ignore[arg-type]
        result, _ = await asyncio.gather(front.run_async(), drive(pipe))
        return result

    with create_pipe_input() as pipe:
        result = asyncio.run(main(pipe))
    out = console.file.getvalue()  # type: ignore[attr-defined]
    assert any(nudge in out for nudge in scenario.timing.nudges)
    first = result.transcript.turns[0]
    assert first.silence_nudges == 1
    assert first.response_seconds > scenario.timing.first_reply_target
    timeliness = result.grade.score("timeliness")
    assert timeliness < 100


def test_a_mistyped_escalation_target_is_refused_without_costing_a_turn(tmp_path):
    console = recording_console()
    db = tmp_path / "results.sqlite3"
    with create_pipe_input() as pipe:
        pipe.send_text("/escalate second_lin mail down since nine\n")
        pipe.send_text("\x03")
        code = play_through_pipe(pipe, "typo", db, console)
    out = console.file.getvalue()  # type: ignore[attr-defined]
    assert code == 130
    assert "unknown escalation target 'second_lin' (did you mean 'second_line'?)" in out
    with ResultStore.open(db) as store:
        attempt = store.attempt(store.latest_attempt_id("typo"))
    assert attempt.turns == ()
