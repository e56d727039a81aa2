"""Copying results between stores (SQLite ↔ PostgreSQL), e.g. a laptop that played offline.

Attempts are matched by their UUID, so copying again adds nothing twice: an attempt the
destination lacks is added (numbered after the trainee's attempts there), one that has
moved on since the last copy (more turns, finished, regraded) is brought up to date, and
the rest are left alone. Trainees' names and cohorts fill in what the destination does
not know yet; what the store recorded as sent to an LRS, and the attempts' disputes and
rulings, come along too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from simulator.store import disputes, ledger
from simulator.store.database import Database
from simulator.store.reading import Where, stream_attempts
from simulator.store.record import AttemptRecord, utc_text
from simulator.store.results_store import ResultStore, turn_cells


@dataclass(frozen=True, slots=True)
class CopyResult:
    attempts: int
    added: int
    updated: int
    unchanged: int


def _state(a: AttemptRecord) -> tuple[Any, ...]:
    """What a copy must carry over when it changed."""
    return (
        a.status,
        a.finished_at,
        a.final_state,
        a.outcome,
        a.opening,
        a.overall,
        a.passed,
        a.pass_mark,
        tuple(a.scores.items()),
        a.turn_count,
    )


def copy_results(
    src: ResultStore, dst: ResultStore, *, advance: Callable[[], None] | None = None
) -> CopyResult:
    """Copy every attempt of ``src`` into ``dst``; safe to run again."""
    for trainee_id, name, cohort in src.trainees():
        with dst.db.write() as db:
            dst._ensure(db, trainee_id)
            db.execute(
                "UPDATE trainees SET display_name = COALESCE(display_name, ?), "
                "cohort = COALESCE(cohort, ?) WHERE id = ?",
                (name, cohort, trainee_id),
            )
    total = added = updated = 0
    for a in src.iter_attempts(with_turns=True):
        total += 1
        found = list(stream_attempts(dst.db, Where("a.uuid = ?", (a.uuid,)), with_turns=False))
        if found and _state(found[0]) == _state(a):
            with dst.db.write() as db:
                ledger.copy_rows(src.db, db, a.uuid)
                disputes.copy_rows(src.db, db, a.id, found[0].id)
        else:
            with dst.db.write() as db:
                if found:
                    attempt_id = found[0].id
                    updated += 1
                else:
                    attempt_id = _add(dst, db, a)
                    added += 1
                _update(dst, db, attempt_id, a)
                ledger.copy_rows(src.db, db, a.uuid)
                disputes.copy_rows(src.db, db, a.id, attempt_id)
        if advance is not None:
            advance()
    return CopyResult(total, added, updated, total - added - updated)


def _add(dst: ResultStore, db: Database, a: AttemptRecord) -> int:
    return dst._insert_attempt(
        db,
        {
            "uuid": a.uuid,
            "trainee_id": a.trainee_id,
            "scenario_id": a.scenario_id,
            "scenario_version": a.scenario_version,
            "scenario_hash": a.scenario_hash,
            "scenario_title": a.scenario_title,
            "lang": a.lang,
            "seed": a.seed,
            "mode": a.mode,
            "started_at": utc_text(a.started_at),
        },
    )


def _update(dst: ResultStore, db: Database, attempt_id: int, a: AttemptRecord) -> None:
    db.execute(
        "UPDATE attempts SET finished_at = ?, duration_seconds = ?, status = ?, "
        "final_state = ?, outcome = ?, opening = ? WHERE id = ?",
        (
            utc_text(a.finished_at) if a.finished_at else None,
            a.duration_seconds,
            a.status,
            a.final_state,
            a.outcome,
            a.opening,
            attempt_id,
        ),
    )
    for turn in a.turns:
        dst._put_turn(db, attempt_id, turn_cells(turn, a.lang))
    dst._put_scores(
        db,
        attempt_id,
        (a.overall, None if a.passed is None else int(a.passed), a.pass_mark),
        [(name, score, a.weights.get(name, 0.0)) for name, score in a.scores.items()],
    )
