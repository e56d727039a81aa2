"""The results store: trainees, attempts, turns and scores, in SQLite or PostgreSQL.

Every write is its own short transaction, so a turn is stored as soon as it is played
(Ctrl-C or a crash leaves a gradable attempt), and many trainees can share one store:
an SQLite file in WAL mode where writers queue (``busy_timeout``), or a PostgreSQL
server where starting an attempt locks the trainee's row so attempt numbers never clash.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from scoring.grade import Grade
from scoring.transcript import Turn
from simulator.engine.clock import Clock, SystemClock
from simulator.errors import StoreError
from simulator.store import reading
from simulator.store.database import Database, Row
from simulator.store.reading import Where, stream_attempts, where
from simulator.store.record import AttemptRecord, bound_text, utc_text
from simulator.store.target import DB_ENV, Target, default_path, parse_target

__all__ = [
    "DB_ENV",
    "AttemptRecord",
    "ResultStore",
    "bound_text",
    "default_path",
    "utc_text",
]

MAX_TRAINEE_ID = 100


def turn_cells(turn: Turn, lang: str) -> tuple[Any, ...]:
    """A turn's cells in :attr:`ResultStore._TURN_COLUMNS` order."""
    signals = [s.name for s in turn.analysis.signals] if turn.analysis else []
    return (
        turn.index,
        turn.text,
        turn.command,
        turn.response_seconds,
        json.dumps(signals),
        turn.state_before,
        turn.state_after,
        turn.mood_after,
        turn.patience_after,
        json.dumps(turn.to_json(lang), ensure_ascii=False),
        turn.hints_before,
    )


