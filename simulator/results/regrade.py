"""Regrading a stored or saved attempt with the current phrasebooks and rubric."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from scoring.grade import Grade
from scoring.transcript import Transcript, Turn
from simulator.engine.session import Analyze, default_analyze
from simulator.errors import Location, NotFoundError, RoleplayError, ScenarioError, UsageError
from simulator.input_file import read_limited
from simulator.scenario.model import Scenario
from simulator.store.disputes import Dispute
from simulator.store.results_store import AttemptRecord, ResultStore

TRANSCRIPT_FORMAT = "roleplay-transcript/1"
MAX_TRANSCRIPT_BYTES = 20_000_000


@dataclass(frozen=True, slots=True)
class Attempt:
    """An attempt to grade: where it came from, what was played, against which version."""

    source: str
    scenario_id: str
    played_hash: str
    transcript: Transcript
    record: AttemptRecord | None = None


@dataclass(frozen=True, slots=True)
class Regrade:
    attempt: Attempt
    scenario: Scenario
    transcript: Transcript
    grade: Grade
    scenario_changed: bool
    old_scores: dict[str, int]
    old_overall: int | None


def record_transcript(record: AttemptRecord) -> Transcript:
    return Transcript(
        lang=record.lang,
        turns=record.turns,
        final_state=record.final_state or (record.turns[-1].state_after if record.turns else ""),
        outcome=record.outcome,
        hints_used=sum(t.hints_before for t in record.turns),
    )


def transcript_document(attempt: Attempt, scenario: Scenario, grade: Grade) -> dict[str, Any]:
    """A self-describing transcript file (`roleplay debrief --format json`)."""
    return {
        "format": TRANSCRIPT_FORMAT,
        "scenario": scenario.id,
        "scenario_version": scenario.version,
        "version_hash": attempt.played_hash,
        "session_id": attempt.record.id if attempt.record else None,
        "trainee": attempt.record.trainee_id if attempt.record else None,
        "scores": grade.scores(),
        "overall": grade.overall,
        "passed": grade.passed,
        "transcript": attempt.transcript.to_json(),
    }


def load_attempt(ref: str, store: ResultStore | None) -> Attempt:
    """A session id from the store, or a transcript JSON file."""
    if ref.isascii() and ref.isdigit():
        if store is None:
            raise UsageError("a session id needs the results database")
        if len(ref) > 18:  # beyond SQLite's integers: no attempt can have this id
            raise NotFoundError(
                f"there is no attempt {ref[:30]}…", "find attempt ids with `roleplay export`"
            )
        record = store.attempt(int(ref))
        return Attempt(
            f"session {record.id}",
            record.scenario_id,
            record.scenario_hash,
            record_transcript(record),
            record,
        )
    path = Path(ref)
    if not path.exists():
        raise NotFoundError(
            f"'{ref}' is neither a session id nor a transcript file",
            "find attempt ids with `roleplay export`",
        )
    try:
        data = json.loads(read_limited(path, MAX_TRANSCRIPT_BYTES, "transcript file").decode())
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        line = getattr(exc, "lineno", 0)
        column = getattr(exc, "colno", 0)
        raise ScenarioError(
            Location(str(path), line, column),
            f"not a transcript file: {exc}",
            "write one with `roleplay debrief SESSION --format json --out FILE`",
            "T001",
        ) from None
    if not isinstance(data, dict) or data.get("format") != TRANSCRIPT_FORMAT:
        raise ScenarioError(
            Location(str(path), 1, 1),
            f'not a transcript file (expected "format": "{TRANSCRIPT_FORMAT}")',
            "write one with `roleplay debrief SESSION --format json --out FILE`",
            "T002",
        )
    try:
        transcript = Transcript.from_json(data["transcript"])
        return Attempt(
            str(path), str(data["scenario"]), str(data.get("version_hash", "")), transcript
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ScenarioError(
            Location(str(path), 1, 1),
            f"transcript file is incomplete: {exc}",
            "regenerate it",
            "T003",
        ) from None


def reanalyze(
    transcript: Transcript, scenario: Scenario, analyze: Analyze = default_analyze
) -> Transcript:
    """The same turns with signals found by the current analyser (facts as revealed then)."""
    turns: list[Turn] = []
    for turn in transcript.turns:
        text = turn.text if turn.command is None else turn.note
        if not text:
            turns.append(turn)
            continue
        context = scenario.reply_context(frozenset(turn.revealed))
        turns.append(replace(turn, analysis=analyze(text, context)))
    return replace(transcript, turns=tuple(turns))


def regrade(
    attempt: Attempt,
    scenario: Scenario,
    *,
    keep_signals: bool = False,
    rulings: Iterable[Dispute] = (),
) -> Regrade:
    """Grade again with the current rubric (and phrasebooks, unless ``keep_signals``);
    upheld ``rulings`` replace the analyser's reading of their turns."""
    from scoring.rubric import grade
    from simulator.results.review import apply_rulings

    if attempt.transcript.lang != scenario.language:
        raise RoleplayError(
            f"{attempt.source} was played in '{attempt.transcript.lang}' but scenario "
            f"'{scenario.id}' is now in '{scenario.language}'"
        )
    transcript = attempt.transcript if keep_signals else reanalyze(attempt.transcript, scenario)
    transcript = apply_rulings(transcript, rulings)
    record = attempt.record
    return Regrade(
        attempt=attempt,
        scenario=scenario,
        transcript=transcript,
        grade=grade(transcript, scenario.rubric_spec()),
        scenario_changed=bool(attempt.played_hash) and attempt.played_hash != scenario.version_hash,
        old_scores=dict(record.scores) if record else {},
        old_overall=record.overall if record else None,
    )
