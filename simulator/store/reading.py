"""Reading attempts back: filters, one snapshot, and streaming in bounded batches.

Attempts are read in id order a batch at a time; each batch's scores and turns are
fetched with one query each, so memory stays bounded by the batch size whatever the
number of attempts (a server-side cursor on PostgreSQL).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from scoring.transcript import Turn
from simulator.errors import StoreError
from simulator.store.database import Database, Row
from simulator.store.record import ATTEMPT_COLUMNS, AttemptRecord, bound_text, record_from_row

BATCH = 500


@dataclass(frozen=True, slots=True)
class Where:
    """An SQL condition on ``attempts a JOIN trainees t`` and its parameters."""

    sql: str = "1 = 1"
    params: tuple[Any, ...] = ()


def where(
    *,
    trainee_id: str | None = None,
    scenario_id: str | None = None,
    cohort: str | None = None,
    since: datetime | date | None = None,
    until: datetime | date | None = None,
) -> Where:
    """Attempts matching every filter given (``until`` is inclusive)."""
    parts: list[str] = []
    params: list[Any] = []
    for column, value in (
        ("a.trainee_id", trainee_id),
        ("a.scenario_id", scenario_id),
        ("t.cohort", cohort),
    ):
        if value is not None:
            parts.append(f"{column} = ?")
            params.append(value)
    if since is not None:
        parts.append("a.started_at >= ?")
        params.append(bound_text(since, end=False))
    if until is not None:
        inclusive = isinstance(until, datetime)
        parts.append("a.started_at <= ?" if inclusive else "a.started_at < ?")
        params.append(bound_text(until, end=True))
    return Where(" AND ".join(parts) or "1 = 1", tuple(params))


def count(db: Database, condition: Where) -> int:
    return int(
        db.value(
            "SELECT COUNT(*) AS value FROM attempts a JOIN trainees t ON t.id = a.trainee_id "
            f"WHERE {condition.sql}",
            condition.params,
        )
    )


def dimension_names(db: Database, condition: Where) -> list[str]:
    """Every dimension the matching attempts were scored on (unordered)."""
    rows = db.all(
        "SELECT DISTINCT s.dimension AS value FROM scores s JOIN attempts a "
        f"ON a.id = s.attempt_id JOIN trainees t ON t.id = a.trainee_id WHERE {condition.sql}",
        condition.params,
    )
    return [r["value"] for r in rows]


def history(db: Database, condition: Where) -> Iterator[Row]:
    """(id, trainee_id, scenario_id, attempt_no, overall) of the matching attempts."""
    with db.read():
        yield from db.stream(
            "SELECT a.id, a.trainee_id, a.scenario_id, a.attempt_no, a.overall FROM attempts a "
            f"JOIN trainees t ON t.id = a.trainee_id WHERE {condition.sql} ORDER BY a.id",
            condition.params,
        )


def stream_attempts(
    db: Database, condition: Where, *, with_turns: bool, batch: int = BATCH
) -> Iterator[AttemptRecord]:
    """The matching attempts, oldest first, read inside one snapshot."""
    with db.read():
        rows = db.stream(
            f"SELECT {ATTEMPT_COLUMNS} FROM attempts a JOIN trainees t "
            f"ON t.id = a.trainee_id WHERE {condition.sql} ORDER BY a.id",
            condition.params,
            size=batch,
        )
        pending: list[Row] = []
        for row in rows:
            pending.append(row)
            if len(pending) >= batch:
                yield from _records(db, pending, with_turns)
                pending = []
        if pending:
            yield from _records(db, pending, with_turns)


def _records(db: Database, rows: list[Row], with_turns: bool) -> list[AttemptRecord]:
    ids = [int(r["id"]) for r in rows]
    scores = _scores(db, ids)
    turns = _turns(db, {int(r["id"]): r["lang"] for r in rows}) if with_turns else {}
    return [
        record_from_row(r, scores.get(int(r["id"]), {}), turns.get(int(r["id"]), ())) for r in rows
    ]


def _marks(ids: Sequence[int]) -> str:
    return ",".join("?" * len(ids))


def _scores(db: Database, ids: list[int]) -> dict[int, dict[str, tuple[int, float]]]:
    out: dict[int, dict[str, tuple[int, float]]] = {}
    for row in db.all(
        f"SELECT attempt_id, dimension, score, weight FROM scores "
        f"WHERE attempt_id IN ({_marks(ids)}) ORDER BY attempt_id, position",
        ids,
    ):
        out.setdefault(int(row["attempt_id"]), {})[row["dimension"]] = (
            int(row["score"]),
            float(row["weight"]),
        )
    return out


def _turns(db: Database, lang_of: dict[int, str]) -> dict[int, tuple[Turn, ...]]:
    out: dict[int, list[Turn]] = {}
    ids = list(lang_of)
    for row in db.all(
        f"SELECT attempt_id, data FROM turns WHERE attempt_id IN ({_marks(ids)}) "
        "ORDER BY attempt_id, idx",
        ids,
    ):
        attempt_id = int(row["attempt_id"])
        try:
            turn = Turn.from_json(json.loads(row["data"]), lang_of[attempt_id])
        except (ValueError, TypeError, KeyError, AttributeError) as exc:  # altered data
            raise StoreError(
                db.label, f"attempt {attempt_id} has an unreadable turn: {exc}"
            ) from exc
        out.setdefault(attempt_id, []).append(turn)
    return {k: tuple(v) for k, v in out.items()}
