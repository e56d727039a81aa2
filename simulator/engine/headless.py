"""Headless play: a replies file drives a session from start to finish."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from scoring.transcript import Turn
from simulator.engine.clock import SystemClock
from simulator.engine.entry import Entry
from simulator.engine.recorder import Recorder
from simulator.engine.session import Session, SessionResult
from simulator.scenario.model import Scenario


class ScriptClock:
    """Wall time is real (for the records); elapsed time only moves as the script says."""

    def __init__(self) -> None:
        self._wall = SystemClock()
        self.seconds = 0.0

    def monotonic(self) -> float:
        return self.seconds

    def now(self) -> datetime:
        return self._wall.now()


@dataclass(frozen=True, slots=True)
class HeadlessRun:
    result: SessionResult
    opening: str
    ignored: tuple[Entry, ...]
    scenario: Scenario
    interrupted: bool = False
    trainee_id: str = ""


def play_entry(session: Session, clock: ScriptClock, entry: Entry) -> Turn | None:
    """Send one scripted entry after its ``[+Ns]``; the turn it made, or None when the
    customer had already ended the call (or hung up while waiting for it)."""
    if session.finished:
        return None
    if entry.seconds is not None:
        clock.seconds += entry.seconds
    before = len(session.turns)
    session.submit(entry)
    return session.turns[-1] if len(session.turns) > before else None


def play_script(
    scenario: Scenario,
    entries: Iterable[Entry],
    *,
    seed: int = 0,
    trainee_id: str = "trainee",
    recorder: Recorder | None = None,
) -> HeadlessRun:
    """Play every entry until the customer reaches a terminal state or the script ends."""
    clock = ScriptClock()
    session = Session(
        scenario, clock=clock, seed=seed, trainee_id=trainee_id, mode="headless", recorder=recorder
    )
    opening = session.open().text
    ignored: list[Entry] = []
    interrupted = False
    try:
        for entry in entries:
            if play_entry(session, clock, entry) is None:
                ignored.append(entry)
    except KeyboardInterrupt:
        interrupted = True  # every turn so far is recorded; grade the attempt as it stands
    return HeadlessRun(session.close(), opening, tuple(ignored), scenario, interrupted, trainee_id)


def run_to_json(run: HeadlessRun) -> dict[str, object]:
    """The `play --json` result (contract): ids, final state, scores, pass/fail, turns."""
    result, scenario = run.result, run.scenario
    grade = result.grade
    transcript = result.transcript
    return {
        "session_id": result.attempt_id,
        "scenario": scenario.id,
        "scenario_version": scenario.version,
        "version_hash": scenario.version_hash,
        "final_state": transcript.final_state,
        "outcome": transcript.outcome,
        "complete": transcript.complete,
        "graded": grade.graded,
        "scores": grade.scores(),
        "overall": grade.overall,
        "passed": grade.passed,
        "pass_mark": grade.pass_mark,
        "reasons": list(grade.reasons),
        "hints_used": transcript.hints_used,
        "opening": run.opening,
        "turns": [
            {
                "index": t.index,
                "text": t.text,
                "command": t.command,
                "target": t.target,
                "response_seconds": t.response_seconds,
                "signals": [s.to_json() for s in t.analysis.signals] if t.analysis else [],
                "state_before": t.state_before,
                "state_after": t.state_after,
                "mood_after": t.mood_after,
                "patience_after": t.patience_after,
                "customer_reply": t.customer_reply,
            }
            for t in transcript.turns
        ],
        "ignored_replies": len(run.ignored),
    }
