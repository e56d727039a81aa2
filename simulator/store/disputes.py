"""Disputes: a trainee questions how one reply was read; a trainer upholds or rejects it.

Kept in the results database (table ``disputes``, schema migration 2) next to the attempt
it is about. A dispute records the turn, the trainee's reason and the labels the analyser
had found; a ruling records the labels the trainer says are right, a note, who ruled and
when. Only upheld rulings change anything: the regrade reads the turn with the trainer's
labels (:mod:`simulator.results.review`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from simulator.errors import StoreError
from simulator.store.record import utc_text
from simulator.store.results_store import ResultStore
from simulator.store.schema import guarded

STATUSES = ("open", "upheld", "rejected")
MAX_REASON = 500

_COLUMNS = (
    "id, attempt_id, turn_idx, reason, found, status, labels, note, trainer, created_at, ruled_at"
)


@dataclass(frozen=True, slots=True)
class Dispute:
    id: int
    attempt_id: int
    turn: int  # 1-based, as the debrief numbers the trainee's turns
    reason: str
    found: tuple[str, ...]  # the labels the analyser had found when it was filed
    status: str
    labels: tuple[str, ...] | None  # the trainer's labels for the reply, once upheld
    note: str | None
    trainer: str | None
    created_at: str
    ruled_at: str | None

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "session": self.attempt_id,
            "turn": self.turn,
            "reason": self.reason,
            "found": list(self.found),
            "status": self.status,
            "labels": None if self.labels is None else list(self.labels),
            "note": self.note,
            "trainer": self.trainer,
            "created_at": self.created_at,
            "ruled_at": self.ruled_at,
        }


def _labels(text: str | None) -> tuple[str, ...] | None:
    if text is None:
        return None
    return tuple(label for label in text.split(",") if label)


def _dispute(row: sqlite3.Row | tuple[object, ...]) -> Dispute:
    return Dispute(
        id=int(str(row[0])),
        attempt_id=int(str(row[1])),
        turn=int(str(row[2])) + 1,
        reason=str(row[3]),
        found=_labels(str(row[4])) or (),
        status=str(row[5]),
        labels=_labels(None if row[6] is None else str(row[6])),
        note=None if row[7] is None else str(row[7]),
        trainer=None if row[8] is None else str(row[8]),
        created_at=str(row[9]),
        ruled_at=None if row[10] is None else str(row[10]),
    )


class Disputes:
    """The disputes of one results store."""

    def __init__(self, store: ResultStore) -> None:
        self.store = store

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        conn = self.store.conn
        with guarded(self.store.path):
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def file(
        self, attempt_id: int, turn: int, reason: str, found: tuple[str, ...], now: datetime
    ) -> Dispute:
        """Record a dispute about trainee turn ``turn`` (1-based) of an attempt."""
        reason = " ".join(reason.split())
        if not reason:
            raise StoreError(self.store.path, "a dispute needs a reason", 'add --reason "…"')
        with self._write() as conn:
            row = conn.execute(
                "INSERT INTO disputes (attempt_id, turn_idx, reason, found, created_at) "
                f"VALUES (?, ?, ?, ?, ?) RETURNING {_COLUMNS}",
                (attempt_id, turn - 1, reason[:MAX_REASON], ",".join(found), utc_text(now)),
            ).fetchone()
        return _dispute(row)

    def get(self, dispute_id: int) -> Dispute:
        with guarded(self.store.path):
            row = self.store.conn.execute(
                f"SELECT {_COLUMNS} FROM disputes WHERE id = ?", (dispute_id,)
            ).fetchone()
        if row is None:
            raise StoreError(
                self.store.path, f"there is no dispute {dispute_id}", "list them: roleplay review"
            )
        return _dispute(row)

    def list(self, status: str | None = "open", attempt_id: int | None = None) -> list[Dispute]:
        where, params = [], []
        if status is not None:
            where.append("status = ?")
            params.append(status)
        if attempt_id is not None:
            where.append("attempt_id = ?")
            params.append(str(attempt_id))
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        with guarded(self.store.path):
            rows = self.store.conn.execute(
                f"SELECT {_COLUMNS} FROM disputes{clause} ORDER BY id", params
            ).fetchall()
        return [_dispute(r) for r in rows]

    def rule(
        self,
        dispute_id: int,
        status: str,
        now: datetime,
        *,
        labels: tuple[str, ...] | None = None,
        note: str | None = None,
        trainer: str | None = None,
    ) -> Dispute:
        """Uphold (with the right ``labels``) or reject an open dispute."""
        if status not in ("upheld", "rejected"):
            raise ValueError(status)
        with self._write() as conn:
            row = conn.execute(
                "UPDATE disputes SET status = ?, labels = ?, note = ?, trainer = ?, ruled_at = ? "
                f"WHERE id = ? AND status = 'open' RETURNING {_COLUMNS}",
                (
                    status,
                    None if labels is None else ",".join(labels),
                    note,
                    trainer,
                    utc_text(now),
                    dispute_id,
                ),
            ).fetchone()
        if row is None:
            done = self.get(dispute_id)
            raise StoreError(
                self.store.path,
                f"dispute {dispute_id} was already {done.status}",
                "a ruling is final; file a new dispute to reopen the question",
            )
        return _dispute(row)

    def counts(self) -> dict[int, tuple[int, int]]:
        """Per attempt id: (disputes filed, disputes upheld) — for exports."""
        with guarded(self.store.path):
            rows = self.store.conn.execute(
                "SELECT attempt_id, COUNT(*), SUM(status = 'upheld') FROM disputes "
                "GROUP BY attempt_id"
            ).fetchall()
        return {int(r[0]): (int(r[1]), int(r[2] or 0)) for r in rows}