class ResultStore:
    """The results database. Open with :meth:`open`; use as a context manager."""

    def __init__(self, target: Target, db: Database, clock: Clock | None = None) -> None:
        self.target = target
        self._db: Database | None = db
        self.clock: Clock = clock or SystemClock()

    @classmethod
    def open(
        cls, where: str | Path | None = None, *, create: bool = True, clock: Clock | None = None
    ) -> ResultStore:
        """Open (and with ``create`` make) the store ``--db`` names; None: the default.

        ``create=False`` is for readers (export, report): a missing store is an error.
        """
        target = parse_target(where)
        return cls(target, target.open(create=create), clock)

    @property
    def path(self) -> Path | None:
        """The SQLite file, or None for a PostgreSQL store."""
        return self.target.path

    @property
    def label(self) -> str:
        """What messages call the store (a PostgreSQL URL without its password)."""
        return self.target.label

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self) -> ResultStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def db(self) -> Database:
        if self._db is None:
            raise StoreError(self.label, "the results store is closed")
        return self._db

    @property
    def conn(self) -> Any:
        """The engine's own connection (sqlite3 or psycopg), for checks and tests."""
        return self.db.raw

    # -- trainees -------------------------------------------------------------------------
    def ensure_trainee(
        self, trainee_id: str, display_name: str | None = None, cohort: str | None = None
    ) -> None:
        """Add the trainee if new; a given name or cohort replaces the stored one."""
        with self.db.write() as db:
            self._ensure(db, trainee_id)
            if display_name is not None:
                db.execute(
                    "UPDATE trainees SET display_name = ? WHERE id = ?", (display_name, trainee_id)
                )
            if cohort is not None:
                db.execute("UPDATE trainees SET cohort = ? WHERE id = ?", (cohort, trainee_id))

    def _ensure(self, db: Database, trainee_id: str) -> None:
        if not trainee_id or len(trainee_id) > MAX_TRAINEE_ID:
            raise StoreError(self.label, f"invalid trainee id {trainee_id!r}")
        db.execute(
            "INSERT INTO trainees (id, created_at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING",
            (trainee_id, utc_text(self.clock.now())),
        )

    def trainees(self, cohort: str | None = None) -> list[tuple[str, str | None, str | None]]:
        """(id, display name, cohort) of every trainee, by id."""
        sql = "SELECT id, display_name, cohort FROM trainees"
        params: tuple[str, ...] = ()
        if cohort is not None:
            sql += " WHERE cohort = ?"
            params = (cohort,)
        rows = self.db.all(sql + " ORDER BY id", params)
        return [(r["id"], r["display_name"], r["cohort"]) for r in rows]

    # -- writing an attempt -----------------------------------------------------------------
    def start_attempt(
        self,
        *,
        trainee_id: str,
        scenario_id: str,
        scenario_version: str,
        scenario_hash: str,
        scenario_title: str,
        lang: str,
        seed: int,
        mode: str,
        started_at: datetime,
    ) -> int:
        """Record a new, incomplete attempt with a fresh UUID and return its id."""
        with self.db.write() as db:
            return self._insert_attempt(
                db,
                {
                    "uuid": str(uuid.uuid4()),
                    "trainee_id": trainee_id,
                    "scenario_id": scenario_id,
                    "scenario_version": scenario_version,
                    "scenario_hash": scenario_hash,
                    "scenario_title": scenario_title,
                    "lang": lang,
                    "seed": seed,
                    "mode": mode,
                    "started_at": utc_text(started_at),
                },
            )

    def _insert_attempt(self, db: Database, values: dict[str, Any]) -> int:
        """Insert an attempt numbered after the trainee's others (caller's transaction)."""
        trainee_id = values["trainee_id"]
        self._ensure(db, trainee_id)
        db.lock_trainee(trainee_id)
        values["attempt_no"] = db.value(
            "SELECT COALESCE(MAX(attempt_no), 0) + 1 AS value FROM attempts "
            "WHERE trainee_id = ? AND scenario_id = ?",
            (trainee_id, values["scenario_id"]),
        )
        names = ", ".join(values)
        marks = ", ".join("?" * len(values))
        row = db.one(
            f"INSERT INTO attempts ({names}) VALUES ({marks}) RETURNING id",
            tuple(values.values()),
        )
        assert row is not None
        return int(row["id"])

    def record_opening(self, attempt_id: int, line: str) -> None:
        """Store the customer's first line (there may never be a turn to carry it)."""
        with self.db.write() as db:
            self._check(db, attempt_id)
            db.execute("UPDATE attempts SET opening = ? WHERE id = ?", (line, attempt_id))

    def record_turn(self, attempt_id: int, turn: Turn) -> None:
        """Store one turn at once; storing the same index again replaces it."""
        with self.db.write() as db:
            lang = self._check(db, attempt_id)
            self._put_turn(db, attempt_id, turn_cells(turn, lang))

    _TURN_COLUMNS = (
        "idx",
        "text",
        "command",
        "response_seconds",
        "signals",
        "state_before",
        "state_after",
        "mood_after",
        "patience_after",
        "data",
        "hints_before",
    )

    def _put_turn(self, db: Database, attempt_id: int, cells: tuple[Any, ...]) -> None:
        names = ", ".join(self._TURN_COLUMNS)
        updates = ", ".join(f"{c} = excluded.{c}" for c in self._TURN_COLUMNS[1:])
        db.execute(
            f"INSERT INTO turns (attempt_id, {names}) VALUES (?{', ?' * len(cells)}) "
            f"ON CONFLICT (attempt_id, idx) DO UPDATE SET {updates}",
            (attempt_id, *cells),
        )

    def finish_attempt(
        self,
        attempt_id: int,
        *,
        finished_at: datetime,
        final_state: str,
        outcome: str | None,
        grade: Grade,
    ) -> None:
        """Close the attempt with its grade; without an outcome it stays 'incomplete'."""
        with self.db.write() as db:
            self._check(db, attempt_id)
            started = db.value(
                "SELECT started_at AS value FROM attempts WHERE id = ?", (attempt_id,)
            )
            wall = (
                datetime.fromisoformat(utc_text(finished_at)) - datetime.fromisoformat(started)
            ).total_seconds()
            thinking = db.value(
                "SELECT COALESCE(SUM(response_seconds), 0) AS value FROM turns "
                "WHERE attempt_id = ?",
                (attempt_id,),
            )
            # headless plays run faster than the clock: their replies file says how long
            duration = max(wall, float(thinking))
            db.execute(
                "UPDATE attempts SET finished_at = ?, duration_seconds = ?, status = ?, "
                "final_state = ?, outcome = ? WHERE id = ?",
                (
                    utc_text(finished_at),
                    duration,
                    "complete" if outcome is not None else "incomplete",
                    final_state,
                    outcome,
                    attempt_id,
                ),
            )
            self._store_grade(db, attempt_id, grade)

    def save_grade(self, attempt_id: int, grade: Grade) -> None:
        """Replace the attempt's grade (a regrade after a rubric change, or a replay)."""
        with self.db.write() as db:
            self._check(db, attempt_id)
            self._store_grade(db, attempt_id, grade)

    def _store_grade(self, db: Database, attempt_id: int, grade: Grade) -> None:
        self._put_scores(
            db,
            attempt_id,
            (grade.overall, int(grade.passed) if grade.graded else None, grade.pass_mark),
            [(d.name, d.score, d.weight) for d in grade.dimensions if d.score is not None],
        )

    @staticmethod
    def _put_scores(
        db: Database,
        attempt_id: int,
        summary: tuple[int | None, int | None, int | None],
        dimensions: Iterable[tuple[str, int, float]],
    ) -> None:
        db.execute(
            "UPDATE attempts SET overall = ?, passed = ?, pass_mark = ? WHERE id = ?",
            (*summary, attempt_id),
        )
        db.execute("DELETE FROM scores WHERE attempt_id = ?", (attempt_id,))
        db.executemany(
            "INSERT INTO scores (attempt_id, position, dimension, score, weight) "
            "VALUES (?, ?, ?, ?, ?)",
            [(attempt_id, i, *d) for i, d in enumerate(dimensions)],
        )

    def _check(self, db: Database, attempt_id: int) -> str:
        """The attempt's language; a StoreError if there is no such attempt."""
        row = db.one("SELECT lang FROM attempts WHERE id = ?", (attempt_id,))
        if row is None:
            raise StoreError(self.label, f"there is no attempt {attempt_id}")
        return str(row["lang"])

    # -- reading ------------------------------------------------------------------------------
    def attempt(self, attempt_id: int) -> AttemptRecord:
        found = list(stream_attempts(self.db, Where("a.id = ?", (attempt_id,)), with_turns=True))
        if not found:
            raise StoreError(
                self.label,
                f"there is no attempt {attempt_id}",
                "`roleplay export` lists attempt ids; `roleplay debrief --last` shows the latest",
            )
        return found[0]

    def attempts(self, *, with_turns: bool = True, **filters: Any) -> list[AttemptRecord]:
        """Attempts matching every filter given, oldest first (``until`` is inclusive).

        The filters are :func:`~simulator.store.reading.where`'s: ``trainee_id``,
        ``scenario_id``, ``cohort``, ``since`` and ``until``.
        """
        return list(self.iter_attempts(with_turns=with_turns, **filters))

    def iter_attempts(
        self,
        *,
        trainee_id: str | None = None,
        scenario_id: str | None = None,
        cohort: str | None = None,
        since: datetime | date | None = None,
        until: datetime | date | None = None,
        with_turns: bool = True,
    ) -> Iterator[AttemptRecord]:
        """Like :meth:`attempts`, read a batch at a time (bounded memory)."""
        condition = where(
            trainee_id=trainee_id, scenario_id=scenario_id, cohort=cohort, since=since, until=until
        )
        return stream_attempts(self.db, condition, with_turns=with_turns)

    def matching(self, **filters: Any) -> Where:
        """The condition :meth:`iter_attempts` uses for these filters (for the readers below)."""
        return where(**filters)

    def count_matching(self, condition: Where) -> int:
        return reading.count(self.db, condition)

    def dimension_names(self, condition: Where) -> list[str]:
        return reading.dimension_names(self.db, condition)

    def history(self, condition: Where) -> Iterator[Row]:
        """Light rows (id, trainee, scenario, number, overall), a batch at a time."""
        return reading.history(self.db, condition)

    def latest_attempt_id(self, trainee_id: str | None = None) -> int | None:
        if trainee_id is None:
            found = self.db.value("SELECT MAX(id) AS value FROM attempts")
        else:
            found = self.db.value(
                "SELECT MAX(id) AS value FROM attempts WHERE trainee_id = ?", (trainee_id,)
            )
        return None if found is None else int(found)

    def previous_attempts(
        self, trainee_id: str, scenario_id: str, before_id: int
    ) -> list[AttemptRecord]:
        """The trainee's earlier attempts at the scenario, oldest first."""
        condition = Where(
            "a.trainee_id = ? AND a.scenario_id = ? AND a.id < ?",
            (trainee_id, scenario_id, before_id),
        )
        return list(stream_attempts(self.db, condition, with_turns=True))

    def count_attempts(self) -> int:
        return int(self.db.value("SELECT COUNT(*) AS value FROM attempts"))
