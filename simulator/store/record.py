"""A stored attempt as readers see it, and the UTC time text the store keeps."""

from __future__ import annotations

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

    @property
    def complete(self) -> bool:
        return self.status == "complete"

    @property
    def graded(self) -> bool:
        return self.overall is not None


def record_from_row(
    row: Any, scores: dict[str, tuple[int, float]], turns: tuple[Turn, ...]
) -> AttemptRecord:
    return AttemptRecord(
        id=row[0],
        trainee_id=row[1],
        scenario_id=row[2],
        scenario_version=row[3],
        scenario_hash=row[4],
        scenario_title=row[5],
        lang=row[6],
        seed=row[7],
        mode=row[8],
        attempt_no=row[9],
        started_at=datetime.fromisoformat(row[10]),
        finished_at=datetime.fromisoformat(row[11]) if row[11] else None,
        status=row[12],
        final_state=row[13],
        outcome=row[14],
        scores={k: v[0] for k, v in scores.items()},
        overall=row[15],
        passed=None if row[16] is None else bool(row[16]),
        turns=turns,
        display_name=row[17],
        cohort=row[18],
        duration_seconds=row[19],
        opening=row[20],
        pass_mark=row[21],
        weights={k: v[1] for k, v in scores.items()},
        turn_count=row[22],
        hints_used=int(row[23] or 0),
    )
