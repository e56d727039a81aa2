"""The results store: trainees, attempts, turns and scores in one SQLite file.

Every write is its own short ``BEGIN IMMEDIATE`` transaction, so a turn is on disk as soon
as it is played (Ctrl-C or a crash leaves a gradable attempt), and several trainees can
share one file: the database runs in WAL mode and writers wait their turn
(``busy_timeout``) instead of failing.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from scoring.grade import Grade
from scoring.transcript import Turn
from simulator.errors import StoreError
from simulator.store.record import AttemptRecord, bound_text, record_from_row, utc_text
from simulator.store.schema import connect, guarded

__all__ = ["AttemptRecord", "ResultStore", "bound_text", "default_path", "utc_text"]

DB_ENV = "ROLEPLAY_DB"
DB_FILENAME = "results.sqlite3"
MAX_TRAINEE_ID = 100


def default_path() -> Path:
    """``$ROLEPLAY_DB``, else ``results.sqlite3`` in the user's data folder."""
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("roleplay", appauthor=False)) / DB_FILENAME


_ATTEMPT_COLUMNS = (
    "a.id, a.trainee_id, a.scenario_id, a.scenario_version, a.scenario_hash, a.scenario_title, "
    "a.lang, a.seed, a.mode, a.attempt_no, a.started_at, a.finished_at, a.status, "
    "a.final_state, a.outcome, a.overall, a.passed, t.display_name, t.cohort, "
    "a.duration_seconds, a.opening, a.pass_mark, "
    "(SELECT COUNT(*) FROM turns u WHERE u.attempt_id = a.id), "
    "(SELECT COALESCE(SUM(json_extract(u.data, '$.hints_before')), 0) FROM turns u "
    "WHERE u.attempt_id = a.id)"
)


