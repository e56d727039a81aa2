"""One open connection to the results database, whichever engine keeps it.

The store writes its SQL once, with ``?`` placeholders and portable syntax (``INSERT …
ON CONFLICT``, ``RETURNING``), and reads every column by name. This class hides what
still differs: the placeholder style, how a write transaction starts (SQLite's ``BEGIN
IMMEDIATE`` queues writers; PostgreSQL locks the rows it touches), how a read sees one
snapshot, how a large result is streamed, and how the engine's errors become
:class:`~simulator.errors.StoreError` messages.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Protocol

from simulator.errors import StoreError


class Row(Protocol):
    """A result row read by column name (``sqlite3.Row`` or psycopg's dict rows)."""

    def __getitem__(self, key: str, /) -> Any: ...


Translate = Callable[[Exception], StoreError]


@functools.lru_cache(maxsize=256)
def _pyformat(sql: str) -> str:
    if "%" in sql:
        raise ValueError("store SQL must not contain '%'")
    return sql.replace("?", "%s")


class Database:
    """A connection in autocommit mode; :meth:`write` and :meth:`read` make transactions."""

    def __init__(
        self,
        raw: Any,
        *,
        dialect: str,
        label: str,
        errors: tuple[type[Exception], ...],
        translate: Translate,
    ) -> None:
        self.raw = raw
        self.dialect = dialect
        self.label = label  # the file, or the URL without its password: safe to print
        self._errors = errors
        self._translate = translate
        self._depth = 0

    @property
    def postgresql(self) -> bool:
        return self.dialect == "postgresql"

    def _sql(self, sql: str) -> str:
        return _pyformat(sql) if self.postgresql else sql

    @contextlib.contextmanager
    def guarded(self) -> Iterator[None]:
        """Turn the engine's errors raised inside the block into StoreErrors."""
        try:
            yield
        except StoreError:
            raise
        except self._errors as exc:
            raise self._translate(exc) from exc

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        with self.guarded():
            return self.raw.execute(self._sql(sql), tuple(params))

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            return
        with self.guarded():
            if self.postgresql:
                with self.raw.cursor() as cursor:
                    cursor.executemany(self._sql(sql), rows)
            else:
                self.raw.executemany(sql, rows)

    def one(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        with self.guarded():
            row: Row | None = self.execute(sql, params).fetchone()
            return row

    def all(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        with self.guarded():
            return list(self.execute(sql, params).fetchall())

    def value(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """The first column of the first row (the query names it ``value``)."""
        row = self.one(sql, params)
        return None if row is None else row["value"]

    def stream(self, sql: str, params: Sequence[Any] = (), *, size: int = 2000) -> Iterator[Row]:
        """The rows one batch at a time (inside :meth:`read`: a server-side cursor)."""
        with self.guarded():
            if self.postgresql and self._depth:
                cursor = self.raw.cursor(name=f"roleplay_stream_{id(self)}_{self._depth}")
                cursor.itersize = size
            else:
                cursor = self.raw.cursor()
            try:
                cursor.execute(self._sql(sql), tuple(params))
                while batch := cursor.fetchmany(size):
                    yield from batch
            finally:
                cursor.close()

    @contextlib.contextmanager
    def write(self) -> Iterator[Database]:
        """One write transaction. On SQLite it takes the write lock at once, so writers
        queue up (``busy_timeout``) instead of failing half-way."""
        with self._transaction("BEGIN IMMEDIATE" if not self.postgresql else "BEGIN"):
            yield self

    @contextlib.contextmanager
    def read(self) -> Iterator[Database]:
        """One consistent snapshot for several queries (attempts, scores, turns)."""
        first = "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY" if self.postgresql else "BEGIN"
        with self._transaction(first):
            yield self

    @contextlib.contextmanager
    def _transaction(self, begin: str) -> Iterator[None]:
        if self._depth:  # already inside one: it covers this block too
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._depth = 1
        try:
            if self._open_transaction():  # one a Ctrl-C cut short: it never committed
                self._rollback()
            self.execute(begin)
            yield
            self.execute("COMMIT")
        except BaseException:
            self._rollback()
            raise
        finally:
            self._depth = 0

    def _open_transaction(self) -> bool:
        if self.postgresql:
            from psycopg.pq import TransactionStatus

            return bool(self.raw.info.transaction_status != TransactionStatus.IDLE)
        return bool(self.raw.in_transaction)

    def _rollback(self) -> None:
        with contextlib.suppress(Exception):
            self.raw.execute("ROLLBACK")

    def lock_trainee(self, trainee_id: str) -> None:
        """Hold the trainee's row until the transaction ends (numbering their attempts).

        SQLite's ``BEGIN IMMEDIATE`` already lets one writer in at a time."""
        if self.postgresql:
            self.execute("SELECT id FROM trainees WHERE id = ? FOR UPDATE", (trainee_id,))

    @contextlib.contextmanager
    def closing_on_error(self) -> Iterator[Database]:
        """Close the connection if the block fails (opening checks, migrations)."""
        try:
            yield self
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.raw.close()
