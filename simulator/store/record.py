"""A stored attempt as readers see it, and the UTC time text the store keeps."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from scoring.transcript import Turn


def utc_text(moment: datetime) -> str:
    """An aware datetime as UTC ISO 8601 text that sorts as time does (naive means UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def bound_text(moment: datetime | date, *, end: bool) -> str:
    """A --since/--until bound; a bare date covers the whole day (until is inclusive)."""
    if isinstance(moment, datetime):
        return utc_text(moment)
    start = datetime.combine(moment, time(0), tzinfo=UTC)
    return utc_text(start + timedelta(days=1) if end else start)


@dataclass(frozen=True, slots=True)
class AttemptRecord:
    """One stored attempt. ``scores``/``overall``/``passed`` are None until graded."""

    id: int
    trainee_id: str
    scenario_id: str
    scenario_version: str
    scenario_hash: str
    scenario_title: str
    lang: str
    seed: int
    mode: str
    attempt_no: int
    started_at: datetime
    finished_at: datetime | None
    status: str
    final_state: str | None
    outcome: str | None
    scores: Mapping[str, int]
    overall: int | None
    passed: bool | None
    turns: tuple[Turn, ...] = ()
    display_name: str | None = None
    cohort: str | None = None
    duration_seconds: float | None = None
    opening: str | None = None
    pass_mark: int | None = None
    weights: Mapping[str, float] = field(default_factory=dict)
    turn_count: int = 0
    hints_used: int = 0  # /hint asked for before the trainee's turns
    uuid: str = ""  # minted when the attempt starts: its identity in every store and LRS

    @property
    def complete(self) -> bool:
        return self.status == "complete"

    @property
    def graded(self) -> bool:
        return self.overall is not None


def _maybe(text: str | None) -> str | None:
    return None if text is None else sys.intern(text)


def record_from_row(
    row: Any, scores: dict[str, tuple[int, float]], turns: tuple[Turn, ...]
) -> AttemptRecord:
    """The record of an attempt row read with :data:`ATTEMPT_COLUMNS`.

    Texts that repeat across attempts (ids, titles, states) are interned, so a report
    over 100,000 attempts holds each once.
    """
    return AttemptRecord(
        id=int(row["id"]),
        trainee_id=sys.intern(row["trainee_id"]),
        scenario_id=sys.intern(row["scenario_id"]),
        scenario_version=sys.intern(row["scenario_version"]),
        scenario_hash=sys.intern(row["scenario_hash"]),
        scenario_title=sys.intern(row["scenario_title"]),
        lang=sys.intern(row["lang"]),
        seed=int(row["seed"]),
        mode=sys.intern(row["mode"]),
        attempt_no=int(row["attempt_no"]),
        started_at=datetime.fromisoformat(row["started_at"]),
        finished_at=datetime.fromisoformat(row["finished_at"]) if row["finished_at"] else None,
        status=sys.intern(row["status"]),
        final_state=_maybe(row["final_state"]),
        outcome=_maybe(row["outcome"]),
        scores={k: v[0] for k, v in scores.items()},
        overall=row["overall"],
        passed=None if row["passed"] is None else bool(row["passed"]),
        turns=turns,
        display_name=_maybe(row["display_name"]),
        cohort=_maybe(row["cohort"]),
        duration_seconds=row["duration_seconds"],
        opening=_maybe(row["opening"]),
        pass_mark=row["pass_mark"],
        weights={k: v[1] for k, v in scores.items()},
        turn_count=int(row["turn_count"]),
        hints_used=int(row["hints_used"] or 0),
        uuid=row["uuid"] or "",
    )


ATTEMPT_COLUMNS = (
    "a.id, a.uuid, a.trainee_id, a.scenario_id, a.scenario_version, a.scenario_hash, "
    "a.scenario_title, a.lang, a.seed, a.mode, a.attempt_no, a.started_at, a.finished_at, "
    "a.status, a.final_state, a.outcome, a.overall, a.passed, t.display_name, t.cohort, "
    "a.duration_seconds, a.opening, a.pass_mark, "
    "(SELECT COUNT(*) FROM turns u WHERE u.attempt_id = a.id) AS turn_count, "
    "(SELECT COALESCE(SUM(u.hints_before), 0) FROM turns u WHERE u.attempt_id = a.id) "
    "AS hints_used"
)
