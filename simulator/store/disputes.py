"""Disputes: a trainee questions how one reply was read; a trainer upholds or rejects it.

Kept in the results database (table ``disputes``, schema migration 4) next to the attempt
it is about. A dispute records the turn, the trainee's reason and the labels the analyser
had found; a ruling records the labels the trainer says are right, a note, who ruled and
when. Only upheld rulings change anything: the regrade reads the turn with the trainer's
labels (:mod:`simulator.results.review`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from simulator.errors import StoreError
from simulator.store.database import Database, Row
from simulator.store.record import utc_text
from simulator.store.results_store import ResultStore

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


def _dispute(row: Row) -> Dispute:
    return Dispute(
        id=int(row["id"]),
        attempt_id=int(row["attempt_id"]),
        turn=int(row["turn_idx"]) + 1,
        reason=str(row["reason"]),
        found=_labels(str(row["found"])) or (),
        status=str(row["status"]),
        labels=_labels(None if row["labels"] is None else str(row["labels"])),
        note=None if row["note"] is None else str(row["note"]),
        trainer=None if row["trainer"] is None else str(row["trainer"]),
        created_at=str(row["created_at"]),
        ruled_at=None if row["ruled_at"] is None else str(row["ruled_at"]),
    )


class Disputes:
    """The disputes of one results store."""

    def __init__(self, store: ResultStore) -> None:
        self.store = store

    def file(
        self, attempt_id: int, turn: int, reason: str, found: tuple[str, ...], now: datetime
    ) -> Dispute:
        """Record a dispute about trainee turn ``turn`` (1-based) of an attempt."""
        reason = " ".join(reason.split())
        if not reason:
            raise StoreError(self.store.label, "a dispute needs a reason", 'add --reason "…"')
        with self.store.db.write() as db:
            row = db.one(
                "INSERT INTO disputes (attempt_id, turn_idx, reason, found, created_at) "
                f"VALUES (?, ?, ?, ?, ?) RETURNING {_COLUMNS}",
                (attempt_id, turn - 1, reason[:MAX_REASON], ",".join(found), utc_text(now)),
            )
        if row is None:  # pragma: no cover - RETURNING always gives the new row
            raise StoreError(self.store.label, "the dispute was not recorded")
        return _dispute(row)

    def get(self, dispute_id: int) -> Dispute:
        row = None
        if 0 < dispute_id < 2**63:  # beyond a 64-bit integer no dispute can have the id
            row = self.store.db.one(f"SELECT {_COLUMNS} FROM disputes WHERE id = ?", (dispute_id,))
        if row is None:
            raise StoreError(
                self.store.label, f"there is no dispute {dispute_id}", "list them: roleplay review"
            )
        return _dispute(row)

    def list(self, status: str | None = "open", attempt_id: int | None = None) -> list[Dispute]:
        where: list[str] = []
        params: list[Any] = []
        if status is not None:
            where.append("status = ?")
            params.append(status)
        if attempt_id is not None:
            where.append("attempt_id = ?")
            params.append(attempt_id)
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        rows = self.store.db.all(f"SELECT {_COLUMNS} FROM disputes{clause} ORDER BY id", params)
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
        with self.store.db.write() as db:
            row = db.one(
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
            )
        if row is None:
            done = self.get(dispute_id)
            raise StoreError(
                self.store.label,
                f"dispute {dispute_id} was already {done.status}",
                "a ruling is final; file a new dispute to reopen the question",
            )
        return _dispute(row)

    def counts(self) -> dict[int, tuple[int, int]]:
        """Per attempt id: (disputes filed, disputes upheld) — for exports."""
        rows = self.store.db.all(
            "SELECT attempt_id, COUNT(*) AS filed, "
            "SUM(CASE WHEN status = 'upheld' THEN 1 ELSE 0 END) AS upheld "
            "FROM disputes GROUP BY attempt_id"
        )
        return {int(r["attempt_id"]): (int(r["filed"]), int(r["upheld"] or 0)) for r in rows}


def copy_rows(src: Database, dst: Database, src_attempt: int, dst_attempt: int) -> None:
    """Carry an attempt's disputes to another store (``roleplay db copy``); safe to repeat.

    A dispute is the same one when its turn, reason and filing time match; a ruling made
    in the source since the last copy is carried over to a dispute still open there.
    """
    for r in src.all(
        f"SELECT {_COLUMNS} FROM disputes WHERE attempt_id = ? ORDER BY id", (src_attempt,)
    ):
        same = (dst_attempt, r["turn_idx"], r["reason"], r["created_at"])
        found = dst.one(
            "SELECT id, status FROM disputes "
            "WHERE attempt_id = ? AND turn_idx = ? AND reason = ? AND created_at = ?",
            same,
        )
        if found is None:
            dst.execute(
                "INSERT INTO disputes (attempt_id, turn_idx, reason, found, status, labels, note, "
                "trainer, created_at, ruled_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (dst_attempt, r["turn_idx"], r["reason"], r["found"], r["status"], r["labels"],
                 r["note"], r["trainer"], r["created_at"], r["ruled_at"]),
            )  # fmt: skip
        elif found["status"] == "open" and r["status"] != "open":
            dst.execute(
                "UPDATE disputes SET status = ?, labels = ?, note = ?, trainer = ?, ruled_at = ? "
                "WHERE id = ?",
                (r["status"], r["labels"], r["note"], r["trainer"], r["ruled_at"], found["id"]),
            )