class ResultStore:
    """The results database. Open with :meth:`open`; use as a context manager."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self._conn: sqlite3.Connection | None = conn

    @classmethod
    def open(cls, path: str | Path | None = None, *, create: bool = True) -> ResultStore:
        """Open (and with ``create`` make) the store; None means :func:`default_path`.

        ``create=False`` is for readers (export, report): a missing file is an error.
        """
        where = Path(path).expanduser() if path is not None else default_path()
        return cls(where, connect(where, create=create))

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

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
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreError(self.path, "the results store is closed")
        return self._conn

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken at once so concurrent writers queue up."""
        conn = self.conn
        with guarded(self.path):
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    # -- trainees -------------------------------------------------------------------------
    def ensure_trainee(
        self, trainee_id: str, display_name: str | None = None, cohort: str | None = None
    ) -> None:
        """Add the trainee if new; a given name or cohort replaces the stored one."""
        with self._write() as conn:
            self._ensure(conn, trainee_id)
            if display_name is not None:
                conn.execute(
                    "UPDATE trainees SET display_name = ? WHERE id = ?", (display_name, trainee_id)
                )
            if cohort is not None:
                conn.execute("UPDATE trainees SET cohort = ? WHERE id = ?", (cohort, trainee_id))

    def _ensure(self, conn: sqlite3.Connection, trainee_id: str) -> None:
        if not trainee_id or len(trainee_id) > MAX_TRAINEE_ID:
            raise StoreError(self.path, f"invalid trainee id {trainee_id!r}")
        conn.execute(
            "INSERT OR IGNORE INTO trainees (id, created_at) VALUES (?, ?)",
            (trainee_id, utc_text(datetime.now(UTC))),
        )

    def trainees(self, cohort: str | None = None) -> list[tuple[str, str | None, str | None]]:
        """(id, display name, cohort) of every trainee, by id."""
        sql = "SELECT id, display_name, cohort FROM trainees"
        params: tuple[str, ...] = ()
        if cohort is not None:
            sql += " WHERE cohort = ?"
            params = (cohort,)
        with guarded(self.path):
            return [(r[0], r[1], r[2]) for r in self.conn.execute(sql + " ORDER BY id", params)]

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
        """Record a new, incomplete attempt and return its id."""
        with self._write() as conn:
            self._ensure(conn, trainee_id)
            (number,) = conn.execute(
                "SELECT COALESCE(MAX(attempt_no), 0) + 1 FROM attempts "
                "WHERE trainee_id = ? AND scenario_id = ?",
                (trainee_id, scenario_id),
            ).fetchone()
            cursor = conn.execute(
                "INSERT INTO attempts (trainee_id, scenario_id, scenario_version, scenario_hash, "
                "scenario_title, lang, seed, mode, attempt_no, started_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    trainee_id,
                    scenario_id,
                    scenario_version,
                    scenario_hash,
                    scenario_title,
                    lang,
                    seed,
                    mode,
                    number,
                    utc_text(started_at),
                ),
            )
            attempt_id = cursor.lastrowid
        assert attempt_id is not None
        return attempt_id

    def record_opening(self, attempt_id: int, line: str) -> None:
        """Store the customer's first line (there may never be a turn to carry it)."""
        with self._write() as conn:
            self._check(conn, attempt_id)
            conn.execute("UPDATE attempts SET opening = ? WHERE id = ?", (line, attempt_id))

    def record_turn(self, attempt_id: int, turn: Turn) -> None:
        """Store one turn at once; storing the same index again replaces it."""
        with self._write() as conn:
            (lang,) = self._check(conn, attempt_id)
            signals = [s.name for s in turn.analysis.signals] if turn.analysis else []
            conn.execute(
                "INSERT OR REPLACE INTO turns (attempt_id, idx, text, command, response_seconds, "
                "signals, state_before, state_after, mood_after, patience_after, data) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    attempt_id,
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
                ),
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
        with self._write() as conn:
            self._check(conn, attempt_id)
            (started,) = conn.execute(
                "SELECT started_at FROM attempts WHERE id = ?", (attempt_id,)
            ).fetchone()
            wall = (
                datetime.fromisoformat(utc_text(finished_at)) - datetime.fromisoformat(started)
            ).total_seconds()
            (thinking,) = conn.execute(
                "SELECT COALESCE(SUM(response_seconds), 0) FROM turns WHERE attempt_id = ?",
                (attempt_id,),
            ).fetchone()
            # headless plays run faster than the clock: their replies file says how long
            duration = max(wall, float(thinking))
            conn.execute(
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
            self._store_grade(conn, attempt_id, grade)

    def save_grade(self, attempt_id: int, grade: Grade) -> None:
        """Replace the attempt's grade (a regrade after a rubric change, or a replay)."""
        with self._write() as conn:
            self._check(conn, attempt_id)
            self._store_grade(conn, attempt_id, grade)

    def _store_grade(self, conn: sqlite3.Connection, attempt_id: int, grade: Grade) -> None:
        conn.execute(
            "UPDATE attempts SET overall = ?, passed = ?, pass_mark = ? WHERE id = ?",
            (
                grade.overall,
                int(grade.passed) if grade.graded else None,
                grade.pass_mark,
                attempt_id,
            ),
        )
        conn.execute("DELETE FROM scores WHERE attempt_id = ?", (attempt_id,))
        conn.executemany(
            "INSERT INTO scores (attempt_id, position, dimension, score, weight) "
            "VALUES (?, ?, ?, ?, ?)",
            [
                (attempt_id, i, d.name, d.score, d.weight)
                for i, d in enumerate(grade.dimensions)
                if d.score is not None
            ],
        )

    def _check(self, conn: sqlite3.Connection, attempt_id: int) -> tuple[str]:
        row = conn.execute("SELECT lang FROM attempts WHERE id = ?", (attempt_id,)).fetchone()
        if row is None:
            raise StoreError(self.path, f"there is no attempt {attempt_id}")
        return (row[0],)

    # -- reading ------------------------------------------------------------------------------
    def attempt(self, attempt_id: int) -> AttemptRecord:
        found = self._select("a.id = ?", (attempt_id,), with_turns=True)
        if not found:
            raise StoreError(
                self.path,
                f"there is no attempt {attempt_id}",
                "`roleplay export` lists attempt ids; `roleplay debrief --last` shows the latest",
            )
        return found[0]

    def attempts(
        self,
        *,
        trainee_id: str | None = None,
        scenario_id: str | None = None,
        cohort: str | None = None,
        since: datetime | date | None = None,
        until: datetime | date | None = None,
        with_turns: bool = True,
    ) -> list[AttemptRecord]:
        """Attempts matching every filter given, oldest first (``until`` is inclusive)."""
        where: list[str] = []
        params: list[Any] = []
        for column, value in (
            ("a.trainee_id", trainee_id),
            ("a.scenario_id", scenario_id),
            ("t.cohort", cohort),
        ):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        if since is not None:
            where.append("a.started_at >= ?")
            params.append(bound_text(since, end=False))
        if until is not None:
            inclusive = isinstance(until, datetime)
            where.append("a.started_at <= ?" if inclusive else "a.started_at < ?")
            params.append(bound_text(until, end=True))
        return self._select(" AND ".join(where) or "1", tuple(params), with_turns=with_turns)

    def latest_attempt_id(self, trainee_id: str | None = None) -> int | None:
        with guarded(self.path):
            if trainee_id is None:
                row = self.conn.execute("SELECT MAX(id) FROM attempts").fetchone()
            else:
                row = self.conn.execute(
                    "SELECT MAX(id) FROM attempts WHERE trainee_id = ?", (trainee_id,)
                ).fetchone()
        return None if row is None or row[0] is None else int(row[0])

    def previous_attempts(
        self, trainee_id: str, scenario_id: str, before_id: int
    ) -> list[AttemptRecord]:
        """The trainee's earlier attempts at the scenario, oldest first."""
        return self._select(
            "a.trainee_id = ? AND a.scenario_id = ? AND a.id < ?",
            (trainee_id, scenario_id, before_id),
            with_turns=True,
        )

    def count_attempts(self) -> int:
        with guarded(self.path):
            (n,) = self.conn.execute("SELECT COUNT(*) FROM attempts").fetchone()
        return int(n)

    def _select(
        self, where: str, params: Sequence[Any], *, with_turns: bool
    ) -> list[AttemptRecord]:
        with guarded(self.path):
            conn = self.conn
            conn.execute("BEGIN")  # one snapshot for attempts, scores and turns
            try:
                rows = conn.execute(
                    f"SELECT {_ATTEMPT_COLUMNS} FROM attempts a JOIN trainees t "
                    f"ON t.id = a.trainee_id WHERE {where} ORDER BY a.id",
                    tuple(params),
                ).fetchall()
                ids = [r[0] for r in rows]
                scores = self._scores(conn, ids)
                turns = self._turns(conn, rows) if with_turns else {}
            finally:
                conn.execute("COMMIT")
        return [record_from_row(r, scores.get(r[0], {}), turns.get(r[0], ())) for r in rows]

    @staticmethod
    def _scores(
        conn: sqlite3.Connection, ids: list[int]
    ) -> dict[int, dict[str, tuple[int, float]]]:
        out: dict[int, dict[str, tuple[int, float]]] = {}
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            for attempt_id, name, score, weight in conn.execute(
                f"SELECT attempt_id, dimension, score, weight FROM scores "
                f"WHERE attempt_id IN ({marks}) ORDER BY attempt_id, position",
                chunk,
            ):
                out.setdefault(attempt_id, {})[name] = (int(score), float(weight))
        return out

    def _turns(self, conn: sqlite3.Connection, rows: list[Any]) -> dict[int, tuple[Turn, ...]]:
        lang_of = {r[0]: r[6] for r in rows}
        out: dict[int, list[Turn]] = {}
        for chunk in _chunks(list(lang_of)):
            marks = ",".join("?" * len(chunk))
            for attempt_id, data in conn.execute(
                f"SELECT attempt_id, data FROM turns WHERE attempt_id IN ({marks}) "
                "ORDER BY attempt_id, idx",
                chunk,
            ):
                try:
                    turn = Turn.from_json(json.loads(data), lang_of[attempt_id])
                except (ValueError, TypeError, KeyError, AttributeError) as exc:  # altered data
                    raise StoreError(
                        self.path, f"attempt {attempt_id} has an unreadable turn: {exc}"
                    ) from exc
                out.setdefault(attempt_id, []).append(turn)
        return {k: tuple(v) for k, v in out.items()}


def _chunks(ids: list[int], size: int = 500) -> Iterator[list[int]]:
    for i in range(0, len(ids), size):
        yield ids[i : i + size]
